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
  return z.strictObject({
    value,
    source: z.string().min(1, "every figure needs a source or, for an assumption, a rationale"),
    assumption: z.boolean().default(false),
  });
}

const Share = z.number().min(0).max(1);
const OpenUnit = z.number().gt(0, "must be strictly between 0 and 1").lt(1, "must be strictly between 0 and 1");

/** Demand and length-of-stay figures for one ward type. */
export const WardAssumptionSchema = z.strictObject({
  label: z.string().optional(),
  /** Admissions per 100,000 population per year. */
  admissionsPer100kPerYear: sourced(nonNegative),
  /** Optional per-age-band rates (per 100,000 of that band); overrides the flat rate. */
  admissionsPer100kByAgeBand: sourced(z.record(z.string().min(1), nonNegative)).optional(),
  meanLengthOfStayDays: sourced(z.number().positive()),
});

/** Community (spoke) service figures. */
export const CommunityAssumptionsSchema = z.strictObject({
  /** Active caseload per 1,000 population. */
  caseloadPer1000: sourced(nonNegative),
  caseloadPer1000ByAgeBand: sourced(z.record(z.string().min(1), nonNegative)).optional(),
  referralsPer1000PerYear: sourced(nonNegative),
  contactsPerWtePerWeek: sourced(z.number().positive()),
  maxDaysBetweenContacts: sourced(z.number().positive()),
  homeVisitShare: sourced(Share),
  /** Crisis contacts per day per 100,000 population. */
  crisisContactsPerDayPer100k: sourced(nonNegative),
  /** Target share of days on which crisis demand exceeds slots. */
  crisisShortfallTarget: sourced(OpenUnit).optional(),
  /** Face-to-face minutes of a home visit, excluding travel. */
  homeVisitMinutes: sourced(z.number().positive()).optional(),
});

/** Every rate the capacity models use, each with its source. */
export const AssumptionsSchema = z.strictObject({
  /** Ward types keyed by id (e.g. `adultAcute`), matching `Site.beds` keys. */
  wards: z.record(z.string().min(1), WardAssumptionSchema),
  /** Target bed occupancy in (0, 1), e.g. 0.85. */
  targetOccupancy: sourced(OpenUnit).optional(),
  /** Target Erlang-B blocking probability in (0, 1), e.g. 0.05. */
  targetBlocking: sourced(OpenUnit).optional(),
  community: CommunityAssumptionsSchema.optional(),
  outOfArea: z
    .strictObject({
      name: z.string().min(1).default("Out of area"),
      costPerBedDay: sourced(nonNegative),
      minutes: sourced(nonNegative),
    })
    .optional(),
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
