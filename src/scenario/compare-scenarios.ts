import { checkComparableResult } from "./comparison-shape.js";
import * as z from "zod/mini";
import { DuplicateIdError, InvalidInputError, NotAlignedError, UnknownIdError, parseInput } from "../errors.js";
import type { ComparableResult, MetricDirection, ZoneOutcome } from "./metrics.js";
import { compareKnown, rankScenarios, type RankedScenario, type Ranking, type UnrankedScenario } from "./rank-scenarios.js";
import type { Assert, Same } from "../internal/type-checks.js";

const WHERE = "compareScenarios";

/**
 * Default criteria of the non-dominated set: access (population-weighted mean minutes to a hub),
 * equity (the deprivation gap), out-of-area placements (bed-days) and estate running cost.
 * A default criterion the results do not carry is left out and said so in `criteria`.
 */
export const DEFAULT_CRITERIA: readonly string[] = ["access.hub.meanMinutes", "equity.deprivationGapMinutes", "capacity.outOfAreaBedDays", "estate.runningCostPerYear"];

/**
 * Default materiality thresholds by unit: a change smaller than this (in the metric's unit) is
 * "within materiality", neither better nor worse. Units not listed use 1 % of the baseline value.
 */
export const DEFAULT_MATERIALITY: Readonly<Record<string, number>> = {
  minutes: 1,
  share: 0.01,
  people: 100,
  beds: 1,
  "bed-days/year": 365,
  "£/year": 100_000,
  WTE: 1,
  "contacts/week": 50,
  "minutes/week": 600,
  probability: 0.01,
  sites: 0.5,
};

/** Metric key prefixes whose material worsening is flagged beside a rank (access and the deprivation gap). */
export const DEFAULT_WATCH: readonly string[] = ["access.", "equity.deprivationGapMinutes"];

const MetricRef = z.union([z.string().check(z.minLength(1)), z.strictObject({ metric: z.string().check(z.minLength(1)), better: z.enum(["lower", "higher"]) })]);

/**
 * The zod (`zod/mini`) schema that checks {@link CompareScenariosOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const CompareScenariosOptionsSchema = z.strictObject({
  /** Scenario id of the baseline (default: the first result). */
  baseline: z.optional(z.string().check(z.minLength(1))),
  /** Criteria of the non-dominated set: metric keys (their own direction) or `{ metric, better }`. */
  criteria: z.optional(z.array(MetricRef).check(z.minLength(1))),
  /** Materiality thresholds keyed by metric key or by unit, over {@link DEFAULT_MATERIALITY}. */
  materiality: z._default(z.record(z.string().check(z.minLength(1)), z.number().check(z.nonnegative())), {}),
  /**
   * A ranking, only when asked: metric keys compared in order (ties go to the next key, then to
   * input order), or `{ weights: { key: weight } }` for a weighted score of min–max scaled values.
   */
  rankBy: z.optional(z.union([z.array(MetricRef).check(z.minLength(1)), z.strictObject({ weights: z.record(z.string().check(z.minLength(1)), z.number().check(z.positive())) })])),
  /** Key prefixes whose material worsening is flagged beside a rank. */
  watch: z._default(z.array(z.string().check(z.minLength(1))), [...DEFAULT_WATCH]),
  /** A zone gains or loses when its minutes change by more than this. */
  thresholdMinutes: z._default(z.number().check(z.nonnegative()), 5),
  /** Which journey gainers and losers are measured on. */
  measure: z._default(z.enum(["hub", "spoke"]), "hub"),
  /** Which catchment switches are reported on: nearest hub or the hub reached through the spoke. */
  catchment: z._default(z.enum(["nearest", "hierarchical"]), "nearest"),
});
export interface CompareScenariosOptions {
  /**
   * Scenario id of the baseline (default: the first result).
   */
  baseline?: string;
  /**
   * Criteria of the non-dominated set: metric keys (their own direction) or `{ metric, better }`.
   */
  criteria?: (string | { metric: string; better: "lower" | "higher" })[];
  /**
   * Materiality thresholds keyed by metric key or by unit, over {@link DEFAULT_MATERIALITY}.
   * @defaultValue `{}`
   */
  materiality?: Record<string, number>;
  /**
   * A ranking, only when asked: metric keys compared in order (ties go to the next key, then to input order), or `{ weights: { key: weight } }` for a weighted score of min–max scaled values.
   */
  rankBy?: (string | { metric: string; better: "lower" | "higher" })[] | { weights: Record<string, number> };
  /**
   * Key prefixes whose material worsening is flagged beside a rank.
   * @defaultValue {@link DEFAULT_WATCH}
   */
  watch?: string[];
  /**
   * A zone gains or loses when its minutes change by more than this.
   * @defaultValue `5`
   */
  thresholdMinutes?: number;
  /**
   * Which journey gainers and losers are measured on.
   * @defaultValue `"hub"`
   */
  measure?: "hub" | "spoke";
  /**
   * Which catchment switches are reported on: nearest hub or the hub reached through the spoke.
   * @defaultValue `"nearest"`
   */
  catchment?: "nearest" | "hierarchical";
}
type CompareScenariosOptionsCheck = Assert<Same<CompareScenariosOptions, z.input<typeof CompareScenariosOptionsSchema>>>;
type ParsedOptions = z.output<typeof CompareScenariosOptionsSchema>;

