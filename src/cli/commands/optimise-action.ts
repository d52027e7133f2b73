// `hubspoke optimise`: the work, imported only when the command runs (options and help are in optimise.ts).
import type { Command } from "commander";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { toCsv } from "../../io/write-csv.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import type { CostMatrix, ServiceNetwork, Site } from "../../model/types.js";
import { maximalCoverage, pCenter, pMedian, setCover } from "../../optimise/index.js";
import type { SiteSelectionResult } from "../../optimise/index.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { progressFor } from "../progress.js";
import { localMatrix } from "../engines.js";
import { CliInputError, nameTheFlag } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { METHODS } from "./optimise.js";

export interface OptimiseFlags extends CommonFlags {
  method: string;
  p?: string;
  sweep?: string;
  coverMinutes?: string;
  among: string;
  fixed?: string;
  exclude?: string;
  seed: string;
  engine: string;
  timeLimitMs?: string;
  allowUnreachable?: boolean;
}

/** What each method's objective measures, in words with its unit. */
const OBJECTIVE: Record<string, string> = {
  "p-median": "person-minutes (population × minutes to the nearest chosen site)",
  "p-center": "longest trip, minutes",
  mclp: "covered population, people",
  lscp: "sites needed",
};


function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliInputError(`optimise: ${name} must be a whole number ≥ 1 (got "${v}").`);
  return n;
}

function candidatesOf(network: ServiceNetwork, among: string): Site[] {
  const open = network.sites.filter((s) => s.status === "open" || s.kind === "candidate");
  const kinds = among.split("+").map((k) => k.trim());
  for (const k of kinds) if (!["hubs", "spokes", "candidates", "all"].includes(k)) throw new CliInputError(`optimise: --among takes hubs, spokes, candidates or all, joined by + (got "${among}").`);
  const pick = kinds.includes("all") ? open : open.filter((s) => (s.kind === "hub" && kinds.includes("hubs")) || (s.kind === "spoke" && kinds.includes("spokes")) || (s.kind === "candidate" && kinds.includes("candidates")));
  if (pick.length === 0) throw new CliInputError(`optimise: --among ${among} selects no sites.`);
  return pick;
}

