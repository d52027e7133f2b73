import * as z from "zod/mini";
import { accessSummary } from "../access/index.js";
import { type BedsRequiredTarget, bedsRequired, capacitatedAssignment } from "../capacity/index.js";
import type { Router } from "../routing/index.js";
import type { ScenarioCache } from "./create-scenario-cache.js";
import { parseInput } from "../errors.js";
import { selectDestinations, type CostMatrix, type ServiceNetwork } from "../model/index.js";
import { contentHash } from "./content-hash.js";
import { LIBRARY_VERSION } from "./evaluate.js";
import { BedTargetOption, CacheOption, RouterOption, memoHash, networkContent, outOfAreaOption, prepareScenario, resolveBedTarget, usableLoadMemo, zoneRates } from "./prepare.js";
import { quantileSorted } from "../internal/quantile.js";
import { seededUniform, type Uniform } from "../internal/random.js";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";
import type { Assert, Same } from "../internal/type-checks.js";

const WHERE = "uncertainty";

/**
 * How one multiplicative factor varies between draws (its central value is 1).
 *
 * @group Schemas
 */
export const FactorDistributionSchema = z.discriminatedUnion("distribution", [
  /** Log-normal with mean 1 and coefficient of variation `cv`. */
  z.strictObject({ distribution: z.literal("lognormal"), cv: z.number().check(z.nonnegative()) }),
  z.strictObject({ distribution: z.literal("uniform"), min: z.number().check(z.positive()), max: z.number().check(z.positive()) }).check(z.refine((d) => d.min <= d.max, "min must not exceed max")),
  z
    .strictObject({ distribution: z.literal("triangular"), min: z.number().check(z.positive()), mode: z.number().check(z.positive()), max: z.number().check(z.positive()) }).check(z.refine((d) => d.min <= d.mode && d.mode <= d.max, "need min ≤ mode ≤ max")),
]);
export type FactorDistribution = z.input<typeof FactorDistributionSchema>;

const DEFAULT_VARY = {
  demand: { distribution: "lognormal", cv: 0.05 },
  lengthOfStay: { distribution: "lognormal", cv: 0.1 },
  travelTime: { distribution: "lognormal", cv: 0.1 },
} as const;

/**
 * The zod (`zod/mini`) schema that checks {@link UncertaintyOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const UncertaintyOptionsSchema = z.strictObject({
  /** Monte Carlo draws. */
  draws: z._default(z.number().check(z.int()).check(z.minimum(2)).check(z.maximum(100_000)), 200),
  /** PRNG seed; default the scenario's `seed`, else 1. */
  seed: z.optional(z.number().check(z.int())),
  /**
   * Factors to vary: `demand` (admission rates), `lengthOfStay`, `travelTime` (all road times).
   * Omitted: the defaults (log-normal, cv 0.05 / 0.10 / 0.10). Given: factors not named stay at 1.
   */
  vary: z.optional(z
    .strictObject({
      demand: z.optional(FactorDistributionSchema),
      lengthOfStay: z.optional(FactorDistributionSchema),
      travelTime: z.optional(FactorDistributionSchema),
    })),
  /** Central interval probability, e.g. 0.9 for the 5th–95th percentiles. */
  level: z._default(z.number().check(z.gt(0)).check(z.lt(1)), 0.9),
  router: RouterOption,
  cache: CacheOption,
  thresholdsMinutes: z._default(z.array(z.number().check(z.nonnegative())).check(z.minLength(1)), [30, 45, 60]),
  bedTarget: BedTargetOption,
  /** Keep every draw's values in the result. */
  includeDraws: z._default(z.boolean(), false),
});
export interface UncertaintyOptions {
  /**
   * Monte Carlo draws.
   * @defaultValue `200`
   */
  draws?: number;
  /**
   * PRNG seed; default the scenario's `seed`, else 1.
   */
  seed?: number;
  /**
   * Factors to vary: `demand` (admission rates), `lengthOfStay`, `travelTime` (all road times). Omitted: the defaults (log-normal, cv 0.05 / 0.10 / 0.10). Given: factors not named stay at 1.
   */
  vary?: { demand?: FactorDistribution; lengthOfStay?: FactorDistribution; travelTime?: FactorDistribution };
  /**
   * Central interval probability, e.g. 0.9 for the 5th–95th percentiles.
   * @defaultValue `0.9`
   */
  level?: number;
  /**
   * As in {@link evaluate}. @param options.cache - As in {@link evaluate}.
   */
  router?: Router;
  cache?: ScenarioCache;
  /**
   * Access thresholds. Default `[30, 45, 60]`.
   * @defaultValue `[30, 45, 60]`
   */
  thresholdsMinutes?: number[];
  /**
   * As in {@link evaluate}.
   */
  bedTarget?: BedsRequiredTarget;
  /**
   * Keep every draw's values in the result.
   * @defaultValue `false`
   */
  includeDraws?: boolean;
}
type UncertaintyOptionsCheck = Assert<Same<UncertaintyOptions, z.input<typeof UncertaintyOptionsSchema>>>;

