import { checkComparison } from "./comparison-shape.js";
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import type { ScenarioComparison } from "./compare-scenarios.js";
import { csvField, csvNumber } from "./format.js";

export const ComparisonToCsvOptionsSchema = z.strictObject({
  /**
   * Which table: `metrics` (one line per metric and scenario), `ranking`, `gainersLosers` (one
   * line per zone beyond the threshold) or `switches`.
   */
  table: z._default(z.enum(["metrics", "tradeOffs", "ranking", "gainersLosers", "switches"]), "metrics"),
  /** Start with a UTF-8 byte-order mark, so spreadsheet programs read "£" and "–" correctly. */
  bom: z._default(z.boolean(), true),
});
export type ComparisonToCsvOptions = z.input<typeof ComparisonToCsvOptionsSchema>;

/**
 * One table of a scenario comparison as CSV (RFC 4180, `\n` line ends, full precision).
 *
 * Long format, one record per line, so it loads straight into a spreadsheet pivot or a data
 * frame. `Infinity` is written as `Infinity`; an undefined figure as an empty field.
 *
 * @param comparison - From {@link compareScenarios}.
 * @param options.table - `"metrics"` (default):
 *   `metric,label,unit,better,materiality,scenario,value,delta,change,reason` (an unknown value
 *   is empty with its `reason`); `"tradeOffs"`: one line per material better/worse metric per
 *   option; `"ranking"` (only when the comparison was ranked):
 *   `rank,scenario,name,baseline,<metric>…,score,cautions`; `"gainersLosers"`:
 *   `scenario,zone,population,imdDecile,baselineMinutes,minutes,deltaMinutes`; `"switches"`:
 *   `scenario,zone,from,to,population`.
 * @param options.bom - Start with a UTF-8 byte-order mark (for Excel). Default true.
 * @returns CSV text with a header line, ending in a newline.
 * @throws {@link InvalidInputError} for bad options, or `table: "ranking"` without a ranking.
 * @example
 * writeFileSync("out/comparison.csv", comparisonToCsv(comparison));
 * writeFileSync("out/switches.csv", comparisonToCsv(comparison, { table: "switches" }));
 */
export function comparisonToCsv(comparison: ScenarioComparison, options: ComparisonToCsvOptions = {}): string {
  const opts = parseInput("comparisonToCsv", ComparisonToCsvOptionsSchema, options, "options");
  checkComparison("comparisonToCsv", comparison);
  const lines: string[][] = [];
  switch (opts.table) {
    case "metrics":
      lines.push(["metric", "label", "unit", "better", "materiality", "scenario", "value", "delta", "change", "reason"]);
      for (const r of comparison.rows) {
        for (const c of r.cells) lines.push([r.metric, r.label, r.unit, r.better, csvNumber(r.materiality), c.scenario, csvNumber(c.value), csvNumber(c.delta), c.change ?? "", c.reason ?? ""]);
      }
      break;
    case "tradeOffs":
      lines.push(["scenario", "nonDominated", "side", "metric", "label", "unit", "baseline", "value", "delta", "materiality"]);
      for (const o of comparison.options) {
        for (const [side, list] of [["better", o.better], ["worse", o.worse]] as const) {
          for (const t of list) lines.push([o.scenario, String(o.nonDominated), side, t.metric, t.label, t.unit, csvNumber(t.baseline), csvNumber(t.value), csvNumber(t.delta), csvNumber(t.materiality)]);
        }
      }
      break;
    case "ranking": {
      const ranking = comparison.ranking;
      if (ranking === null) throw new InvalidInputError("comparisonToCsv", [{ path: "options.table", message: "the comparison has no ranking; call compareScenarios with rankBy to rank" }]);
      lines.push(["rank", "scenario", "name", "baseline", ...ranking.keys.map((k) => k.metric), "score", "cautions"]);
      for (const o of ranking.order) lines.push([String(o.rank), o.scenario, o.name, String(o.baseline), ...o.values.map(csvNumber), csvNumber(o.score), o.cautions.join("; ")]);
      break;
    }
    case "gainersLosers":
      lines.push(["scenario", "zone", "population", "imdDecile", "baselineMinutes", "minutes", "deltaMinutes"]);
      for (const g of comparison.gainersLosers) {
        for (const c of g.changes) lines.push([g.scenario, c.zone, csvNumber(c.population), c.imdDecile === null ? "" : String(c.imdDecile), csvNumber(c.baselineMinutes), csvNumber(c.minutes), csvNumber(c.deltaMinutes)]);
      }
      break;
    case "switches":
      lines.push(["scenario", "zone", "from", "to", "population"]);
      for (const s of comparison.switches) lines.push([s.scenario, s.zone, s.from ?? "", s.to ?? "", csvNumber(s.population)]);
      break;
  }
  return `${opts.bom ? "\uFEFF" : ""}${lines.map((l) => l.map(csvField).join(",")).join("\n")}\n`;
}
