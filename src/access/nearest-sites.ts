import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { CostMatrix } from "../model/types.js";
import { checkMatrix, nearestColumns, resolveColumns } from "../internal/align.js";
import type { Assert, Same } from "../internal/type-checks.js";

const NearestSitesOptionsSchema = z.strictObject({
  /** Destination ids to choose from (default: all). */
  among: z.optional(z.array(z.string().check(z.minLength(1)))),
});
export interface NearestSitesOptions {
  /**
   * Destination ids to choose from (default: all).
   */
  among?: string[];
}
type NearestSitesOptionsCheck = Assert<Same<NearestSitesOptions, z.input<typeof NearestSitesOptionsSchema>>>;

/** One origin's nearest site. */
export interface NearestSite {
  readonly origin: string;
  /** `null` when no site is reachable. */
  readonly destination: string | null;
  /** Minutes; `Infinity` when unreachable. */
  readonly minutes: number;
}

/** Result of {@link nearestSites}. */
export interface NearestSitesResult {
  /** One entry per origin, in `matrix.origins` order. */
  readonly nearest: readonly NearestSite[];
  /** Origins with no reachable site, in origin order. */
  readonly unreachable: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Each origin's nearest site by travel time.
 *
 * A linear scan of each matrix row (O(origins × sites)); ties go to the site that comes first
 * in `matrix.destinations`.
 *
 * @param matrix - Zones × sites minutes.
 * @returns Per origin `{ origin, destination, minutes }` (`destination: null`, `minutes:
 *   Infinity` when none is reachable), plus the list of unreachable origins.
 * @throws {@link UnknownIdError} if an id in `among` is not a destination.
 * @throws {@link InvalidInputError} if `matrix` is not a CostMatrix or options are malformed.
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["a", "b"], [10, 5, Infinity, Infinity]);
 * nearestSites(m).nearest;
 * // [{ origin: "z1", destination: "b", minutes: 5 }, { origin: "z2", destination: null, minutes: Infinity }]
 */
export function nearestSites(matrix: CostMatrix, options: NearestSitesOptions = {}): NearestSitesResult {
  const where = "nearestSites";
  checkMatrix(where, matrix);
  const opts = parseInput(where, NearestSitesOptionsSchema, options, "options");
  const cols = resolveColumns(where, matrix, opts.among);
  const { index, minutes } = nearestColumns(matrix, cols);
  const nearest: NearestSite[] = [];
  const unreachable: string[] = [];
  for (let i = 0; i < matrix.origins.length; i++) {
    const j = index[i];
    nearest.push({ origin: matrix.origins[i], destination: j < 0 ? null : matrix.destinations[j], minutes: minutes[i] });
    if (j < 0) unreachable.push(matrix.origins[i]);
  }
  const warnings: string[] = [];
  if (cols.length === 0) warnings.push("nearestSites: no destinations to choose from; every origin is unreachable.");
  else if (unreachable.length > 0) warnings.push(`nearestSites: ${unreachable.length} of ${matrix.origins.length} origins reach no site.`);
  return { nearest, unreachable, warnings };
}