/** Summary of one quantity over the draws. */
export interface UncertaintyInterval {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly mean: number;
  /** Lower end of the central `level` interval. */
  readonly low: number;
  readonly median: number;
  readonly high: number;
  /** Every draw, in draw order (only with `includeDraws`). */
  readonly draws?: readonly number[];
}

export interface UncertaintyResult {
  readonly scenario: { readonly id: string; readonly name: string };
  readonly draws: number;
  readonly seed: number;
  readonly level: number;
  readonly vary: Readonly<Record<"demand" | "lengthOfStay" | "travelTime", FactorDistribution | null>>;
  /** The sampled factors themselves, then beds needed, out-of-area bed-days and admissions per ward and in total, and access. */
  readonly intervals: readonly UncertaintyInterval[];
  readonly warnings: readonly string[];
  readonly provenance: { readonly library: string; readonly network: string; readonly scenario: string; readonly options: string };
}

type Parsed = z.output<typeof FactorDistributionSchema>;

/** One factor draw; always consumes two uniforms so every factor keeps its own stream position. */
function drawFactor(spec: Parsed | null, uniform: Uniform): number {
  const u1 = uniform();
  const u2 = uniform();
  if (spec === null) return 1;
  switch (spec.distribution) {
    case "lognormal": {
      if (spec.cv === 0) return 1;
      const sigma2 = Math.log(1 + spec.cv * spec.cv);
      const normal = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * normal);
    }
    case "uniform":
      return spec.min + u1 * (spec.max - spec.min);
    case "triangular": {
      const { min: a, mode: c, max: b } = spec;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return u1 < f ? a + Math.sqrt(u1 * (b - a) * (c - a)) : b - Math.sqrt((1 - u1) * (b - a) * (b - c));
    }
  }
}

/**
 * Seeded Monte Carlo intervals for a scenario's beds needed, out-of-area admissions and
 * access, under uncertain demand, length of stay and travel times.
 *
 * Method: the scenario is applied and routed once. Each draw samples three multiplicative
 * factors (log-normal with mean 1 and a coefficient of variation, uniform or triangular):
 * demand scales admissions, length of stay scales bed-days per admission, and travel time
 * scales every road time. Per draw and ward: offered load = base load × demand × length of
 * stay; beds needed = {@link bedsRequired} for the pooled load; out-of-area bed-days from an
 * exact {@link capacitatedAssignment} of zone loads to the hubs' usable capacity (a uniform
 * travel-time factor does not change that assignment, whose first objective is out-of-area
 * demand); out-of-area admissions = bed-days ÷ (mean length of stay × factor); access =
 * {@link accessSummary} of the scaled zones × hubs matrix. Intervals are the central `level`
 * quantiles (Hyndman & Fan type 7) of the draws. Random numbers come from sfc32 seeded by
 * `seed`; each factor always consumes the same number of draws, so two scenarios evaluated
 * with the same seed share their factor draws (common random numbers), and their difference
 * reflects the redesign, not the noise.
 *
 * @param network - The baseline network.
 * @param scenario - The option to assess.
 * @returns Intervals (mean, low, median, high) in beds, bed-days per year, admissions per year, minutes and shares.
 * @throws {@link InvalidInputError} for bad options or scenario; rule errors from {@link applyScenario}.
 * @example
 * const u = uncertainty(network, option, { draws: 500, seed: 42, cache });
 * u.intervals.find((i) => i.key === "capacity.outOfAreaBedDays"); // { mean, low, median, high, ... }
 */
