import * as z from "zod/mini";
import { InvalidInputError, UnknownIdError, parseInput } from "../errors.js";
import { AssumptionsSchema, DemandZoneSchema } from "../model/index.js";
import type { AssumptionsInput, DemandZoneInput, WardAssumption } from "../model/index.js";
import { describeSourced } from "./internal/values.js";
import { hasOwnKey } from "../internal/own-keys.js";
import type { Assert, Same } from "../internal/type-checks.js";

const where = "demandByZone";

/**
 * The zod (`zod/mini`) schema that checks {@link DemandByZoneOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const DemandByZoneOptionsSchema = z.strictObject({
  /** Ward types to compute (default: every ward in `assumptions.wards`, in key order). */
  wards: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Use per-age-band rates where both the ward and the zone have them. */
  useAgeBands: z._default(z.boolean(), true),
  /** Days per year for bed-days → offered load. */
  daysPerYear: z._default(z.number().check(z.positive()), 365),
});
export interface DemandByZoneOptions {
  /**
   * Ward types to compute (default: every ward in `assumptions.wards`, in key order).
   */
  wards?: string[];
  /**
   * Use per-age-band rates where both the ward and the zone have them.
   * @defaultValue `true`
   */
  useAgeBands?: boolean;
  /**
   * Days per year for bed-days → offered load.
   * @defaultValue `365`
   */
  daysPerYear?: number;
}
type DemandByZoneOptionsCheck = Assert<Same<DemandByZoneOptions, z.input<typeof DemandByZoneOptionsSchema>>>;

/** Demand of one ward type in one zone (or in total). */
export interface WardDemand {
  /** Admissions per year. */
  readonly admissionsPerYear: number;
  /** Admissions × mean length of stay, bed-days per year. */
  readonly bedDaysPerYear: number;
  /** Offered load in beds (erlangs): bed-days per year ÷ days per year. */
  readonly offeredLoadBeds: number;
}

export interface ZoneDemand {
  readonly zone: string;
  readonly population: number;
  readonly need: number;
  /** Keyed by ward type. */
  readonly wards: Readonly<Record<string, WardDemand>>;
  /** Ward types whose rate came from age bands for this zone. */
  readonly ageBanded: readonly string[];
}

