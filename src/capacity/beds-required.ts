import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { checkErlangArgs } from "./erlang-b.js";

const OpenUnit = z.number().check(z.gt(0, "must be strictly between 0 and 1")).check(z.lt(1, "must be strictly between 0 and 1"));
/** A blocking target of 1 ("every admission may be turned away") is met by 0 beds. */
const BlockingUnit = z.number().check(z.gt(0, "must be above 0 and at most 1")).check(z.lte(1, "must be above 0 and at most 1"));

/**
 * The zod (`zod/mini`) schema that checks {@link BedsRequiredTarget} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const BedsRequiredTargetSchema = z.union([
  z.strictObject({ targetBlocking: BlockingUnit }),
  z.strictObject({ targetOccupancy: OpenUnit }),
]);
/** Exactly one target: `{ targetBlocking }` or `{ targetOccupancy }`, each in (0, 1). */
export type BedsRequiredTarget = z.input<typeof BedsRequiredTargetSchema>;

export interface BedsRequiredResult {
  /** Smallest bed count meeting the target. */
  readonly beds: number;
  /** Offered load, erlangs (mean beds that would be occupied with unlimited beds). */
  readonly offeredLoad: number;
  /** Erlang B at `beds`: share of admissions that find no bed (the out-of-area risk). */
  readonly blocking: number;
  /** Mean beds occupied: offeredLoad × (1 − blocking). */
  readonly carriedLoad: number;
  /** carriedLoad / beds (0 when beds = 0). */
  readonly occupancy: number;
  readonly target: { readonly kind: "blocking" | "occupancy"; readonly value: number };
}

/**
 * The smallest number of beds that meets a blocking or an occupancy target under Erlang's
 * loss model, with the occupancy and out-of-area share that bed count gives.
 *
 * Method: walk the Erlang B recursion (Erlang 1917; Jagerman 1974) n = 0, 1, 2, … and stop
 * at the first n whose blocking B(n) ≤ `targetBlocking`, or whose occupancy
 * a·(1 − B(n)) / n ≤ `targetOccupancy`. The occupancy rule is the loss-aware version of the
 * common "mean occupied ÷ target occupancy" rule; de Bruin et al. (2010) show why a fixed
 * occupancy target gives very different blocking for small and large units. Pooling: one
 * unit with load 2a needs fewer beds than two units with load a for the same blocking.
 *
 * @param offeredLoad - Erlangs (admissions per day × mean length of stay in days), ≥ 0.
 * @param target - `{ targetBlocking }` in (0, 1] (1 needs 0 beds) or `{ targetOccupancy }` in (0, 1).
 *   A tiny occupancy target gives ⌈offeredLoad / target⌉ beds without stepping through them.
 * @returns `{ beds, offeredLoad, blocking, carriedLoad, occupancy, target }`; a zero load
 *   needs 0 beds and reports blocking 0 (there are no admissions to turn away).
 * @throws {@link InvalidInputError} for a negative/NaN load or a target outside (0, 1), or
 *   when both or neither target is given.
 * @example
 * bedsRequired(50, { targetBlocking: 0.05 }).beds; // 56
 * bedsRequired(100, { targetBlocking: 0.05 }).beds; // 105: fewer than 2 × 56
 */
export function bedsRequired(offeredLoad: number, target: BedsRequiredTarget): BedsRequiredResult {
  const where = "bedsRequired";
  checkErlangArgs(where, 0, offeredLoad);
  const isObject = target !== null && typeof target === "object";
  if (isObject && "targetBlocking" in target && "targetOccupancy" in target) {
    throw new InvalidInputError(where, [{ path: "target", message: "give either targetBlocking or targetOccupancy, not both" }]);
  }
  if (!isObject || !("targetBlocking" in target || "targetOccupancy" in target)) {
    throw new InvalidInputError(where, [
      { path: "target", message: `give { targetBlocking } or { targetOccupancy }, each strictly between 0 and 1 (got ${isObject ? "neither" : String(target)})` },
    ]);
  }
  const t = parseInput(where, BedsRequiredTargetSchema, target, "target");
  const a = offeredLoad;
  let n = 0;
  let b = 1;
  if (a === 0) {
    b = 0; // no admissions, none blocked
  } else if ("targetBlocking" in t) {
    const goal = t.targetBlocking;
    // terminates: B(n) falls strictly once n > a and underflows to 0 < goal (load ≤ 1e7 erlangs)
    while (b > goal) {
      n++;
      b = (a * b) / (n + a * b);
    }
  } else {
    const goal = t.targetOccupancy;
    // at least a / goal beds: past 2^53 a bed count is not an integer any more (n++ stalls)
    if (a / goal > Number.MAX_SAFE_INTEGER) {
      throw new InvalidInputError(where, [
        { path: "target.targetOccupancy", message: `an occupancy target of ${goal} for a load of ${a} erlangs needs more than ${Number.MAX_SAFE_INTEGER} beds; give a realistic target (e.g. 0.85)` },
      ]);
    }
    n = 1;
    b = a / (1 + a);
    // terminates: n rises by one per step and stops by ⌈a / goal⌉ ≤ 2^53 (checked above)
    while ((a * (1 - b)) / n > goal) {
      if (b === 0) {
        // B underflowed: every admission finds a bed, occupancy is a / n, so n = ⌈a / goal⌉
        n = Math.max(n, Math.ceil(a / goal));
        while (a / n > goal) n++;
        break;
      }
      n++;
      b = (a * b) / (n + a * b);
    }
  }
  const carried = a * (1 - b);
  return {
    beds: n,
    offeredLoad: a,
    blocking: b,
    carriedLoad: carried,
    occupancy: n > 0 ? carried / n : 0,
    target: "targetBlocking" in t ? { kind: "blocking", value: t.targetBlocking } : { kind: "occupancy", value: t.targetOccupancy },
  };
}
