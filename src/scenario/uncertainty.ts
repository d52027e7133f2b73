import * as z from "zod/mini";
import { accessSummary } from "../access/index.js";
import { type BedsRequiredTarget, bedsRequired, capacitatedAssignment } from "../capacity/index.js";
import type { Router } from "../routing/index.js";
import type { ScenarioCache } from "./create-scenario-cache.js";
import { DidNotConvergeError, parseInput } from "../errors.js";
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
  /** Called after each draw with (draws done, draws asked for). */
  onProgress: z.optional(z.custom<(done: number, total: number) => void>((v) => typeof v === "function", "must be a function (done, total) => void")),
  /** Wall-clock limit in milliseconds, checked between draws. Default none. */
  timeLimitMs: z.optional(z.number().check(z.positive())),
  /** At the time limit: `"error"` (default) throws DID_NOT_CONVERGE; `"partial"` summarises the draws done (at least 2). */
  onTimeLimit: z._default(z.enum(["error", "partial"]), "error"),
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
   * As in {@link evaluate}.
   */
  router?: Router;
  /**
   * As in {@link evaluate}.
   */
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
  /**
   * Called after each draw with (draws done, draws asked for).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Wall-clock limit in milliseconds, checked between draws. Default none.
   */
  timeLimitMs?: number;
  /**
   * At the time limit: `"error"` throws a {@link DidNotConvergeError} (`DID_NOT_CONVERGE`);
   * `"partial"` summarises the draws done (at least 2), with `complete: false` and a warning.
   * @defaultValue `"error"`
   */
  onTimeLimit?: "error" | "partial";
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
  /** Draws summarised: `drawsRequested`, or fewer when `timeLimitMs` stopped the run (`complete: false`). */
  readonly draws: number;
  readonly drawsRequested: number;
  /** False when the time limit stopped the draws early (`onTimeLimit: "partial"`); a warning says so too. */
  readonly complete: boolean;
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
 * @throws {@link DidNotConvergeError} (`DID_NOT_CONVERGE`) when `timeLimitMs` stops the draws
 *   (with `onTimeLimit: "error"`, or before 2 draws).
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
  const demand = zoneRates(cache, applied, false).demand;
  const setup: DrawSetup = {
    applied,
    specs,
    target,
    outOfArea: outOfAreaOption(WHERE, applied, warnings),
    demand,
    hubMatrix: selectDestinations(matrix, hubs.map((h) => h.id)),
    population: applied.zones.map((z) => z.population),
    usable: Object.fromEntries(demand.wards.map((w) => [w, hubs.map((h) => usableLoadMemo(cache, h.beds?.[w] ?? 0, target))])),
    thresholdsMinutes: opts.thresholdsMinutes,
  };
  const { series, done } = runDraws(setup, seededUniform(seed), opts);
  if (done < opts.draws) {
    warnings.push(`${WHERE}: the time limit of ${opts.timeLimitMs} ms stopped the run after ${done} of ${opts.draws} draws; the intervals summarise those ${done} draws only.`);
  }
  return {
    scenario: { id: parsed.id, name: parsed.name },
    draws: done,
    drawsRequested: opts.draws,
    complete: done === opts.draws,
    seed,
    level: opts.level,
    vary: { demand: vary.demand ?? null, lengthOfStay: vary.lengthOfStay ?? null, travelTime: vary.travelTime ?? null },
    intervals: summarise(series, done, opts.level, opts.includeDraws),
    warnings: [...new Set(warnings)],
    provenance: {
      library: LIBRARY_VERSION,
      network: memoHash(opts.cache, network, () => contentHash(networkContent(network))),
      scenario: contentHash(parsed),
      options: contentHash({ draws: opts.draws, seed, vary, level: opts.level, thresholdsMinutes: opts.thresholdsMinutes, bedTarget: target }),
    },
  };
}

type ParsedOptions = z.output<typeof UncertaintyOptionsSchema>;
type Series = Map<string, { label: string; unit: string; values: Float64Array }>;