/** The p values to run (one, a sweep, or [0] for lscp) and the coverage standard, from the flags. */
function runPlan(flags: OptimiseFlags): { ps: number[]; cover: number | undefined } {
  let ps: number[] = [];
  if (flags.method !== "lscp") {
    if (flags.sweep !== undefined) {
      const m = /^(\d+)-(\d+)$/.exec(flags.sweep);
      if (m === null || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new CliInputError(`optimise: --sweep must look like 2-6 (got "${flags.sweep}").`);
      for (let p = Number(m[1]); p <= Number(m[2]); p++) ps.push(p);
    } else if (flags.p !== undefined) ps = [positiveInt("--p", flags.p)];
    else throw new CliInputError(`optimise: --method ${flags.method} needs --p <n> or --sweep <a-b>.`);
  } else ps = [0];
  const cover = flags.coverMinutes === undefined ? undefined : Number(flags.coverMinutes);
  if ((flags.method === "mclp" || flags.method === "lscp") && (cover === undefined || !Number.isFinite(cover) || cover < 0)) {
    throw new CliInputError(`optimise: --method ${flags.method} needs --cover-minutes <minutes ≥ 0>${flags.coverMinutes === undefined ? "" : ` (got "${flags.coverMinutes}")`}.`);
  }
  return { ps, cover };
}

/** Table rows for people: the objective named by method, in its unit; shares as %, whole people. */
function peopleRows(results: readonly { p: number; result: SiteSelectionResult & { meanMinutes?: number } }[], method: string, name: ReadonlyMap<string, string>, totalPopulation: number) {
  return results.map(({ p, result }) => ({
    p,
    chosen: result.chosen.map((id) => name.get(id) ?? id).join("; "),
    ...(method === "p-median"
      ? { "person-minutes": Math.round(result.objective).toLocaleString("en-GB"), "mean minutes": result.meanMinutes === undefined ? "—" : result.meanMinutes.toFixed(1) }
      : method === "p-center"
        ? { "longest trip (min)": result.objective.toFixed(1) }
        : method === "mclp"
          ? { "covered population": Math.round(result.objective).toLocaleString("en-GB"), "covered share": totalPopulation > 0 ? `${((100 * result.objective) / totalPopulation).toFixed(1)}%` : "—" }
          : { "sites needed": result.objective }),
    gap: `${(100 * result.gap).toFixed(2)}%`,
    proven: result.proven ? "yes" : "no",
    unreachable: result.unreachable.length,
  }));
}

/** Run `hubspoke optimise` (loaded only when the command runs; options are in optimise.ts). */
export async function runOptimise(io: CliIo, bundled: BundledLoader, flags: OptimiseFlags): Promise<void> {
  if (!(METHODS as readonly string[]).includes(flags.method)) throw new CliInputError(`optimise: --method must be one of ${METHODS.join(", ")} (got "${flags.method}").`);
  if (flags.allowUnreachable === true && flags.method !== "p-median" && flags.method !== "p-center") {
    throw new CliInputError("optimise: --allow-unreachable applies to p-median and p-center only (mclp and lscp report uncovered zones anyway).");
  }
  if (flags.engine !== "router" && flags.engine !== "euclidean") throw new CliInputError(`optimise: --engine must be router or euclidean (got "${flags.engine}").`);
  const { ps, cover } = runPlan(flags);
  const seed = Number(flags.seed);
  if (flags.seed.trim() === "" || !Number.isSafeInteger(seed)) throw new CliInputError(`optimise: --seed must be a whole number (got "${flags.seed}").`);
  const network = await loadNetwork(flags, bundled);
  const candidates = candidatesOf(network, flags.among);
  const progress = progressFor(ps.length > 1 ? "Sweep" : "Travel times", flags);
  let matrix: CostMatrix;
  const results: { p: number; result: SiteSelectionResult & { meanMinutes?: number } }[] = [];
  try {
    matrix = await localMatrix(network, candidates, flags.engine, ps.length > 1 ? { update() {}, stop() {} } : progress);
    const common = {
      weights: network.zones.map((z) => z.population),
      fixed: flags.fixed?.split(",").map((s) => s.trim()).filter(Boolean) ?? [],
      exclude: flags.exclude?.split(",").map((s) => s.trim()).filter(Boolean) ?? [],
      seed,
      ...(flags.timeLimitMs === undefined ? {} : { timeLimitMs: positiveInt("--time-limit-ms", flags.timeLimitMs) }),
    };
    const reach = flags.allowUnreachable === true ? { allowUnreachable: true } : {};
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k];
      const result: SiteSelectionResult & { meanMinutes?: number } =
        flags.method === "p-median" ? await pMedian(matrix, { ...common, ...reach, p })
        : flags.method === "p-center" ? await pCenter(matrix, { ...common, ...reach, p })
        : flags.method === "mclp" ? await maximalCoverage(matrix, { ...common, p, coverMinutes: cover as number })
        : await setCover(matrix, { ...common, coverMinutes: cover as number });
      results.push({ p: result.chosen.length, result });
      if (ps.length > 1) progress.update(k + 1, ps.length);
      await new Promise<void>((r) => setImmediate(r));
    }
  } catch (error) {
    // errors about options the flags filled name the flag, not the internal call's option
    throw nameTheFlag("optimise", error, {
      fixed: { flag: "--fixed", value: flags.fixed },
      "options.fixed": { flag: "--fixed", value: flags.fixed },
      exclude: { flag: "--exclude", value: flags.exclude },
      "options.exclude": { flag: "--exclude", value: flags.exclude },
      "options.timeLimitMs": { flag: "--time-limit-ms", value: flags.timeLimitMs },
    });
  } finally {
    progress.stop();
  }
  const name = new Map(network.sites.map((s) => [s.id, s.name] as const));
  const rows = results.map(({ p, result }) => ({
    p,
    chosen: result.chosen.map((id) => name.get(id) ?? id).join("; "),
    objective: result.objective,
    objectiveMeasure: OBJECTIVE[flags.method],
    ...(result.meanMinutes === undefined ? {} : { meanMinutes: result.meanMinutes }),
    lowerBound: result.lowerBound,
    gap: result.gap,
    proven: result.proven,
    method: result.method,
    unreachable: result.unreachable.length,
  }));
  const tableRows = () => peopleRows(results, flags.method, name, network.zones.reduce((a, z) => a + z.population, 0));
  const last = results[results.length - 1].result;
  const col = new Map(matrix.destinations.map((d, j) => [d, j] as const));
  const cols = matrix.destinations.length;
  const assignments = matrix.origins.map((zone, i) => {
    const site = last.assignment[zone] ?? null;
    return { zone, site, minutes: site === null ? Infinity : matrix.minutes[i * cols + (col.get(site) as number)] };
  });
  const chosen = new Set(last.chosen);
  const mapSites = network.sites.filter((s) => chosen.has(s.id)).map((s) => ({ ...s, status: "open" as const }));
  const coverage = flags.method === "mclp" || flags.method === "lscp" ? { coverMinutes: cover as number } : {};
  await finish("optimise", io, flags, {
    rows: tableRows,
    csv: ({ bom }) => toCsv(rows, { bom }),
    json: () => ({ method: flags.method, among: flags.among, runs: results.map(({ p, result }) => ({ p, ...result })), provenance: matrix.provenance ?? null }),
    geojson: () => zonesToGeoJSON(network.zones, { assignments }),
    svg: () =>
      renderSvgMap({ sites: mapSites, zones: network.zones, ...(network.graph === undefined ? {} : { graph: network.graph }), ...(network.metadata === undefined ? {} : { metadata: network.metadata }) }, { assignments, links: false, chosen: last.chosen }, {
        title: `${flags.method}: ${last.chosen.length} chosen sites${cover === undefined ? "" : `, ${cover}-minute cover`}`,
        colourBy: "site",
        mainRoads: network.graph !== undefined,
        ...coverage,
      }),
  }, "table");
}
