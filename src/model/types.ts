import type { AbstractGraph } from "graphology-types";
import type * as z from "zod/mini";
import type {
  AssumptionsSchema,
  CommunityAssumptionsSchema,
  DemandZoneSchema,
  LonLatSchema,
  RoadsSchema,
  NetworkMetadataSchema,
  ServiceNetworkInputSchema,
  SiteSchema,
  WardAssumptionSchema,
} from "./schemas.js";

/** `[lon, lat]` in WGS84 degrees. */
export type LonLat = z.output<typeof LonLatSchema>;
export type Site = z.output<typeof SiteSchema>;
export type SiteInput = z.input<typeof SiteSchema>;
export type SiteKind = Site["kind"];
export type DemandZone = z.output<typeof DemandZoneSchema>;
export type DemandZoneInput = z.input<typeof DemandZoneSchema>;
export type Assumptions = z.output<typeof AssumptionsSchema>;
export type AssumptionsInput = z.input<typeof AssumptionsSchema>;
export type WardAssumption = z.output<typeof WardAssumptionSchema>;
export type CommunityAssumptions = z.output<typeof CommunityAssumptionsSchema>;
/** {@link CommunityAssumptions} as written in a file or object: `assumption` flags may be left out. */
export type CommunityAssumptionsInput = z.input<typeof CommunityAssumptionsSchema>;
export type Roads = z.output<typeof RoadsSchema>;
export type NetworkMetadata = z.output<typeof NetworkMetadataSchema>;
export type ServiceNetworkInput = z.input<typeof ServiceNetworkInputSchema> & { graph?: RoadGraph };

/** A figure with its source (or, for an assumption, its rationale). */
export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  readonly assumption: boolean;
}

/** Node attributes of a road graph: coordinates in WGS84 degrees. */
export interface RoadNodeAttributes {
  lon: number;
  lat: number;
  [key: string]: unknown;
}

/** Edge attributes of a road graph: travel minutes (required), metres, road class. */
export interface RoadEdgeAttributes {
  minutes: number;
  metres?: number;
  highway?: string;
  /** Intermediate vertices `[lon, lat][]` between the end nodes, for geometry and snapping. */
  coordinates?: [number, number][];
  [key: string]: unknown;
}

/**
 * The road graph users hold: a graphology directed graph whose nodes carry `lon`/`lat` and
 * whose edges carry `minutes` (and usually `metres`, `highway`).
 */
export type RoadGraph = AbstractGraph<RoadNodeAttributes, RoadEdgeAttributes>;

/**
 * The validated planning model: sites, demand zones, rates, and optionally the roads (as
 * GeoJSON) and/or the road graph built from them. Plain data; never mutated by the library.
 */
export interface ServiceNetwork {
  readonly sites: readonly Site[];
  readonly zones: readonly DemandZone[];
  readonly roads?: Roads;
  readonly graph?: RoadGraph;
  readonly assumptions: Assumptions;
  /** Name and licence attribution of the data (shown on reports and maps). */
  readonly metadata?: NetworkMetadata;
}

/** Where a cost matrix came from, so a result can be reproduced. */
export interface Provenance {
  /** e.g. `"hubspoke-router"`, `"euclidean"`, `"osrm"`, `"imported"`. */
  readonly engine: string;
  readonly profile?: string;
  /** ISO date, when the engine reports one; omitted by default to keep results byte-identical. */
  readonly date?: string;
  /** Content hashes of the inputs (e.g. `{ graph: "…", origins: "…" }`). */
  readonly inputs?: Readonly<Record<string, string>>;
  readonly notes?: readonly string[];
}

/**
 * Travel minutes from each origin (row) to each destination (column).
 *
 * Layout: row-major, `minutes[i * destinations.length + j]`; memory is
 * `origins × destinations × 8` bytes (1,107 zones × 60 sites ≈ 0.5 MB). `Infinity` means
 * unreachable (`null` in JSON).
 */
export interface CostMatrix {
  readonly origins: readonly string[];
  readonly destinations: readonly string[];
  readonly minutes: Float64Array;
  readonly provenance?: Provenance;
}

/** Values given per id: an array aligned with the ids, or a record keyed by id. */
export type AlignedValues = ArrayLike<number> | Readonly<Record<string, number>>;
/** Group labels per origin: an array aligned with the origins, or a record keyed by id. */
export type AlignedLabels = ArrayLike<string | number> | Readonly<Record<string, string | number>>;
