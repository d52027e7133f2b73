/*
 * Location set covering problem, LSCP (Toregas, Swain, ReVelle & Bergman 1971).
 *
 *   minimise   Σ_j y_j
 *   subject to Σ_{j : d_ij ≤ S} y_j ≥ 1   for every zone i with w_i > 0
 *              y_j = 1 (fixed), y_j = 0 (excluded), y ∈ {0, 1};  S = coverMinutes
 *
 * Greedy cover (Chvátal 1979) for an upper bound, a packing lower bound (zones whose covering
 * sets are pairwise disjoint each need their own site), then an exact set-cover decision by
 * branch and bound for each count between them. Among minimum covers the population-weighted
 * total minutes is minimised (p-median restricted to pairs within S).
 */
import * as z from "zod/mini";
import { InfeasibleError, parseInput } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { buildCoverage, coverDecision, greedyCover } from "./cover-kernel.js";
import { penaltyCosts } from "./p-median.js";
import { pMedianHeuristic } from "./p-median-kernel.js";
import { Budget, commonOptionShape, listIds, prepareInstance, relativeGap, type OptimiseCommonOptions } from "./prepare.js";
import { type SiteSelectionResult, assignNearest } from "./result.js";
import type { Assert, Same } from "../internal/type-checks.js";

/**
 * The zod (`zod/mini`) schema that checks {@link SetCoverOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const SetCoverOptionsSchema = z.strictObject({
  coverMinutes: z.number().check(z.nonnegative()),
  ...commonOptionShape,
});

/** Options of {@link setCover}. */
export interface SetCoverOptions extends OptimiseCommonOptions {
  /**
   * Cover radius, minutes (≤ counts).
   */
  coverMinutes: number;
}
type SetCoverOptionsCheck = Assert<Same<SetCoverOptions, z.input<typeof SetCoverOptionsSchema>>>;

/** Result of {@link setCover}. `objective` is the number of sites (fixed included). */
export interface SetCoverResult extends SiteSelectionResult {
  /** Population-weighted mean minutes to the nearest chosen site (the tie-breaker). */
  readonly meanMinutes: number;
}

/**
 * Find the fewest sites such that every zone is within `coverMinutes` of one (LSCP).
 *
 * Method: Toregas et al. (1971) LSCP; greedy upper bound (Chvátal 1979), disjoint-zones
 * packing lower bound, and an exact home-made branch and bound per site count; ties broken by
 * the smaller population-weighted total minutes.
 *
 * @param matrix - Zones × candidate sites, minutes (`Infinity` never covers).
 * @returns `objective` site count, `lowerBound` proven minimum count.
 * @throws {@link InfeasibleError} zones no allowed candidate covers within coverMinutes (named).
 * @throws {@link UnknownIdError} / {@link InvalidInputError} bad ids or options.
 * @example
 * const m = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
 * (await setCover(m, { coverMinutes: 5 })).chosen; // ["s1", "s2"]
 */
