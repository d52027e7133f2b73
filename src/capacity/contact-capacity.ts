import * as z from "zod/mini";
import { DuplicateIdError, parseInput } from "../errors.js";
import type { AssumptionsInput, CommunityAssumptionsSchema } from "../model/index.js";
import { readCommunity } from "./caseload-by-zone.js";
import { describeSourced } from "./internal/values.js";
import type { Assert, Same } from "../internal/type-checks.js";

const where = "contactCapacity";

/** NHS Agenda for Change full-time week: 37.5 hours (NHS Terms and Conditions of Service Handbook: standard hours). */
export const AFC_MINUTES_PER_WTE_WEEK = 37.5 * 60;

const SpokeStaffSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  /** Active caseload held by the spoke (people). */
  caseload: z.number().check(z.nonnegative()),
  /** Whole-time-equivalent clinical staff. */
  staffWte: z.number().check(z.nonnegative()),
  /** Staff travel minutes per home visit, out and back (e.g. from {@link staffTravel}); default 0. */
  travelMinutesPerHomeVisit: z._default(z.number().check(z.nonnegative()), 0),
  /** Estate running cost per year (`Site.runningCostPerYear`). */
  runningCostPerYear: z.optional(z.number().check(z.nonnegative())),
});
export type SpokeStaffInput = z.input<typeof SpokeStaffSchema>;

/**
 * The zod (`zod/mini`) schema that checks {@link ContactCapacityOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const ContactCapacityOptionsSchema = z.strictObject({
  /** Working minutes in one WTE-week. Default 2,250 (37.5 h, Agenda for Change). */
  minutesPerWteWeek: z._default(z.number().check(z.positive()), AFC_MINUTES_PER_WTE_WEEK),
});
export interface ContactCapacityOptions {
  /**
   * Working minutes in one WTE-week. Default 2,250 (37.5 h, Agenda for Change).
   * @defaultValue `2250`
   */
  minutesPerWteWeek?: number;
}
type ContactCapacityOptionsCheck = Assert<Same<ContactCapacityOptions, z.input<typeof ContactCapacityOptionsSchema>>>;

export interface SpokeContactCapacity {
  readonly spoke: string;
  readonly caseload: number;
  readonly staffWte: number;
  /** caseload × 7 / maxDaysBetweenContacts. */
  readonly contactsNeededPerWeek: number;
  readonly homeVisitsPerWeek: number;
  readonly clinicContactsPerWeek: number;
  /** Staff minutes the needed contacts take, travel included. */
  readonly staffMinutesNeededPerWeek: number;
  readonly staffMinutesAvailablePerWeek: number;
  /** Contacts per week the staff can deliver at this home/clinic mix. */
  readonly contactCapacityPerWeek: number;
  /** max(0, needed − capacity), contacts per week. */
  readonly shortfallContactsPerWeek: number;
  readonly wteNeeded: number;
  /** max(0, wteNeeded − staffWte). */
  readonly shortfallWte: number;
  /** Needed ÷ available staff minutes; null with no staff. */
  readonly utilisation: number | null;
  readonly runningCostPerYear: number | null;
}