/** How one option's value of one metric compares with the baseline's. */
export type CellChange = "better" | "worse" | "within" | "unknown";

/** One scenario's value of one metric and its change from the baseline. */
export interface ComparisonCell {
  readonly scenario: string;
  readonly value: number | null;
  /** value − baseline value; `null` when either is unknown; 0 when both are the same infinity. */
  readonly delta: number | null;
  /** Why `value` is unknown (`null` when it is known). */
  readonly reason: string | null;
  /** Against the baseline beyond the row's materiality; `null` for the baseline and for metrics with no better direction. */
  readonly change: CellChange | null;
}

export interface ComparisonRow {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly better: MetricDirection;
  /** Absolute change (in `unit`) a delta must exceed to count as better or worse; null when the baseline is unknown. */
  readonly materiality: number | null;
  /** Where `materiality` comes from: the metric key, its unit, or 1 % of the baseline value. */
  readonly materialityBasis: "metric" | "unit" | "relative";
  /** One cell per scenario, in the order the results were given (baseline included). */
  readonly cells: readonly ComparisonCell[];
}

/** One metric where an option differs materially from the baseline. */
export interface TradeOff {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly baseline: number;
  readonly value: number;
  readonly delta: number;
  readonly materiality: number;
}

/** Per option (non-baseline scenario): where it is better and worse than the baseline. */
export interface OptionAssessment {
  readonly scenario: string;
  readonly name: string;
  readonly better: readonly TradeOff[];
  readonly worse: readonly TradeOff[];
  /** Metrics with a direction that are unknown for this option or the baseline, with the reason. */
  readonly unknown: readonly { readonly metric: string; readonly label: string; readonly reason: string }[];
  readonly nonDominated: boolean;
  /** Scenarios (baseline included) at least as good on every used criterion and better on one. */
  readonly dominatedBy: readonly string[];
}

/** A criterion of the non-dominated set and whether it could be used. */
export interface ComparisonCriterion {
  readonly metric: string;
  readonly label: string;
  readonly better: "lower" | "higher";
  readonly used: boolean;
  /** Why it was left out (absent from the results, or unknown for some scenario). */
  readonly note: string | null;
}

/** Population grouped by IMD decile (`"1"`…`"10"`, or `"unknown"`). */
export type PopulationByDecile = Readonly<Record<string, number>>;

export interface ZoneChange {
  readonly zone: string;
  readonly population: number;
  readonly imdDecile: number | null;
  readonly baselineMinutes: number;
  readonly minutes: number;
  readonly deltaMinutes: number;
}

/** Who ends up more than `thresholdMinutes` further from (losers) or nearer to (gainers) care. */
export interface GainersLosers {
  readonly scenario: string;
  readonly measure: "hub" | "spoke";
  readonly thresholdMinutes: number;
  readonly further: { readonly population: number; readonly zones: number; readonly byImdDecile: PopulationByDecile };
  readonly nearer: { readonly population: number; readonly zones: number; readonly byImdDecile: PopulationByDecile };
  /** Zones beyond the threshold either way, largest change first (ties by zone order). */
  readonly changes: readonly ZoneChange[];
}

