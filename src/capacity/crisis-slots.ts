import * as z from "zod/mini";
import { DuplicateIdError, parseInput } from "../errors.js";
import { expectedExcess, poissonTable, tailAbove } from "./internal/poisson.js";
import type { Assert, Same } from "../internal/type-checks.js";

const where = "crisisSlots";

const SpokeCrisisSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  /** Mean crisis contacts per day (e.g. Σ population × crisisContactsPerDayPer100k / 100,000). */
  meanPerDay: z.number().check(z.nonnegative()).check(z.maximum(1e6, "a mean above 1,000,000 crisis contacts per day is not a spoke; check the units")),
  /** Crisis slots the spoke offers per day (e.g. `Site.crisisSlotsPerDay`). */
  slotsPerDay: z.optional(z.number().check(z.int()).check(z.nonnegative())),
});

/**
 * The zod (`zod/mini`) schema that checks {@link CrisisSlotsOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const CrisisSlotsOptionsSchema = z.strictObject({
  /** Acceptable share of days on which crisis demand exceeds the slots, in (0, 1). */
  target: z._default(z.number().check(z.gt(0, "must be strictly between 0 and 1")).check(z.lt(1, "must be strictly between 0 and 1")), 0.05),
});
export interface CrisisSlotsOptions {
  /**
   * Acceptable share of days on which crisis demand exceeds the slots, in (0, 1).
   * @defaultValue `0.05`
   */
  target?: number;
}
type CrisisSlotsOptionsCheck = Assert<Same<CrisisSlotsOptions, z.input<typeof CrisisSlotsOptionsSchema>>>;
export type SpokeCrisisInput = z.input<typeof SpokeCrisisSchema>;

export interface SpokeCrisis {
  readonly spoke: string;
  readonly meanPerDay: number;
  readonly slotsPerDay: number | null;
  /** P(day's demand > slots): share of days short; null without slots. */
  readonly probabilityShort: number | null;
  /** Mean crisis contacts per day that find no slot, E[(X − slots)⁺]; null without slots. */
  readonly expectedUnmetPerDay: number | null;
  /** Smallest slots per day with P(demand > slots) ≤ target. */
  readonly slotsForTarget: number;
  /** P(demand > slotsForTarget). */
  readonly probabilityShortAtTarget: number;
  /** slotsForTarget − slotsPerDay (positive: slots to add); null without slots. */
  readonly slotGap: number | null;
}

export interface CrisisSlotsResult {
  readonly target: number;
  /** Input order. */
  readonly spokes: readonly SpokeCrisis[];
  readonly warnings: readonly string[];
}

/**
 * Daily crisis slots per spoke: the chance a day's crisis demand exceeds the slots, and the
 * slots needed for a target share of short days.
 *
 * Method: daily crisis demand X ~ Poisson(λ) (independent arrivals at a constant daily
 * rate). P(X > s) = Σ_{k>s} e^{−λ} λ^k / k!, computed with the pmf anchored at the mode in
 * log space (ln Γ by Lanczos) and summed from the tail end, so λ in the hundreds or
 * thousands neither overflows nor loses the tail; slotsForTarget is the smallest s with
 * P(X > s) ≤ target (the Poisson quantile). Expected unmet demand uses
 * E[(X − s)⁺] = λ·P(X ≥ s) − s·P(X > s).
 *
 * @param spokes - `{ id, meanPerDay, slotsPerDay? }` per spoke.
 * @returns Per spoke: probability of a short day, expected unmet contacts per day, slots for
 *   the target and the gap to the current slots.
 * @throws {@link InvalidInputError} for a negative/NaN mean, non-integer slots, a target
 *   outside (0, 1).
 * @throws {@link DuplicateIdError} if two spokes share an id.
 * @example
 * const r = crisisSlots([{ id: "spoke-a", meanPerDay: 4, slotsPerDay: 6 }]);
 * r.spokes[0].probabilityShort; // ≈ 0.1107
 * r.spokes[0].slotsForTarget; // 8 (P(X > 8) ≈ 0.021; P(X > 7) ≈ 0.051)
 */
export function crisisSlots(spokes: readonly SpokeCrisisInput[], options: CrisisSlotsOptions = {}): CrisisSlotsResult {
  const list = parseInput(where, z.array(SpokeCrisisSchema), spokes, "spokes");
  const { target } = parseInput(where, CrisisSlotsOptionsSchema, options, "options");
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) throw new DuplicateIdError(where, "spokes", s.id, first, i);
    seen.set(s.id, i);
  });
  const warnings: string[] = [];
  const out = list.map((s): SpokeCrisis => {
    const table = poissonTable(s.meanPerDay);
    let need = Math.max(0, Math.floor(s.meanPerDay) - 1);
    while (need > 0 && tailAbove(table, need - 1) <= target) need--;
    while (tailAbove(table, need) > target) need++;
    const has = s.slotsPerDay !== undefined;
    const slots = s.slotsPerDay ?? 0;
    const short = has ? tailAbove(table, slots) : null;
    if (short !== null && short > target) {
      warnings.push(`spoke "${s.id}": crisis demand exceeds ${slots} slots on ${(short * 100).toFixed(1)} % of days (target ${(target * 100).toFixed(1)} %); ${need} slots meet the target`);
    }
    return {
      spoke: s.id,
      meanPerDay: s.meanPerDay,
      slotsPerDay: has ? slots : null,
      probabilityShort: short,
      expectedUnmetPerDay: has ? expectedExcess(table, slots) : null,
      slotsForTarget: need,
      probabilityShortAtTarget: tailAbove(table, need),
      slotGap: has ? need - slots : null,
    };
  });
  return { target, spokes: out, warnings };
}
