/*
 * Gravity (potential) accessibility, Hansen (1959):
 *
 *   A_i = Σ_j S_j · w(d_ij)        over sites with d_ij ≤ maxMinutes (default: all reachable)
 *
 * Symbols: S_j supply (or attractiveness) at site j, d_ij travel minutes, w a distance decay.
 * A zone with no site of positive weight has A_i = 0 and is listed in `noSiteInReach`.
 * Sites have no demand side in this measure, so there is no "site without demand" case
 * (see twoStepFloatingCatchment for a supply-to-demand ratio). Cost O(origins × sites).
 */
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { NeumaierSum } from "../internal/summation.js";
import type { CostMatrix } from "../model/types.js";
import { type AlignedValues, alignValues, checkMatrix } from "../internal/align.js";
import { type Decay, DecaySchema } from "../model/decay.js";
import type { ZoneScore } from "./two-step-floating-catchment.js";
import type { Assert, Same } from "../internal/type-checks.js";

const GravityOptionsSchema = z.strictObject({
  /** Distance decay, e.g. `decay.power({ beta: 1.5 })` or `decay.exponential({ beta: 0.05 })`. */
  decay: DecaySchema,
  /** Ignore sites farther than this (inclusive); default no limit. */
  maxMinutes: z._default(z.number().check(z.positive("must be a positive number of minutes")), Infinity),
});
export interface GravityAccessOptions {
  /**
   * Distance decay, e.g. `decay.power({ beta: 1.5 })` or `decay.exponential({ beta: 0.05 })`.
   */
  decay: Decay;
  /**
   * Ignore sites farther than this (inclusive); default no limit.
   * @defaultValue `Infinity`
   */
  maxMinutes?: number;
}
type GravityAccessOptionsCheck = Assert<Same<GravityAccessOptions, z.input<typeof GravityOptionsSchema>>>;

/** Result of {@link gravityAccess}. */
export interface GravityAccessResult {
  /** Per origin, in `matrix.origins` order; units of supply × decay weight. */
  readonly scores: readonly ZoneScore[];
  readonly noSiteInReach: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Hansen (1959) gravity accessibility: the decay-weighted sum of supply within reach.
 *
 * @param matrix - Zones × sites minutes.
 * @param supply - Per destination (array aligned with `matrix.destinations` or record by id), ≥ 0.
 * @returns Per-zone scores (supply units weighted by decay; 0 with no site in reach).
 * @throws {@link NotAlignedError} if `supply` does not line up with the destinations.
 * @throws {@link UnknownIdError} for an unknown id in a record.
 * @throws {@link InvalidInputError} for a negative, NaN or infinite supply, a missing decay or
 *   a non-positive `maxMinutes`.
 * @example
 * const m = createCostMatrix(["z1"], ["a", "b"], [10, 20]);
 * gravityAccess(m, [100, 400], { decay: decay.power({ beta: 1 }) }).scores; // [{ origin: "z1", score: 30 }]
 */
export function gravityAccess(matrix: CostMatrix, supply: AlignedValues, options: GravityAccessOptions): GravityAccessResult {
  const where = "gravityAccess";
  checkMatrix(where, matrix);
  const S = alignValues(where, "supply", supply, matrix.destinations, "matrix.destinations");
  const opts = parseInput(where, GravityOptionsSchema, options, "options");
  const w = opts.decay;
  const max = opts.maxMinutes;
  const rows = matrix.origins.length;
  const cols = matrix.destinations.length;
  const m = matrix.minutes;
  const scores: ZoneScore[] = [];
  const noSiteInReach: string[] = [];
  const sum = new NeumaierSum();
  for (let i = 0; i < rows; i++) {
    sum.reset();
    let any = false;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const t = m[base + j];
      if (t > max || t === Infinity) continue;
      const weight = w(t);
      if (weight > 0) {
        any = true;
        sum.add(S[j] * weight);
      }
    }
    if (!any) noSiteInReach.push(matrix.origins[i]);
    scores.push({ origin: matrix.origins[i], score: +sum });
  }
  const warnings: string[] = [];
  if (noSiteInReach.length > 0) warnings.push(`${where}: ${noSiteInReach.length} zones have no site in reach; their score is 0.`);
  return { scores, noSiteInReach, warnings };
}
