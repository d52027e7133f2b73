// `hubspoke matrix`: the work, loaded only when the command runs (see matrix.ts).
import type { CostMatrix, ServiceNetwork, Site } from "../../model/types.js";
import { matrixToCsv } from "../../io/write-csv.js";
import { osrmProvider } from "../../io/osrm-provider.js";
import { readOdTable } from "../../io/node/index.js";
import { OD_TABLE_FORMATS, type OdTableFormat } from "../../io/parse-od-table.js";
import { type CliIo, type CommonFlags, finish } from "../context.js";
import { MATRIX_ENGINES as engines, type MatrixFlags } from "./matrix.js";
import { progressFor } from "../progress.js";
import { CliInputError } from "../errors.js";
import { localMatrix } from "../engines.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";

export function siteSelection(network: ServiceNetwork, to: string): Site[] {
  const open = network.sites.filter((s) => s.status === "open");
  const pick = to === "all" ? open : to === "hubs" ? open.filter((s) => s.kind === "hub") : to === "spokes" ? open.filter((s) => s.kind === "spoke") : to === "candidates" ? open.filter((s) => s.kind === "candidate") : undefined;
  if (pick === undefined) throw new CliInputError(`--to must be hubs, spokes, candidates or all (got "${to}").`);
  if (pick.length === 0) throw new CliInputError(`--to ${to}: the network has no open ${to}.`);
  return pick;
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliInputError(`${name} must be a whole number (got "${v}").`);
  return n;
}

export async function runMatrix(io: CliIo, bundled: BundledLoader | undefined, flags: MatrixFlags): Promise<void> {
  if (!engines.includes(flags.engine)) throw new CliInputError(`matrix: --engine must be one of ${engines.join(", ")} (got "${flags.engine}").`);
  if (flags.layout !== "long" && flags.layout !== "wide") throw new CliInputError(`matrix: --layout must be long or wide (got "${flags.layout}").`);
  let matrix: CostMatrix;
  if (flags.engine === "table") {
    if (flags.table === undefined || flags.tableFormat === undefined) throw new CliInputError("matrix: engine table needs --table <file> and --table-format <format>.");
    if (!(OD_TABLE_FORMATS as readonly string[]).includes(flags.tableFormat)) throw new CliInputError(`matrix: --table-format must be one of ${OD_TABLE_FORMATS.join(", ")} (got "${flags.tableFormat}").`);
    const hasNetwork = flags.network !== undefined || flags.sites !== undefined;
    const network = hasNetwork ? await loadNetwork(flags, bundled) : undefined;
    const ids = network === undefined ? {} : { origins: network.zones.map((z) => z.id), destinations: siteSelection(network, flags.to).map((s) => s.id) };
    matrix = await readOdTable(flags.table, { format: flags.tableFormat as OdTableFormat, ...(["r5r", "traveltime"].includes(flags.tableFormat) ? {} : ids) });
  } else {
    const network = await loadNetwork(flags, bundled);
    const destinations = siteSelection(network, flags.to);
    if (flags.engine === "osrm") {
      if (flags.osrmUrl === undefined) throw new CliInputError("matrix: engine osrm needs --osrm-url <url>.");
      const provider = osrmProvider({
        url: flags.osrmUrl,
        profile: flags.profile ?? "driving",
        batchSize: int("--batch-size", flags.batchSize) ?? 50,
        timeoutMs: int("--timeout-ms", flags.timeoutMs) ?? 30_000,
        retries: int("--retries", flags.retries) ?? 2,
      });
      const progress = progressFor("OSRM table", flags);
      try {
        matrix = await provider.travelTimes(network.zones, destinations, { onProgress: (d, t) => progress.update(d, t) });
      } finally {
        progress.stop();
      }
    } else {
      const progress = progressFor("Travel times", flags);
      try {
        matrix = await localMatrix(network, destinations, flags.engine, progress);
      } finally {
        progress.stop();
      }
    }
  }
  const cols = matrix.destinations.length;
  await finish("matrix", io, flags, {
    csv: () => matrixToCsv(matrix, { layout: flags.layout as "long" | "wide" }),
    rows: () => matrix.origins.map((o, i) => Object.fromEntries([["origin", o], ...matrix.destinations.map((d, j) => [d, matrix.minutes[i * cols + j]])])),
    json: () => ({ origins: matrix.origins, destinations: matrix.destinations, minutes: matrix.minutes, provenance: matrix.provenance ?? null }),
  }, "csv");
}