export interface CatchmentSwitch {
  readonly scenario: string;
  readonly zone: string;
  /** Hub before (null: none reachable) and after. */
  readonly from: string | null;
  readonly to: string | null;
  readonly population: number;
}

export type { RankedScenario, Ranking, UnrankedScenario };

/** Result of {@link compareScenarios}: plain data, ready for {@link comparisonToMarkdown} / {@link comparisonToCsv}. */
export interface ScenarioComparison {
  readonly baseline: string;
  /** Scenario ids and names in input order. */
  readonly scenarios: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly ComparisonRow[];
  /** Criteria of the non-dominated set, as stated (used or not, and why). */
  readonly criteria: readonly ComparisonCriterion[];
  /** Scenario ids (baseline included) that no other scenario dominates on the used criteria, in input order. */
  readonly nonDominated: readonly string[];
  /** One per non-baseline scenario, in input order. */
  readonly options: readonly OptionAssessment[];
  /** Only when `rankBy` is given; otherwise null (no single winner is named). */
  readonly ranking: Ranking | null;
  /** One per non-baseline scenario, in input order. */
  readonly gainersLosers: readonly GainersLosers[];
  /** Zones whose hub changes, per non-baseline scenario, in input then zone order. */
  readonly switches: readonly CatchmentSwitch[];
  readonly warnings: readonly string[];
}

interface MetricMeta {
  label: string;
  unit: string;
  better: MetricDirection;
}

function difference(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (a === b) return 0;
  // float noise from rescaling (e.g. 1.1 × population) is not a change
  if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a - b;
}

function isResultShape(r: unknown): r is ComparableResult {
  if (r === null || typeof r !== "object") return false;
  const x = r as { scenario?: { id?: unknown; name?: unknown }; metrics?: unknown; zones?: unknown };
  return x.scenario !== null && typeof x.scenario === "object" && typeof x.scenario.id === "string" && typeof x.scenario.name === "string" && Array.isArray(x.metrics) && Array.isArray(x.zones);
}

/** Check the results' shape, unique ids and shared zones; return the baseline's index. */
function checkResults(results: readonly ComparableResult[], baseline: string | undefined): number {
  if (!Array.isArray(results as unknown) || results.length === 0) {
    throw new InvalidInputError(WHERE, [{ path: "results", message: `expected at least one scenario result (the baseline) (got ${results === null ? "null" : typeof results})` }]);
  }
  const seen = new Map<string, number>();
  results.forEach((r, i) => {
    if (!isResultShape(r)) throw new InvalidInputError(WHERE, [{ path: `results[${i}]`, message: "expected a result of evaluate: { scenario: { id, name }, metrics: [], zones: [] }" }]);
    checkComparableResult(WHERE, r, `results[${i}]`);
    const first = seen.get(r.scenario.id);
    if (first !== undefined) throw new DuplicateIdError(WHERE, "results", r.scenario.id, first, i);
    seen.set(r.scenario.id, i);
  });
  const baselineId = baseline ?? results[0].scenario.id;
  const b = seen.get(baselineId);
  if (b === undefined) {
    throw new UnknownIdError(WHERE, "baseline scenario", baselineId, "options.baseline", `Scenarios: ${results.map((r) => `"${r.scenario.id}"`).join(", ")}.`);
  }
  const base = results[b];
  results.forEach((r, i) => {
    if (r.zones.length !== base.zones.length) throw new NotAlignedError(WHERE, `results[${i}].zones`, r.zones.length, base.zones.length, "the baseline's zones");
    r.zones.forEach((z, k) => {
      if (z.zone !== base.zones[k].zone) {
        throw new InvalidInputError(WHERE, [{ path: `results[${i}].zones[${k}].zone`, message: `zone "${z.zone}" where the baseline has "${base.zones[k].zone}"; evaluate every scenario on the same zones` }]);
      }
    });
  });
  return b;
}

