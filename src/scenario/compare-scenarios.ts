import * as z from "zod/mini";
import { DuplicateIdError, InvalidInputError, NotAlignedError, UnknownIdError, parseInput } from "../errors.js";
import type { ComparableResult, MetricDirection, ZoneOutcome } from "./metrics.js";

const WHERE = "compareScenarios";

/** Default ranking: fewest out-of-area bed-days, then shortest population-weighted mean minutes to a hub. */
export const DEFAULT_RANK_BY: readonly string[] = ["capacity.outOfAreaBedDays", "access.hub.meanMinutes"];

const RankKey = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({ metric: z.string().check(z.minLength(1)), better: z.enum(["lower", "higher"]) }),
]);

export const CompareScenariosOptionsSchema = z.strictObject({
  /** Scenario id of the baseline (default: the first result). */
  baseline: z.optional(z.string().check(z.minLength(1))),
  /**
   * Ranking criterion: metric keys compared in order (ties go to the next key, then to input
   * order). A bare key uses the metric's own direction; `{ metric, better }` overrides it.
   */
  rankBy: z._default(z.array(RankKey).check(z.minLength(1)), [...DEFAULT_RANK_BY]),
  /** A zone gains or loses when its minutes change by more than this. */
  thresholdMinutes: z._default(z.number().check(z.nonnegative()), 5),
  /** Which journey gainers and losers are measured on. */
  measure: z._default(z.enum(["hub", "spoke"]), "hub"),
  /** Which catchment switches are reported on: nearest hub or the hub reached through the spoke. */
  catchment: z._default(z.enum(["nearest", "hierarchical"]), "nearest"),
});
export type CompareScenariosOptions = z.input<typeof CompareScenariosOptionsSchema>;

/** One scenario's value of one metric and its change from the baseline. */
export interface ComparisonCell {
  readonly scenario: string;
  readonly value: number | null;
  /** value − baseline value; `null` when either is null; 0 when both are the same infinity. */
  readonly delta: number | null;
}

export interface ComparisonRow {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly better: MetricDirection;
  /** One cell per scenario, in the order the results were given (baseline included). */
  readonly cells: readonly ComparisonCell[];
}

export interface RankedScenario {
  readonly rank: number;
  readonly scenario: string;
  readonly name: string;
  readonly baseline: boolean;
  /** The ranking metrics' values, in `criterion` order. */
  readonly values: readonly (number | null)[];
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

/** Result of {@link compareScenarios}: plain data, ready for {@link comparisonToMarkdown} / {@link comparisonToCsv}. */
export interface ScenarioComparison {
  readonly baseline: string;
  /** Scenario ids and names in input order. */
  readonly scenarios: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly ComparisonRow[];
  readonly ranking: {
    /** The criterion in words, e.g. "fewest out-of-area bed-days, then …". */
    readonly criterion: string;
    readonly keys: readonly { readonly metric: string; readonly better: "lower" | "higher" }[];
    readonly order: readonly RankedScenario[];
  };
  /** One per non-baseline scenario, in input order. */
  readonly gainersLosers: readonly GainersLosers[];
  /** Zones whose hub changes, per non-baseline scenario, in input then zone order. */
  readonly switches: readonly CatchmentSwitch[];
  readonly warnings: readonly string[];
}

function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function difference(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (a === b) return 0;
  // float noise from rescaling (e.g. 1.1 × population) is not a change
  if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a - b;
}

function compareValues(a: number | null, b: number | null, better: "lower" | "higher"): number {
  // null (undefined figure) ranks last whatever the direction
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (a === b) return 0;
  const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tolerance) return 0;
  return better === "lower" ? (a < b ? -1 : 1) : a > b ? -1 : 1;
}

function decileKey(z: ZoneOutcome): string {
  return z.imdDecile === null ? "unknown" : String(z.imdDecile);
}

function addTo(record: Record<string, number>, key: string, value: number): void {
  record[key] = (record[key] ?? 0) + value;
}

function sortedDeciles(record: Record<string, number>): Record<string, number> {
  const keys = Object.keys(record).sort((a, b) => (a === "unknown" ? 1 : b === "unknown" ? -1 : Number(a) - Number(b)));
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = record[k];
  return out;
}

/**
 * Compare evaluated scenarios side by side against a baseline: one row per metric with each
 * scenario's value and its delta, a ranking by a stated criterion, per-zone gainers and losers
 * by IMD decile, and catchment switches.
 *
 * Method: deltas are scenario − baseline. Ranking is lexicographic over `rankBy` (default:
 * out-of-area bed-days per year, lower better; then population-weighted mean minutes to the
 * nearest hub, lower better), with ties (relative tolerance 1e-9) broken by the next key and
 * then by input order; an undefined value ranks last. A zone is a loser when its minutes
 * (to the nearest hub, or spoke with `measure: "spoke"`) rise by more than `thresholdMinutes`,
 * a gainer when they fall by more; becoming unreachable counts as an infinite rise. A switch
 * is a zone whose hub (nearest, or through its spoke) differs from the baseline's.
 *
 * @param results - Results of {@link evaluate}, baseline included, over the same zones.
 * @param options.baseline - Baseline scenario id. Default: the first result.
 * @param options.rankBy - Metric keys (or `{ metric, better }`). Default
 *   `["capacity.outOfAreaBedDays", "access.hub.meanMinutes"]`.
 * @param options.thresholdMinutes - Gainer/loser threshold N. Default 5.
 * @param options.measure - `"hub"` or `"spoke"` journeys for gainers/losers. Default `"hub"`.
 * @param options.catchment - `"nearest"` or `"hierarchical"` hub for switches. Default `"nearest"`.
 * @returns A {@link ScenarioComparison}; populations in people, minutes in minutes.
 * @throws {@link InvalidInputError} for no results or bad options.
 * @throws {@link DuplicateIdError} if two results share a scenario id.
 * @throws {@link UnknownIdError} if `baseline` or a `rankBy` metric is not in the results.
 * @throws {@link NotAlignedError} if results cover different zones.
 * @example
 * const results = [baseline, ...options].map((s) => evaluate(network, s, { cache }));
 * const comparison = compareScenarios(results, { baseline: "baseline", thresholdMinutes: 10 });
 * comparison.ranking.order[0].scenario; // the best option under the stated criterion
 */
