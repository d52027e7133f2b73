/*
 * p-center (Hakimi 1964; Minieka 1970 radius search).
 *
 *   minimise   R
 *   subject to Σ_j x_ij = 1, x_ij ≤ y_j, Σ_j y_j = p, d_ij x_ij ≤ R for every zone i with w_i > 0
 *              y_j = 1 (j fixed), y_j = 0 (j excluded); pairs with d_ij = ∞ never used.
 *
 * Small p (C(free, p − fixed) ≤ enumerationLimit): every set is enumerated on typed arrays,
 * zones scanned hardest first with early exit once a set is no better than the incumbent.
 * Otherwise: the optimal R is one of the matrix's distinct minutes. Binary search over them; each test
 * "can p sites cover every zone within r?" is an exact set-cover decision (branch and bound on
 * the least-covered zone; greedy first). Among the sites reaching the optimal radius the
 * population-weighted total is then minimised (p-median restricted to pairs within R*).
 * Zones with zero weight do not constrain R. Memory 8·m·n bytes plus the coverage lists.
 */
import * as z from "zod/mini";
import { DidNotConvergeError, InfeasibleError, parseInput } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { buildCoverage, centerEnumerate, coverDecision, greedyCover } from "./cover-kernel.js";
import { penaltyCosts } from "./p-median.js";
import { binomial, pMedianHeuristic } from "./p-median-kernel.js";
import { Budget, type Instance, checkP, commonOptionShape, prepareInstance, relativeGap, type OptimiseCommonOptions } from "./prepare.js";
import { type SiteSelectionResult, assignNearest } from "./result.js";
import type { Assert, Same } from "../internal/type-checks.js";

/**
 * The zod (`zod/mini`) schema that checks {@link PCenterOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const PCenterOptionsSchema = z.strictObject({
  p: z.number().check(z.int()).check(z.positive()),
  ...commonOptionShape,
  allowUnreachable: z._default(z.boolean(), false),
  enumerationLimit: z._default(z.number().check(z.int()).check(z.nonnegative()), 100_000),
});

/** Options of {@link pCenter}. */
export interface PCenterOptions extends OptimiseCommonOptions {
  /**
   * Number of sites (fixed ones included).
   */
  p: number;
  /**
   * List zones no candidate reaches instead of throwing (default false).
   * @defaultValue `false`
   */
  allowUnreachable?: boolean;
  /**
   * Enumerate every set when C(free, p − fixed) is at most this (default 100,000: p = 3 of 60); otherwise radius search.
   * @defaultValue `100_000`
   */
  enumerationLimit?: number;
}
type PCenterOptionsCheck = Assert<Same<PCenterOptions, z.input<typeof PCenterOptionsSchema>>>;

/** Result of {@link pCenter}. `objective` is the worst zone's minutes to its nearest chosen site. */
export interface PCenterResult extends SiteSelectionResult {
  /** The zone with the worst journey (first in input order), or null with no zones. */
  readonly worstZone: string | null;
  /** Population-weighted mean minutes of the chosen sites (the tie-breaker). */
  readonly meanMinutes: number;
}

/**
 * Choose `p` sites that minimise the longest journey of any zone (the p-center problem).
 *
 * Method: for small p, enumeration with early exit; otherwise binary search over the distinct minutes with an exact set-cover feasibility test
 * (Minieka 1970; Daskin 2013, ch. 5), home-made branch and bound, exact; ties between optimal
 * site sets are broken by the smaller population-weighted total (p-median within the radius).
 *
 * @param matrix - Zones × candidate sites, minutes (`Infinity` unreachable).
 * @returns `objective` in minutes; `lowerBound` the largest radius proven infeasible's successor.
 * @throws {@link InfeasibleError} p too large/small, zones unreachable, or no p sites reach every zone.
 * @throws {@link UnknownIdError} / {@link InvalidInputError} bad ids or options.
 * @example
 * const m = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
 * (await pCenter(m, { p: 1 })).objective; // 9 (s1 leaves c at 9; s2 leaves a at 9)
 */
