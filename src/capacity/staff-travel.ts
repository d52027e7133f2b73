import * as z from "zod/mini";
import { InvalidInputError, NotAlignedError, UnknownIdError, parseInput } from "../errors.js";
import { CommunityAssumptionsSchema } from "../model/index.js";
import type { CommunityAssumptionsInput, CostMatrix } from "../model/index.js";
import { AFC_MINUTES_PER_WTE_WEEK } from "./contact-capacity.js";
import { alignedValues, show } from "./internal/values.js";
import type { Assert, Same } from "../internal/type-checks.js";
import { alignedEntries, checkMatrix } from "../internal/align.js";
import { requireObject } from "../internal/shapes.js";

const where = "staffTravel";

/**
 * The zod (`zod/mini`) schema that checks {@link StaffTravelOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const StaffTravelOptionsSchema = z.strictObject({
  /** Community rates; supplies maxDaysBetweenContacts, homeVisitShare, homeVisitMinutes. */
  community: z.optional(CommunityAssumptionsSchema),
  /** Overrides `community.maxDaysBetweenContacts`. */
  maxDaysBetweenContacts: z.optional(z.number().check(z.positive())),
  /** Overrides `community.homeVisitShare`; in [0, 1]. */
  homeVisitShare: z.optional(z.number().check(z.minimum(0)).check(z.maximum(1))),
  /** Face-to-face minutes per home visit (overrides `community.homeVisitMinutes`). */
  homeVisitMinutes: z.optional(z.number().check(z.positive())),
  /** Staff WTE per base id, for the share of all staff time spent travelling. */
  staffWte: z.optional(z.record(z.string().check(z.minLength(1)), z.number().check(z.nonnegative()))),
  /** Working minutes per WTE-week. Default 2,250 (37.5 h, Agenda for Change). */
  minutesPerWteWeek: z._default(z.number().check(z.positive()), AFC_MINUTES_PER_WTE_WEEK),
});
export interface StaffTravelOptions {
  /**
   * Community rates; supplies maxDaysBetweenContacts, homeVisitShare, homeVisitMinutes.
   */
  community?: CommunityAssumptionsInput;
  /**
   * Overrides `community.maxDaysBetweenContacts`.
   */
  maxDaysBetweenContacts?: number;
  /**
   * Overrides `community.homeVisitShare`; in [0, 1].
   */
  homeVisitShare?: number;
  /**
   * Face-to-face minutes per home visit (overrides `community.homeVisitMinutes`).
   */
  homeVisitMinutes?: number;
  /**
   * Staff WTE per base id, for the share of all staff time spent travelling.
   */
  staffWte?: Record<string, number>;
  /**
   * Working minutes per WTE-week. Default 2,250 (37.5 h, Agenda for Change).
   * @defaultValue `2250`
   */
  minutesPerWteWeek?: number;
  /**
   * Base → zone minutes, laid out like `matrix` (zones × bases). When given, a round trip is outbound (this) + return (`matrix`); otherwise 2 × `matrix`.
   */
  outboundMatrix?: CostMatrix;
}
type StaffTravelOptionsCheck = Assert<Same<Omit<StaffTravelOptions, "outboundMatrix">, z.input<typeof StaffTravelOptionsSchema>>>;

export interface ZoneTravel {
  readonly zone: string;
  /** Base serving the zone; null when none is given (zero caseload) or, with "nearest", none is reachable. */
  readonly base: string | null;
  readonly caseload: number;
  readonly homeVisitsPerWeek: number;
  readonly clinicContactsPerWeek: number;
  /** Out-and-back minutes between the base and the zone (Infinity: unreachable). */
  readonly roundTripMinutes: number;
  readonly staffTravelMinutesPerWeek: number;
  readonly patientTravelMinutesPerWeek: number;
}

export interface BaseTravel {
  readonly base: string;
  readonly zones: number;
  readonly caseload: number;
  readonly homeVisitsPerWeek: number;
  readonly staffTravelMinutesPerWeek: number;
  /** Staff minutes per home visit, out and back (0 with no visits). */
  readonly meanStaffMinutesPerHomeVisit: number;
  /** Travel ÷ (travel + face-to-face) home-visit time; null without homeVisitMinutes. */
  readonly travelShareOfHomeVisitTime: number | null;
  /** Travel ÷ (WTE × minutesPerWteWeek); null without staffWte for this base. */
  readonly travelShareOfStaffTime: number | null;
  readonly clinicContactsPerWeek: number;
  /** Patients' out-and-back minutes to clinic contacts at this base. */
  readonly patientTravelMinutesPerWeek: number;
  readonly meanPatientMinutesPerClinicContact: number;
}

