/*
 * Maximal covering location problem, MCLP (Church & ReVelle 1974).
 *
 *   maximise   Σ_i w_i z_i
 *   subject to z_i ≤ Σ_{j : d_ij ≤ S} y_j   zone i counts only if a chosen site is within S
 *              Σ_j y_j = p,  y_j = 1 (fixed), y_j = 0 (excluded),  y, z ∈ {0, 1}
 *
 *   S = coverMinutes; unreachable pairs (d = ∞) never cover.
 *
 * Greedy + 1-swap incumbent, then depth-first branch and bound over the candidates with the
 * submodular bound "current + the largest remaining marginal gains" (Nemhauser, Wolsey &
 * Fisher 1978): exact when it finishes within `maxNodes`, else the root bound is reported.
 */
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { buildCoverage, maximalCoverageKernel } from "./cover-kernel.js";
import { Budget, checkP, commonOptionShape, prepareInstance, relativeGap, type OptimiseCommonOptions } from "./prepare.js";
import { type SiteSelectionResult, assignNearest } from "./result.js";
import type { Assert, Same } from "../internal/type-checks.js";

/**
 * The zod (`zod/mini`) schema that checks {@link MaximalCoverageOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const MaximalCoverageOptionsSchema = z.strictObject({
  p: z.number().check(z.int()).check(z.positive()),
  coverMinutes: z.number().check(z.nonnegative()),
  ...commonOptionShape,
});

/** Options of {@link maximalCoverage}. */
export interface MaximalCoverageOptions extends OptimiseCommonOptions {
  /**
   * Number of sites (fixed included).
   */
  p: number;
  /**
   * Cover radius, minutes (≤ counts).
   */
  coverMinutes: number;
}
type MaximalCoverageOptionsCheck = Assert<Same<MaximalCoverageOptions, z.input<typeof MaximalCoverageOptionsSchema>>>;

/** Result of {@link maximalCoverage}. `objective` is the covered weight (e.g. people). */
export interface MaximalCoverageResult extends SiteSelectionResult {
  /** objective ÷ total weight (0–1). */
  readonly coveredShare: number;
  readonly totalWeight: number;
  /** Zone ids (weight > 0) with no chosen site within coverMinutes, input order. */
  readonly uncovered: string[];
}

/**
 * Choose `p` sites that maximise the weight (population) within `coverMinutes` of a chosen site.
 *
 * Method: Church & ReVelle (1974) MCLP; greedy + swap incumbent and an exact home-made branch
 * and bound with a submodular upper bound (Nemhauser, Wolsey & Fisher 1978).
 *
 * @param matrix - Zones × candidate sites, minutes (`Infinity` never covers).
 * @returns `objective` covered weight, `upperBound` proven bound, `assignment` to the nearest
 *   chosen site within the radius (null otherwise), `uncovered` zones.
 * @throws {@link InfeasibleError} p above the allowed candidates or below the fixed sites.
 * @throws {@link UnknownIdError} / {@link InvalidInputError} bad ids or options.
 * @example
 * const m = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
 * (await maximalCoverage(m, { p: 1, coverMinutes: 5, weights: [10, 10, 30] })).chosen; // ["s2"]
 */
export async function maximalCoverage(matrix: CostMatrix, options: MaximalCoverageOptions): Promise<MaximalCoverageResult> {
  const where = "maximalCoverage";
  const opts = parseInput(where, MaximalCoverageOptionsSchema, options, "options");
  const inst = prepareInstance(where, matrix, opts, { dropZeroWeight: true, unreachable: "keep" });
  checkP(inst, opts.p);
  const { m, n, dist, fixed } = inst;
  const cov = buildCoverage(dist, m, n, opts.coverMinutes);
  const budget = new Budget(opts.maxNodes, opts.timeLimitMs);
  const res = maximalCoverageKernel(cov, inst.weight, fixed, opts.p - fixed.length, budget);
  const open = [...res.open];
  for (let j = 0; j < m && open.length < opts.p; j++) if (!open.includes(j)) open.push(j);
  const chosenCols = open.map((j) => inst.cand[j]).sort((a, b) => a - b);
  const near = assignNearest(matrix, chosenCols, opts.coverMinutes);
  let objective = 0;
  let total = 0;
  const uncovered: string[] = [];
  for (let i = 0; i < matrix.origins.length; i++) {
    const w = inst.allWeights[i];
    total += w;
    if (near.assignment[matrix.origins[i]] !== null) objective += w;
    else if (w > 0) uncovered.push(matrix.origins[i]);
  }
  const unreachable: string[] = [];
  const cols = matrix.destinations.length;
  for (let i = 0; i < matrix.origins.length; i++) {
    let any = false;
    for (let k = 0; k < m; k++) if (matrix.minutes[i * cols + inst.cand[k]] !== Infinity) any = true;
    if (!any) unreachable.push(matrix.origins[i]);
  }
  const upperBound = Math.max(objective, res.upper);
  const warnings = [...inst.warnings];
  if (unreachable.length > 0) warnings.push(`${unreachable.length} zone(s) cannot reach any allowed candidate and can never be covered.`);
  if (!res.proven) warnings.push(`optimality not proven within ${opts.maxNodes} nodes: coverage is at most ${upperBound}.`);
  return {
    method: res.proven ? "branch-and-bound" : "heuristic",
    proven: res.proven,
    chosen: chosenCols.map((j) => matrix.destinations[j]),
    objective,
    lowerBound: objective,
    upperBound,
    gap: relativeGap(upperBound, objective),
    coveredShare: total > 0 ? objective / total : 0,
    totalWeight: total,
    uncovered,
    assignment: near.assignment,
    served: near.served,
    unreachable,
    stats: { nodes: res.nodes, iterations: 0 },
    warnings,
  };
}