export function uncertainty(network: ServiceNetwork, scenario: ScenarioInput | Scenario, options: UncertaintyOptions = {}): UncertaintyResult {
  const opts = parseInput(WHERE, UncertaintyOptionsSchema, options, "options");
  const parsed = parseInput(WHERE, ScenarioSchema, scenario, "scenario");
  const { applied, cache, matrix, hubs, warnings } = prepareScenario(WHERE, network, parsed, opts);
  const seed = opts.seed ?? parsed.seed ?? 1;
  const vary = opts.vary ?? DEFAULT_VARY;
  const specs = {
    demand: (vary.demand ?? null) as Parsed | null,
    lengthOfStay: (vary.lengthOfStay ?? null) as Parsed | null,
    travelTime: (vary.travelTime ?? null) as Parsed | null,
  };
  const target = resolveBedTarget(WHERE, applied, opts.bedTarget, warnings);
  const outOfArea = outOfAreaOption(WHERE, applied, warnings);
  const demand = zoneRates(cache, applied, false).demand;
  const hubIds = hubs.map((h) => h.id);
  const hubMatrix = selectDestinations(matrix, hubIds);
  const population = applied.zones.map((z) => z.population);
  const usable = Object.fromEntries(demand.wards.map((w) => [w, hubs.map((h) => usableLoadMemo(cache, h.beds?.[w] ?? 0, target))]));

  const series = new Map<string, { label: string; unit: string; values: Float64Array }>();
  const record = (key: string, label: string, unit: string, d: number, value: number) => {
    let s = series.get(key);
    if (s === undefined) {
      s = { label, unit, values: new Float64Array(opts.draws) };
      series.set(key, s);
    }
    s.values[d] = value;
  };

  const uniform = seededUniform(seed);
  const scaled = new Float64Array(hubMatrix.minutes.length);
  const scaledMatrix: CostMatrix = { origins: hubMatrix.origins, destinations: hubMatrix.destinations, minutes: scaled };
  for (let d = 0; d < opts.draws; d++) {
    const fDemand = drawFactor(specs.demand, uniform);
    const fStay = drawFactor(specs.lengthOfStay, uniform);
    const fTravel = drawFactor(specs.travelTime, uniform);
    record("factor.demand", "Demand factor", "ratio", d, fDemand);
    record("factor.lengthOfStay", "Length-of-stay factor", "ratio", d, fStay);
    record("factor.travelTime", "Travel-time factor", "ratio", d, fTravel);
    let bedsTotal = 0;
    let oaDays = 0;
    let oaAdmissions = 0;
    for (const ward of demand.wards) {
      const f = fDemand * fStay;
      const load = demand.offeredLoad[ward].map((x) => x * f);
      const beds = bedsRequired(demand.totals[ward].offeredLoadBeds * f, target).beds;
      const assignment = capacitatedAssignment(hubMatrix, load, usable[ward], { outOfArea });
      const days = assignment.outOfArea?.bedDaysPerYear ?? 0;
      const los = applied.assumptions.wards[ward].meanLengthOfStayDays.value * fStay;
      record(`capacity.${ward}.bedsNeeded`, `${ward}: beds needed`, "beds", d, beds);
      record(`capacity.${ward}.outOfAreaBedDays`, `${ward}: out-of-area bed-days`, "bed-days/year", d, days);
      record(`capacity.${ward}.outOfAreaAdmissions`, `${ward}: out-of-area admissions`, "admissions/year", d, days / los);
      bedsTotal += beds;
      oaDays += days;
      oaAdmissions += days / los;
    }
    record("capacity.bedsNeeded", "Beds needed (all wards)", "beds", d, bedsTotal);
    record("capacity.outOfAreaBedDays", "Out-of-area bed-days", "bed-days/year", d, oaDays);
    record("capacity.outOfAreaAdmissions", "Out-of-area admissions", "admissions/year", d, oaAdmissions);
    for (let k = 0; k < scaled.length; k++) scaled[k] = hubMatrix.minutes[k] * fTravel;
    const access = accessSummary(scaledMatrix, population, { thresholdsMinutes: opts.thresholdsMinutes });
    record("access.hub.meanMinutes", "Mean minutes to nearest hub", "minutes", d, access.meanMinutes ?? Number.NaN);
    for (const t of access.thresholds) record(`access.hub.within${t.minutes}`, `Population within ${t.minutes} min of a hub`, "share", d, t.share ?? Number.NaN);
  }

  const tail = (1 - opts.level) / 2;
  const intervals: UncertaintyInterval[] = [];
  for (const [key, s] of series) {
    const sorted = Float64Array.from(s.values).sort();
    let sum = 0;
    for (let d = 0; d < sorted.length; d++) sum += sorted[d];
    const interval: UncertaintyInterval = {
      key,
      label: s.label,
      unit: s.unit,
      mean: sum / sorted.length,
      low: quantileSorted(sorted, tail),
      median: quantileSorted(sorted, 0.5),
      high: quantileSorted(sorted, 1 - tail),
      ...(opts.includeDraws ? { draws: Array.from(s.values) } : {}),
    };
    intervals.push(interval);
  }
  return {
    scenario: { id: parsed.id, name: parsed.name },
    draws: opts.draws,
    seed,
    level: opts.level,
    vary: { demand: vary.demand ?? null, lengthOfStay: vary.lengthOfStay ?? null, travelTime: vary.travelTime ?? null },
    intervals,
    warnings: [...new Set(warnings)],
    provenance: {
      library: LIBRARY_VERSION,
      network: memoHash(opts.cache, network, () => contentHash(networkContent(network))),
      scenario: contentHash(parsed),
      options: contentHash({ draws: opts.draws, seed, vary, level: opts.level, thresholdsMinutes: opts.thresholdsMinutes, bedTarget: target }),
    },
  };
}