export interface StaffTravelResult {
  /** `matrix.origins` order. */
  readonly zones: readonly ZoneTravel[];
  /** `matrix.destinations` order. */
  readonly bases: readonly BaseTravel[];
  readonly totals: {
    readonly staffTravelMinutesPerWeek: number;
    readonly patientTravelMinutesPerWeek: number;
    readonly homeVisitsPerWeek: number;
    readonly clinicContactsPerWeek: number;
  };
  /** Zones with caseload whose base is unreachable: excluded from the totals, never dropped. */
  readonly unreachable: readonly string[];
  readonly warnings: readonly string[];
}

type ParsedOptions = z.output<typeof StaffTravelOptionsSchema>;
type SpokeOf = readonly (string | null)[] | Readonly<Record<string, string>> | "nearest";

/** The contact policy: the options' figures, else the community assumptions'. */
function contactPolicy(opts: ParsedOptions): { maxDays: number; share: number; visitMinutes: number | undefined } {
  const maxDays = opts.maxDaysBetweenContacts ?? opts.community?.maxDaysBetweenContacts.value;
  const share = opts.homeVisitShare ?? opts.community?.homeVisitShare.value;
  const visitMinutes = opts.homeVisitMinutes ?? opts.community?.homeVisitMinutes?.value;
  const missing: { path: string; message: string }[] = [];
  if (maxDays === undefined) missing.push({ path: "options.maxDaysBetweenContacts", message: "give it or options.community (got undefined)" });
  if (share === undefined) missing.push({ path: "options.homeVisitShare", message: "give it or options.community (got undefined)" });
  if (missing.length > 0) throw new InvalidInputError(where, missing);
  return { maxDays: maxDays as number, share: share as number, visitMinutes };
}

/** Out-and-back minutes per zone × base: outbound (or the same matrix) plus return. */
function roundTrips(matrix: CostMatrix, outboundMatrix: CostMatrix | undefined): Float64Array {
  const zones = matrix.origins;
  const bases = matrix.destinations;
  const n = zones.length;
  const m = bases.length;
  if (outboundMatrix !== undefined) {
    if (outboundMatrix.origins.length !== n || outboundMatrix.destinations.length !== m) {
      throw new NotAlignedError(where, "options.outboundMatrix", outboundMatrix.origins.length * outboundMatrix.destinations.length, n * m, "matrix (zones × bases)");
    }
    for (let i = 0; i < n; i++) if (outboundMatrix.origins[i] !== zones[i]) throw new NotAlignedError(where, "options.outboundMatrix.origins", n, n, "matrix.origins (same ids, same order)");
    for (let j = 0; j < m; j++) if (outboundMatrix.destinations[j] !== bases[j]) throw new NotAlignedError(where, "options.outboundMatrix.destinations", m, m, "matrix.destinations (same ids, same order)");
  }
  const trip = new Float64Array(n * m);
  for (let k = 0; k < n * m; k++) trip[k] = matrix.minutes[k] + (outboundMatrix === undefined ? matrix.minutes[k] : outboundMatrix.minutes[k]);
  return trip;
}

/** Each zone's base index (−1: none): the nearest by round trip, or the caller's choice. */
function assignBases(zones: readonly string[], bases: readonly string[], trip: Float64Array, spokeOf: SpokeOf, load: Float64Array): Int32Array {
  const n = zones.length;
  const m = bases.length;
  const assigned = new Int32Array(n).fill(-1);
  if (spokeOf === "nearest") {
    for (let i = 0; i < n; i++) {
      let best = -1;
      for (let j = 0; j < m; j++) if (trip[i * m + j] !== Infinity && (best < 0 || trip[i * m + j] < trip[i * m + best])) best = j;
      assigned[i] = best;
    }
    return assigned;
  }
  const index = new Map(bases.map((b, j) => [b, j] as const));
  const entries = alignedEntries({ where, argument: "spokeOf", ids: zones, against: "matrix.origins" }, spokeOf, `"nearest", an array of base ids or a record`);
  for (let i = 0; i < n; i++) {
    const { value: v, path } = entries[i];
    if (v === null || v === undefined) {
      if (load[i] > 0) throw new InvalidInputError(where, [{ path, message: `zone "${zones[i]}" has caseload ${load[i]} but no base (got ${show(v)})` }]);
      continue;
    }
    if (typeof v !== "string") throw new InvalidInputError(where, [{ path, message: `expected a base id (a string) (got ${show(v)})` }]);
    const j = index.get(v);
    if (j === undefined) throw new UnknownIdError(where, "base", v, path, "Bases are matrix.destinations ids.");
    assigned[i] = j;
  }
  return assigned;
}

