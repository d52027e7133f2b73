/**
 * Distance-decay factories: validated weight functions `(minutes) => weight` used by the
 * enhanced two-step floating catchment (Luo & Qi 2009), gravity access (Hansen 1959) and the
 * Huff model (Huff 1963).
 *
 * Every decay is a plain function with three read-only fields: `kind`, `parameters` (the
 * validated options, for reports) and `logWeight(minutes)` (the natural log of the weight,
 * `-Infinity` for a zero weight), which lets the Huff model normalise steep decays without
 * underflow. Unreachable (`Infinity` minutes) always weighs 0.
 *
 * | factory | weight w(t) |
 * | --- | --- |
 * | `decay.step({ 15: 1, 30: 0.6, 60: 0.2 })` | the weight of the smallest bound ≥ t; 0 beyond the largest |
 * | `decay.linear({ maxMinutes })` | max(0, 1 − t / maxMinutes) |
 * | `decay.gaussian({ sigmaMinutes })` | exp(−t² / (2σ²)) |
 * | `decay.power({ beta, minMinutes = 1 })` | max(t, minMinutes)^−β |
 * | `decay.exponential({ beta })` | exp(−β t), β per minute |
 */
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import type { Assert, Same } from "../internal/type-checks.js";

/** The decay families. */
export type DecayKind = "step" | "linear" | "gaussian" | "power" | "exponential";

/** A validated distance-decay weight function of travel minutes. */
export interface Decay {
  (minutes: number): number;
  readonly kind: DecayKind;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Natural log of the weight; `-Infinity` where the weight is 0. */
  readonly logWeight: (minutes: number) => number;
}

const positive = z.number().check(z.positive("must be positive"));

const LinearSchema = z.strictObject({ maxMinutes: positive });
const GaussianSchema = z.strictObject({ sigmaMinutes: positive });
const PowerSchema = z.strictObject({ beta: positive, minMinutes: z._default(positive, 1) });
const ExponentialSchema = z.strictObject({ beta: positive });
const StepSchema = z
  .record(z.string(), z.number().check(z.minimum(0, "must be between 0 and 1")).check(z.maximum(1, "must be between 0 and 1"))).check(z.refine((r) => Object.keys(r).length > 0, "give at least one bound, e.g. { 30: 1 }"));

/** Step weights keyed by upper bound in minutes, e.g. `{ 15: 1, 30: 0.6, 60: 0.2 }`; each weight in [0, 1]. */
export type StepDecayOptions = Record<string, number>;
type StepDecayOptionsCheck = Assert<Same<StepDecayOptions, z.input<typeof StepSchema>>>;
export interface LinearDecayOptions {
  /**
   * Minutes at which the weight reaches 0 (positive).
   */
  maxMinutes: number;
}
type LinearDecayOptionsCheck = Assert<Same<LinearDecayOptions, z.input<typeof LinearSchema>>>;
export interface GaussianDecayOptions {
  /**
   * Standard deviation σ in minutes (positive).
   */
  sigmaMinutes: number;
}
type GaussianDecayOptionsCheck = Assert<Same<GaussianDecayOptions, z.input<typeof GaussianSchema>>>;
export interface PowerDecayOptions {
  /**
   * Rate β per minute (positive); the weight halves every ln 2 / β minutes.
   */
  beta: number;
  /**
   * Floor on travel time (positive, default 1).
   * @defaultValue `1`
   */
  minMinutes?: number;
}
type PowerDecayOptionsCheck = Assert<Same<PowerDecayOptions, z.input<typeof PowerSchema>>>;
export interface ExponentialDecayOptions {
  /**
   * Rate β per minute (positive); the weight halves every ln 2 / β minutes.
   */
  beta: number;
}
type ExponentialDecayOptionsCheck = Assert<Same<ExponentialDecayOptions, z.input<typeof ExponentialSchema>>>;

function make(
  kind: DecayKind,
  parameters: Record<string, unknown>,
  weight: (minutes: number) => number,
  logWeight: (minutes: number) => number,
): Decay {
  const fn = (minutes: number): number => weight(minutes);
  return Object.freeze(Object.assign(fn, { kind, parameters: Object.freeze({ ...parameters }), logWeight })) as Decay;
}

/**
 * Step decay (the weights of the enhanced 2SFCA, Luo & Qi 2009): each key is an upper bound
 * in minutes and its value the weight for times up to that bound.
 *
 * @param steps - `{ bound: weight }`, bounds positive, weights in [0, 1] and non-increasing
 *   as bounds grow. Times beyond the largest bound weigh 0.
 * @returns A {@link Decay}.
 * @throws {@link InvalidInputError} for a non-numeric or non-positive bound, a weight outside
 *   [0, 1], or weights that increase with time.
 * @example
 * const w = decay.step({ 10: 1, 20: 0.68, 30: 0.22 });
 * w(15); // 0.68
 */
