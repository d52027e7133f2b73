import type { Command } from "commander";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { toCsv } from "../../io/write-csv.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import type { CostMatrix, ServiceNetwork, Site } from "../../model/types.js";
import { maximalCoverage, pCenter, pMedian, setCover } from "../../optimise/index.js";
import type { SiteSelectionResult } from "../../optimise/index.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish, progressFor } from "../context.js";
import { localMatrix } from "../engines.js";
import { CliInputError } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";

interface OptimiseFlags extends CommonFlags {
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

const METHODS = ["p-median", "p-center", "mclp", "lscp"] as const;

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

/** The objective for people: named by method, in its unit (person-minutes; covered population and share). */
function objectiveColumns(method: string, result: SiteSelectionResult & { meanMinutes?: number }, totalPopulation: number): Record<string, string | number> {
  if (method === "p-median") return { "person-minutes": Math.round(result.objective).toLocaleString("en-GB"), "mean minutes": result.meanMinutes === undefined ? "—" : result.meanMinutes.toFixed(1) };
  if (method === "p-center") return { "longest trip (min)": result.objective.toFixed(1) };
  if (method === "mclp") return { "covered population": Math.round(result.objective).toLocaleString("en-GB"), "covered share": totalPopulation > 0 ? `${((100 * result.objective) / totalPopulation).toFixed(1)}%` : "—" };
  return { "sites needed": result.objective };
}

/** The chosen sites (ringed) and the zones they serve; zones beyond a cover standard read "not covered". */
function optimiseMap(network: ServiceNetwork, sites: Site[], assignments: { zone: string; site: string | null; minutes: number }[], chosen: readonly string[], title: string, coverage: { coverMinutes?: number }): string {
  const extra = { ...(network.graph === undefined ? {} : { graph: network.graph }), ...(network.metadata === undefined ? {} : { metadata: network.metadata }) };
  return renderSvgMap({ sites, zones: network.zones, ...extra }, { assignments, links: false, chosen }, { title, colourBy: "site", mainRoads: network.graph !== undefined, ...coverage });
}

export function registerOptimise(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("optimise")
    .alias("optimize")
    .summary("choose sites: p-median, p-center, maximal coverage or set cover")
    .description(
      "Choose sites from --among to serve the zones (weighted by population), on the zones × sites travel-time matrix.\n" +
        "Methods: p-median (min population-weighted minutes), p-center (min the longest trip), mclp (max people within --cover-minutes), lscp (fewest sites covering everyone within --cover-minutes). " +
        "--sweep a-b runs p = a…b and reports the trade-off (with a progress bar on a terminal).",
    )
    .option("-m, --method <method>", METHODS.join("|"), "p-median")
    .option("-p, --p <n>", "number of sites to choose (p-median, p-center, mclp)")
    .option("--sweep <a-b>", "run p = a…b (e.g. 2-6) instead of one p")
    .option("--cover-minutes <m>", "coverage standard in minutes (mclp, lscp)")
    .option("--among <kinds>", "candidate sites: hubs, spokes, candidates or all, joined by +", "hubs+candidates")
    .option("--fixed <ids>", "comma-separated site ids that must stay open")
    .option("--exclude <ids>", "comma-separated site ids that may not be chosen")
    .option("--seed <n>", "seed for the heuristics", "1")
    .option("--time-limit-ms <ms>", "stop the search after this long (reports the gap)")
    .option("-e, --engine <engine>", "router|euclidean", "router")
    .option("--allow-unreachable", "p-median, p-center: list zones no candidate reaches instead of stopping with an error");
  addNetworkOptions(cmd);
  const formats = ["table", "json", "csv", "geojson", "svg"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke optimise -p 3\n  hubspoke optimise --method mclp -p 3 --cover-minutes 30 -f svg -o out/mclp.svg\n  hubspoke optimise --sweep 2-6 -f csv -o out/sweep.csv");
  cmd.action(async (flags: OptimiseFlags) => {
    checkFormat("optimise", flags, formats, "table");
    if (!(METHODS as readonly string[]).includes(flags.method)) throw new CliInputError(`optimise: --method must be one of ${METHODS.join(", ")} (got "${flags.method}").`);
    if (flags.allowUnreachable === true && flags.method !== "p-median" && flags.method !== "p-center") {
      throw new CliInputError("optimise: --allow-unreachable applies to p-median and p-center only (mclp and lscp report uncovered zones anyway).");
    }
    if (flags.engine !== "router" && flags.engine !== "euclidean") throw new CliInputError(`optimise: --engine must be router or euclidean (got "${flags.engine}").`);
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
        seed: Number(flags.seed),
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
    } finally {
      progress.stop();
    }
    const name = new Map(network.sites.map((s) => [s.id, s.name] as const));
    const totalPopulation = network.zones.reduce((a, z) => a + z.population, 0);
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
    // for people: the objective named by method, in its unit; shares as %, whole people
    const tableRows = () =>
      results.map(({ p, result }) => ({
        p,
        chosen: result.chosen.map((id) => name.get(id) ?? id).join("; "),
        ...objectiveColumns(flags.method, result, totalPopulation),
        gap: `${(100 * result.gap).toFixed(2)}%`,
        proven: result.proven ? "yes" : "no",
        unreachable: result.unreachable.length,
      }));
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
      svg: () => optimiseMap(network, mapSites, assignments, last.chosen, `${flags.method}: ${last.chosen.length} chosen sites${cover === undefined ? "" : `, ${cover}-minute cover`}`, coverage),
    }, "table");
  });
}
