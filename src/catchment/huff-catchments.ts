/*
 * Huff (1963) probabilistic catchments:
 *
 *   P_ij = A_j^α · f(d_ij) / Σ_k A_k^α · f(d_ik)    over sites k reachable from i
 *
 * Symbols: A_j attractiveness of site j (beds, floor space…), α its exponent, d_ij minutes,
 * f a distance decay (default power, f(d) = max(d, 1)^−β; or any `decay` factory, e.g.
 * exponential). A site is reachable from zone i when d_ij is finite, d_ij ≤ maxMinutes and
 * f(d_ij) > 0. Rows sum to 1 over reachable sites; a zone with none has an all-zero row and is
 * listed in `unreachable`.
 *
 * Computed in log space with the row maximum subtracted (log-sum-exp), so steep decays (large
 * β) do not underflow: as β → ∞ the probabilities tend to the nearest-site assignment (ties
 * shared equally). Cost O(origins × sites); the probability matrix takes origins × sites × 8 bytes.
 */
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { neumaierAddAt } from "../internal/summation.js";
import type { CostMatrix } from "../model/types.js";
import { type AlignedValues, alignValues, checkMatrix, resolveColumns } from "../internal/align.js";
import { type Decay, DecaySchema, decay as decays } from "../model/decay.js";
import type { Assert, Same } from "../internal/type-checks.js";

const positive = z.number().check(z.positive("must be positive"));
const HuffOptionsSchema = z.strictObject({
  /** Exponent on attractiveness. */
  alpha: z._default(positive, 1),
  /** Power-decay exponent (default 2); not with `decay`. */
  beta: z.optional(positive),
  /** Any decay factory instead of the power decay; not with `beta`. */
  decay: z.optional(DecaySchema),
  /** Sites farther than this are out of reach (inclusive); default no limit. */
  maxMinutes: z._default(positive, Infinity),
  /** Site ids to consider (default all destinations). */
  among: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Per origin population, for expected populations. */
  population: z.optional(z.unknown()),
});
export interface HuffCatchmentsOptions {
  /**
   * Sites farther than this are out of reach (inclusive); default no limit.
   * @defaultValue `Infinity`
   */
  maxMinutes?: number;
  /**
   * Power-decay exponent (default 2); not with `decay`.
   */
  beta?: number;
  /**
   * Site ids to consider (default all destinations).
   */
  among?: string[];
  /**
   * Any decay factory instead of the power decay; not with `beta`.
   */
  decay?: Decay;
  /**
   * Exponent on attractiveness.
   * @defaultValue `1`
   */
  alpha?: number;
  /**
   * Per origin population for expected populations.
   */
  population?: AlignedValues;
}
type HuffCatchmentsOptionsCheck = Assert<Same<Omit<HuffCatchmentsOptions, "population">, Omit<z.input<typeof HuffOptionsSchema>, "population">>>;

/** One site's expected catchment. */
export interface HuffSite {
  readonly site: string;
  /** Σ_i population_i · P_ij; `null` when no population was given. */
  readonly expectedPopulation: number | null;
  /** Σ_i P_ij: the expected number of zones. */
  readonly expectedZones: number;
}

/** Result of {@link huffCatchments}. */
export interface HuffCatchmentsResult {
  readonly origins: readonly string[];
  /** The sites considered (`among`, or all), in matrix order. */
  readonly destinations: readonly string[];
  /** Row-major `probabilities[i * destinations.length + j]` in [0, 1]; rows sum to 1 (0 when unreachable). */
  readonly probabilities: Float64Array;
  readonly sites: readonly HuffSite[];
  /** Each zone's most likely site (ties: first in order); `site: null` when unreachable. */
  readonly mostLikely: readonly { readonly zone: string; readonly site: string | null; readonly probability: number }[];
  readonly unreachable: readonly string[];
  readonly unreachablePopulation: number | null;
  /** The decay used, for reports. */
  readonly decay: { readonly kind: string; readonly parameters: Readonly<Record<string, unknown>> };
  readonly warnings: readonly string[];
}

