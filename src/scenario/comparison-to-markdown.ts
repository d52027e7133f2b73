import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ScenarioComparison } from "./compare-scenarios.js";
import { formatDelta, formatValue, markdownCell } from "./format.js";

export const ComparisonToMarkdownOptionsSchema = z.strictObject({
  /** Heading text (level 2). */
  title: z._default(z.string(), "Scenario comparison"),
  /** Largest number of zones listed per option under gainers and losers (0: summary only). */
  maxZones: z._default(z.number().check(z.int()).check(z.nonnegative()), 10),
  /** Largest number of switch lines (grouped by from → to) per option. */
  maxSwitches: z._default(z.number().check(z.int()).check(z.nonnegative()), 20),
});
export type ComparisonToMarkdownOptions = z.input<typeof ComparisonToMarkdownOptionsSchema>;

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ("l" | "r")[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(" | ")} |`;
  const rule = `|${align.map((a) => (a === "r" ? "---:" : ":---")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

function population(n: number): string {
  return Math.round(n).toLocaleString("en-GB");
}

/**
 * A scenario comparison as a Markdown report: the side-by-side metric table (each option's
 * value with its change from the baseline), the ranking with its stated criterion, gainers
 * and losers by IMD decile, and catchment switches grouped by from → to hub.
 *
 * Figures are rounded for reading (thousands separators; shares as percentages); use
 * {@link comparisonToCsv} for full precision. "unreachable" marks an infinite time.
 *
 * @param comparison - From {@link compareScenarios}.
 * @param options.title - Heading. Default "Scenario comparison".
 * @param options.maxZones - Zones listed per option under gainers/losers. Default 10.
 * @param options.maxSwitches - Switch lines per option. Default 20.
 * @returns Markdown text ending in a newline.
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * writeFileSync("out/comparison.md", comparisonToMarkdown(compareScenarios(results)));
 */
export function comparisonToMarkdown(comparison: ScenarioComparison, options: ComparisonToMarkdownOptions = {}): string {
  const opts = parseInput("comparisonToMarkdown", ComparisonToMarkdownOptionsSchema, options, "options");
  const names = new Map(comparison.scenarios.map((s) => [s.id, s.name] as const));
  const out: string[] = [`## ${opts.title}`, ""];
  out.push(`Baseline: **${names.get(comparison.baseline) ?? comparison.baseline}** (\`${comparison.baseline}\`). Deltas are option − baseline.`, "");

  const header = ["Metric", "Unit", "Better", ...comparison.scenarios.map((s) => (s.id === comparison.baseline ? `${s.name} (baseline)` : s.name))];
  const rows = comparison.rows.map((row) => [
    row.label,
    row.unit,
    row.better === "neither" ? "" : row.better,
    ...row.cells.map((c) => (c.scenario === comparison.baseline || c.delta === null ? formatValue(c.value, row.unit) : `${formatValue(c.value, row.unit)} (${formatDelta(c.delta, row.unit)})`)),
  ]);
  out.push(table(header, rows, ["l", "l", "l", ...comparison.scenarios.map(() => "r" as const)]), "");

  out.push("### Ranking", "", `Criterion: ${comparison.ranking.criterion}; ties keep input order.`, "");
  const unitOf = new Map(comparison.rows.map((r) => [r.metric, r.unit] as const));
  out.push(
    table(
      ["Rank", "Scenario", ...comparison.ranking.keys.map((k) => comparison.rows.find((r) => r.metric === k.metric)?.label ?? k.metric)],
      comparison.ranking.order.map((o) => [String(o.rank), o.baseline ? `${o.name} (baseline)` : o.name, ...o.values.map((v, k) => formatValue(v, unitOf.get(comparison.ranking.keys[k].metric) ?? ""))]),
      ["r", "l", ...comparison.ranking.keys.map(() => "r" as const)],
    ),
    "",
  );

  if (comparison.gainersLosers.length > 0) {
    const g0 = comparison.gainersLosers[0];
    out.push("### Gainers and losers", "", `Population more than ${g0.thresholdMinutes} minutes further from or nearer to the nearest ${g0.measure}, by IMD decile (1 = most deprived).`, "");
    const deciles = new Set<string>();
    for (const g of comparison.gainersLosers) for (const k of [...Object.keys(g.further.byImdDecile), ...Object.keys(g.nearer.byImdDecile)]) deciles.add(k);
    const decileList = [...deciles].sort((a, b) => (a === "unknown" ? 1 : b === "unknown" ? -1 : Number(a) - Number(b)));
    const glRows: string[][] = [];
    for (const g of comparison.gainersLosers) {
      const name = names.get(g.scenario) ?? g.scenario;
      glRows.push([name, "further", population(g.further.population), ...decileList.map((d) => population(g.further.byImdDecile[d] ?? 0))]);
      glRows.push([name, "nearer", population(g.nearer.population), ...decileList.map((d) => population(g.nearer.byImdDecile[d] ?? 0))]);
    }
    out.push(table(["Scenario", "Change", "Population", ...decileList.map((d) => (d === "unknown" ? "IMD ?" : `IMD ${d}`))], glRows, ["l", "l", "r", ...decileList.map(() => "r" as const)]), "");
    if (opts.maxZones > 0) {
      for (const g of comparison.gainersLosers) {
        if (g.changes.length === 0) continue;
        out.push(`Largest changes, ${names.get(g.scenario) ?? g.scenario}:`, "");
        out.push(
          table(
            ["Zone", "Population", "IMD", "Baseline min", "Option min", "Change"],
            g.changes.slice(0, opts.maxZones).map((c) => [c.zone, population(c.population), c.imdDecile === null ? "" : String(c.imdDecile), formatValue(c.baselineMinutes, "minutes"), formatValue(c.minutes, "minutes"), formatDelta(c.deltaMinutes, "minutes")]),
            ["l", "r", "r", "r", "r", "r"],
          ),
          "",
        );
        if (g.changes.length > opts.maxZones) out.push(`…and ${g.changes.length - opts.maxZones} more zones (see the CSV).`, "");
      }
    }
  }

  const byOption = new Map<string, Map<string, { zones: number; population: number }>>();
  for (const s of comparison.switches) {
    const key = `${s.from ?? "none"} → ${s.to ?? "none"}`;
    const m = byOption.get(s.scenario) ?? new Map();
    const cur = m.get(key) ?? { zones: 0, population: 0 };
    m.set(key, { zones: cur.zones + 1, population: cur.population + s.population });
    byOption.set(s.scenario, m);
  }
  out.push("### Catchment switches", "");
  if (byOption.size === 0) out.push("No zone changes hub in any option.", "");
  const switchRows: string[][] = [];
  for (const s of comparison.scenarios) {
    const m = byOption.get(s.id);
    if (m === undefined) continue;
    const lines = [...m].sort((x, y) => y[1].population - x[1].population);
    for (const [key, v] of lines.slice(0, opts.maxSwitches)) switchRows.push([s.name, key, String(v.zones), population(v.population)]);
  }
  if (switchRows.length > 0) out.push(table(["Scenario", "From → to hub", "Zones", "Population"], switchRows, ["l", "l", "r", "r"]), "");
  if (comparison.warnings.length > 0) out.push("### Warnings", "", ...comparison.warnings.map((w) => `- ${w}`), "");
  return `${out.join("\n").trimEnd()}\n`;
}