function materialityOf(key: string, meta: MetricMeta, baseValue: number | null, given: Readonly<Record<string, number>>): { value: number | null; basis: ComparisonRow["materialityBasis"] } {
  if (Object.hasOwn(given, key)) return { value: given[key], basis: "metric" };
  if (Object.hasOwn(given, meta.unit)) return { value: given[meta.unit], basis: "unit" };
  if (Object.hasOwn(DEFAULT_MATERIALITY, meta.unit)) return { value: DEFAULT_MATERIALITY[meta.unit], basis: "unit" };
  return { value: baseValue === null || !Number.isFinite(baseValue) ? null : 0.01 * Math.abs(baseValue), basis: "relative" };
}

function changeOf(delta: number | null, better: MetricDirection, materiality: number | null): CellChange | null {
  if (better === "neither") return null;
  if (delta === null) return "unknown";
  const m = materiality ?? 0;
  if (delta === 0 || Math.abs(delta) <= m) return "within";
  return (delta < 0) === (better === "lower") ? "better" : "worse";
}

/** Rows: metric keys in first-appearance order over the results, each cell with its delta and change. */
function buildRows(results: readonly ComparableResult[], b: number, opts: ParsedOptions, warnings: string[]) {
  const meta = new Map<string, MetricMeta>();
  const values = results.map((r) => {
    const m = new Map<string, { value: number | null; reason: string | null }>();
    for (const x of r.metrics) m.set(x.key, { value: x.value, reason: x.value === null ? (x.reason ?? "the figure is undefined for this scenario") : null });
    return m;
  });
  for (const r of results) for (const m of r.metrics) if (!meta.has(m.key)) meta.set(m.key, { label: m.label, unit: m.unit, better: m.better });
  const rows: ComparisonRow[] = [];
  for (const [key, m] of meta) {
    const missing = results.filter((_r, i) => !values[i].has(key)).map((r) => `"${r.scenario.id}"`);
    if (missing.length > 0) warnings.push(`metric "${key}" is missing from ${missing.join(", ")}; shown as unknown`);
    const baseValue = values[b].get(key)?.value ?? null;
    const mat = materialityOf(key, m, baseValue, opts.materiality);
    const cells = results.map((r, i): ComparisonCell => {
      const v = values[i].get(key) ?? { value: null, reason: `this metric is not in the result of "${r.scenario.id}"` };
      const delta = difference(v.value, baseValue);
      return { scenario: r.scenario.id, value: v.value, delta, reason: v.reason, change: i === b ? null : changeOf(delta, m.better, mat.value) };
    });
    rows.push({ metric: key, ...m, materiality: mat.value, materialityBasis: mat.basis, cells });
  }
  return rows;
}

/** Resolve criteria: explicit ones must exist; a default one the results lack is noted and left out. */
function resolveCriteria(rows: readonly ComparisonRow[], opts: ParsedOptions): ComparisonCriterion[] {
  const byKey = new Map(rows.map((r) => [r.metric, r] as const));
  const given = opts.criteria ?? DEFAULT_CRITERIA;
  return given.map((c, n): ComparisonCriterion => {
    const metric = typeof c === "string" ? c : c.metric;
    const row = byKey.get(metric);
    if (row === undefined) {
      if (opts.criteria !== undefined) throw new UnknownIdError(WHERE, "criterion metric", metric, `options.criteria[${n}]`, `Metrics: ${rows.slice(0, 30).map((r) => r.metric).join(", ")}.`);
      return { metric, label: metric, better: "lower", used: false, note: "not in the results" };
    }
    const better = typeof c === "string" ? (row.better === "neither" ? "lower" : row.better) : c.better;
    const unknown = row.cells.filter((cell) => cell.value === null).map((cell) => `"${cell.scenario}"`);
    return { metric, label: row.label, better, used: unknown.length === 0, note: unknown.length === 0 ? null : `unknown for ${unknown.join(", ")}` };
  });
}

