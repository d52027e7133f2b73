import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ScenarioComparison } from "../scenario/compare-scenarios.js";
import { renderHtmlReport } from "./render-html-report.js";

const ComparisonToHtmlOptionsSchema = z.strictObject({
  title: z._default(z.string().check(z.minLength(1)), "Scenario comparison"),
  subtitle: z.optional(z.string()),
  /** Maps to show (e.g. `renderSvgMap` of each option), in order. */
  maps: z._default(z.array(z.strictObject({ heading: z.string().check(z.minLength(1)), svg: z.string().check(z.startsWith("<svg")), caption: z.optional(z.string()) })), []),
  /** Largest number of zones listed per option under gainers and losers. */
  maxZones: z._default(z.number().check(z.int()).check(z.nonnegative()), 10),
  /** Largest number of from → to lines per option under catchment switches. */
  maxSwitches: z._default(z.number().check(z.int()).check(z.nonnegative()), 20),
  /** Site id → display name for catchment switches (e.g. from `network.sites`). */
  siteNames: z._default(z.record(z.string(), z.string()), {}),
  /** Sources, licences and provenance for the foot of the page. */
  footer: z._default(z.array(z.string()), []),
});
export type ComparisonToHtmlOptions = z.input<typeof ComparisonToHtmlOptionsSchema>;

function num(v: number | null, unit: string): string {
  if (v === null) return "–";
  if (!Number.isFinite(v)) return "unreachable";
  if (unit === "share") return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString("en-GB", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 1 });
}

function delta(v: number | null, unit: string): string {
  if (v === null) return "";
  if (!Number.isFinite(v)) return v > 0 ? "+∞" : "−∞";
  const text = unit === "share" ? `${(Math.abs(v) * 100).toFixed(1)} pp` : Math.abs(v).toLocaleString("en-GB", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 1 });
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : "±0";
}

/**
 * A scenario comparison as one self-contained HTML page for a board paper: the side-by-side
 * metric table (each option's value and its change from the baseline), the ranking with its
 * stated criterion, gainers and losers by IMD decile, catchment switches, and any maps
 * (inline SVG). The Markdown twin is the scenario domain's `comparisonToMarkdown`.
 *
 * @param comparison - From `compareScenarios`.
 * @param options.title - Page title. Default "Scenario comparison".
 * @param options.maps - `[{ heading, svg, caption? }]` to include. Default none.
 * @param options.maxZones - Zones listed per option under gainers/losers. Default 10.
 * @param options.maxSwitches - Switch lines per option. Default 20.
 * @param options.siteNames - Site id → name for the switch table. Default: ids.
 * @param options.footer - Lines for the foot (sources, licences). Default none.
 * @returns An HTML5 document (see {@link renderHtmlReport}).
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * const html = comparisonToHtml(compareScenarios(results), { maps: [{ heading: "Option B", svg }] });
 */
