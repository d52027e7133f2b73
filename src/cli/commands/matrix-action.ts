// `hubspoke matrix`: the work, imported only when the command runs (options and help are in matrix.ts).
import type { Command } from "commander";
import type { CostMatrix, ServiceNetwork, Site } from "../../model/types.js";
import { matrixToCsv, toCsv } from "../../io/write-csv.js";
import { addModeOptions, loadModes, type ModeFlags, type ModeSpec, parseModeSpecs, PRIMARY_MODE } from "../modes.js";
import { osrmProvider } from "../../io/osrm-provider.js";
import { readOdTable } from "../../io/node/index.js";
import { OD_TABLE_FORMATS, type OdTableFormat } from "../../io/parse-od-table.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { progressFor } from "../progress.js";
import { CliInputError } from "../errors.js";
import { localMatrix, type Snapping } from "../engines.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { ENGINES as engines } from "./matrix.js";

export interface MatrixFlags extends CommonFlags, ModeFlags {
  engine: string;
  to: string;
  osrmUrl?: string;
  profile?: string;
  batchSize?: string;
  timeoutMs?: string;
  retries?: string;
  table?: string;
  tableFormat?: string;
  layout: string;
  precision: string;
}


export function siteSelection(network: ServiceNetwork, to: string): Site[] {
  const open = network.sites.filter((s) => s.status === "open");
  const pick = to === "all" ? open : to === "hubs" ? open.filter((s) => s.kind === "hub") : to === "spokes" ? open.filter((s) => s.kind === "spoke") : to === "candidates" ? open.filter((s) => s.kind === "candidate") : undefined;
  if (pick === undefined) throw new CliInputError(`--to must be hubs, spokes, candidates or all (got "${to}").`);
  if (pick.length === 0) throw new CliInputError(`--to ${to}: the network has no open ${to}.`);
  return pick;
}

/** Zones and sites the road engine could not place, for JSON (`unsnapped`, `islands`), stderr and a second CSV. */
interface SnapReport {
  readonly unsnapped: readonly string[];
  readonly islands: readonly string[];
  readonly rows: readonly { id: string; role: string; problem: string }[];
}

function snapReport(snapping: Snapping | undefined, zoneIds: ReadonlySet<string>): SnapReport | null {
  if (snapping === undefined) return null;
  const role = (id: string) => (zoneIds.has(id) ? "zone" : "site");
  const rows = [
    ...snapping.unsnapped.map((id) => ({ id, role: role(id), problem: `unsnapped: farther than ${snapping.maxSnapMetres} m from any road; its minutes are empty (unreachable)` })),
    ...snapping.islands.map((id) => ({ id, role: role(id), problem: "island: on roads not connected to the main network; its minutes may be empty or long" })),
  ];
  return { unsnapped: snapping.unsnapped, islands: snapping.islands, rows };
}

/** One line per problem kind on stderr (ids listed, at most 20 of them), and where the full list is. */
function snapNotes(report: SnapReport | null, out: string | undefined): string[] {
  if (report === null || report.rows.length === 0) return [];
  const list = (ids: readonly string[]) => `${ids.slice(0, 20).join(", ")}${ids.length > 20 ? ` and ${ids.length - 20} more` : ""}`;
  const notes: string[] = [];
  if (report.unsnapped.length > 0) notes.push(`warning: ${report.unsnapped.length} zone(s) or site(s) are farther than the snapping distance from any road; their minutes are empty (unreachable): ${list(report.unsnapped)}`);
  if (report.islands.length > 0) notes.push(`warning: ${report.islands.length} zone(s) or site(s) snapped to roads not connected to the main network: ${list(report.islands)}`);
  if (out !== undefined && out !== "-") notes.push(`the full list is in ${unsnappedPath(out)}`);
  return notes;
}

/** `matrix.csv` → `matrix.unsnapped.csv`, beside it. */
export function unsnappedPath(out: string): string {
  return /\.[^./\\]+$/.test(out) ? out.replace(/\.[^./\\]+$/, ".unsnapped.csv") : `${out}.unsnapped.csv`;
}

/**
 * The car matrix and each `--mode` table's minutes for the same zones and sites, side by side:
 * long CSV `mode,origin,destination,minutes`, JSON `[{ mode, origins, destinations, minutes, provenance }]`.
 */
async function finishModes(io: CliIo, flags: MatrixFlags, car: CostMatrix, specs: readonly ModeSpec[], snap: SnapReport | null, known: { origins: readonly string[]; destinations: readonly string[] } | undefined): Promise<void> {
  if (specs.some((s) => s.name === PRIMARY_MODE)) throw new CliInputError('matrix: car comes from --engine; for a car table use --engine table --table FILE --table-format FORMAT.');
  if (flags.layout !== "long") throw new CliInputError("matrix: with --mode, the CSV layout is long (mode,origin,destination,minutes).");
  const ids = { origins: [...car.origins], destinations: [...car.destinations] };
  // index-only formats (osrm, openrouteservice, valhalla) are read as these zones × these sites
  const providers = await loadModes(specs, { zones: ids.origins.map((id) => ({ id })), sites: ids.destinations.map((id) => ({ id })) } as unknown as ServiceNetwork, known);
  const matrices: { mode: string; matrix: CostMatrix }[] = [{ mode: PRIMARY_MODE, matrix: car }];
  for (const [mode, p] of providers) matrices.push({ mode, matrix: p.travelTimes(ids.origins, ids.destinations) });
  const rows = () =>
    matrices.flatMap(({ mode, matrix }) => {
      const n = matrix.destinations.length;
      return matrix.origins.flatMap((o, i) => matrix.destinations.map((d, j) => ({ mode, origin: o, destination: d, minutes: matrix.minutes[i * n + j] })));
    });
  await finish("matrix", io, flags, {
    rows,
    csv: () => toCsv(rows()),
    json: () => matrices.map(({ mode, matrix }) => ({ mode, origins: matrix.origins, destinations: matrix.destinations, minutes: matrix.minutes, provenance: matrix.provenance ?? null, ...(mode === PRIMARY_MODE ? snapJson(snap) : {}) })),
    ...snapOutputs(snap, flags.out),
  }, "csv");
}

