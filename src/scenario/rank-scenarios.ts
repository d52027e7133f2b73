// The optional ranking of compareScenarios: only when the caller names its criterion.
import { UnknownIdError } from "../errors.js";
import { formatDelta } from "./format.js";
import type { ComparableResult } from "./metrics.js";
import type { ComparisonRow } from "./compare-scenarios.js";

export interface RankedScenario {
  readonly rank: number;
  readonly scenario: string;
  readonly name: string;
  readonly baseline: boolean;
  /** The ranking metrics' values, in `keys` order. */
  readonly values: readonly number[];
  /** Weighted ranking: the score (0 = best on every key, 1 = worst); null for a lexicographic ranking. */
  readonly score: number | null;
  /** Watched metrics (access, deprivation gap) materially worse than the baseline, in words. */
  readonly cautions: readonly string[];
}

export interface UnrankedScenario {
  readonly scenario: string;
  readonly name: string;
  /** Which ranking metric is unknown, and why. */
  readonly reason: string;
}

export interface Ranking {
  readonly method: "lexicographic" | "weighted";
  /** The criterion in words, e.g. "Out-of-area bed-days (lower is better), then …". */
  readonly criterion: string;
  readonly keys: readonly { readonly metric: string; readonly better: "lower" | "higher"; readonly weight: number | null }[];
  /** Scenarios with every ranking metric known, best first (ties keep input order). */
  readonly order: readonly RankedScenario[];
  /** Scenarios left out because a ranking metric is unknown for them. */
  readonly unranked: readonly UnrankedScenario[];
}

type MetricRef = string | { metric: string; better: "lower" | "higher" };
type RankBy = readonly MetricRef[] | { weights: Record<string, number> };

/** −1 when a is better than b, 1 when worse, 0 when tied (relative tolerance 1e-9). Both known. */
export function compareKnown(a: number, b: number, better: "lower" | "higher"): number {
  if (a === b) return 0;
  const tolerance = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tolerance) return 0;
  return better === "lower" ? (a < b ? -1 : 1) : a > b ? -1 : 1;
}

function resolveKeys(where: string, rows: readonly ComparisonRow[], rankBy: RankBy, warnings: string[]) {
  const byKey = new Map(rows.map((r) => [r.metric, r] as const));
  const refs: { ref: MetricRef; weight: number | null; path: string }[] = Array.isArray(rankBy)
    ? rankBy.map((ref, n) => ({ ref, weight: null, path: `options.rankBy[${n}]` }))
    : Object.entries((rankBy as { weights: Record<string, number> }).weights).map(([metric, weight]) => ({ ref: metric, weight, path: `options.rankBy.weights.${metric}` }));
  return refs.map(({ ref, weight, path }) => {
    const metric = typeof ref === "string" ? ref : ref.metric;
    const row = byKey.get(metric);
    if (row === undefined) throw new UnknownIdError(where, "ranking metric", metric, path, `Metrics: ${rows.slice(0, 30).map((r) => r.metric).join(", ")}.`);
    if (typeof ref === "string" && row.better === "neither") warnings.push(`ranking metric "${metric}" has no natural direction; ranked lower-is-better`);
    const better: "lower" | "higher" = typeof ref === "string" ? (row.better === "neither" ? "lower" : row.better) : ref.better;
    return { metric, better, weight, row };
  });
}

function cautionsOf(rows: readonly ComparisonRow[], i: number, b: number, watch: readonly string[]): string[] {
  if (i === b) return [];
  const out: string[] = [];
  for (const row of rows) {
    if (row.cells[i].change !== "worse" || !watch.some((w) => row.metric.startsWith(w))) continue;
    out.push(`${row.label} worse than the baseline (${formatDelta(row.cells[i].delta, row.unit)}${row.unit === "share" ? "" : ` ${row.unit}`})`);
  }
  return out;
}

/** Weighted score: Σ wₖ · (badness scaled 0 best … 1 worst over the ranked scenarios) / Σ wₖ. */
function weightedScores(keys: ReturnType<typeof resolveKeys>, members: readonly number[]): Map<number, number> {
  const total = keys.reduce((a, k) => a + (k.weight ?? 0), 0);
  const scores = new Map<number, number>(members.map((i) => [i, 0]));
  for (const k of keys) {
    const vals = members.map((i) => k.row.cells[i].value as number).filter(Number.isFinite);
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    for (const i of members) {
      const v = k.row.cells[i].value as number;
      let scaled: number;
      if (!Number.isFinite(v)) scaled = (v === Infinity) === (k.better === "lower") ? 1 : 0;
      else scaled = hi === lo ? 0 : (k.better === "lower" ? v - lo : hi - v) / (hi - lo);
      scores.set(i, (scores.get(i) as number) + ((k.weight ?? 0) * scaled) / total);
    }
  }
  return scores;
}

/** Rank scenarios by a stated criterion; unknown values leave a scenario unranked (with the reason). */
export function rankScenarios(
  where: string,
  results: readonly ComparableResult[],
  rows: readonly ComparisonRow[],
  b: number,
  rankBy: RankBy,
  watch: readonly string[],
  warnings: string[],
): Ranking {
  const keys = resolveKeys(where, rows, rankBy, warnings);
  const weighted = !Array.isArray(rankBy);
  const members: number[] = [];
  const unranked: UnrankedScenario[] = [];
  results.forEach((r, i) => {
    const missing = keys.find((k) => k.row.cells[i].value === null);
    if (missing === undefined) members.push(i);
    else unranked.push({ scenario: r.scenario.id, name: r.scenario.name, reason: `${missing.row.label} is unknown: ${missing.row.cells[i].reason ?? "no value"}` });
  });
  const scores = weighted ? weightedScores(keys, members) : null;
  const sorted = [...members].sort((x, y) => {
    if (scores !== null) {
      const c = compareKnown(scores.get(x) as number, scores.get(y) as number, "lower");
      if (c !== 0) return c;
    } else {
      for (const k of keys) {
        const c = compareKnown(k.row.cells[x].value as number, k.row.cells[y].value as number, k.better);
        if (c !== 0) return c;
      }
    }
    return x - y;
  });
  const order = sorted.map((i, n): RankedScenario => ({
    rank: n + 1,
    scenario: results[i].scenario.id,
    name: results[i].scenario.name,
    baseline: i === b,
    values: keys.map((k) => k.row.cells[i].value as number),
    score: scores === null ? null : (scores.get(i) as number),
    cautions: cautionsOf(rows, i, b, watch),
  }));
  const criterion = weighted
    ? `weighted score (lower is better) of ${keys.map((k) => `${k.weight} × ${k.row.label} (${k.better} is better)`).join(" + ")}, each scaled from 0 (best scenario) to 1 (worst)`
    : keys.map((k) => `${k.row.label} (${k.better} is better)`).join(", then ");
  return { method: weighted ? "weighted" : "lexicographic", criterion, keys: keys.map(({ metric, better, weight }) => ({ metric, better, weight })), order, unranked };
}