export interface DemandByZoneResult {
  readonly wards: readonly string[];
  /** One per zone, input order. */
  readonly zones: readonly ZoneDemand[];
  readonly totals: Readonly<Record<string, WardDemand>>;
  /** Per ward type, offered load in beds aligned with the zones (feed to capacitatedAssignment). */
  readonly offeredLoad: Readonly<Record<string, readonly number[]>>;
  /** Every rate used, with its source or "assumption: rationale". */
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Inpatient demand per zone and ward type: admissions per year, bed-days per year and the
 * offered load in beds.
 *
 * Method: admissions = need × Σ_bands population_band × rate_band / 100,000 (age-band rates
 * where the ward has them and the zone has `ageBands`; else population × flat rate);
 * bed-days = admissions × mean length of stay; offered load = bed-days / 365 (Little's law:
 * mean beds occupied with unlimited beds, the Erlang load of {@link bedsRequired}). Every rate
 * is listed in `sources` with its citation or its "assumption:" label.
 *
 * @param zones - Demand zones (validated with `DemandZoneSchema`; `need` defaults to 1).
 * @param assumptions - Planning assumptions (validated with `AssumptionsSchema`).
 * @returns Per zone and in total: admissions/year, bed-days/year, offered load (beds).
 * @throws {@link InvalidInputError} naming each bad zone or assumption path and value.
 * @throws {@link UnknownIdError} if `options.wards` names a ward type not in the assumptions.
 * @example
 * const d = demandByZone(
 *   [{ id: "z1", name: "Z1", location: [0.5, 51.3], population: 100_000 }],
 *   { wards: { adultAcute: {
 *     admissionsPer100kPerYear: { value: 200, source: "assumption: illustrative" },
 *     meanLengthOfStayDays: { value: 36.5, source: "assumption: illustrative" } } } },
 * );
 * d.totals.adultAcute; // { admissionsPerYear: 200, bedDaysPerYear: 7300, offeredLoadBeds: 20 }
 */
export function demandByZone(
  zones: readonly DemandZoneInput[],
  assumptions: AssumptionsInput,
  options: DemandByZoneOptions = {},
): DemandByZoneResult {
  const zs = parseInput(where, z.array(DemandZoneSchema), zones, "zones");
  const as = parseInput(where, AssumptionsSchema, assumptions, "assumptions");
  const opts = parseInput(where, DemandByZoneOptionsSchema, options, "options");
  const wards = opts.wards ?? Object.keys(as.wards);
  wards.forEach((w, k) => {
    if (!hasOwnKey(as.wards, w)) {
      throw new UnknownIdError(where, "ward type", w, `options.wards[${k}]`, `Known: ${Object.keys(as.wards).join(", ") || "none"}.`);
    }
  });
  if (wards.length === 0) {
    throw new InvalidInputError(where, [{ path: "assumptions.wards", message: "no ward types to compute (got an empty record)" }]);
  }
  const warnings: string[] = [];
  const sources: string[] = [];
  for (const w of wards) {
    const a: WardAssumption = as.wards[w];
    sources.push(describeSourced(`${w}.admissionsPer100kPerYear`, a.admissionsPer100kPerYear));
    if (a.admissionsPer100kByAgeBand !== undefined && opts.useAgeBands) {
      sources.push(describeSourced(`${w}.admissionsPer100kByAgeBand`, a.admissionsPer100kByAgeBand));
    }
    sources.push(describeSourced(`${w}.meanLengthOfStayDays`, a.meanLengthOfStayDays));
  }
  const totals: Record<string, { admissionsPerYear: number; bedDaysPerYear: number; offeredLoadBeds: number }> = {};
  const offeredLoad: Record<string, number[]> = {};
  for (const w of wards) {
    totals[w] = { admissionsPerYear: 0, bedDaysPerYear: 0, offeredLoadBeds: 0 };
    offeredLoad[w] = [];
  }
  const missingBands = new Map<string, Set<string>>();
  const flatFallback = new Map<string, number>();
  const out: ZoneDemand[] = zs.map((zone) => {
    const byWard: Record<string, WardDemand> = {};
    const ageBanded: string[] = [];
    for (const w of wards) {
      const a = as.wards[w];
      const flat = a.admissionsPer100kPerYear.value;
      let perYear: number;
      const bandRates = opts.useAgeBands ? a.admissionsPer100kByAgeBand?.value : undefined;
      if (bandRates !== undefined && zone.ageBands !== undefined) {
        perYear = 0;
        for (const [band, pop] of Object.entries(zone.ageBands)) {
          let rate = bandRates[band];
          if (rate === undefined) {
            rate = flat;
            if (!missingBands.has(w)) missingBands.set(w, new Set());
            (missingBands.get(w) as Set<string>).add(band);
          }
          perYear += (pop * rate) / 100_000;
        }
        ageBanded.push(w);
      } else {
        if (bandRates !== undefined) flatFallback.set(w, (flatFallback.get(w) ?? 0) + 1);
        perYear = (zone.population * flat) / 100_000;
      }
      const admissions = perYear * zone.need;
      const bedDays = admissions * a.meanLengthOfStayDays.value;
      const load = bedDays / opts.daysPerYear;
      byWard[w] = { admissionsPerYear: admissions, bedDaysPerYear: bedDays, offeredLoadBeds: load };
      totals[w].admissionsPerYear += admissions;
      totals[w].bedDaysPerYear += bedDays;
      totals[w].offeredLoadBeds += load;
      offeredLoad[w].push(load);
    }
    return { zone: zone.id, population: zone.population, need: zone.need, wards: byWard, ageBanded };
  });
  for (const [w, bands] of missingBands) {
    warnings.push(`${w}: no age-band rate for ${[...bands].map((b) => `"${b}"`).join(", ")}; the flat rate was used for those bands`);
  }
  for (const [w, count] of flatFallback) {
    warnings.push(`${w}: ${count} zone${count === 1 ? " has" : "s have"} no ageBands; the flat rate was used there`);
  }
  const assumed = sources.filter((s) => /\(assumption\b/i.test(s));
  if (assumed.length > 0) warnings.push(`${assumed.length} of ${sources.length} rates are assumptions, not sourced figures`);
  return { wards, zones: out, totals, offeredLoad, sources, warnings };
}
