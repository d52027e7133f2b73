import { checkComparison } from "../scenario/comparison-shape.js";
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ComparisonRow, ScenarioComparison } from "../scenario/compare-scenarios.js";
import { cellText, materialityText, nonDominatedText, tradeOffText } from "../scenario/comparison-to-markdown.js";
import type { DataAndAssumptions } from "../scenario/data-and-assumptions.js";
import { formatDelta, formatValue, unitLabel } from "../scenario/format.js";
import type { Ranking } from "../scenario/rank-scenarios.js";
import { gainersLosersChart } from "./gainers-losers-chart.js";
import { type ReportSection, renderHtmlReport } from "./render-html-report.js";

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
  /** Draw the gainers and losers by IMD decile as a bar chart per option. */
  charts: z._default(z.boolean(), true),
  /** Data and assumptions from `dataAndAssumptions`: attribution, sourced figures, warnings, provenance. */
  sources: z.optional(z.custom<DataAndAssumptions>((v) => v !== null && typeof v === "object" && Array.isArray((v as DataAndAssumptions).attribution), "expected the result of dataAndAssumptions")),
  /** Extra lines for the foot of the page. */
  footer: z._default(z.array(z.string()), []),
});
export type ComparisonToHtmlOptions = z.input<typeof ComparisonToHtmlOptionsSchema>;

/**
 * The "Data and assumptions" part as report sections: attribution, each sourced figure (and
 * whether it is assumed), the warnings, and the provenance hashes.
 */
export function dataAndAssumptionsSections(d: DataAndAssumptions | undefined, extraWarnings: readonly string[] = []): ReportSection[] {
  const warnings = [...new Set([...(d?.warnings.map((w) => `${w.scenario}: ${w.message}`) ?? []), ...extraWarnings])];
  const sections: ReportSection[] = [];
  const attribution = d === undefined ? ["Sources were not supplied with this report (pass sources: dataAndAssumptions(network, results))."] : d.attribution.length > 0 ? [...d.attribution] : ["The network states no data attribution (set metadata.attribution)."];
  sections.push({ heading: "Data and assumptions", id: "data-and-assumptions", text: `Data attribution:\n\n${attribution.join("\n\n")}` });
  if (d !== undefined && d.assumptions.length > 0) {
    const assumed = d.assumptions.filter((a) => a.assumed).length;
    sections.push({
      heading: "Assumptions",
      text: `${assumed} of ${d.assumptions.length} planning figures are assumptions, not measured; each states its source or rationale.`,
      table: { columns: ["Figure", "Value", "Assumed", "Source or rationale"], rows: d.assumptions.map((a) => [a.path, a.value, a.assumed ? "yes" : "no", a.source]) },
    });
  }
  sections.push({ heading: "Warnings", text: warnings.length > 0 ? warnings.join("\n\n") : "None." });
  if (d !== undefined && d.provenance.length > 0) {
    const keys = Object.keys(d.provenance[0].hashes);
    sections.push({ heading: "Provenance", text: "Content hashes of the inputs and the library version, so each figure can be reproduced.", table: { columns: ["Scenario", ...keys], rows: d.provenance.map((p) => [p.scenario, ...keys.map((k) => p.hashes[k] ?? null)]) } });
  }
  return sections;
}

function cell(c: ComparisonRow["cells"][number], unit: string, baseline: string): string {
  return cellText(c, unit, baseline);
}

/**
 * A scenario comparison as one self-contained HTML page for a board paper: the trade-offs of
 * each option against the baseline and the non-dominated set with its criteria, the
 * side-by-side metric table, a ranking only when one was asked for (with its criterion and
 * cautions), the maps given (e.g. a map per scenario and a change map per option), the gainers
 * and losers by IMD decile as a bar chart per option, catchment switches, and "Data and
 * assumptions" (attribution, sourced figures, warnings, provenance). No scripts, fonts or links.
 * The Markdown twin is the scenario domain's `comparisonToMarkdown`.
 *
 * @param comparison - From `compareScenarios`.
 * @param options.title - Page title. Default "Scenario comparison".
 * @param options.maps - `[{ heading, svg, caption? }]` to include. Default none.
 * @param options.charts - Draw the gainers/losers bar chart per option. Default true.
 * @param options.maxZones - Zones listed per option under gainers/losers. Default 10.
 * @param options.maxSwitches - Switch lines per option. Default 20.
 * @param options.siteNames - Site id → name for the switch table. Default: ids.
 * @param options.sources - From `dataAndAssumptions`. Default: the section says none were supplied.
 * @param options.footer - Lines for the foot. Default none.
 * @returns An HTML5 document (see {@link renderHtmlReport}).
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * const sources = dataAndAssumptions(network, results);
 * const html = comparisonToHtml(compareScenarios(results), { sources, maps: [{ heading: "Option B", svg }] });
 */