function step(steps: StepDecayOptions): Decay {
  const where = "decay.step";
  const parsed = parseInput(where, StepSchema, steps);
  const pairs = Object.entries(parsed).map(([k, w]) => {
    const bound = Number(k);
    if (k.trim() === "" || !Number.isFinite(bound) || bound <= 0) {
      throw new InvalidInputError(where, [{ path: k, message: `a bound must be a positive number of minutes (got ${JSON.stringify(k)})` }]);
    }
    return [bound, w] as const;
  });
  pairs.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < pairs.length; k++) {
    if (pairs[k][1] > pairs[k - 1][1]) {
      throw new InvalidInputError(where, [
        {
          path: String(pairs[k][0]),
          message: `weights must not increase with time: ${pairs[k][1]} at ${pairs[k][0]} min is above ${pairs[k - 1][1]} at ${pairs[k - 1][0]} min`,
        },
      ]);
    }
  }
  const bounds = Float64Array.from(pairs, (p) => p[0]);
  const weights = Float64Array.from(pairs, (p) => p[1]);
  const weight = (t: number): number => {
    for (let k = 0; k < bounds.length; k++) if (t <= bounds[k]) return weights[k];
    return 0;
  };
  return make("step", Object.fromEntries(pairs.map(([b, w]) => [String(b), w])), weight, (t) => Math.log(weight(t)));
}

/**
 * Linear decay: weight 1 at 0 minutes falling to 0 at `maxMinutes`.
 *
 * @returns A {@link Decay}.
 * @throws {@link InvalidInputError} if `maxMinutes` is not positive.
 * @example
 * decay.linear({ maxMinutes: 60 })(15); // 0.75
 */
function linear(options: LinearDecayOptions): Decay {
  const { maxMinutes } = parseInput("decay.linear", LinearSchema, options);
  const weight = (t: number): number => (t >= maxMinutes ? 0 : 1 - t / maxMinutes);
  return make("linear", { maxMinutes }, weight, (t) => Math.log(weight(t)));
}

/**
 * Gaussian decay, exp(−t² / (2σ²)) (the continuous enhanced 2SFCA kernel; Dai 2010, PySAL
 * access `gaussian`).
 *
 * @returns A {@link Decay}.
 * @throws {@link InvalidInputError} if `sigmaMinutes` is not positive.
 * @example
 * decay.gaussian({ sigmaMinutes: 20 })(20); // 0.6065 (= e^−0.5)
 */
function gaussian(options: GaussianDecayOptions): Decay {
  const { sigmaMinutes } = parseInput("decay.gaussian", GaussianSchema, options);
  const k = 1 / (2 * sigmaMinutes * sigmaMinutes);
  const logWeight = (t: number): number => (t === Infinity ? -Infinity : -t * t * k);
  return make("gaussian", { sigmaMinutes }, (t) => Math.exp(logWeight(t)), logWeight);
}

/**
 * Power (inverse-distance) decay, max(t, minMinutes)^−β: the classic gravity and Huff decay.
 * Times below `minMinutes` are raised to it, so a zone at 0 minutes has a finite weight.
 *
 * @returns A {@link Decay}.
 * @throws {@link InvalidInputError} if `beta` or `minMinutes` is not positive.
 * @example
 * decay.power({ beta: 2 })(10); // 0.01
 */
function power(options: PowerDecayOptions): Decay {
  const { beta, minMinutes } = parseInput("decay.power", PowerSchema, options);
  const logWeight = (t: number): number => (t === Infinity ? -Infinity : -beta * Math.log(t < minMinutes ? minMinutes : t));
  return make("power", { beta, minMinutes }, (t) => Math.exp(logWeight(t)), logWeight);
}

/**
 * Negative exponential decay, exp(−β t) with β per minute (Wilson 1971).
 *
 * @returns A {@link Decay}.
 * @throws {@link InvalidInputError} if `beta` is not positive.
 * @example
 * decay.exponential({ beta: 0.1 })(10); // 0.3679
 */
function exponential(options: ExponentialDecayOptions): Decay {
  const { beta } = parseInput("decay.exponential", ExponentialSchema, options);
  const logWeight = (t: number): number => -beta * t;
  return make("exponential", { beta }, (t) => Math.exp(logWeight(t)), logWeight);
}

/** Distance-decay factories; see the module comment for the formulas. */
export const decay = Object.freeze({ step, linear, gaussian, power, exponential });

/**
 * True for a value built by one of the {@link decay} factories (checked by shape, so two
 * copies of the library interoperate).
 *
 * @example
 * isDecay(decay.power({ beta: 1 })); // true
 * isDecay((t: number) => 1 / t); // false: wrap custom curves in a factory
 */
export function isDecay(value: unknown): value is Decay {
  return (
    typeof value === "function" &&
    typeof (value as Partial<Decay>).logWeight === "function" &&
    typeof (value as Partial<Decay>).kind === "string"
  );
}

/**
 * zod schema accepting only {@link Decay} values (for option schemas).
 *
 * @group Schemas
 */
export const DecaySchema = z.custom<Decay>(isDecay, {
  message: "expected a decay built by decay.step, decay.linear, decay.gaussian, decay.power or decay.exponential",
});
