import { checkComparison } from "./comparison-shape.js";
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ComparisonRow, ScenarioComparison, TradeOff } from "./compare-scenarios.js";
import { type DataAndAssumptions, dataAndAssumptionsMarkdown } from "./data-and-assumptions.js";
import { formatDelta, formatValue, markdownCell, unitLabel } from "./format.js";

export const ComparisonToMarkdownOptionsSchema = z.strictObject({
  /** Heading text (level 2). */
  title: z._default(z.string(), "Scenario comparison"),
  /** Largest number of zones listed per option under gainers and losers (0: summary only). */
  maxZones: z._default(z.number().check(z.int()).check(z.nonnegative()), 10),
  /** Largest number of switch lines (grouped by from → to) per option. */
  maxSwitches: z._default(z.number().check(z.int()).check(z.nonnegative()), 20),
  /** Data and assumptions from {@link dataAndAssumptions}: attribution, sourced figures, warnings, provenance. */
  sources: z.optional(z.custom<DataAndAssumptions>((v) => v !== null && typeof v === "object" && Array.isArray((v as DataAndAssumptions).attribution), "expected the result of dataAndAssumptions")),
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

/** "Label +2.1 (minutes)" items of a trade-off list. */
export function tradeOffText(list: readonly TradeOff[]): string {
  return list.length === 0 ? "—" : list.map((t) => `${t.label} ${formatDelta(t.delta, t.unit)}`).join("; ");
}

/** The sentence stating the non-dominated set and its criteria. */
export function nonDominatedText(comparison: ScenarioComparison): string {
  const names = new Map(comparison.scenarios.map((s) => [s.id, s.name] as const));
  const used = comparison.criteria.filter((c) => c.used);
  const left = comparison.criteria.filter((c) => !c.used);
  const set = comparison.nonDominated.map((id) => `${names.get(id) ?? id}${id === comparison.baseline ? " (baseline)" : ""}`).join(", ");
  const head =
    used.length === 0
      ? "No criterion is known for every scenario, so no scenario dominates another."
      : `Non-dominated over ${used.map((c) => `${c.label} (${c.better} is better)`).join(", ")}: ${set}. No other scenario is at least as good on all of these and better on one.`;
  return left.length === 0 ? head : `${head} Left out: ${left.map((c) => `${c.label} (${c.note})`).join("; ")}.`;
}

/** The sentence stating materiality thresholds of the rows with a direction. */
export function materialityText(comparison: ScenarioComparison): string {
  const seen = new Map<string, string>();
  for (const r of comparison.rows) {
    if (r.better === "neither" || r.materiality === null) continue;
    const key = r.materialityBasis === "unit" ? r.unit : r.metric;
    if (seen.has(key)) continue;
    const amount = r.unit === "share" ? `${(r.materiality * 100).toFixed(1)} percentage points` : r.unit.startsWith("£") ? `${formatValue(r.materiality, r.unit)}${r.unit.slice(1).replace("/", " a ")}` : `${formatValue(r.materiality, r.unit)} ${r.unit}`;
    seen.set(key, r.materialityBasis === "unit" ? amount : `${r.label}: ${amount}`);
  }
  return `Better and worse mean beyond a materiality threshold: ${[...seen.values()].join("; ")}.`;
}

/** A cell as "value (delta, better|worse)" or the value alone. */
export function cellText(c: ComparisonRow["cells"][number], unit: string, baseline: string): string {
  const value = formatValue(c.value, unit);
  if (c.scenario === baseline || c.delta === null) return c.value === null ? "unknown" : value;
  const mark = c.change === "better" || c.change === "worse" ? `, ${c.change}` : "";
  return `${value} (${formatDelta(c.delta, unit)}${mark})`;
}

/**
 * A scenario comparison as a Markdown report: the trade-offs of each option against the
 * baseline and the non-dominated set with its criteria, the side-by-side metric table, the
 * ranking only when one was asked for (its criterion stated, with cautions where the ranked
 * option worsens access or the deprivation gap), gainers and losers by IMD decile, catchment
 * switches, and the data and assumptions (attribution, sources, warnings, provenance).
 *
 * Figures are rounded for reading (thousands separators; shares as percentages); use
 * {@link comparisonToCsv} for full precision. "unreachable" marks an infinite time and
 * "unknown" / "—" a figure whose inputs are missing.
 *
 * @param comparison - From {@link compareScenarios}.
 * @param options.title - Heading. Default "Scenario comparison".
 * @param options.maxZones - Zones listed per option under gainers/losers. Default 10.
 * @param options.maxSwitches - Switch lines per option. Default 20.
 * @param options.sources - From {@link dataAndAssumptions}. Default: the section says none were supplied.
 * @returns Markdown text ending in a newline.
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * const sources = dataAndAssumptions(network, results);
 * writeFileSync("out/comparison.md", comparisonToMarkdown(compareScenarios(results), { sources }));
 */
export function comparisonToMarkdown(comparison: ScenarioComparison, options: ComparisonToMarkdownOptions = {}): string {
  const opts = parseInput("comparisonToMarkdown", ComparisonToMarkdownOptionsSchema, options, "options");
  checkComparison("comparisonToMarkdown", comparison);
  const names = new Map(comparison.scenarios.map((s) => [s.id, s.name] as const));
  const out: string[] = [`## ${opts.title}`, ""];
  out.push(`Baseline: **${names.get(comparison.baseline) ?? comparison.baseline}** (\`${comparison.baseline}\`). Deltas are option − baseline.`, "");
  out.push(...tradeOffSection(comparison));

  const header = ["Metric", "Unit", "Better", ...comparison.scenarios.map((s) => (s.id === comparison.baseline ? `${s.name} (baseline)` : s.name))];
  const rows = comparison.rows.map((row) => [row.label, unitLabel(row.unit), row.better === "neither" ? "" : row.better, ...row.cells.map((c) => cellText(c, row.unit, comparison.baseline))]);
  out.push("### Metrics", "", table(header, rows, ["l", "l", "l", ...comparison.scenarios.map(() => "r" as const)]), "");
  out.push(...rankingSection(comparison));
  out.push(...gainersSection(comparison, opts.maxZones, names));
  out.push(...switchSection(comparison, opts.maxSwitches));
  out.push(dataAndAssumptionsMarkdown(opts.sources, comparison.warnings));
  return `${out.join("\n").trimEnd()}\n`;
}

function tradeOffSection(comparison: ScenarioComparison): string[] {
  const out = ["### Trade-offs against the baseline", "", "No single winner is named: each option is better on some measures and worse on others.", ""];
  out.push(nonDominatedText(comparison), "", materialityText(comparison), "");
  if (comparison.options.length === 0) return [...out, "No option to compare.", ""];
  const rows = comparison.options.map((o) => [
    o.name,
    o.nonDominated ? "yes" : `no (dominated by ${o.dominatedBy.map((id) => comparison.scenarios.find((s) => s.id === id)?.name ?? id).join(", ")})`,
    tradeOffText(o.better),
    tradeOffText(o.worse),
    o.unknown.length === 0 ? "—" : o.unknown.map((u) => `${u.label} (${u.reason})`).join("; "),
  ]);
  out.push(table(["Option", "Non-dominated", "Better than baseline", "Worse than baseline", "Unknown"], rows, ["l", "l", "l", "l", "l"]), "");
  return out;
}

function rankingSection(comparison: ScenarioComparison): string[] {
  const ranking = comparison.ranking;
  if (ranking === null) return [];
  const unitOf = new Map(comparison.rows.map((r) => [r.metric, r.unit] as const));
  const labelOf = new Map(comparison.rows.map((r) => [r.metric, r.label] as const));
  const out = ["### Ranking (as asked)", "", `Criterion: ${ranking.criterion}; ties keep input order.`, ""];
  out.push(
    table(
      ["Rank", "Scenario", ...ranking.keys.map((k) => labelOf.get(k.metric) ?? k.metric), ...(ranking.method === "weighted" ? ["Score"] : []), "Caution"],
      ranking.order.map((o) => [
        String(o.rank),
        o.baseline ? `${o.name} (baseline)` : o.name,
        ...o.values.map((v, k) => formatValue(v, unitOf.get(ranking.keys[k].metric) ?? "")),
        ...(o.score === null ? [] : [o.score.toFixed(3)]),
        o.cautions.length === 0 ? "—" : `⚠ ${o.cautions.join("; ")}`,
      ]),
      ["r", "l", ...ranking.keys.map(() => "r" as const), ...(ranking.method === "weighted" ? ["r" as const] : []), "l"],
    ),
    "",
  );
  if (ranking.unranked.length > 0) out.push(`Not ranked: ${ranking.unranked.map((u) => `${u.name} (${u.reason})`).join("; ")}.`, "");
  return out;
}

function gainersSection(comparison: ScenarioComparison, maxZones: number, names: Map<string, string>): string[] {
  const out: string[] = [];
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
    if (maxZones > 0) {
      for (const g of comparison.gainersLosers) {
        if (g.changes.length === 0) continue;
        out.push(`Largest changes, ${names.get(g.scenario) ?? g.scenario}:`, "");
        out.push(
          table(
            ["Zone", "Population", "IMD", "Baseline min", "Option min", "Change"],
            g.changes.slice(0, maxZones).map((c) => [c.zone, population(c.population), c.imdDecile === null ? "—" : String(c.imdDecile), formatValue(c.baselineMinutes, "minutes"), formatValue(c.minutes, "minutes"), formatDelta(c.deltaMinutes, "minutes")]),
            ["l", "r", "r", "r", "r", "r"],
          ),
          "",
        );
        if (g.changes.length > maxZones) out.push(`…and ${g.changes.length - maxZones} more zones (see the CSV).`, "");
      }
    }
  }

  return out;
}

function switchSection(comparison: ScenarioComparison, maxSwitches: number): string[] {
  const out: string[] = [];
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
    for (const [key, v] of lines.slice(0, maxSwitches)) switchRows.push([s.name, key, String(v.zones), population(v.population)]);
  }
  if (switchRows.length > 0) out.push(table(["Scenario", "From → to hub", "Zones", "Population"], switchRows, ["l", "l", "r", "r"]), "");
  return out;
}
