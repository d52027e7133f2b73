import * as z from "zod/mini";

/** A finite number (zod 4 numbers already reject NaN and ±Infinity). */
const finite = z.number();
const nonNegative = z.number().check(z.nonnegative());

/**
 * `[lon, lat]` in WGS84 degrees, GeoJSON order.
 *
 * @group Schemas
 */
export const LonLatSchema = z.tuple([
  finite.check(z.minimum(-180, "longitude must be between -180 and 180")).check(z.maximum(180, "longitude must be between -180 and 180")),
  finite.check(z.minimum(-90, "latitude must be between -90 and 90")).check(z.maximum(90, "latitude must be between -90 and 90")),
]);

const Ring = z.array(z.array(finite).check(z.minLength(2))).check(z.minLength(4));
/**
 * GeoJSON Polygon or MultiPolygon (structure checked; winding is normalised on output).
 *
 * @group Schemas
 */
export const ZoneGeometrySchema = z.union([
  z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).check(z.minLength(1)) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).check(z.minLength(1))).check(z.minLength(1)) }),
]);

/**
 * A zod (`zod/mini`) schema used at run time to check input; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const SiteKindSchema = z.enum(["hub", "spoke", "candidate"]);
/**
 * A zod (`zod/mini`) schema used at run time to check input; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const SiteStatusSchema = z.enum(["open", "closed"]);

/**
 * A service site: an inpatient hub, a community spoke base, or a candidate location.
 *
 * @group Schemas
 */
export const SiteSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: SiteKindSchema,
  location: LonLatSchema,
  /** A spoke's parent hub id. */
  hub: z.optional(z.string().check(z.minLength(1))),
  /** Hubs: beds by ward type, e.g. `{ adultAcute: 60, pici: 12 }`. */
  beds: z.optional(z.record(z.string().check(z.minLength(1)), z.number().check(z.int()).check(z.nonnegative()))),
  /** Spokes: active caseload the team can hold. */
  caseloadCapacity: z.optional(nonNegative),
  staffWte: z.optional(nonNegative),
  crisisSlotsPerDay: z.optional(z.number().check(z.int()).check(z.nonnegative())),
  runningCostPerYear: z.optional(nonNegative),
  status: z._default(SiteStatusSchema, "open"),
  /** Huff attractiveness (e.g. beds or floor space); must be positive. */
  attractiveness: z.optional(z.number().check(z.positive())),
  district: z.optional(z.string().check(z.minLength(1))),
  address: z.optional(z.string()),
  postcode: z.optional(z.string()),
  /** Where the location (and figures) come from. */
  source: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
});

/**
 * A population zone (e.g. an LSOA) represented by its population-weighted centroid.
 *
 * @group Schemas
 */
export const DemandZoneSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  location: LonLatSchema,
  population: nonNegative,
  district: z.optional(z.string().check(z.minLength(1))),
  imdDecile: z.optional(z.number().check(z.int()).check(z.minimum(1)).check(z.maximum(10))),
  urbanRural: z.optional(z.string().check(z.minLength(1))),
  households: z.optional(z.number().check(z.int()).check(z.nonnegative())),
  householdsNoCar: z.optional(z.number().check(z.int()).check(z.nonnegative())),
  ageBands: z.optional(z.record(z.string().check(z.minLength(1)), nonNegative)),
  /** Relative need weight (1 = average). */
  need: z._default(nonNegative, 1),
  geometry: z.optional(ZoneGeometrySchema),
});

/**
 * A planning figure with its provenance. `source` cites where the value comes from; when
 * `assumption` is true, `source` states the rationale instead.
 */
export function sourced<T extends z.ZodMiniType>(value: T) {
  return z.strictObject(
    {
      value,
      source: z
        .string({ error: 'every figure needs a "source": where it comes from or, for an assumption, its rationale' })
        .check(z.minLength(1, "every figure needs a source or, for an assumption, a rationale")),
      assumption: z._default(z.boolean(), false),
    },
    { error: (issue) => (issue.code === "invalid_type" ? sourcedHint(issue.input) : undefined) },
  );
}

/** What to write instead of a bare value: the value wrapped with its source. */
function sourcedHint(input: unknown): string {
  const example = typeof input === "number" && Number.isFinite(input) ? String(input) : "75";
  return `expected a figure with its source: write { "value": ${example}, "source": "where it comes from" } (add "assumption": true when it is your assumption)`;
}

const Share = z.number().check(z.minimum(0)).check(z.maximum(1));
const OpenUnit = z.number().check(z.gt(0, "must be strictly between 0 and 1")).check(z.lt(1, "must be strictly between 0 and 1"));

/**
 * Demand and length-of-stay figures for one ward type.
 *
 * @group Schemas
 */