/**
 * Probabilistic (Huff 1963) catchments: the probability that a zone uses each site, from
 * site attractiveness and a distance decay. See the module comment for the formula.
 *
 * @param matrix - Zones × sites minutes.
 * @param attractiveness - Per destination, non-negative; 0 (e.g. no beds) gets a share of 0, and a
 *   zone whose reachable sites all have 0 is listed as unreachable (array aligned with `matrix.destinations`
 *   or record by id); leave sites out with `among`, not with 0.
 * @returns Probabilities (row-major over zones × considered sites), expected population and
 *   zones per site, each zone's most likely site, and the unreachable zones.
 * @throws {@link NotAlignedError} if `attractiveness` or `population` does not line up.
 * @throws {@link UnknownIdError} for an unknown id in a record or in `among`.
 * @throws {@link InvalidInputError} for negative, NaN or infinite attractiveness, a
 *   non-positive `alpha`/`beta`/`maxMinutes`, or both `beta` and `decay`.
 * @example
 * const m = createCostMatrix(["z1"], ["a", "b"], [10, 20]);
 * const r = huffCatchments(m, [100, 100], { beta: 2 });
 * Array.from(r.probabilities); // [0.8, 0.2]
 */
export function huffCatchments(matrix: CostMatrix, attractiveness: AlignedValues, options: HuffCatchmentsOptions = {}): HuffCatchmentsResult {
  const where = "huffCatchments";
  checkMatrix(where, matrix);
  // 0 is allowed (a site with no beds): its share is 0; NaN and negatives stay errors
  const A = alignValues(where, "attractiveness", attractiveness, matrix.destinations, "matrix.destinations");
  const opts = parseInput(where, HuffOptionsSchema, options, "options");
  if (opts.beta !== undefined && opts.decay !== undefined) {
    throw new InvalidInputError(where, [{ path: "options.beta", message: "give either beta (power decay) or decay, not both" }]);
  }
  const pop = opts.population === undefined ? null : alignValues(where, "options.population", opts.population, matrix.origins, "matrix.origins");
  const f: Decay = opts.decay ?? decays.power({ beta: opts.beta ?? 2 });
  const cols = resolveColumns(where, matrix, opts.among);
  const k = cols.length;
  const rows = matrix.origins.length;
  const ncol = matrix.destinations.length;
  const m = matrix.minutes;
  const alpha = opts.alpha;
  const max = opts.maxMinutes;
  const logA = new Float64Array(k);
  for (let c = 0; c < k; c++) logA[c] = alpha * Math.log(A[cols[c]]);

  // hot path
  const P = new Float64Array(rows * k);
  const lw = new Float64Array(k);
  const popSum = new Float64Array(k);
  const popComp = new Float64Array(k);
  const zoneSum = new Float64Array(k);
  const zoneComp = new Float64Array(k);
  const unreachableIdx: number[] = [];
  for (let i = 0; i < rows; i++) {
    const base = i * ncol;
    let top = -Infinity;
    for (let c = 0; c < k; c++) {
      const t = m[base + cols[c]];
      const v = t <= max && t !== Infinity ? logA[c] + f.logWeight(t) : -Infinity;
      lw[c] = v;
      if (v > top) top = v;
    }
    if (top === -Infinity) {
      unreachableIdx.push(i);
      continue;
    }
    let total = 0;
    for (let c = 0; c < k; c++) {
      const e = lw[c] === -Infinity ? 0 : Math.exp(lw[c] - top);
      lw[c] = e;
      total += e;
    }
    const out = i * k;
    for (let c = 0; c < k; c++) {
      const p = lw[c] / total;
      P[out + c] = p;
      if (p > 0) {
        neumaierAddAt(zoneSum, zoneComp, c, p);
        if (pop !== null) neumaierAddAt(popSum, popComp, c, pop[i] * p);
      }
    }
  }
  const destinations = Array.from(cols, (j) => matrix.destinations[j]);
  const sites: HuffSite[] = destinations.map((site, c) => ({
    site,
    expectedPopulation: pop === null ? null : popSum[c] + popComp[c],
    expectedZones: zoneSum[c] + zoneComp[c],
  }));
  const mostLikely = matrix.origins.map((zone, i) => {
    let best = -1;
    let bestP = 0;
    for (let c = 0; c < k; c++) {
      if (P[i * k + c] > bestP) {
        bestP = P[i * k + c];
        best = c;
      }
    }
    return { zone, site: best < 0 ? null : destinations[best], probability: bestP };
  });
  let unreachablePopulation: number | null = null;
  if (pop !== null) {
    unreachablePopulation = 0;
    for (const i of unreachableIdx) unreachablePopulation += pop[i];
  }
  const warnings: string[] = [];
  if (unreachableIdx.length > 0) {
    warnings.push(`${where}: ${unreachableIdx.length} zones reach no site${max === Infinity ? "" : ` within ${max} minutes`}; their probabilities are 0.`);
  }
  return {
    origins: matrix.origins,
    destinations,
    probabilities: P,
    sites,
    mostLikely,
    unreachable: unreachableIdx.map((i) => matrix.origins[i]),
    unreachablePopulation,
    decay: { kind: f.kind, parameters: f.parameters },
    warnings,
  };
}
