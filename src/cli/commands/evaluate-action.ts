// `hubspoke evaluate`: the work, loaded only when the command runs (see evaluate.ts).
import { renderHtmlReport } from "../../io/render-html-report.js";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import type { ServiceNetwork } from "../../model/types.js";
import { applyScenario, createScenarioCache, evaluate } from "../../scenario/index.js";
import type { Scenario, ScenarioResult } from "../../scenario/index.js";
import { type CliIo, type CommonFlags, finish } from "../context.js";
import { progressFor } from "../progress.js";
import { routerFor } from "../engines.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { readScenarios } from "../scenario-files.js";

export const BASELINE: Scenario = { id: "baseline", name: "Baseline", changes: [] } as unknown as Scenario;

/** Evaluate scenarios in order, sharing one router and column cache; a progress bar on a terminal. */
export async function evaluateAll(network: ServiceNetwork, scenarios: readonly Scenario[], flags: CommonFlags): Promise<ScenarioResult[]> {
  const router = routerFor(network);
  const cache = createScenarioCache(router);
  const progress = progressFor("Scenarios", flags);
  const results: ScenarioResult[] = [];
  try {
    for (let k = 0; k < scenarios.length; k++) {
      results.push(evaluate(network, scenarios[k], { cache }));
      progress.update(k + 1, scenarios.length);
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    progress.stop();
  }
  return results;
}

/** The map of one evaluated scenario: zones by nearest open hub, its closed sites crossed out. */
export function scenarioMap(network: ServiceNetwork, scenario: Scenario, result: ScenarioResult, colourBy: "hub" | "minutes" = "hub"): string {
  const applied = applyScenario(network, scenario);
  const assignments = result.zones.map((z) => ({ zone: z.zone, site: z.hub, minutes: z.hubMinutes }));
  return renderSvgMap(applied, { assignments }, { title: `${result.scenario.name}: nearest hub by road`, colourBy });
}

export async function runEvaluate(io: CliIo, bundled: BundledLoader, files: string[], flags: CommonFlags): Promise<void> {
  const scenarios = files.length === 0 ? [BASELINE] : await readScenarios(files);
  const network = await loadNetwork(flags, bundled);
  const results = await evaluateAll(network, scenarios, flags);
  const metricRows = () =>
    results[0].metrics.map((m, k) => ({ metric: m.label, unit: m.unit, ...Object.fromEntries(results.map((r) => [r.scenario.name, r.metrics[k]?.value ?? null])) }));
  const last = results.length - 1;
  await finish("evaluate", io, flags, {
    rows: metricRows,
    json: () => results,
    md: () => {
      const header = `| Metric | Unit | ${results.map((r) => r.scenario.name).join(" | ")} |\n|---|---|${results.map(() => "--:").join("|")}|`;
      const body = metricRows().map((row) => `| ${row.metric} | ${row.unit} | ${results.map((r) => { const v = row[r.scenario.name as keyof typeof row]; return typeof v === "number" ? (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : "unreachable") : "–"; }).join(" | ")} |`).join("\n");
      const warnings = results.flatMap((r) => r.warnings.map((w) => `- ${r.scenario.name}: ${w}`));
      return `# Scenario evaluation\n\n${header}\n${body}\n${warnings.length > 0 ? `\n## Warnings\n\n${warnings.join("\n")}\n` : ""}`;
    },
    html: () =>
      renderHtmlReport({
        title: results.length === 1 ? `Scenario: ${results[0].scenario.name}` : "Scenario evaluation",
        sections: [
          { heading: "Metrics", table: { columns: ["Metric", "Unit", ...results.map((r) => r.scenario.name)], rows: metricRows().map((row) => Object.values(row) as (string | number | null)[]) } },
          ...results.map((r, k) => ({ heading: `Map: ${r.scenario.name}`, svg: scenarioMap(network, scenarios[k], r) })),
          ...(results.some((r) => r.warnings.length > 0) ? [{ heading: "Warnings", text: results.flatMap((r) => r.warnings.map((w) => `${r.scenario.name}: ${w}`)).join("\n\n") }] : []),
        ],
      }),
    geojson: () => zonesToGeoJSON(applyScenario(network, scenarios[last]).zones, { assignments: results[last].zones.map((z) => ({ zone: z.zone, site: z.hub, minutes: z.hubMinutes })) }),
    svg: () => scenarioMap(network, scenarios[last], results[last]),
  }, "table");
}