export const WardAssumptionSchema = z.strictObject({
  label: z.optional(z.string()),
  /** Admissions per 100,000 population per year. */
  admissionsPer100kPerYear: sourced(nonNegative).check(z.describe("Admissions per 100,000 population (all ages) per year. UK adult acute: about 70-80 (NHS Benchmarking Network).")),
  /** Optional per-age-band rates (per 100,000 of that band); overrides the flat rate. */
  admissionsPer100kByAgeBand: z.optional(sourced(z.record(z.string().check(z.minLength(1)), nonNegative))).check(z.describe("Per-age-band admissions per 100,000 of that band; overrides the flat rate where zones carry ageBands.")),
  meanLengthOfStayDays: sourced(z.number().check(z.positive())).check(z.describe("Mean length of stay, days (excluding leave). UK adult acute: about 30-40 (NHS Benchmarking Network, MHSDS).")),
});

/**
 * Community (spoke) service figures.
 *
 * @group Schemas
 */
export const CommunityAssumptionsSchema = z.strictObject({
  /** Active caseload per 1,000 population. */
  caseloadPer1000: sourced(nonNegative).check(z.describe("Active community caseload per 1,000 population (MHSDS people in contact).")),
  caseloadPer1000ByAgeBand: z.optional(sourced(z.record(z.string().check(z.minLength(1)), nonNegative))),
  referralsPer1000PerYear: sourced(nonNegative).check(z.describe("Referrals accepted per 1,000 population per year (MHSDS).")),
  contactsPerWtePerWeek: sourced(z.number().check(z.positive())).check(z.describe("Clinical contacts one whole-time equivalent delivers per week, after travel and admin.")),
  maxDaysBetweenContacts: sourced(z.number().check(z.positive())).check(z.describe("Every person on a caseload is seen at least this often, days.")),
  homeVisitShare: sourced(Share).check(z.describe("Share of contacts that are home visits, 0-1.")),
  /** Crisis contacts per day per 100,000 population. */
  crisisContactsPerDayPer100k: sourced(nonNegative).check(z.describe("Crisis contacts per day per 100,000 population.")),
  /** Target share of days on which crisis demand exceeds slots. */
  crisisShortfallTarget: z.optional(sourced(OpenUnit)).check(z.describe("Target share of days on which crisis demand exceeds slots, e.g. 0.05.")),
  /** Face-to-face minutes of a home visit, excluding travel. */
  homeVisitMinutes: z.optional(sourced(z.number().check(z.positive()))).check(z.describe("Face-to-face minutes of a home visit, excluding travel.")),
});

/**
 * Every rate the capacity models use, each with its source.
 *
 * @group Schemas
 */
export const AssumptionsSchema = z.strictObject({
  /** Ward types keyed by id (e.g. `adultAcute`), matching `Site.beds` keys. */
  wards: z.record(z.string().check(z.minLength(1)), WardAssumptionSchema).check(z.describe("Ward types keyed by id (adultAcute, olderAdult, picu, ...), matching the beds_<ward> columns of the sites file.")),
  /** Target bed occupancy in (0, 1), e.g. 0.85. */
  targetOccupancy: z.optional(sourced(OpenUnit)).check(z.describe("Target mean bed occupancy, strictly between 0 and 1. RCPsych: at most 0.85.")),
  /** Target Erlang-B blocking probability in (0, 1), e.g. 0.05. */
  targetBlocking: z.optional(sourced(OpenUnit)).check(z.describe("Target chance an admission finds no bed (Erlang-B blocking), strictly between 0 and 1, e.g. 0.05. Used before targetOccupancy when both are set.")),
  community: z.optional(CommunityAssumptionsSchema).check(z.describe("Community (spoke) service rates; without them community measures are left out.")),
  outOfArea: z
    .optional(
      z.strictObject({
        name: z._default(z.string().check(z.minLength(1)), "Out of area"),
        costPerBedDay: sourced(nonNegative).check(z.describe("Cost of one out-of-area bed-day, GBP.")),
        minutes: sourced(nonNegative).check(z.describe("Typical travel minutes to an out-of-area placement.")),
      }),
    )
    .check(z.describe("Where overflow goes when local beds are full: its cost and travel time.")),
});

const LineStringFeature = z.object({
  type: z.literal("Feature"),
  geometry: z.object({ type: z.literal("LineString"), coordinates: z.array(z.array(finite).check(z.minLength(2))).check(z.minLength(2)) }),
  properties: z.nullable(z.record(z.string(), z.unknown())),
});

/**
 * Roads as GeoJSON LineStrings (`highway`, `maxspeed`, `oneway` properties).
 *
 * @group Schemas
 */
export const RoadsSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(LineStringFeature),
});

/**
 * What a network says about itself: a name, and the attribution lines its data licences
 * require (shown on every report and map built from it, e.g. "© OpenStreetMap contributors, ODbL").
 *
 * @group Schemas
 */
export const NetworkMetadataSchema = z.strictObject({
  name: z.optional(z.string().check(z.minLength(1))),
  attribution: z._default(z.array(z.string().check(z.minLength(1))), []),
});

/**
 * What {@link createServiceNetwork} accepts.
 *
 * @group Schemas
 */
export const ServiceNetworkInputSchema = z.strictObject({
  sites: z.array(SiteSchema).check(z.minLength(1, "a network needs at least one site")),
  zones: z.array(DemandZoneSchema).check(z.minLength(1, "a network needs at least one zone")),
  roads: z.optional(RoadsSchema),
  assumptions: AssumptionsSchema,
  metadata: z.optional(NetworkMetadataSchema),
});