/** For each scenario, the scenarios that dominate it (Pareto, exact values with a 1e-9 tie tolerance). */
function dominance(rows: readonly ComparisonRow[], criteria: readonly ComparisonCriterion[], n: number): number[][] {
  const used = criteria.filter((c) => c.used).map((c) => ({ better: c.better, cells: (rows.find((r) => r.metric === c.metric) as ComparisonRow).cells }));
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  if (used.length === 0) return dominatedBy;
  for (let a = 0; a < n; a++) {
    for (let d = 0; d < n; d++) {
      if (a === d) continue;
      let strictly = false;
      let worse = false;
      for (const c of used) {
        const cmp = compareKnown(c.cells[a].value as number, c.cells[d].value as number, c.better);
        if (cmp > 0) worse = true;
        if (cmp < 0) strictly = true;
      }
      if (strictly && !worse) dominatedBy[d].push(a);
    }
  }
  return dominatedBy;
}

function tradeOff(row: ComparisonRow, b: number, i: number): TradeOff {
  return { metric: row.metric, label: row.label, unit: row.unit, baseline: row.cells[b].value as number, value: row.cells[i].value as number, delta: row.cells[i].delta as number, materiality: row.materiality ?? 0 };
}

function assessOptions(results: readonly ComparableResult[], rows: readonly ComparisonRow[], b: number, dominatedBy: number[][]): OptionAssessment[] {
  const out: OptionAssessment[] = [];
  results.forEach((r, i) => {
    if (i === b) return;
    const better: TradeOff[] = [];
    const worse: TradeOff[] = [];
    const unknown: OptionAssessment["unknown"][number][] = [];
    for (const row of rows) {
      const cell = row.cells[i];
      if (cell.change === "better") better.push(tradeOff(row, b, i));
      else if (cell.change === "worse") worse.push(tradeOff(row, b, i));
      else if (cell.change === "unknown") unknown.push({ metric: row.metric, label: row.label, reason: cell.reason ?? `unknown for the baseline: ${row.cells[b].reason ?? "no value"}` });
    }
    out.push({ scenario: r.scenario.id, name: r.scenario.name, better, worse, unknown, nonDominated: dominatedBy[i].length === 0, dominatedBy: dominatedBy[i].map((k) => results[k].scenario.id) });
  });
  return out;
}

function decileKey(z: ZoneOutcome): string {
  return z.imdDecile === null ? "unknown" : String(z.imdDecile);
}

function sortedDeciles(record: Record<string, number>): Record<string, number> {
  const keys = Object.keys(record).sort((a, b) => (a === "unknown" ? 1 : b === "unknown" ? -1 : Number(a) - Number(b)));
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const k of keys) out[k] = record[k];
  return { ...out };
}

/** Gainers and losers by IMD decile, and catchment switches, per non-baseline scenario. */
function zoneChanges(results: readonly ComparableResult[], b: number, opts: ParsedOptions): { gainersLosers: GainersLosers[]; switches: CatchmentSwitch[] } {
  const base = results[b];
  const gainersLosers: GainersLosers[] = [];
  const switches: CatchmentSwitch[] = [];
  results.forEach((r, i) => {
    if (i === b) return;
    const further = { population: 0, zones: 0, byImdDecile: Object.create(null) as Record<string, number> };
    const nearer = { population: 0, zones: 0, byImdDecile: Object.create(null) as Record<string, number> };
    const changes: ZoneChange[] = [];
    r.zones.forEach((z, k) => {
      const before = base.zones[k];
      const t0 = opts.measure === "hub" ? before.hubMinutes : before.spokeMinutes;
      const t1 = opts.measure === "hub" ? z.hubMinutes : z.spokeMinutes;
      const delta = t0 === t1 ? 0 : t1 - t0;
      if (delta > opts.thresholdMinutes || delta < -opts.thresholdMinutes) {
        const side = delta > 0 ? further : nearer;
        side.population += z.population;
        side.zones++;
        side.byImdDecile[decileKey(z)] = (side.byImdDecile[decileKey(z)] ?? 0) + z.population;
        changes.push({ zone: z.zone, population: z.population, imdDecile: z.imdDecile, baselineMinutes: t0, minutes: t1, deltaMinutes: delta });
      }
      const from = opts.catchment === "nearest" ? before.hub : before.hierarchicalHub;
      const to = opts.catchment === "nearest" ? z.hub : z.hierarchicalHub;
      if (from !== to) switches.push({ scenario: r.scenario.id, zone: z.zone, from, to, population: z.population });
    });
    changes.sort((x, y) => Math.abs(y.deltaMinutes) - Math.abs(x.deltaMinutes));
    gainersLosers.push({
      scenario: r.scenario.id,
      measure: opts.measure,
      thresholdMinutes: opts.thresholdMinutes,
      further: { ...further, byImdDecile: sortedDeciles(further.byImdDecile) },
      nearer: { ...nearer, byImdDecile: sortedDeciles(nearer.byImdDecile) },
      changes,
    });
  });
  return { gainersLosers, switches };
}

