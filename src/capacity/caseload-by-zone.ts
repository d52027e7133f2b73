import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { AssumptionsSchema, CommunityAssumptionsSchema, DemandZoneSchema } from "../model/index.js";
import type { AssumptionsInput, CommunityAssumptions, DemandZoneInput } from "../model/index.js";
import { describeSourced } from "./internal/values.js";
import type { Assert, Same } from "../internal/type-checks.js";

const where = "caseloadByZone";

/**
 * The zod (`zod/mini`) schema that checks {@link CaseloadByZoneOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const CaseloadByZoneOptionsSchema = z.strictObject({
  /** Use per-age-band caseload rates where both the rates and the zone have them. */
  useAgeBands: z._default(z.boolean(), true),
});
export interface CaseloadByZoneOptions {
  /**
   * Use per-age-band caseload rates where both the rates and the zone have them.
   * @defaultValue `true`
   */
  useAgeBands?: boolean;
}
type CaseloadByZoneOptionsCheck = Assert<Same<CaseloadByZoneOptions, z.input<typeof CaseloadByZoneOptionsSchema>>>;

export interface ZoneCaseload {
  readonly zone: string;
  readonly population: number;
  readonly need: number;
  /** Active caseload (people on the books). */
  readonly caseload: number;
  readonly referralsPerYear: number;
  /** Contacts per week to see every caseload member at least every maxDaysBetweenContacts. */
  readonly contactsPerWeek: number;
  /** Mean crisis contacts per day. */
  readonly crisisContactsPerDay: number;
  readonly ageBanded: boolean;
}

export interface CaseloadByZoneResult {
  /** Input order. */
  readonly zones: readonly ZoneCaseload[];
  readonly totals: {
    readonly caseload: number;
    readonly referralsPerYear: number;
    readonly contactsPerWeek: number;
    readonly crisisContactsPerDay: number;
  };
  /** Caseload aligned with the zones (feed to staffTravel). */
  readonly caseload: readonly number[];
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/** Accept either full `Assumptions` (reads `.community`) or `CommunityAssumptions`. */
export function readCommunity(fn: string, assumptions: unknown): CommunityAssumptions {
  if (assumptions !== null && typeof assumptions === "object" && "wards" in assumptions) {
    const full = parseInput(fn, AssumptionsSchema, assumptions, "assumptions");
    if (full.community === undefined) {
      throw new InvalidInputError(fn, [{ path: "assumptions.community", message: "community rates are needed (got undefined)" }]);
    }
    return full.community;
  }
  return parseInput(fn, CommunityAssumptionsSchema, assumptions, "assumptions");
}

/**
 * Community (spoke) demand per zone: active caseload, referrals per year, contacts per week
 * and crisis contacts per day.
 *
 * Method: caseload = need × Σ_bands population_band × rate_band / 1,000 (age-band rates where
 * given, else population × caseloadPer1000 / 1,000); referrals = need × population ×
 * referralsPer1000PerYear / 1,000; contacts per week = caseload × 7 / maxDaysBetweenContacts
 * (everyone seen at least once per interval); crisis contacts per day = need × population ×
 * crisisContactsPerDayPer100k / 100,000. Every rate is listed in `sources`.
 *
 * @param zones - Demand zones (`need` defaults to 1).
 * @param assumptions - `Assumptions` with `community`, or `CommunityAssumptions` directly.
 * @returns Per zone and in total: caseload (people), referrals/year, contacts/week, crisis
 *   contacts/day.
 * @throws {@link InvalidInputError} naming each bad zone or rate and value, or when the
 *   community rates are missing.
 * @example
 * const c = caseloadByZone([{ id: "z1", name: "Z1", location: [0.5, 51.3], population: 10_000 }], {
 *   caseloadPer1000: { value: 5, source: "assumption: illustrative" },
 *   referralsPer1000PerYear: { value: 12, source: "assumption: illustrative" },
 *   contactsPerWtePerWeek: { value: 20, source: "assumption: illustrative" },
 *   maxDaysBetweenContacts: { value: 28, source: "NHS England community MH framework" },
 *   homeVisitShare: { value: 0.4, source: "assumption: illustrative" },
 *   crisisContactsPerDayPer100k: { value: 3, source: "assumption: illustrative" },
 * });
 * c.zones[0].caseload; // 50; contactsPerWeek 12.5
 */
export function caseloadByZone(
  zones: readonly DemandZoneInput[],
  assumptions: AssumptionsInput | z.input<typeof CommunityAssumptionsSchema>,
  options: CaseloadByZoneOptions = {},
): CaseloadByZoneResult {
  const zs = parseInput(where, z.array(DemandZoneSchema), zones, "zones");
  const c = readCommunity(where, assumptions);
  const opts = parseInput(where, CaseloadByZoneOptionsSchema, options, "options");
  const sources = [
    describeSourced("caseloadPer1000", c.caseloadPer1000),
    ...(c.caseloadPer1000ByAgeBand !== undefined && opts.useAgeBands ? [describeSourced("caseloadPer1000ByAgeBand", c.caseloadPer1000ByAgeBand)] : []),
    describeSourced("referralsPer1000PerYear", c.referralsPer1000PerYear),
    describeSourced("maxDaysBetweenContacts", c.maxDaysBetweenContacts),
    describeSourced("crisisContactsPerDayPer100k", c.crisisContactsPerDayPer100k),
  ];
  const warnings: string[] = [];
  const bandRates = opts.useAgeBands ? c.caseloadPer1000ByAgeBand?.value : undefined;
  const missing = new Set<string>();
  let flat = 0;
  const totals = { caseload: 0, referralsPerYear: 0, contactsPerWeek: 0, crisisContactsPerDay: 0 };
  const out = zs.map((zone): ZoneCaseload => {
    let base: number;
    let banded = false;
    if (bandRates !== undefined && zone.ageBands !== undefined) {
      base = 0;
      for (const [band, pop] of Object.entries(zone.ageBands)) {
        let rate = bandRates[band];
        if (rate === undefined) {
          rate = c.caseloadPer1000.value;
          missing.add(band);
        }
        base += (pop * rate) / 1000;
      }
      banded = true;
    } else {
      if (bandRates !== undefined) flat++;
      base = (zone.population * c.caseloadPer1000.value) / 1000;
    }
    const caseload = base * zone.need;
    const row: ZoneCaseload = {
      zone: zone.id,
      population: zone.population,
      need: zone.need,
      caseload,
      referralsPerYear: (zone.population * c.referralsPer1000PerYear.value * zone.need) / 1000,
      contactsPerWeek: (caseload * 7) / c.maxDaysBetweenContacts.value,
      crisisContactsPerDay: (zone.population * c.crisisContactsPerDayPer100k.value * zone.need) / 100_000,
      ageBanded: banded,
    };
    totals.caseload += row.caseload;
    totals.referralsPerYear += row.referralsPerYear;
    totals.contactsPerWeek += row.contactsPerWeek;
    totals.crisisContactsPerDay += row.crisisContactsPerDay;
    return row;
  });
  if (missing.size > 0) warnings.push(`no age-band caseload rate for ${[...missing].map((b) => `"${b}"`).join(", ")}; the flat rate was used for those bands`);
  if (flat > 0) warnings.push(`${flat} zone${flat === 1 ? " has" : "s have"} no ageBands; the flat caseload rate was used there`);
  const assumed = sources.filter((s) => /\(assumption\b/i.test(s));
  if (assumed.length > 0) warnings.push(`${assumed.length} of ${sources.length} rates are assumptions, not sourced figures`);
  return { zones: out, totals, caseload: out.map((r) => r.caseload), sources, warnings };
}
