import { z } from "zod";

/** A finite number (zod 4 numbers already reject NaN and ±Infinity). */
const finite = z.number();
const nonNegative = z.number().nonnegative();

/** `[lon, lat]` in WGS84 degrees, GeoJSON order. */
export const LonLatSchema = z.tuple([
  finite.min(-180, "longitude must be between -180 and 180").max(180, "longitude must be between -180 and 180"),
  finite.min(-90, "latitude must be between -90 and 90").max(90, "latitude must be between -90 and 90"),
]);

const Ring = z.array(z.array(finite).min(2)).min(4);
/** GeoJSON Polygon or MultiPolygon (structure checked; winding is normalised on output). */
export const ZoneGeometrySchema = z.union([
  z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
]);

export const SiteKindSchema = z.enum(["hub", "spoke", "candidate"]);
export const SiteStatusSchema = z.enum(["open", "closed"]);

/** A service site: an inpatient hub, a community spoke base, or a candidate location. */
export const SiteSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: SiteKindSchema,
  location: LonLatSchema,
  /** A spoke's parent hub id. */
  hub: z.string().min(1).optional(),
  /** Hubs: beds by ward type, e.g. `{ adultAcute: 60, pici: 12 }`. */
  beds: z.record(z.string().min(1), z.number().int().nonnegative()).optional(),
  /** Spokes: active caseload the team can hold. */
  caseloadCapacity: nonNegative.optional(),
  staffWte: nonNegative.optional(),
  crisisSlotsPerDay: z.number().int().nonnegative().optional(),
  runningCostPerYear: nonNegative.optional(),
  status: SiteStatusSchema.default("open"),
  /** Huff attractiveness (e.g. beds or floor space); must be positive. */
  attractiveness: z.number().positive().optional(),
  district: z.string().min(1).optional(),
  address: z.string().optional(),
  postcode: z.string().optional(),
  /** Where the location (and figures) come from. */
  source: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

/** A population zone (e.g. an LSOA) represented by its population-weighted centroid. */
export const DemandZoneSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  location: LonLatSchema,
  population: nonNegative,
  district: z.string().min(1).optional(),
  imdDecile: z.number().int().min(1).max(10).optional(),
  urbanRural: z.string().min(1).optional(),
  households: z.number().int().nonnegative().optional(),
  householdsNoCar: z.number().int().nonnegative().optional(),
  ageBands: z.record(z.string().min(1), nonNegative).optional(),
  /** Relative need weight (1 = average). */
  need: nonNegative.default(1),
  geometry: ZoneGeometrySchema.optional(),
});

/**
 * A planning figure with its provenance. `source` cites where the value comes from; when
 * `assumption` is true, `source` states the rationale instead.
 */
export function sourced<T extends z.ZodType>(value: T) {
  return z.strictObject(
    {
      value,
      source: z
        .string({ error: 'every figure needs a "source": where it comes from or, for an assumption, its rationale' })
        .min(1, "every figure needs a source or, for an assumption, a rationale"),
      assumption: z.boolean().default(false),
    },
    { error: (issue) => (issue.code === "invalid_type" ? sourcedHint(issue.input) : undefined) },
  );
}

/** What to write instead of a bare value: the value wrapped with its source. */
function sourcedHint(input: unknown): string {
  const example = typeof input === "number" && Number.isFinite(input) ? String(input) : "75";
  return `expected a figure with its source: write { "value": ${example}, "source": "where it comes from" } (add "assumption": true when it is your assumption)`;
}

const Share = z.number().min(0).max(1);
const OpenUnit = z.number().gt(0, "must be strictly between 0 and 1").lt(1, "must be strictly between 0 and 1");

/** Demand and length-of-stay figures for one ward type. */
export const WardAssumptionSchema = z.strictObject({
  label: z.string().optional(),
  /** Admissions per 100,000 population per year. */
  admissionsPer100kPerYear: sourced(nonNegative).describe("Admissions per 100,000 population (all ages) per year. UK adult acute: about 70-80 (NHS Benchmarking Network)."),
  /** Optional per-age-band rates (per 100,000 of that band); overrides the flat rate. */
  admissionsPer100kByAgeBand: sourced(z.record(z.string().min(1), nonNegative)).optional().describe("Per-age-band admissions per 100,000 of that band; overrides the flat rate where zones carry ageBands."),
  meanLengthOfStayDays: sourced(z.number().positive()).describe("Mean length of stay, days (excluding leave). UK adult acute: about 30-40 (NHS Benchmarking Network, MHSDS)."),
});