/**
 * Compare evaluated scenarios side by side against a baseline, naming no single winner: one
 * row per metric with each scenario's value and delta; per option, the metrics where it is
 * materially better and worse than the baseline; the non-dominated options over stated
 * criteria; per-zone gainers and losers by IMD decile; and catchment switches. A ranking is
 * given only when `rankBy` names its criterion.
 *
 * Method: deltas are option − baseline. A delta is material when its size exceeds the row's
 * materiality (by metric key or unit from `materiality`, else {@link DEFAULT_MATERIALITY} by
 * unit, else 1 % of the baseline value). Option A dominates option B (Pareto) when A is at least
 * as good on every used criterion and strictly better on one (exact values, ties within a
 * relative 1e-9); the non-dominated set is every scenario, baseline included, that no other
 * dominates. A criterion unknown (`null`) for any scenario is left out of the set and noted.
 * An unknown value has no delta and takes no part in trade-offs, dominance or ranks. Ranking
 * (only with `rankBy`): lexicographic over keys, or a weighted sum of min–max scaled values
 * (0 = best scenario, 1 = worst); each ranked scenario lists `cautions`, the watched metrics
 * (access and the deprivation gap by default) where it is materially worse than the baseline.
 * A zone is a loser when its minutes rise by more than `thresholdMinutes` (becoming unreachable
 * is an infinite rise), a gainer when they fall by more; a switch is a zone whose hub differs.
 *
 * @param results - Results of {@link evaluate}, baseline included, over the same zones.
 * @returns A {@link ScenarioComparison}; populations in people, minutes in minutes.
 * @throws {@link InvalidInputError} for no results, a malformed result, or bad options.
 * @throws {@link DuplicateIdError} if two results share a scenario id.
 * @throws {@link UnknownIdError} if `baseline`, a criterion or a ranking metric is not in the results.
 * @throws {@link NotAlignedError} if results cover different zones.
 * @example
 * const results = [baseline, ...options].map((s) => evaluate(network, s, { cache }));
 * const comparison = compareScenarios(results, { baseline: "baseline" });
 * comparison.nonDominated; // e.g. ["baseline", "new-hub-ashford"]
 * comparison.options[0].worse.map((t) => t.label); // where the first option is worse
 * compareScenarios(results, { rankBy: { weights: { "access.hub.meanMinutes": 2, "capacity.outOfAreaBedDays": 1 } } }).ranking;
 */
export function compareScenarios(results: readonly ComparableResult[], options: CompareScenariosOptions = {}): ScenarioComparison {
  const opts = parseInput(WHERE, CompareScenariosOptionsSchema, options, "options");
  const b = checkResults(results, opts.baseline);
  const warnings: string[] = [];
  const rows = buildRows(results, b, opts, warnings);
  const criteria = resolveCriteria(rows, opts);
  for (const c of criteria) if (!c.used) warnings.push(`criterion "${c.metric}" is left out of the non-dominated set: ${c.note}`);
  const dominatedBy = dominance(rows, criteria, results.length);
  const ranking = opts.rankBy === undefined ? null : rankScenarios(WHERE, results, rows, b, opts.rankBy, opts.watch, warnings);
  return {
    baseline: results[b].scenario.id,
    scenarios: results.map((r) => ({ id: r.scenario.id, name: r.scenario.name })),
    rows,
    criteria,
    nonDominated: results.filter((_r, i) => dominatedBy[i].length === 0).map((r) => r.scenario.id),
    options: assessOptions(results, rows, b, dominatedBy),
    ranking,
    ...zoneChanges(results, b, opts),
    warnings,
  };
}
