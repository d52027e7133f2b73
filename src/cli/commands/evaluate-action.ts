// `hubspoke evaluate`: the work, imported only when the command runs (options and help are in evaluate.ts).
import { basename } from "node:path";
import type { Command } from "commander";
import { dataAndAssumptionsSections } from "../../io/comparison-to-html.js";
import { renderHtmlReport } from "../../io/render-html-report.js";
import { toCsv } from "../../io/write-csv.js";
import { dataAndAssumptionsMarkdown } from "../../scenario/data-and-assumptions.js";
import { formatValue, unitLabel } from "../../scenario/format.js";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import type { ServiceNetwork } from "../../model/types.js";
import { applyScenario, createScenarioCache, dataAndAssumptions, evaluate } from "../../scenario/index.js";
import type { Scenario, ScenarioResult } from "../../scenario/index.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { progressFor } from "../progress.js";
import { HubspokeError } from "../../errors.js";
import { routerFor, withRoadGraph } from "../engines.js";
import { CliInputError } from "../errors.js";
import { addModeOptions, loadModes, type ModeFlags, type ModeSpec, parseModeSpecs, PRIMARY_MODE, withoutCarMode } from "../modes.js";
import type { TravelTimeProvider } from "../../routing/provider.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { readScenarios } from "../scenario-files.js";

/** Scenario id → file name, for errors. */
export function scenarioFiles(files: readonly string[], scenarios: readonly Scenario[]): Map<string, string> {
  const out = new Map<string, string>();
  if (files.length === scenarios.length) files.forEach((f, k) => out.set(scenarios[k].id, basename(f)));
  return out;
}

export const BASELINE: Scenario = { id: "baseline", name: "Baseline", changes: [] } as unknown as Scenario;

/** Travel modes for the CLI: the primary's source (roads unless `--mode car=…`), the others, the no-car mode. */
export interface CliModes {
  readonly specs: readonly ModeSpec[];
  readonly providers: ReadonlyMap<string, TravelTimeProvider>;
  readonly noCar: string | undefined;
}

/** Read `--mode` tables and check `--without-car-mode`. */
export async function cliModes(flags: ModeFlags, network: ServiceNetwork): Promise<CliModes> {
  const specs = parseModeSpecs(flags.mode);
  const noCar = withoutCarMode(flags, specs);
  return { specs, providers: await loadModes(specs, network), noCar };
}

/**
 * Evaluate scenarios in order, sharing one column cache per mode; a progress bar on a
 * terminal. `network` should carry its road graph ({@link withRoadGraph}). An error from a
 * scenario names its file (`files` maps scenario ids to file names).
 */
export async function evaluateAll(network: ServiceNetwork, scenarios: readonly Scenario[], flags: CommonFlags, files: ReadonlyMap<string, string> = new Map(), modes?: CliModes): Promise<ScenarioResult[]> {
  const car = modes?.providers.get(PRIMARY_MODE);
  if (car === undefined && network.graph === undefined && network.roads === undefined) {
    throw new CliInputError(`this network has no roads to time car trips: pass --roads <file> (GeoJSON, .osm or .osm.pbf), or a car travel-time table with --mode "car=FILE[:FORMAT]".`);
  }
  const cache = createScenarioCache(car ?? routerFor(network));
  const others = [...(modes?.providers ?? new Map<string, TravelTimeProvider>())].filter(([name]) => name !== PRIMARY_MODE);
  const modeCaches = Object.fromEntries(others.map(([name, p]) => [name, createScenarioCache(p)]));
  const options = {
    cache,
    ...(others.length > 0 ? { modes: modeCaches } : {}),
    ...(modes?.noCar === undefined ? {} : { noCarMode: modes.noCar }),
  };
  const progress = progressFor("Scenarios", flags);
  const results: ScenarioResult[] = [];
  try {
    for (let k = 0; k < scenarios.length; k++) {
      results.push(inFile(files.get(scenarios[k].id), () => evaluate(network, scenarios[k], options)));
      progress.update(k + 1, scenarios.length);
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    progress.stop();
  }
  return results;
}

/** Run `fn`; a library error it throws is re-thrown naming the scenario file (same class code). */
export function inFile<T>(file: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (file === undefined || !(error instanceof HubspokeError)) throw error;
    const issues = error.issues.map((i) => ({ path: i.path === "" ? file : `${file}:${i.path}`, message: i.message }));
    throw new HubspokeError(error.code, file, error.message, { issues, cause: error });
  }
}

/** The map of one evaluated scenario: zones by nearest open hub, its closed sites crossed out. */
export function scenarioMap(network: ServiceNetwork, scenario: Scenario, result: ScenarioResult, colourBy: "hub" | "minutes" = "hub"): string {
  const applied = applyScenario(network, scenario);
  const assignments = result.zones.map((z) => ({ zone: z.zone, site: z.hub, minutes: z.hubMinutes }));
  return renderSvgMap(applied, { assignments }, { title: `${result.scenario.name}: nearest hub by road`, colourBy, mainRoads: true });
}