/** Per-base sums over its reachable zones. */
interface BaseSums {
  zones: number;
  caseload: number;
  visits: number;
  staff: number;
  clinic: number;
  patient: number;
}

/** Per zone: contacts, visits and the travel they cost; per base and overall sums of the reachable ones. */
function zoneTravel(
  matrix: CostMatrix,
  load: Float64Array,
  trip: Float64Array,
  assigned: Int32Array,
  policy: { maxDays: number; share: number },
): { zoneRows: ZoneTravel[]; agg: BaseSums[]; totals: StaffTravelResult["totals"]; unreachable: string[] } {
  const zones = matrix.origins;
  const bases = matrix.destinations;
  const n = zones.length;
  const m = bases.length;
  const perWeek = 7 / policy.maxDays;
  const sh = policy.share;
  const unreachable: string[] = [];
  const agg: BaseSums[] = bases.map(() => ({ zones: 0, caseload: 0, visits: 0, staff: 0, clinic: 0, patient: 0 }));
  const totals = { staffTravelMinutesPerWeek: 0, patientTravelMinutesPerWeek: 0, homeVisitsPerWeek: 0, clinicContactsPerWeek: 0 };
  const zoneRows: ZoneTravel[] = [];
  for (let i = 0; i < n; i++) {
    const j = assigned[i];
    const contacts = load[i] * perWeek;
    const visits = contacts * sh;
    const clinic = contacts - visits;
    const rt = j < 0 ? Infinity : trip[i * m + j];
    const ok = rt !== Infinity;
    if (!ok && load[i] > 0) unreachable.push(zones[i]);
    const staff = ok ? visits * rt : visits > 0 ? Infinity : 0;
    const patient = ok ? clinic * rt : clinic > 0 ? Infinity : 0;
    zoneRows.push({
      zone: zones[i],
      base: j < 0 ? null : bases[j],
      caseload: load[i],
      homeVisitsPerWeek: visits,
      clinicContactsPerWeek: clinic,
      roundTripMinutes: rt,
      staffTravelMinutesPerWeek: staff,
      patientTravelMinutesPerWeek: patient,
    });
    if (j >= 0 && ok) {
      const a = agg[j];
      a.zones++;
      a.caseload += load[i];
      a.visits += visits;
      a.staff += staff;
      a.clinic += clinic;
      a.patient += patient;
      totals.staffTravelMinutesPerWeek += staff;
      totals.patientTravelMinutesPerWeek += patient;
      totals.homeVisitsPerWeek += visits;
      totals.clinicContactsPerWeek += clinic;
    }
  }
  return { zoneRows, agg, totals, unreachable };
}

/** Per base: the sums and the shares of home-visit and staff time spent travelling. */
function baseTravel(bases: readonly string[], agg: readonly BaseSums[], opts: ParsedOptions, visitMinutes: number | undefined): BaseTravel[] {
  const baseRows = bases.map((b, j): BaseTravel => {
    const a = agg[j];
    const wte = opts.staffWte?.[b];
    const f2f = visitMinutes === undefined ? undefined : a.visits * visitMinutes;
    return {
      base: b,
      zones: a.zones,
      caseload: a.caseload,
      homeVisitsPerWeek: a.visits,
      staffTravelMinutesPerWeek: a.staff,
      meanStaffMinutesPerHomeVisit: a.visits > 0 ? a.staff / a.visits : 0,
      travelShareOfHomeVisitTime: f2f === undefined ? null : a.staff + f2f > 0 ? a.staff / (a.staff + f2f) : 0,
      travelShareOfStaffTime: wte === undefined ? null : wte > 0 ? a.staff / (wte * opts.minutesPerWteWeek) : a.staff > 0 ? null : 0,
      clinicContactsPerWeek: a.clinic,
      patientTravelMinutesPerWeek: a.patient,
      meanPatientMinutesPerClinicContact: a.clinic > 0 ? a.patient / a.clinic : 0,
    };
  });
  return baseRows;
}

