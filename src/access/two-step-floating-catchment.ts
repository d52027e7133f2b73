/*
 * Two-step floating catchment area (2SFCA; Luo & Wang 2003) and its enhanced form (E2SFCA;
 * Luo & Qi 2009) through a distance-decay weight w.
 *
 *   Step 1, per site j:  R_j = S_j / Σ_{i : d_ij ≤ d0} D_i · w(d_ij)
 *   Step 2, per zone i:  A_i = Σ_{j : d_ij ≤ d0} R_j · w(d_ij)
 *
 * Symbols: S_j supply at site j (e.g. beds, WTE); D_i demand in zone i (e.g. population);
 * d_ij travel minutes; d0 `catchmentMinutes`; w the decay (default: weight 1 within d0, the
 * original 2SFCA). A_i is supply per unit of demand (e.g. beds per person).
 *
 * Conventions: a site whose weighted demand in reach is 0 has R_j = 0 (its supply serves no
 * one) and is listed in `sitesWithoutDemand`; a zone with no site of positive weight in reach
 * has A_i = 0 and is listed in `noSiteInReach`. Hence Σ_i D_i·A_i = Σ S_j over the sites
 * with demand in reach.
 *
 * Cost: two passes over the matrix (O(origins × sites)), no matrix-sized allocation; sums are
 * compensated (Neumaier).
 */
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { CostMatrix } from "../model/types.js";
import { type AlignedValues, alignValues, checkMatrix } from "../internal/align.js";
import { type Decay, DecaySchema } from "../model/decay.js";
import type { Assert, Same } from "../internal/type-checks.js";

const TwoStepOptionsSchema = z.strictObject({
  /** Catchment d0 in minutes (inclusive). */
  catchmentMinutes: z.number().check(z.positive("must be a positive number of minutes")),
  /** Distance decay inside the catchment (default: weight 1, the original 2SFCA). */
  decay: z.optional(DecaySchema),
});
export interface TwoStepFloatingCatchmentOptions {
  /**
   * Catchment d0 in minutes (inclusive).
   */
  catchmentMinutes: number;
  /**
   * Distance decay inside the catchment (default: weight 1, the original 2SFCA).
   */
  decay?: Decay;
}
type TwoStepFloatingCatchmentOptionsCheck = Assert<Same<TwoStepFloatingCatchmentOptions, z.input<typeof TwoStepOptionsSchema>>>;

/** One zone's accessibility score. */
export interface ZoneScore {
  readonly origin: string;
  /** Supply per unit of demand (units of supply / units of demand); 0 if no site is in reach. */
  readonly score: number;
}

/** One site's step-1 figures. */
export interface SiteRatio {
  readonly destination: string;
  readonly supply: number;
  /** Σ D_i·w(d_ij) over zones in the catchment. */
  readonly weightedDemand: number;
  /** R_j = supply / weightedDemand; 0 when weightedDemand is 0. */
  readonly ratio: number;
}

/** Result of {@link twoStepFloatingCatchment}. */
export interface TwoStepFloatingCatchmentResult {
  /** Per origin, in `matrix.origins` order. */
  readonly scores: readonly ZoneScore[];
  /** Per destination, in `matrix.destinations` order. */
  readonly sites: readonly SiteRatio[];
  /** Origins with no site of positive weight in reach (score 0). */
  readonly noSiteInReach: readonly string[];
  /** Destinations with no weighted demand in reach (ratio 0, supply unallocated). */
  readonly sitesWithoutDemand: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Spatial accessibility by the two-step floating catchment method (Luo & Wang 2003), or the
 * enhanced 2SFCA when a `decay` is given (Luo & Qi 2009). See the module comment for the
 * formulas and conventions.
 *
 * @param matrix - Zones × sites minutes.
 * @param demand - Per origin (array aligned with `matrix.origins` or record by id), ≥ 0.
 * @param supply - Per destination (array aligned with `matrix.destinations` or record by id), ≥ 0.
 * @returns Scores in supply per unit demand, site ratios, and the zones and sites outside any
 *   catchment.
 * @throws {@link NotAlignedError} if `demand` or `supply` does not line up with the matrix.
 * @throws {@link UnknownIdError} for an unknown id in a record.
 * @throws {@link InvalidInputError} for a negative, NaN or infinite value, or bad options.
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["a", "b"], [10, 50, 20, 15]);
 * const r = twoStepFloatingCatchment(m, [1000, 3000], [10, 20], { catchmentMinutes: 30 });
 * r.scores; // [{ origin: "z1", score: 0.0025 }, { origin: "z2", score: 0.0091667 }]
 * // E2SFCA with Gaussian weights:
 * twoStepFloatingCatchment(m, [1000, 3000], [10, 20], { catchmentMinutes: 30, decay: decay.gaussian({ sigmaMinutes: 15 }) });
 */