/** Minutes gained or lost per zone against the baseline (diverging scale), for one option. */
export function changeMap(network: ServiceNetwork, scenario: Scenario, result: ScenarioResult, baseline: ScenarioResult): string {
  const applied = applyScenario(network, scenario);
  const change = result.zones.map((z, i) => {
    const t0 = baseline.zones[i].hubMinutes;
    return { zone: z.zone, deltaMinutes: t0 === z.hubMinutes ? 0 : z.hubMinutes - t0 };
  });
  return renderSvgMap(applied, { change }, { title: `${result.scenario.name}: change in minutes to the nearest hub`, colourBy: "change", mainRoads: true });
}

/** Warnings and unsnapped or island site ids of each result, for stderr. */
export function resultNotes(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => [
    ...r.warnings.map((w) => `${r.scenario.name}: ${w}`),
    ...(r.sites.unsnapped.length > 0 ? [`${r.scenario.name}: not snapped to a road (treated as unreachable): ${r.sites.unsnapped.join(", ")}`] : []),
    ...(r.sites.islands.length > 0 ? [`${r.scenario.name}: on a road island: ${r.sites.islands.join(", ")}`] : []),
  ]);
}

/** Metrics by key over all results (a key missing from one result is unknown there, never shifted). */
export function metricTable(results: readonly ScenarioResult[]): { key: string; label: string; unit: string; values: (number | null)[]; reasons: (string | null)[] }[] & { columns: string[] } {
  const keys = new Map<string, { label: string; unit: string }>();
  for (const r of results) for (const m of r.metrics) if (!keys.has(m.key)) keys.set(m.key, { label: m.label, unit: m.unit });
  const byKey = results.map((r) => new Map(r.metrics.map((m) => [m.key, m] as const)));
  const names = results.map((r) => r.scenario.name);
  // a column per scenario, by name (by id where two scenarios share a name)
  const columns = results.map((r, i) => (names.indexOf(r.scenario.name) !== i || names.lastIndexOf(r.scenario.name) !== i ? `${r.scenario.name} (${r.scenario.id})` : r.scenario.name));
  const rows = [...keys].map(([key, m]) => ({
    key,
    ...m,
    values: byKey.map((b) => b.get(key)?.value ?? null),
    reasons: byKey.map((b, i) => {
      const x = b.get(key);
      return x === undefined ? `not measured in "${results[i].scenario.id}"` : x.value === null ? (x.reason ?? null) : null;
    }),
  }));
  return Object.assign(rows, { columns });
}

/** Run `hubspoke evaluate` (loaded only when the command runs; options are in evaluate.ts). */
export async function runEvaluate(io: CliIo, bundled: BundledLoader, files: string[], flags: CommonFlags & ModeFlags): Promise<void> {
  const scenarios = files.length === 0 ? [BASELINE] : await readScenarios(files);
  const network = withRoadGraph(await loadNetwork(flags, bundled));
  const results = await evaluateAll(network, scenarios, flags, scenarioFiles(files, scenarios), await cliModes(flags, network));
  const sources = dataAndAssumptions(network, results);
  const table = metricTable(results);
  const last = results.length - 1;
  await finish("evaluate", io, flags, {
    rows: () => table.map((row) => ({ metric: row.label, unit: unitLabel(row.unit), ...Object.fromEntries(table.columns.map((c, k) => [c, formatValue(row.values[k], row.unit)])) })),
    csv: ({ bom }) => toCsv(table.map((row) => ({ metric: row.key, label: row.label, unit: row.unit, ...Object.fromEntries(table.columns.map((c, k) => [c, row.values[k]])) })), { bom, columns: ["metric", "label", "unit", ...table.columns] }),
    notes: () => resultNotes(results),
    json: () => results,
    md: () => {
      const header = `| Metric | Unit | ${table.columns.join(" | ")} |\n|:---|:---|${table.columns.map(() => "---:").join("|")}|`;
      const body = table.map((row) => `| ${row.label} | ${unitLabel(row.unit)} | ${row.values.map((v, k) => (v === null ? `unknown${row.reasons[k] === null ? "" : ` (${row.reasons[k]})`}` : formatValue(v, row.unit))).join(" | ")} |`).join("\n");
      return `# Scenario evaluation\n\n${header}\n${body}\n\n${dataAndAssumptionsMarkdown(sources)}`;
    },
    html: () =>
      renderHtmlReport({
        title: results.length === 1 ? `Scenario: ${results[0].scenario.name}` : "Scenario evaluation",
        sections: [
          { heading: "Metrics", text: "Unknown (—) means an input is missing (for example sites without a running cost); it is never shown as zero.", table: { columns: ["Metric", "Unit", ...table.columns], rows: table.map((row) => [row.label, unitLabel(row.unit), ...row.values.map((v) => formatValue(v, row.unit))]) } },
          ...results.map((r, k) => ({ heading: `Map: ${r.scenario.name}`, svg: scenarioMap(network, scenarios[k], r) })),
          ...dataAndAssumptionsSections(sources),
        ],
      }),
    geojson: () => zonesToGeoJSON(applyScenario(network, scenarios[last]).zones, { assignments: results[last].zones.map((z) => ({ zone: z.zone, site: z.hub, minutes: z.hubMinutes })) }),
    svg: () => scenarioMap(network, scenarios[last], results[last]),
  }, "table");
}
