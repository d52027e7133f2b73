import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { NeumaierSum } from "../internal/summation.js";
import type { CostMatrix } from "../model/types.js";
import { type AlignedValues, alignValues, checkMatrix, nearestColumns, resolveColumns } from "../internal/align.js";

const NearestCatchmentsOptionsSchema = z.strictObject({
  /** Open sites to assign to (destination ids); default all destinations. */
  among: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Per origin population (array aligned with `matrix.origins` or record by id). */
  population: z.optional(z.unknown()),
});
export interface NearestCatchmentsOptions {
  /**
   * Open sites to assign to (destination ids); default all destinations.
   */
  among?: string[];
  /**
   * Per origin population (array or record by id); without it, populations are `null` and `meanMinutes` is the plain mean over zones.
   */
  population?: AlignedValues;
}

/** One zone's assignment. */
export interface ZoneAssignment {
  readonly zone: string;
  /** `null` when no site is reachable. */
  readonly site: string | null;
  /** Minutes to the site; `Infinity` when unreachable. */
  readonly minutes: number;
}

/** One site's catchment. */
export interface SiteCatchment {
  readonly site: string;
  /** Zone ids, in origin order. */
  readonly zones: readonly string[];
  /** Population of those zones; `null` when no population was given. */
  readonly population: number | null;
  /** Population-weighted mean minutes (zone mean without population); `null` if empty or all weights 0. */
  readonly meanMinutes: number | null;
  /** Longest zone time in the catchment; `null` if empty. */
  readonly maxMinutes: number | null;
}

/** Result of {@link nearestCatchments}. */
export interface NearestCatchmentsResult {
  /** One entry per origin, in `matrix.origins` order. */
  readonly assignment: readonly ZoneAssignment[];
  /** One entry per candidate site (every destination, or `among`), in `matrix.destinations` order; empty catchments included. */
  readonly sites: readonly SiteCatchment[];
  /** Zones with no reachable site (never dropped). */
  readonly unreachable: readonly string[];
  /** Population of the unreachable zones; `null` when no population was given. */
  readonly unreachablePopulation: number | null;
  readonly warnings: readonly string[];
}

/**
 * Nearest-site catchments: each zone goes to its nearest open site by travel time.
 *
 * Ties go to the site that comes first in `matrix.destinations` (site input order). Zones
 * that reach no site are listed in `unreachable`, never dropped. O(origins × sites).
 *
 * @param matrix - Zones × sites minutes.
 * @returns Per-zone assignment, per-site catchments (zones, population, population-weighted
 *   minutes) and the unreachable zones.
 * @throws {@link UnknownIdError} for an unknown site in `among` or zone in `population`.
 * @throws {@link NotAlignedError} if `population` does not line up with the origins.
 * @throws {@link InvalidInputError} for a negative or NaN population or bad options.
 * @example
 * const m = createCostMatrix(["z1", "z2", "z3"], ["a", "b"], [10, 20, 30, 5, Infinity, Infinity]);
 * const r = nearestCatchments(m, { population: [100, 200, 50] });
 * r.sites; // [{ site: "a", zones: ["z1"], population: 100, ... }, { site: "b", zones: ["z2"], population: 200, ... }]
 * r.unreachable; // ["z3"]
 */
export function nearestCatchments(matrix: CostMatrix, options: NearestCatchmentsOptions = {}): NearestCatchmentsResult {
  const where = "nearestCatchments";
  checkMatrix(where, matrix);
  const opts = parseInput(where, NearestCatchmentsOptionsSchema, options, "options");
  const pop =
    opts.population === undefined ? null : alignValues(where, "options.population", opts.population, matrix.origins, "matrix.origins");
  const cols = resolveColumns(where, matrix, opts.among);
  const { index, minutes } = nearestColumns(matrix, cols);
  const rows = matrix.origins.length;

  const members: number[][] = Array.from({ length: matrix.destinations.length }, () => []);
  const assignment: ZoneAssignment[] = [];
  const unreachable: string[] = [];
  const unreachablePop = new NeumaierSum();
  for (let i = 0; i < rows; i++) {
    const j = index[i];
    assignment.push({ zone: matrix.origins[i], site: j < 0 ? null : matrix.destinations[j], minutes: minutes[i] });
    if (j < 0) {
      unreachable.push(matrix.origins[i]);
      if (pop !== null) unreachablePop.add(pop[i]);
    } else members[j].push(i);
  }
  const sites: SiteCatchment[] = [];
  for (let c = 0; c < cols.length; c++) {
    const j = cols[c];
    const zoneIdx = members[j];
    const weight = new NeumaierSum();
    const weighted = new NeumaierSum();
    let max = -Infinity;
    for (const i of zoneIdx) {
      const w = pop === null ? 1 : pop[i];
      weight.add(w);
      weighted.add(w * minutes[i]);
      if (minutes[i] > max) max = minutes[i];
    }
    const W = +weight;
    sites.push({
      site: matrix.destinations[j],
      zones: zoneIdx.map((i) => matrix.origins[i]),
      population: pop === null ? null : W,
      meanMinutes: W > 0 ? +weighted / W : null,
      maxMinutes: zoneIdx.length === 0 ? null : max,
    });
  }
  const warnings: string[] = [];
  if (unreachable.length > 0) warnings.push(`${where}: ${unreachable.length} zones reach no open site and belong to no catchment.`);
  const empty = sites.filter((s) => s.zones.length === 0).length;
  if (empty > 0) warnings.push(`${where}: ${empty} sites are nearest to no zone (empty catchment).`);
  return { assignment, sites, unreachable, unreachablePopulation: pop === null ? null : +unreachablePop, warnings };
}
