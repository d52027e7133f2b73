// Internal: population-weighted summary of nearest-site minutes over a subset of zones.
import { NeumaierSum } from "../internal/summation.js";

/** One threshold row: population within `minutes` (inclusive) and its share of the total. */
export interface ThresholdShare {
  readonly minutes: number;
  readonly population: number;
  /** Share of the total population, unreachable included; `null` when the total is 0. */
  readonly share: number | null;
}

/**
 * Population-weighted access statistics.
 *
 * Quantile convention: the q-quantile is the smallest zone time m such that the population
 * with time ≤ m is at least q × total population, where the total includes the unreachable,
 * who count as `+Infinity`; so p90 is `Infinity` when more than 10% cannot reach a site.
 */
export interface AccessSummary {
  /** Number of zones. */
  readonly zones: number;
  /** Total population, unreachable included. */
  readonly population: number;
  readonly reachablePopulation: number;
  readonly unreachablePopulation: number;
  /** Population-weighted mean minutes over the reachable population; `null` if there is none. */
  readonly meanMinutes: number | null;
  /** Weighted median (see the quantile convention); may be `Infinity`; `null` if population is 0. */
  readonly medianMinutes: number | null;
  /** Weighted 90th percentile; may be `Infinity`; `null` if population is 0. */
  readonly p90Minutes: number | null;
  /** Longest time among reachable zones with population > 0; `null` if there is none. */
  readonly maxMinutes: number | null;
  /** One row per threshold, in the order given. */
  readonly thresholds: readonly ThresholdShare[];
  /** Zone ids with no reachable site (any population), in origin order. */
  readonly unreachable: readonly string[];
}

/** `order` lists the zone indices of the subset sorted by minutes (stable, Infinity last). */
export function summarise(
  order: ArrayLike<number>,
  minutes: Float64Array,
  population: Float64Array,
  thresholds: readonly number[],
  origins: readonly string[],
): AccessSummary {
  // hot path
  const n = order.length;
  const total = new NeumaierSum();
  const reachable = new NeumaierSum();
  const unreachable = new NeumaierSum();
  const weighted = new NeumaierSum();
  let maxMinutes = -Infinity;
  const unreachableIdx: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const p = population[i];
    const t = minutes[i];
    total.add(p);
    if (t === Infinity) {
      unreachableIdx.push(i);
      unreachable.add(p);
      continue;
    }
    reachable.add(p);
    if (p > 0) {
      weighted.add(p * t);
      if (t > maxMinutes) maxMinutes = t;
    }
  }
  const P = +total;
  const R = +reachable;
  const quantile = (q: number): number | null => {
    if (!(P > 0)) return null;
    const target = q * P * (1 - 1e-12);
    const cum = new NeumaierSum();
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const p = population[i];
      if (p <= 0) continue;
      cum.add(p);
      if (+cum >= target) return minutes[i];
    }
    return Infinity;
  };
  const rows: ThresholdShare[] = thresholds.map((limit) => {
    const within = new NeumaierSum();
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (minutes[i] > limit) break;
      within.add(population[i]);
    }
    const w = +within;
    return { minutes: limit, population: w, share: P > 0 ? w / P : null };
  });
  unreachableIdx.sort((a, b) => a - b);
  return {
    zones: n,
    population: P,
    reachablePopulation: R,
    unreachablePopulation: +unreachable,
    meanMinutes: R > 0 ? +weighted / R : null,
    medianMinutes: quantile(0.5),
    p90Minutes: quantile(0.9),
    maxMinutes: maxMinutes === -Infinity ? null : maxMinutes,
    thresholds: rows,
    unreachable: unreachableIdx.map((i) => origins[i]),
  };
}

/** Zone indices sorted by minutes ascending (ties by index; Infinity last). */
export function sortByMinutes(minutes: Float64Array): Int32Array {
  const order = new Int32Array(minutes.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const d = minutes[a] - minutes[b];
    // Infinity - Infinity is NaN: equal
    return d < 0 ? -1 : d > 0 ? 1 : a - b;
  });
  return order;
}