export async function pCenter(matrix: CostMatrix, options: PCenterOptions): Promise<PCenterResult> {
  const where = "pCenter";
  const opts = parseInput(where, PCenterOptionsSchema, options, "options");
  const inst = prepareInstance(where, matrix, opts, {
    dropZeroWeight: true,
    unreachable: opts.allowUnreachable ? "drop" : "error",
  });
  checkP(inst, opts.p);
  const { m, n, dist, fixed } = inst;
  const q = opts.p - fixed.length;
  let radius: number;
  let open: number[];
  let proven = true;
  let lowerRadius: number;
  let nodes = 0;
  let method: PCenterResult["method"] = "radius-search";
  // enumeration terminates after at most enumerationLimit sets (the caller's bound)
  if (n > 0 && binomial(m - fixed.length, q) <= opts.enumerationLimit) {
    const res = centerEnumerate(dist, m, n, fixed, q);
    if (res.radius === Infinity) {
      throw new InfeasibleError(
        where,
        `no choice of ${opts.p} site(s) reaches every zone at any radius. Raise p, un-exclude sites, or pass { allowUnreachable: true }.`,
      );
    }
    radius = res.radius;
    lowerRadius = radius;
    open = res.open;
    nodes = res.nodes;
    method = "exact-enumeration";
  } else {
    const search = radiusSearch(inst, opts.p, opts.maxNodes, opts.timeLimitMs);
    radius = search.radius;
    lowerRadius = search.lowerRadius;
    open = search.open;
    proven = search.proven;
    nodes = search.nodes;
  }
  // secondary objective: least weighted total among sets within the radius
  while (open.length < opts.p) {
    for (let j = 0; j < m && open.length < opts.p; j++) if (!open.includes(j)) open.push(j);
    open.sort((a, b) => a - b);
  }
  if (n > 0 && q > 0) {
    const { c } = penaltyCosts(inst, radius);
    const res = pMedianHeuristic(c, m, n, opts.p, fixed, opts.seed, 1, Int32Array.from(open));
    let worst = 0;
    for (let r = 0; r < n; r++) {
      let b = Infinity;
      for (let s = 0; s < res.open.length; s++) b = Math.min(b, dist[res.open[s] * n + r]);
      worst = Math.max(worst, b);
    }
    if (worst <= radius) open = Array.from(res.open);
  }
  const chosenCols = open.map((j) => inst.cand[j]).sort((a, b) => a - b);
  const near = assignNearest(matrix, chosenCols);
  let objective = 0;
  let total = 0;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const i = inst.rows[r];
    if (near.minutes[i] > objective) objective = near.minutes[i];
    total += inst.weight[r];
    sum += inst.weight[r] * near.minutes[i];
  }
  // first zone (input order) at the worst minutes
  let worstZone: string | null = null;
  for (let r = 0; r < n; r++) {
    if (near.minutes[inst.rows[r]] === objective) {
      worstZone = matrix.origins[inst.rows[r]];
      break;
    }
  }
  const lowerBound = proven ? objective : Math.min(objective, lowerRadius);
  const warnings = [...inst.warnings];
  if (inst.zeroWeight.length > 0) warnings.push(`${inst.zeroWeight.length} zone(s) with zero weight do not constrain the radius.`);
  if (!proven) warnings.push(`optimality not proven: a feasibility test ran out of budget; the optimum lies in [${lowerBound}, ${objective}] minutes.`);
  return {
    method,
    proven,
    chosen: chosenCols.map((j) => matrix.destinations[j]),
    objective,
    lowerBound,
    upperBound: objective,
    gap: relativeGap(objective, lowerBound),
    worstZone,
    meanMinutes: total > 0 ? sum / total : 0,
    assignment: near.assignment,
    served: near.served,
    unreachable: inst.unreachable.map((i) => matrix.origins[i]),
    stats: { nodes, iterations: 0 },
    warnings,
  };
}

function radiusSearch(
  inst: Instance,
  p: number,
  maxNodes: number,
  timeLimitMs: number | undefined,
): { radius: number; lowerRadius: number; open: number[]; proven: boolean; nodes: number } {
  const { where, m, n, dist, fixed } = inst;
  const q = p - fixed.length;
  const need = new Uint8Array(n).fill(1);
  // every zone needs some site: the radius is at least each zone's nearest allowed minutes
  let lo = 0;
  for (let r = 0; r < n; r++) {
    let b = Infinity;
    for (let j = 0; j < m; j++) if (dist[j * n + r] < b) b = dist[j * n + r];
    if (b > lo) lo = b;
  }
  const values = new Float64Array(dist.length);
  let nv = 0;
  for (let k = 0; k < dist.length; k++) if (dist[k] >= lo && dist[k] !== Infinity) values[nv++] = dist[k];
  const sorted = values.subarray(0, nv).sort();
  let nr = 0;
  for (let k = 0; k < nv; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[nr++] = sorted[k];
  const radii = sorted.subarray(0, nr);
  let nodes = 0;
  // one wall-clock limit for the whole search, not one per feasibility test
  const deadline = timeLimitMs === undefined ? undefined : Date.now() + timeLimitMs;
  const test = (k: number): ReturnType<typeof coverDecision> => {
    if (deadline !== undefined && Date.now() > deadline) return { status: "unknown" };
    const cov = buildCoverage(dist, m, n, radii[k]);
    const g = greedyCover(cov, need, Array.from(fixed));
    if (g !== null && g.length <= p) return { status: "found", open: g };
    const budget = new Budget(maxNodes, deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
    const out = coverDecision(cov, need, Array.from(fixed), q, budget);
    nodes += budget.nodes;
    return out;
  };
  let hi = radii.length - 1;
  let best = n === 0 ? { status: "found" as const, open: Array.from(fixed) } : test(hi);
  if (best.status === "unknown") {
    throw new DidNotConvergeError(
      where,
      `could not decide within the budget (maxNodes ${maxNodes}${timeLimitMs === undefined ? "" : `, timeLimitMs ${timeLimitMs}`}) whether ${p} site(s) can reach every zone at all. Raise maxNodes or timeLimitMs.`,
      [{ path: "options.maxNodes", message: "budget spent on the widest radius" }],
    );
  }
  if (best.status !== "found") {
    throw new InfeasibleError(
      where,
      `no choice of ${p} site(s) reaches every zone at any radius. Raise p, un-exclude sites, or pass { allowUnreachable: true }.`,
    );
  }
  let proven = true;
  let lowIdx = 0;
  let lowK = 0;
  // invariant: radii[hi] feasible; radii below lowK proven infeasible (or unknown).
  // Terminates: binary search, hi − lowK halves each test; each test is budgeted (maxNodes).
  while (lowK < hi) {
    const mid = (lowK + hi) >> 1;
    const out = test(mid);
    if (out.status === "found") {
      hi = mid;
      best = out;
    } else {
      if (out.status === "unknown") proven = false;
      else lowIdx = Math.max(lowIdx, mid + 1);
      lowK = mid + 1;
    }
  }
  const radius = n === 0 ? 0 : radii[hi];
  return { radius, lowerRadius: lowIdx < radii.length ? Math.min(radius, radii[lowIdx]) : radius, open: best.open, proven, nodes };
}