export function twoStepFloatingCatchment(
  matrix: CostMatrix,
  demand: AlignedValues,
  supply: AlignedValues,
  options: TwoStepFloatingCatchmentOptions,
): TwoStepFloatingCatchmentResult {
  const where = "twoStepFloatingCatchment";
  checkMatrix(where, matrix);
  const D = alignValues(where, "demand", demand, matrix.origins, "matrix.origins");
  const S = alignValues(where, "supply", supply, matrix.destinations, "matrix.destinations");
  const opts = parseInput(where, TwoStepOptionsSchema, options, "options");
  const d0 = opts.catchmentMinutes;
  const decayFn = opts.decay;
  const rows = matrix.origins.length;
  const cols = matrix.destinations.length;
  const m = matrix.minutes;

  // hot path. Step 1 runs down each column (strided) so its compensated sum stays in
  // registers; step 2 runs along each row. The decay is evaluated in both steps rather than
  // stored, to avoid an origins × sites weight matrix.
  const R = new Float64Array(cols);
  const weightedDemand = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    let comp = 0;
    for (let i = 0, k = j; i < rows; i++, k += cols) {
      const t = m[k];
      if (!(t <= d0)) continue;
      const x = D[i] * (decayFn === undefined ? 1 : decayFn(t));
      if (x === 0) continue;
      const u = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) comp += sum - u + x;
      else comp += x - u + sum;
      sum = u;
    }
    const weighted = sum + comp;
    weightedDemand[j] = weighted;
    R[j] = weighted > 0 ? S[j] / weighted : 0;
  }
  const sites: SiteRatio[] = [];
  const sitesWithoutDemand: string[] = [];
  for (let j = 0; j < cols; j++) {
    if (!(weightedDemand[j] > 0)) sitesWithoutDemand.push(matrix.destinations[j]);
    sites.push({ destination: matrix.destinations[j], supply: S[j], weightedDemand: weightedDemand[j], ratio: R[j] });
  }
  const scores: ZoneScore[] = [];
  const noSiteInReach: string[] = [];
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    let comp = 0;
    let any = false;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const t = m[base + j];
      if (!(t <= d0)) continue;
      const w = decayFn === undefined ? 1 : decayFn(t);
      if (!(w > 0)) continue;
      any = true;
      const x = R[j] * w;
      const u = sum + x;
      if (Math.abs(sum) >= Math.abs(x)) comp += sum - u + x;
      else comp += x - u + sum;
      sum = u;
    }
    if (!any) noSiteInReach.push(matrix.origins[i]);
    scores.push({ origin: matrix.origins[i], score: sum + comp });
  }
  const warnings: string[] = [];
  if (noSiteInReach.length > 0) warnings.push(`${where}: ${noSiteInReach.length} zones have no site within ${d0} minutes; their score is 0.`);
  if (sitesWithoutDemand.length > 0) {
    warnings.push(`${where}: ${sitesWithoutDemand.length} sites have no demand within ${d0} minutes; their supply is not allocated.`);
  }
  return { scores, sites, noSiteInReach, sitesWithoutDemand, warnings };
}
