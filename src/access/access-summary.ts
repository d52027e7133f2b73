import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { CostMatrix } from "../model/types.js";
import { type AlignedValues, alignValues, checkMatrix, nearestColumns, resolveColumns } from "../internal/align.js";
import { type AccessSummary, sortByMinutes, summarise } from "./summary-kernel.js";
import type { Assert, Same } from "../internal/type-checks.js";

/**
 * The zod (`zod/mini`) schema that checks {@link AccessSummaryOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const AccessSummaryOptionsSchema = z.strictObject({
  /** Report population and share within each of these minutes (inclusive). */
  thresholdsMinutes: z._default(z.array(z.number().check(z.nonnegative("must be a non-negative number of minutes"))), [30, 45, 60]),
  /** Only consider these destination ids (default: all). */
  among: z.optional(z.array(z.string().check(z.minLength(1)))),
});
export interface AccessSummaryOptions {
  /**
   * Report population and share within each of these minutes (inclusive).
   * @defaultValue `[30, 45, 60]`
   */
  thresholdsMinutes?: number[];
  /**
   * Only consider these destination ids (default: all).
   */
  among?: string[];
}
type AccessSummaryOptionsCheck = Assert<Same<AccessSummaryOptions, z.input<typeof AccessSummaryOptionsSchema>>>;

/** Result of {@link accessSummary}. */
export interface AccessSummaryResult extends AccessSummary {
  readonly warnings: readonly string[];
}

/**
 * Population-weighted travel time to the nearest site: mean, median, 90th percentile, max,
 * population and share within each threshold, and the unreachable population.
 *
 * Each zone's time is its nearest-site minutes (see {@link nearestSites}). Sums use
 * compensated (Neumaier) summation. Quantile convention: the q-quantile is the smallest zone
 * time m such that the population with time ≤ m is at least q × the total population; the
 * total includes the unreachable, who count as `+Infinity`, so `p90Minutes` is `Infinity`
 * when more than 10% of people reach no site. Shares within thresholds also divide by the
 * total including the unreachable. The mean and max are over the reachable population only.
 *
 * @param matrix - Zones × sites minutes.
 * @param population - Per origin: an array aligned with `matrix.origins` or a record keyed by
 *   origin id; non-negative.
 * @returns Minutes (population-weighted), populations, shares in [0, 1] (`null` when the
 *   total population is 0), and the unreachable zone ids.
 * @throws {@link NotAlignedError} if `population` does not line up with the origins.
 * @throws {@link UnknownIdError} for an unknown id in `population` or `among`.
 * @throws {@link InvalidInputError} for a negative, NaN or infinite population, or bad options.
 * @example
 * const m = createCostMatrix(["z1", "z2", "z3"], ["hub"], [10, 40, Infinity]);
 * const s = accessSummary(m, [100, 300, 100], { thresholdsMinutes: [30] });
 * s.medianMinutes; // 40
 * s.thresholds[0]; // { minutes: 30, population: 100, share: 0.2 }
 */
export function accessSummary(
  matrix: CostMatrix,
  population: AlignedValues,
  options: AccessSummaryOptions = {},
): AccessSummaryResult {
  const where = "accessSummary";
  checkMatrix(where, matrix);
  const pop = alignValues(where, "population", population, matrix.origins, "matrix.origins");
  const opts = parseInput(where, AccessSummaryOptionsSchema, options, "options");
  const { minutes } = nearestColumns(matrix, resolveColumns(where, matrix, opts.among));
  const summary = summarise(sortByMinutes(minutes), minutes, pop, opts.thresholdsMinutes, matrix.origins);
  const warnings: string[] = [];
  if (summary.unreachable.length > 0) {
    warnings.push(`${where}: ${summary.unreachable.length} zones (population ${summary.unreachablePopulation}) reach no site.`);
  }
  if (!(summary.population > 0)) warnings.push(`${where}: total population is 0; statistics are null.`);
  return { ...summary, warnings };
}
