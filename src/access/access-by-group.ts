import type { CostMatrix } from "../model/types.js";
import { parseInput } from "../errors.js";
import { type AlignedLabels, type AlignedValues, alignLabels, alignValues, checkMatrix, nearestColumns, resolveColumns } from "../internal/align.js";
import { type AccessSummaryOptions, AccessSummaryOptionsSchema } from "./access-summary.js";
import { type AccessSummary, sortByMinutes, summarise } from "./summary-kernel.js";

/** One group's summary. */
export interface GroupAccessSummary extends AccessSummary {
  readonly group: string | number;
}

/** Result of {@link accessByGroup}. */
export interface AccessByGroupResult {
  /** One summary per group: numeric labels ascending, otherwise first appearance. */
  readonly groups: readonly GroupAccessSummary[];
  /** How `groups` is ordered. */
  readonly order: "numeric" | "first-appearance";
  /** The same summary over all zones, for comparison. */
  readonly overall: AccessSummary;
  readonly warnings: readonly string[];
}

/** Options of {@link accessByGroup}: the same as {@link accessSummary}'s. */
export interface AccessByGroupOptions extends AccessSummaryOptions {}

/**
 * {@link accessSummary} per group of zones (district, IMD decile, urban/rural…), to compare
 * access between groups (equity).
 *
 * Same statistics and quantile convention as {@link accessSummary}, computed per group after
 * one sort of all zones by nearest-site minutes (O(n log n) overall).
 *
 * Group order is deterministic: when every label is a number (e.g. IMD decile), groups are
 * sorted ascending; otherwise they appear in order of first appearance in `matrix.origins`.
 *
 * @param matrix - Zones × sites minutes.
 * @param population - Per origin, array or record keyed by origin id; non-negative.
 * @param groups - Per origin group labels (string or number), array aligned with the origins
 *   or record keyed by origin id.
 * @returns One summary per group, plus the overall summary.
 * @throws {@link NotAlignedError} if `population` or `groups` does not line up with the origins.
 * @throws {@link UnknownIdError} for an unknown id in a record or in `among`.
 * @throws {@link InvalidInputError} for a bad population value, an empty or non-finite label,
 *   or bad options.
 * @example
 * const m = createCostMatrix(["z1", "z2", "z3"], ["hub"], [10, 40, 20]);
 * const r = accessByGroup(m, [100, 300, 100], [1, 10, 1]);
 * r.groups.map((g) => [g.group, g.meanMinutes]); // [[1, 15], [10, 40]]
 */
export function accessByGroup(
  matrix: CostMatrix,
  population: AlignedValues,
  groups: AlignedLabels,
  options: AccessByGroupOptions = {},
): AccessByGroupResult {
  const where = "accessByGroup";
  checkMatrix(where, matrix);
  const pop = alignValues(where, "population", population, matrix.origins, "matrix.origins");
  const labels = alignLabels(where, "groups", groups, matrix.origins, "matrix.origins");
  const opts = parseInput(where, AccessSummaryOptionsSchema, options, "options");
  const { minutes } = nearestColumns(matrix, resolveColumns(where, matrix, opts.among));
  const order = sortByMinutes(minutes);

  const keys: (string | number)[] = [];
  const slot = new Map<string | number, number>();
  for (const label of labels) {
    if (!slot.has(label)) {
      slot.set(label, keys.length);
      keys.push(label);
    }
  }
  const numeric = keys.length > 0 && keys.every((k) => typeof k === "number");
  if (numeric) (keys as number[]).sort((a, b) => a - b);
  const buckets: number[][] = keys.map(() => []);
  const position = new Map<string | number, number>(keys.map((k, g) => [k, g]));
  for (let k = 0; k < order.length; k++) buckets[position.get(labels[order[k]]) as number].push(order[k]);

  const summaries = keys.map((group, g) => ({
    group,
    ...summarise(buckets[g], minutes, pop, opts.thresholdsMinutes, matrix.origins),
  }));
  const overall = summarise(order, minutes, pop, opts.thresholdsMinutes, matrix.origins);
  const warnings: string[] = [];
  if (overall.unreachable.length > 0) {
    warnings.push(`${where}: ${overall.unreachable.length} zones (population ${overall.unreachablePopulation}) reach no site.`);
  }
  const mixed = keys.some((k) => typeof k === "number") && !numeric;
  if (mixed) warnings.push(`${where}: group labels mix numbers and strings; "1" and 1 are different groups.`);
  return { groups: summaries, order: numeric ? "numeric" : "first-appearance", overall, warnings };
}