export function compareScenarios(results: readonly ComparableResult[], options: CompareScenariosOptions = {}): ScenarioComparison {
  const opts = parseInput(WHERE, CompareScenariosOptionsSchema, options, "options");
  if (!isList(results) || results.length === 0) {
    throw new InvalidInputError(WHERE, [{ path: "results", message: "expected at least one scenario result (the baseline)" }]);
  }
  const seen = new Map<string, number>();
  results.forEach((r, i) => {
    const first = seen.get(r.scenario.id);
    if (first !== undefined) throw new DuplicateIdError(WHERE, "results", r.scenario.id, first, i);
    seen.set(r.scenario.id, i);
  });
  const baselineId = opts.baseline ?? results[0].scenario.id;
  const b = seen.get(baselineId);
  if (b === undefined) {
    throw new UnknownIdError(WHERE, "baseline scenario", baselineId, "options.baseline", `Scenarios: ${results.map((r) => `"${r.scenario.id}"`).join(", ")}.`);
  }
  const base = results[b];
  results.forEach((r, i) => {
    if (r.zones.length !== base.zones.length) {
      throw new NotAlignedError(WHERE, `results[${i}].zones`, r.zones.length, base.zones.length, "the baseline's zones");
    }
    r.zones.forEach((z, k) => {
      if (z.zone !== base.zones[k].zone) {
        throw new InvalidInputError(WHERE, [{ path: `results[${i}].zones[${k}].zone`, message: `zone "${z.zone}" where the baseline has "${base.zones[k].zone}"; evaluate every scenario on the same zones` }]);
      }
    });
  });

  // rows: metric keys in first-appearance order over the results
  const warnings: string[] = [];
  const meta = new Map<string, { label: string; unit: string; better: MetricDirection }>();
  const values = results.map((r) => new Map(r.metrics.map((m) => [m.key, m.value] as const)));
  for (const r of results) for (const m of r.metrics) if (!meta.has(m.key)) meta.set(m.key, { label: m.label, unit: m.unit, better: m.better });
  const rows: ComparisonRow[] = [];
  for (const [key, m] of meta) {
    const baseValue = values[b].get(key) ?? null;
    rows.push({
      metric: key,
      ...m,
      cells: results.map((r, i) => {
        const value = values[i].has(key) ? (values[i].get(key) as number | null) : null;
        return { scenario: r.scenario.id, value, delta: difference(value, baseValue) };
      }),
    });
  }
  for (const [key] of meta) {
    const missing = results.filter((_r, i) => !values[i].has(key)).map((r) => r.scenario.id);
    if (missing.length > 0) warnings.push(`metric "${key}" is missing from ${missing.map((m) => `"${m}"`).join(", ")}; shown as blank`);
  }

  const keys = opts.rankBy.map((k, n) => {
    const metric = typeof k === "string" ? k : k.metric;
    const m = meta.get(metric);
    if (m === undefined) {
      throw new UnknownIdError(WHERE, "ranking metric", metric, `options.rankBy[${n}]`, `Metrics: ${[...meta.keys()].slice(0, 30).join(", ")}.`);
    }
    const better = typeof k === "string" ? (m.better === "neither" ? "lower" : m.better) : k.better;
    if (typeof k === "string" && m.better === "neither") warnings.push(`ranking metric "${metric}" has no natural direction; ranked lower-is-better`);
    return { metric, better, label: m.label };
  });
  const order = results
    .map((r, i) => ({ i, r, vals: keys.map((k) => values[i].get(k.metric) ?? null) }))
    .sort((x, y) => {
      for (let k = 0; k < keys.length; k++) {
        const c = compareValues(x.vals[k], y.vals[k], keys[k].better);
        if (c !== 0) return c;
      }
      return x.i - y.i;
    })
    .map((x, n): RankedScenario => ({ rank: n + 1, scenario: x.r.scenario.id, name: x.r.scenario.name, baseline: x.i === b, values: x.vals }));
  const criterion = keys.map((k) => `${k.label} (${k.better} is better)`).join(", then ");

  const gainersLosers: GainersLosers[] = [];
  const switches: CatchmentSwitch[] = [];
  results.forEach((r, i) => {
    if (i === b) return;
    const further = { population: 0, zones: 0, byImdDecile: {} as Record<string, number> };
    const nearer = { population: 0, zones: 0, byImdDecile: {} as Record<string, number> };
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
        addTo(side.byImdDecile, decileKey(z), z.population);
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

  return {
    baseline: baselineId,
    scenarios: results.map((r) => ({ id: r.scenario.id, name: r.scenario.name })),
    rows,
    ranking: { criterion, keys: keys.map(({ metric, better }) => ({ metric, better })), order },
    gainersLosers,
    switches,
    warnings,
  };
}