/** Community (spoke) service figures. */
export const CommunityAssumptionsSchema = z.strictObject({
  /** Active caseload per 1,000 population. */
  caseloadPer1000: sourced(nonNegative).describe("Active community caseload per 1,000 population (MHSDS people in contact)."),
  caseloadPer1000ByAgeBand: sourced(z.record(z.string().min(1), nonNegative)).optional(),
  referralsPer1000PerYear: sourced(nonNegative).describe("Referrals accepted per 1,000 population per year (MHSDS)."),
  contactsPerWtePerWeek: sourced(z.number().positive()).describe("Clinical contacts one whole-time equivalent delivers per week, after travel and admin."),
  maxDaysBetweenContacts: sourced(z.number().positive()).describe("Every person on a caseload is seen at least this often, days."),
  homeVisitShare: sourced(Share).describe("Share of contacts that are home visits, 0-1."),
  /** Crisis contacts per day per 100,000 population. */
  crisisContactsPerDayPer100k: sourced(nonNegative).describe("Crisis contacts per day per 100,000 population."),
  /** Target share of days on which crisis demand exceeds slots. */
  crisisShortfallTarget: sourced(OpenUnit).optional().describe("Target share of days on which crisis demand exceeds slots, e.g. 0.05."),
  /** Face-to-face minutes of a home visit, excluding travel. */
  homeVisitMinutes: sourced(z.number().positive()).optional().describe("Face-to-face minutes of a home visit, excluding travel."),
});

/** Every rate the capacity models use, each with its source. */
export const AssumptionsSchema = z.strictObject({
  /** Ward types keyed by id (e.g. `adultAcute`), matching `Site.beds` keys. */
  wards: z.record(z.string().min(1), WardAssumptionSchema).describe("Ward types keyed by id (adultAcute, olderAdult, picu, ...), matching the beds_<ward> columns of the sites file."),
  /** Target bed occupancy in (0, 1), e.g. 0.85. */
  targetOccupancy: sourced(OpenUnit).optional().describe("Target mean bed occupancy, strictly between 0 and 1. RCPsych: at most 0.85."),
  /** Target Erlang-B blocking probability in (0, 1), e.g. 0.05. */
  targetBlocking: sourced(OpenUnit).optional().describe("Target chance an admission finds no bed (Erlang-B blocking), strictly between 0 and 1, e.g. 0.05. Used before targetOccupancy when both are set."),
  community: CommunityAssumptionsSchema.optional().describe("Community (spoke) service rates; without them community measures are left out."),
  outOfArea: z
    .strictObject({
      name: z.string().min(1).default("Out of area"),
      costPerBedDay: sourced(nonNegative).describe("Cost of one out-of-area bed-day, GBP."),
      minutes: sourced(nonNegative).describe("Typical travel minutes to an out-of-area placement."),
    })
    .optional()
    .describe("Where overflow goes when local beds are full: its cost and travel time."),
});

const LineStringFeature = z.object({
  type: z.literal("Feature"),
  geometry: z.object({ type: z.literal("LineString"), coordinates: z.array(z.array(finite).min(2)).min(2) }),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

/** Roads as GeoJSON LineStrings (`highway`, `maxspeed`, `oneway` properties). */
export const RoadsSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(LineStringFeature),
});

/**
 * What a network says about itself: a name, and the attribution lines its data licences
 * require (shown on every report and map built from it, e.g. "© OpenStreetMap contributors, ODbL").
 */
export const NetworkMetadataSchema = z.strictObject({
  name: z.string().min(1).optional(),
  attribution: z.array(z.string().min(1)).default([]),
});

/** What {@link createServiceNetwork} accepts. */
export const ServiceNetworkInputSchema = z.strictObject({
  sites: z.array(SiteSchema).min(1, "a network needs at least one site"),
  zones: z.array(DemandZoneSchema).min(1, "a network needs at least one zone"),
  roads: RoadsSchema.optional(),
  assumptions: AssumptionsSchema,
  metadata: NetworkMetadataSchema.optional(),
});