/** Everything one draw reads: prepared once, shared by every draw. */
interface DrawSetup {
  readonly applied: ServiceNetwork;
  readonly specs: Readonly<Record<"demand" | "lengthOfStay" | "travelTime", Parsed | null>>;
  readonly target: ReturnType<typeof resolveBedTarget>;
  readonly outOfArea: ReturnType<typeof outOfAreaOption>;
  readonly demand: ReturnType<typeof zoneRates>["demand"];
  readonly hubMatrix: CostMatrix;
  readonly population: number[];
  readonly usable: Record<string, number[]>;
  readonly thresholdsMinutes: number[];
}

/**
 * The draws in order, stopped at the time limit (checked after each draw, so one draw's work
 * past the limit at most). Terminates: `opts.draws` iterations of bounded work each.
 */
function runDraws(setup: DrawSetup, uniform: Uniform, opts: ParsedOptions): { series: Series; done: number } {
  const series: Series = new Map();
  const record = (key: string, label: string, unit: string, d: number, value: number) => {
    let s = series.get(key);
    if (s === undefined) {
      s = { label, unit, values: new Float64Array(opts.draws) };
      series.set(key, s);
    }
    s.values[d] = value;
  };
  const deadline = opts.timeLimitMs === undefined ? Infinity : Date.now() + opts.timeLimitMs;
  const scaled = new Float64Array(setup.hubMatrix.minutes.length);
  let done = 0;
  while (done < opts.draws) {
    oneDraw(setup, uniform, done, scaled, record);
    done++;
    opts.onProgress?.(done, opts.draws);
    if (done < opts.draws && Date.now() > deadline) break;
  }
  if (done < opts.draws && (opts.onTimeLimit === "error" || done < 2)) {
    throw new DidNotConvergeError(
      WHERE,
      `the time limit of ${opts.timeLimitMs} ms was reached after ${done} of ${opts.draws} draws. Raise timeLimitMs, ask for fewer draws, or pass onTimeLimit: "partial" to summarise the draws done (at least 2).`,
      [{ path: "options.timeLimitMs", message: `reached after ${done} of ${opts.draws} draws` }],
    );
  }
  return { series, done };
}

type Recorder = (key: string, label: string, unit: string, d: number, value: number) => void;

/** Draw `d`: sample the three factors, then beds, out-of-area and access under them. */
function oneDraw(setup: DrawSetup, uniform: Uniform, d: number, scaled: Float64Array, record: Recorder): void {
  const { applied, specs, target, outOfArea, demand, hubMatrix, usable } = setup;
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
  const scaledMatrix: CostMatrix = { origins: hubMatrix.origins, destinations: hubMatrix.destinations, minutes: scaled };
  const access = accessSummary(scaledMatrix, setup.population, { thresholdsMinutes: setup.thresholdsMinutes });
  record("access.hub.meanMinutes", "Mean minutes to nearest hub", "minutes", d, access.meanMinutes ?? Number.NaN);
  for (const t of access.thresholds) record(`access.hub.within${t.minutes}`, `Population within ${t.minutes} min of a hub`, "share", d, t.share ?? Number.NaN);
}

/** Mean and central `level` interval of the first `done` draws of each series. */
function summarise(series: Series, done: number, level: number, includeDraws: boolean): UncertaintyInterval[] {
  const tail = (1 - level) / 2;
  const intervals: UncertaintyInterval[] = [];
  for (const [key, s] of series) {
    const values = s.values.subarray(0, done);
    const sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (let d = 0; d < sorted.length; d++) sum += sorted[d];
    intervals.push({
      key,
      label: s.label,
      unit: s.unit,
      mean: sum / sorted.length,
      low: quantileSorted(sorted, tail),
      median: quantileSorted(sorted, 0.5),
      high: quantileSorted(sorted, 1 - tail),
      ...(includeDraws ? { draws: Array.from(values) } : {}),
    });
  }
  return intervals;
}
