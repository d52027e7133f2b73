import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ScenarioComparison } from "./compare-scenarios.js";
import { csvField, csvNumber } from "./format.js";

export const ComparisonToCsvOptionsSchema = z.strictObject({
  /**
   * Which table: `metrics` (one line per metric and scenario), `ranking`, `gainersLosers` (one
   * line per zone beyond the threshold) or `switches`.
   */
  table: z._default(z.enum(["metrics", "ranking", "gainersLosers", "switches"]), "metrics"),
});
export type ComparisonToCsvOptions = z.input<typeof ComparisonToCsvOptionsSchema>;

/**
 * One table of a scenario comparison as CSV (RFC 4180, `\n` line ends, full precision).
 *
 * Long format, one record per line, so it loads straight into a spreadsheet pivot or a data
 * frame. `Infinity` is written as `Infinity`; an undefined figure as an empty field.
 *
 * @param comparison - From {@link compareScenarios}.
 * @param options.table - `"metrics"` (default): `metric,label,unit,better,scenario,value,delta`;
 *   `"ranking"`: `rank,scenario,name,baseline,<metric>…`; `"gainersLosers"`:
 *   `scenario,zone,population,imdDecile,baselineMinutes,minutes,deltaMinutes`; `"switches"`:
 *   `scenario,zone,from,to,population`.
 * @returns CSV text with a header line, ending in a newline.
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * writeFileSync("out/comparison.csv", comparisonToCsv(comparison));
 * writeFileSync("out/switches.csv", comparisonToCsv(comparison, { table: "switches" }));
 */
export function comparisonToCsv(comparison: ScenarioComparison, options: ComparisonToCsvOptions = {}): string {
  const opts = parseInput("comparisonToCsv", ComparisonToCsvOptionsSchema, options, "options");
  const lines: string[][] = [];
  switch (opts.table) {
    case "metrics":
      lines.push(["metric", "label", "unit", "better", "scenario", "value", "delta"]);
      for (const r of comparison.rows) for (const c of r.cells) lines.push([r.metric, r.label, r.unit, r.better, c.scenario, csvNumber(c.value), csvNumber(c.delta)]);
      break;
    case "ranking":
      lines.push(["rank", "scenario", "name", "baseline", ...comparison.ranking.keys.map((k) => k.metric)]);
      for (const o of comparison.ranking.order) lines.push([String(o.rank), o.scenario, o.name, String(o.baseline), ...o.values.map(csvNumber)]);
      break;
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
  return `${lines.map((l) => l.map(csvField).join(",")).join("\n")}\n`;
}