export function comparisonToHtml(comparison: ScenarioComparison, options: ComparisonToHtmlOptions = {}): string {
  const opts = parseInput("comparisonToHtml", ComparisonToHtmlOptionsSchema, options, "options");
  checkComparison("comparisonToHtml", comparison);
  const names = new Map(comparison.scenarios.map((s) => [s.id, s.name] as const));
  const nameOf = (id: string) => names.get(id) ?? id;
  const sections: ReportSection[] = [];
  sections.push({
    heading: "Trade-offs against the baseline",
    text: `Baseline: ${nameOf(comparison.baseline)}. No single winner is named: each option is better on some measures and worse on others.\n\n${nonDominatedText(comparison)}\n\n${materialityText(comparison)}`,
    ...(comparison.options.length === 0
      ? {}
      : {
          table: {
            columns: ["Option", "Non-dominated", "Better than baseline", "Worse than baseline", "Unknown"],
            rows: comparison.options.map((o) => [
              o.name,
              o.nonDominated ? "yes" : `no (dominated by ${o.dominatedBy.map(nameOf).join(", ")})`,
              tradeOffText(o.better),
              tradeOffText(o.worse),
              o.unknown.length === 0 ? "—" : o.unknown.map((u) => `${u.label} (${u.reason})`).join("; "),
            ]),
          },
        }),
  });
  sections.push({
    heading: "Metrics",
    text: "Each option shows its value and, in brackets, the change from the baseline, marked better or worse when it exceeds the materiality threshold. Unknown means an input is missing; it takes no part in deltas, trade-offs or ranks.",
    table: {
      columns: ["Metric", "Unit", "Better", ...comparison.scenarios.map((s) => (s.id === comparison.baseline ? `${s.name} (baseline)` : s.name))],
      rows: comparison.rows.map((row) => [row.label, unitLabel(row.unit), row.better === "neither" ? "" : row.better, ...row.cells.map((c) => cell(c, row.unit, comparison.baseline))]),
    },
  });
  if (comparison.ranking !== null) sections.push(rankingSection(comparison, comparison.ranking));
  for (const m of opts.maps) sections.push({ heading: m.heading, svg: m.svg, ...(m.caption === undefined ? {} : { caption: m.caption }) });
  sections.push(...gainersSections(comparison, opts, nameOf));
  sections.push(switchSection(comparison, opts));
  sections.push(...dataAndAssumptionsSections(opts.sources, comparison.warnings));
  return renderHtmlReport({ title: opts.title, ...(opts.subtitle === undefined ? {} : { subtitle: opts.subtitle }), sections, footer: opts.footer });
}

function rankingSection(comparison: ScenarioComparison, ranking: Ranking): ReportSection {
  const unitOf = new Map(comparison.rows.map((r) => [r.metric, r.unit] as const));
  const labelOf = new Map(comparison.rows.map((r) => [r.metric, r.label] as const));
  const weighted = ranking.method === "weighted";
  const unranked = ranking.unranked.length === 0 ? "" : `\n\nNot ranked: ${ranking.unranked.map((u) => `${u.name} (${u.reason})`).join("; ")}.`;
  return {
    heading: "Ranking (as asked)",
    text: `Criterion: ${ranking.criterion}; ties keep input order. A caution marks a ranked option that is materially worse than the baseline on access or the deprivation gap.${unranked}`,
    table: {
      columns: ["Rank", "Scenario", ...ranking.keys.map((k) => labelOf.get(k.metric) ?? k.metric), ...(weighted ? ["Score"] : []), "Caution"],
      rows: ranking.order.map((o) => [
        o.rank,
        o.baseline ? `${o.name} (baseline)` : o.name,
        ...o.values.map((v, k) => formatValue(v, unitOf.get(ranking.keys[k].metric) ?? "")),
        ...(o.score === null ? [] : [o.score.toFixed(3)]),
        o.cautions.length === 0 ? "—" : `⚠ ${o.cautions.join("; ")}`,
      ]),
      decimals: 0,
    },
  };
}

type ParsedHtmlOptions = z.output<typeof ComparisonToHtmlOptionsSchema>;

function gainersSections(comparison: ScenarioComparison, opts: ParsedHtmlOptions, nameOf: (id: string) => string): ReportSection[] {
  const sections: ReportSection[] = [];
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
        rows: comparison.gainersLosers.flatMap((g): (string | number)[][] => [
          [nameOf(g.scenario), "further", g.further.population, ...list.map((d) => g.further.byImdDecile[d] ?? 0)],
          [nameOf(g.scenario), "nearer", g.nearer.population, ...list.map((d) => g.nearer.byImdDecile[d] ?? 0)],
        ]),
        decimals: 0,
      },
    });
    if (opts.charts) {
      for (const g of comparison.gainersLosers) {
        sections.push({ heading: `Who gains and who loses: ${nameOf(g.scenario)}`, svg: gainersLosersChart(g, `${nameOf(g.scenario)}: people nearer and further by IMD decile`), caption: `Zones whose minutes to the nearest ${g.measure} change by more than ${g.thresholdMinutes}, by IMD decile (1 = most deprived).` });
      }
    }
    if (opts.maxZones > 0) {
      for (const g of comparison.gainersLosers) {
        if (g.changes.length === 0) continue;
        sections.push({
          heading: `Largest changes: ${nameOf(g.scenario)}`,
          ...(g.changes.length > opts.maxZones ? { text: `The ${opts.maxZones} largest of ${g.changes.length} zones.` } : {}),
          table: {
            columns: ["Zone", "Population", "IMD decile", "Baseline minutes", "Option minutes", "Change"],
            rows: g.changes.slice(0, opts.maxZones).map((c) => [c.zone, c.population, c.imdDecile, c.baselineMinutes, c.minutes, formatDelta(c.deltaMinutes, "minutes")]),
          },
        });
      }
    }
  }
  return sections;
}

function switchSection(comparison: ScenarioComparison, opts: ParsedHtmlOptions): ReportSection {
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
  return switchRows.length === 0
    ? { heading: "Catchment switches", text: "No zone changes hub in any option." }
    : { heading: "Catchment switches", table: { columns: ["Scenario", "From → to", "Zones", "Population"], rows: switchRows, decimals: 0 } };
}