/** `unsnapped` and `islands` in JSON: lists for the road and straight-line engines, null when another engine placed points itself. */
function snapJson(snap: SnapReport | null): { unsnapped: readonly string[] | null; islands: readonly string[] | null } {
  return snap === null ? { unsnapped: null, islands: null } : { unsnapped: snap.unsnapped, islands: snap.islands };
}

function snapOutputs(snap: SnapReport | null, out: string | undefined): { notes: () => string[]; files: () => { path: string; text: string }[] } {
  return {
    notes: () => snapNotes(snap, out),
    files: () => (snap === null || snap.rows.length === 0 || out === undefined || out === "-" ? [] : [{ path: unsnappedPath(out), text: toCsv(snap.rows) }]),
  };
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliInputError(`${name} must be a whole number (got "${v}").`);
  return n;
}

/** Run `hubspoke matrix` (loaded only when the command runs; options are in matrix.ts). */
export async function runMatrix(io: CliIo, bundled: BundledLoader | undefined, flags: MatrixFlags): Promise<void> {
  if (!engines.includes(flags.engine)) throw new CliInputError(`matrix: --engine must be one of ${engines.join(", ")} (got "${flags.engine}").`);
  const precision = Number(flags.precision);
  if (!Number.isInteger(precision) || precision < 0 || precision > 10) throw new CliInputError(`matrix: --precision must be a whole number of decimal places from 0 to 10 (got "${flags.precision}").`);
  if (flags.layout !== "long" && flags.layout !== "wide") throw new CliInputError(`matrix: --layout must be long or wide (got "${flags.layout}").`);
  let matrix: CostMatrix;
  let snapping: Snapping | undefined;
  let zoneIds = new Set<string>();
  let known: { origins: string[]; destinations: string[] } | undefined;
  const knownOf = (n: ServiceNetwork) => ({ origins: n.zones.map((z) => z.id), destinations: n.sites.map((s) => s.id) });
  if (flags.engine === "table") {
    if (flags.table === undefined || flags.tableFormat === undefined) throw new CliInputError("matrix: engine table needs --table <file> and --table-format <format>.");
    if (!(OD_TABLE_FORMATS as readonly string[]).includes(flags.tableFormat)) throw new CliInputError(`matrix: --table-format must be one of ${OD_TABLE_FORMATS.join(", ")} (got "${flags.tableFormat}").`);
    const hasNetwork = flags.network !== undefined || flags.sites !== undefined;
    const network = hasNetwork ? await loadNetwork(flags, bundled, { rates: false }) : undefined;
    if (network !== undefined) known = knownOf(network);
    const ids = network === undefined ? {} : { origins: network.zones.map((z) => z.id), destinations: siteSelection(network, flags.to).map((s) => s.id) };
    const byFile = ["r5r", "traveltime"].includes(flags.tableFormat);
    // long tables carry their own ids: with a network, a row for an unknown zone or site is an error
    const allowed = known === undefined ? {} : { knownOrigins: known.origins, knownDestinations: known.destinations };
    matrix = await readOdTable(flags.table, { format: flags.tableFormat as OdTableFormat, ...(byFile ? allowed : ids) });
  } else {
    const network = await loadNetwork(flags, bundled, { rates: false });
    known = knownOf(network);
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
        const local = await localMatrix(network, destinations, flags.engine, progress);
        matrix = local;
        snapping = local.snapping ?? { unsnapped: [], islands: [], maxSnapMetres: 0 };
        zoneIds = new Set(network.zones.map((z) => z.id));
      } finally {
        progress.stop();
      }
    }
  }
  const snap = snapReport(snapping, zoneIds);
  const specs = parseModeSpecs(flags.mode);
  if (specs.length > 0) {
    await finishModes(io, flags, matrix, specs, snap, known);
    return;
  }
  const cols = matrix.destinations.length;
  await finish("matrix", io, flags, {
    csv: ({ bom }) => matrixToCsv(matrix, { layout: flags.layout as "long" | "wide", bom, precision }),
    rows: () => matrix.origins.map((o, i) => Object.fromEntries([["origin", o], ...matrix.destinations.map((d, j) => [d, matrix.minutes[i * cols + j]])])),
    json: () => ({ origins: matrix.origins, destinations: matrix.destinations, minutes: matrix.minutes, provenance: matrix.provenance ?? null, ...snapJson(snap) }),
    ...snapOutputs(snap, flags.out),
  }, "csv");
}