export function comparisonToHtml(comparison: ScenarioComparison, options: ComparisonToHtmlOptions = {}): string {
  const opts = parseInput("comparisonToHtml", ComparisonToHtmlOptionsSchema, options, "options");
  const names = new Map(comparison.scenarios.map((s) => [s.id, s.name] as const));
  const nameOf = (id: string) => names.get(id) ?? id;
  const sections: Parameters<typeof renderHtmlReport>[0]["sections"] = [];
  sections.push({
    heading: "Metrics",
    text: `Baseline: ${nameOf(comparison.baseline)}. Each option shows its value and, in brackets, the change from the baseline.`,
    table: {
      columns: ["Metric", "Unit", "Better", ...comparison.scenarios.map((s) => (s.id === comparison.baseline ? `${s.name} (baseline)` : s.name))],
      rows: comparison.rows.map((row) => [
        row.label,
        row.unit,
        row.better === "neither" ? "" : row.better,
        ...row.cells.map((c) => (c.scenario === comparison.baseline || c.delta === null ? num(c.value, row.unit) : `${num(c.value, row.unit)} (${delta(c.delta, row.unit)})`)),
      ]),
    },
  });
  const unitOf = new Map(comparison.rows.map((r) => [r.metric, r.unit] as const));
  sections.push({
    heading: "Ranking",
    text: `Criterion: ${comparison.ranking.criterion}; ties keep input order.`,
    table: {
      columns: ["Rank", "Scenario", ...comparison.ranking.keys.map((k) => comparison.rows.find((r) => r.metric === k.metric)?.label ?? k.metric)],
      rows: comparison.ranking.order.map((o) => [o.rank, o.baseline ? `${o.name} (baseline)` : o.name, ...o.values.map((v, k) => num(v, unitOf.get(comparison.ranking.keys[k].metric) ?? ""))]),
      decimals: 0,
    },
  });
  for (const m of opts.maps) sections.push({ heading: m.heading, svg: m.svg, ...(m.caption === undefined ? {} : { caption: m.caption }) });
  if (comparison.gainersLosers.length > 0) {
    const g0 = comparison.gainersLosers[0];
    const deciles = new Set<string>();
    for (const g of comparison.gainersLosers) for (const k of [...Object.keys(g.further.byImdDecile), ...Object.keys(g.nearer.byImdDecile)]) deciles.add(k);
    const list = [...deciles].sort((a, b) => (a === "unknown" ? 1 : b === "unknown" ? -1 : Number(a) - Number(b)));
    sections.push({
      heading: "Gainers and losers",
      text: `People more than ${g0.thresholdMinutes} minutes further from, or nearer to, the nearest ${g0.measure}, by IMD decile (1 = most deprived).`,
      table: {
        columns: ["Scenario", "Change", "Population", ...list.map((d) => (d === "unknown" ? "IMD ?" : `IMD ${d}`))],
        rows: comparison.gainersLosers.flatMap((g) => [
          [nameOf(g.scenario), "further", g.further.population, ...list.map((d) => g.further.byImdDecile[d] ?? 0)],
          [nameOf(g.scenario), "nearer", g.nearer.population, ...list.map((d) => g.nearer.byImdDecile[d] ?? 0)],
        ]),
        decimals: 0,
      },
    });
    if (opts.maxZones > 0) {
      for (const g of comparison.gainersLosers) {
        if (g.changes.length === 0) continue;
        sections.push({
          heading: `Largest changes: ${nameOf(g.scenario)}`,
          ...(g.changes.length > opts.maxZones ? { text: `The ${opts.maxZones} largest of ${g.changes.length} zones.` } : {}),
          table: {
            columns: ["Zone", "Population", "IMD decile", "Baseline minutes", "Option minutes", "Change"],
            rows: g.changes.slice(0, opts.maxZones).map((c) => [c.zone, c.population, c.imdDecile, c.baselineMinutes, c.minutes, delta(c.deltaMinutes, "minutes")]),
          },
        });
      }
    }
  }
  const switchRows: (string | number)[][] = [];
  for (const s of comparison.scenarios) {
    const groups = new Map<string, { zones: number; population: number }>();
    for (const w of comparison.switches) {
      if (w.scenario !== s.id) continue;
      const key = `${w.from === null ? "none" : (opts.siteNames[w.from] ?? w.from)} → ${w.to === null ? "none" : (opts.siteNames[w.to] ?? w.to)}`;
      const cur = groups.get(key) ?? { zones: 0, population: 0 };
      groups.set(key, { zones: cur.zones + 1, population: cur.population + w.population });
    }
    for (const [key, v] of [...groups].sort((x, y) => y[1].population - x[1].population).slice(0, opts.maxSwitches)) switchRows.push([s.name, key, v.zones, v.population]);
  }
  sections.push(
    switchRows.length === 0
      ? { heading: "Catchment switches", text: "No zone changes hub in any option." }
      : { heading: "Catchment switches", table: { columns: ["Scenario", "From → to", "Zones", "Population"], rows: switchRows, decimals: 0 } },
  );
  if (comparison.warnings.length > 0) sections.push({ heading: "Warnings", text: comparison.warnings.join("\n\n") });
  return renderHtmlReport({ title: opts.title, ...(opts.subtitle === undefined ? {} : { subtitle: opts.subtitle }), sections, footer: opts.footer });
}