export interface ContactCapacityResult {
  /** Input order. */
  readonly spokes: readonly SpokeContactCapacity[];
  readonly totals: {
    readonly contactsNeededPerWeek: number;
    readonly contactCapacityPerWeek: number;
    readonly shortfallContactsPerWeek: number;
    readonly shortfallWte: number;
    readonly runningCostPerYear: number;
  };
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Contacts per week a spoke's caseload needs against what its staff can deliver, with the
 * shortfall per spoke.
 *
 * Method: contacts needed per week = caseload × 7 / maxDaysBetweenContacts (each person seen
 * at least once per interval, e.g. 28 days); home visits = needed × homeVisitShare, clinic
 * contacts = the rest. One contact takes m_c = minutesPerWteWeek / contactsPerWtePerWeek staff
 * minutes (face to face plus overheads); a home visit also takes its out-and-back travel
 * τ. Staff minutes needed = needed × m_c + homeVisits × τ; available = WTE × minutesPerWteWeek;
 * capacity = needed × available / minutes needed (contacts at this mix); shortfall =
 * max(0, needed − capacity). With τ = 0 the capacity is WTE × contactsPerWtePerWeek.
 *
 * @param spokes - `{ id, caseload, staffWte, travelMinutesPerHomeVisit = 0, runningCostPerYear? }`.
 * @param assumptions - `Assumptions` with `community`, or `CommunityAssumptions`.
 * @returns Per spoke: contacts needed and deliverable per week, shortfall (contacts and WTE),
 *   utilisation, estate cost; totals.
 * @throws {@link InvalidInputError} for negative/NaN caseload, WTE or travel, or bad rates.
 * @throws {@link DuplicateIdError} if two spokes share an id.
 * @example
 * const r = contactCapacity([{ id: "s1", caseload: 280, staffWte: 3 }], community);
 * // contactsPerWtePerWeek 20, maxDays 28: needs 70/week, capacity 60 → shortfall 10 contacts, 0.5 WTE
 */
export function contactCapacity(
  spokes: readonly SpokeStaffInput[],
  assumptions: AssumptionsInput | z.input<typeof CommunityAssumptionsSchema>,
  options: ContactCapacityOptions = {},
): ContactCapacityResult {
  const list = parseInput(where, z.array(SpokeStaffSchema), spokes, "spokes");
  const c = readCommunity(where, assumptions);
  const { minutesPerWteWeek } = parseInput(where, ContactCapacityOptionsSchema, options, "options");
  const seen = new Map<string, number>();
  list.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) throw new DuplicateIdError(where, "spokes", s.id, first, i);
    seen.set(s.id, i);
  });
  const minutesPerContact = minutesPerWteWeek / c.contactsPerWtePerWeek.value;
  const share = c.homeVisitShare.value;
  const warnings: string[] = [];
  const totals = { contactsNeededPerWeek: 0, contactCapacityPerWeek: 0, shortfallContactsPerWeek: 0, shortfallWte: 0, runningCostPerYear: 0 };
  const out = list.map((s): SpokeContactCapacity => {
    const needed = (s.caseload * 7) / c.maxDaysBetweenContacts.value;
    const home = needed * share;
    const clinic = needed - home;
    const perContact = minutesPerContact + share * s.travelMinutesPerHomeVisit;
    const minutesNeeded = needed * perContact;
    const available = s.staffWte * minutesPerWteWeek;
    const capacity = available / perContact;
    const shortfall = Math.max(0, needed - capacity);
    const wteNeeded = minutesNeeded / minutesPerWteWeek;
    const shortfallWte = Math.max(0, wteNeeded - s.staffWte);
    if (shortfall > 0) {
      warnings.push(`spoke "${s.id}": ${needed.toFixed(1)} contacts/week needed, ${capacity.toFixed(1)} deliverable; short by ${shortfallWte.toFixed(2)} WTE`);
    }
    totals.contactsNeededPerWeek += needed;
    totals.contactCapacityPerWeek += capacity;
    totals.shortfallContactsPerWeek += shortfall;
    totals.shortfallWte += shortfallWte;
    totals.runningCostPerYear += s.runningCostPerYear ?? 0;
    return {
      spoke: s.id,
      caseload: s.caseload,
      staffWte: s.staffWte,
      contactsNeededPerWeek: needed,
      homeVisitsPerWeek: home,
      clinicContactsPerWeek: clinic,
      staffMinutesNeededPerWeek: minutesNeeded,
      staffMinutesAvailablePerWeek: available,
      contactCapacityPerWeek: capacity,
      shortfallContactsPerWeek: shortfall,
      wteNeeded,
      shortfallWte,
      utilisation: available > 0 ? minutesNeeded / available : null,
      runningCostPerYear: s.runningCostPerYear ?? null,
    };
  });
  const sources = [
    describeSourced("contactsPerWtePerWeek", c.contactsPerWtePerWeek),
    describeSourced("maxDaysBetweenContacts", c.maxDaysBetweenContacts),
    describeSourced("homeVisitShare", c.homeVisitShare),
    `minutesPerWteWeek = ${minutesPerWteWeek} (${options.minutesPerWteWeek === undefined ? "source: NHS Agenda for Change 37.5-hour week" : "caller option"})`,
  ];
  return { spokes: out, totals, sources, warnings };
}