/**
 * Staff travel for home visits made from each spoke base, and patients' travel to clinic
 * contacts there: both sides of consolidating bases.
 *
 * Method: contacts per week per zone = caseload × 7 / maxDaysBetweenContacts; home visits =
 * contacts × homeVisitShare, made out and back from the zone's base; clinic contacts = the
 * rest, made by the patient to the base and back. Round-trip minutes = outbound (base → zone,
 * `options.outboundMatrix`) + return (zone → base, `matrix`), or 2 × `matrix` when roads are
 * roughly symmetric. One visit per trip (no chaining of visits into rounds), so the figures
 * are an upper bound on a well-planned round's travel. Staff time lost to travel per base =
 * travel ÷ (travel + face-to-face visit minutes), and travel ÷ (WTE × minutes per WTE-week).
 *
 * @param matrix - Zones × bases, zone → base minutes (any provider; Infinity = unreachable).
 * @param caseload - Active caseload per zone (aligned with `matrix.origins` or keyed by id).
 * @param spokeOf - Base id per zone (aligned or keyed), or `"nearest"` (default): each zone's
 *   nearest base by round trip, ties by column order.
 * @param options - `community` rates or explicit `maxDaysBetweenContacts`, `homeVisitShare`,
 *   `homeVisitMinutes`; `staffWte` per base; `minutesPerWteWeek` (default 2,250);
 *   `outboundMatrix`.
 * @returns Per zone, per base and in total: staff travel and patient travel minutes per week.
 * @throws {@link NotAlignedError} if `caseload`, `spokeOf` or `outboundMatrix` do not match.
 * @throws {@link UnknownIdError} if `spokeOf` names a base not in the matrix.
 * @throws {@link InvalidInputError} for negative/NaN caseload or missing rates.
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["base"], [10, 20]);
 * const r = staffTravel(m, [28, 28], "nearest", { maxDaysBetweenContacts: 28, homeVisitShare: 0.5 });
 * r.totals.staffTravelMinutesPerWeek; // 3.5·20 + 3.5·40 = 210
 */
export function staffTravel(
  matrix: CostMatrix,
  caseload: ArrayLike<number> | Readonly<Record<string, number>>,
  spokeOf: SpokeOf = "nearest",
  options: StaffTravelOptions = {},
): StaffTravelResult {
  checkMatrix(where, matrix);
  const { outboundMatrix, ...rest } = requireObject(where, "options", options) as StaffTravelOptions;
  if (outboundMatrix !== undefined) checkMatrix(where, outboundMatrix, "options.outboundMatrix");
  const opts = parseInput(where, StaffTravelOptionsSchema, rest, "options");
  const zones = matrix.origins;
  const bases = matrix.destinations;
  const load = alignedValues(where, "caseload", caseload, zones, "matrix.origins");
  const policy = contactPolicy(opts);
  const trip = roundTrips(matrix, outboundMatrix);
  if (opts.staffWte !== undefined) {
    for (const key of Object.keys(opts.staffWte)) if (!bases.includes(key)) throw new UnknownIdError(where, "base", key, `options.staffWte.${key}`);
  }
  const assigned = assignBases(zones, bases, trip, spokeOf, load);
  const { zoneRows, agg, totals, unreachable } = zoneTravel(matrix, load, trip, assigned, policy);
  const warnings: string[] = [];
  if (unreachable.length > 0) {
    warnings.push(`${unreachable.length} zone${unreachable.length === 1 ? "" : "s"} with caseload cannot reach ${unreachable.length === 1 ? "its" : "their"} base (${unreachable.slice(0, 5).map((z) => `"${z}"`).join(", ")}${unreachable.length > 5 ? ", …" : ""}); excluded from the totals`);
  }
  const baseRows = baseTravel(bases, agg, opts, policy.visitMinutes);
  for (const b of baseRows) {
    if (b.travelShareOfStaffTime !== null && b.travelShareOfStaffTime > 1) {
      warnings.push(`base "${b.base}": home-visit travel alone needs ${(b.travelShareOfStaffTime * 100).toFixed(0)} % of its staff time`);
    }
  }
  return { zones: zoneRows, bases: baseRows, totals, unreachable, warnings };
}