export async function setCover(matrix: CostMatrix, options: SetCoverOptions): Promise<SetCoverResult> {
  const where = "setCover";
  const opts = parseInput(where, SetCoverOptionsSchema, options, "options");
  const inst = prepareInstance(where, matrix, opts, { dropZeroWeight: true, unreachable: "keep" });
  const { m, n, dist, fixed } = inst;
  const cov = buildCoverage(dist, m, n, opts.coverMinutes);
  const bad: number[] = [];
  for (let r = 0; r < n; r++) if (cov.zoneStart[r + 1] === cov.zoneStart[r]) bad.push(inst.rows[r]);
  if (bad.length > 0) {
    throw new InfeasibleError(
      where,
      `${bad.length} zone(s) have no allowed candidate within ${opts.coverMinutes} minutes (${listIds(matrix.origins, bad)}). Raise coverMinutes, un-exclude sites, or give those zones weight 0.`,
      bad.map((i) => ({ path: `matrix.origins[${i}]`, message: `zone "${matrix.origins[i]}" cannot be covered` })),
    );
  }
  const need = new Uint8Array(n).fill(1);
  const greedy = greedyCover(cov, need, Array.from(fixed)) as number[];
  // redundancy removal: drop free sites whose zones are all covered twice
  const count = new Int32Array(n);
  for (const j of greedy) for (let e = cov.candStart[j]; e < cov.candStart[j + 1]; e++) count[cov.candZones[e]]++;
  let best = [...greedy];
  for (let k = best.length - 1; k >= 0; k--) {
    const j = best[k];
    if (fixed.includes(j)) continue;
    let needed = false;
    for (let e = cov.candStart[j]; e < cov.candStart[j + 1]; e++) if (count[cov.candZones[e]] === 1) needed = true;
    if (!needed) {
      for (let e = cov.candStart[j]; e < cov.candStart[j + 1]; e++) count[cov.candZones[e]]--;
      best.splice(k, 1);
    }
  }
  // packing bound on the free sites: zones not covered by fixed, with disjoint candidate sets
  const fixedCover = new Uint8Array(n);
  for (let k = 0; k < fixed.length; k++) for (let e = cov.candStart[fixed[k]]; e < cov.candStart[fixed[k] + 1]; e++) fixedCover[cov.candZones[e]] = 1;
  const zonesByOptions = Array.from({ length: n }, (_, r) => r)
    .filter((r) => fixedCover[r] === 0)
    .sort((a, b) => cov.zoneStart[a + 1] - cov.zoneStart[a] - (cov.zoneStart[b + 1] - cov.zoneStart[b]) || a - b);
  const used = new Uint8Array(m);
  let packing = 0;
  for (const r of zonesByOptions) {
    let clash = false;
    for (let e = cov.zoneStart[r]; e < cov.zoneStart[r + 1]; e++) if (used[cov.zoneCands[e]] === 1) clash = true;
    if (clash) continue;
    packing++;
    for (let e = cov.zoneStart[r]; e < cov.zoneStart[r + 1]; e++) used[cov.zoneCands[e]] = 1;
  }
  let lower = fixed.length + packing;
  let proven = true;
  let nodes = 0;
  for (let k = lower; k < best.length; k++) {
    const budget = new Budget(opts.maxNodes, opts.timeLimitMs);
    const out = coverDecision(cov, need, Array.from(fixed), k - fixed.length, budget);
    nodes += budget.nodes;
    if (out.status === "found") {
      best = out.open;
      break;
    }
    if (out.status === "unknown") {
      proven = false;
      break;
    }
    lower = k + 1;
  }
  if (proven) lower = best.length;
  const p = best.length;
  // tie-break: least weighted total among covers of this size
  let open = [...best].sort((a, b) => a - b);
  if (n > 0 && p > fixed.length) {
    const { c } = penaltyCosts(inst, opts.coverMinutes);
    const res = pMedianHeuristic(c, m, n, p, fixed, opts.seed, 1, Int32Array.from(open));
    let ok = true;
    for (let r = 0; r < n && ok; r++) {
      let b = Infinity;
      for (let s = 0; s < res.open.length; s++) b = Math.min(b, dist[res.open[s] * n + r]);
      if (!(b <= opts.coverMinutes)) ok = false;
    }
    if (ok) open = Array.from(res.open);
  }
  const chosenCols = open.map((j) => inst.cand[j]).sort((a, b) => a - b);
  const near = assignNearest(matrix, chosenCols);
  let total = 0;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    total += inst.weight[r];
    sum += inst.weight[r] * near.minutes[inst.rows[r]];
  }
  const unreachable: string[] = [];
  for (const i of inst.zeroWeight) if (near.minutes[i] === Infinity) unreachable.push(matrix.origins[i]);
  const warnings = [...inst.warnings];
  if (inst.zeroWeight.length > 0) warnings.push(`${inst.zeroWeight.length} zone(s) with zero weight need no cover.`);
  if (!proven) warnings.push(`optimality not proven: a decision ran out of budget; the minimum is between ${lower} and ${p} sites.`);
  return {
    method: "branch-and-bound",
    proven,
    chosen: chosenCols.map((j) => matrix.destinations[j]),
    objective: p,
    lowerBound: lower,
    upperBound: p,
    gap: relativeGap(p, lower),
    meanMinutes: total > 0 ? sum / total : 0,
    assignment: near.assignment,
    served: near.served,
    unreachable,
    stats: { nodes, iterations: 0 },
    warnings,
  };
}
