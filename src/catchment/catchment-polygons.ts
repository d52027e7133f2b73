import { buffer } from "@turf/buffer";
import { convex } from "@turf/convex";
import { featureCollection, multiPoint, point } from "@turf/helpers";
import { rewind } from "@turf/rewind";
import { truncate } from "@turf/truncate";
import { union } from "@turf/union";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import * as z from "zod/mini";
import { DidNotConvergeError, DuplicateIdError, InvalidInputError, UnknownIdError, parseInput } from "../errors.js";
import { LonLatSchema, ZoneGeometrySchema } from "../model/schemas.js";
import { removeSlivers } from "./holes.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ZoneLikeSchema = z.object({
  id: z.string().check(z.minLength(1)),
  location: z.optional(LonLatSchema),
  population: z.optional(z.number().check(z.nonnegative())),
  geometry: z.optional(ZoneGeometrySchema),
});

const CatchmentPolygonsOptionsSchema = z.strictObject({
  /** Decimal places coordinates are rounded to before the union (6 ≈ 0.1 m), so shared edges meet exactly. */
  precision: z._default(z.number().check(z.int()).check(z.minimum(3)).check(z.maximum(10)), 6),
  /** Holes (and detached parts) smaller than this, m², are slivers between neighbouring zones: removed. */
  maxSliverSquareMetres: z._default(z.number().check(z.nonnegative()), 1000),
  /** Holes (and detached parts) thinner than this mean width (2·area / perimeter), metres, are slivers: removed. 0 disables. */
  maxSliverWidthMetres: z._default(z.number().check(z.nonnegative()), 50),
  /** Buffer radius (metres) around zone points when fewer than 3 distinct points make no hull. */
  pointBufferMetres: z._default(z.number().check(z.positive()), 500),
  /**
   * Work bound of one union: the most boundary vertices one catchment's zones may have together
   * (the sweep-line union's time and memory grow with them). Above it: DID_NOT_CONVERGE.
   */
  maxUnionVertices: z._default(z.number().check(z.int()).check(z.positive()), 1_000_000),
});
export interface CatchmentPolygonsOptions {
  /**
   * Decimal places coordinates are rounded to before the union (6 ≈ 0.1 m), so shared edges meet exactly.
   * @defaultValue `6`
   */
  precision?: number;
  /**
   * Holes (and detached parts) smaller than this, m², are slivers between neighbouring zones: removed.
   * @defaultValue `1000`
   */
  maxSliverSquareMetres?: number;
  /**
   * Holes (and detached parts) thinner than this mean width (2·area / perimeter), metres, are slivers: removed. 0 disables.
   * @defaultValue `50`
   */
  maxSliverWidthMetres?: number;
  /**
   * Buffer radius (metres) around zone points when fewer than 3 distinct points make no hull.
   * @defaultValue `500`
   */
  pointBufferMetres?: number;
  /**
   * Work bound of one union: the most boundary vertices one catchment's zones may have together
   * (the sweep-line union's time and memory grow with them). Above it: DID_NOT_CONVERGE.
   * @defaultValue `1_000_000`
   */
  maxUnionVertices?: number;
}
type CatchmentPolygonsOptionsCheck = Assert<Same<CatchmentPolygonsOptions, z.input<typeof CatchmentPolygonsOptionsSchema>>>;

/** A zone with an id and, ideally, a boundary (else a location). */
export interface ZoneLike {
  readonly id: string;
  readonly location?: readonly [number, number];
  readonly population?: number;
  readonly geometry?: Polygon | MultiPolygon;
}

/** What {@link catchmentPolygons} accepts as an assignment. */
export type CatchmentAssignment =
  | Readonly<Record<string, string | null>>
  | readonly { readonly zone: string; readonly site: string | null }[]
  | { readonly assignment: readonly { readonly zone: string; readonly site: string | null }[]; readonly sites?: readonly { readonly site: string }[] };

/** Properties of each catchment polygon. */
export interface CatchmentPolygonProperties {
  site: string;
  /** Number of zones in the catchment. */
  zones: number;
  /** Sum of the zones' `population` (0 where absent). */
  population: number;
  /** `union` of zone boundaries, `hull` of zone points, or `buffer` around < 3 points. */
  method: "union" | "hull" | "buffer";
}

/** Result of {@link catchmentPolygons}. */
export interface CatchmentPolygonsResult {
  /** One (Multi)Polygon per site with at least one zone, RFC 7946 winding. */
  readonly polygons: FeatureCollection<Polygon | MultiPolygon, CatchmentPolygonProperties>;
  /** Zones with no site (null, or absent from the assignment). */
  readonly unassigned: readonly string[];
  readonly warnings: readonly string[];
}

function toPairs(where: string, assignment: unknown): { zone: string; site: string | null }[] {
  const bad = (message: string) => new InvalidInputError(where, [{ path: "assignment", message }]);
  let rows: unknown[];
  if (Array.isArray(assignment)) rows = assignment;
  else if (assignment !== null && typeof assignment === "object" && Array.isArray((assignment as { assignment?: unknown }).assignment)) {
    rows = (assignment as { assignment: unknown[] }).assignment;
  } else if (assignment !== null && typeof assignment === "object") {
    rows = Object.entries(assignment as Record<string, unknown>).map(([zone, site]) => ({ zone, site }));
  } else throw bad("expected a { zone: site } record, an array of { zone, site }, or a nearestCatchments result");
  return rows.map((r, k) => {
    const row = r as { zone?: unknown; site?: unknown };
    if (row === null || typeof row !== "object" || typeof row.zone !== "string" || !(row.site === null || (typeof row.site === "string" && row.site !== ""))) {
      throw new InvalidInputError(where, [{ path: `assignment[${k}]`, message: "expected { zone: string, site: string | null }" }]);
    }
    return { zone: row.zone, site: row.site as string | null };
  });
}

/**
 * One polygon per catchment: the union of its zones' boundaries, or a hull of its zones'
 * points where boundaries are missing.
 *
 * Method: coordinates are rounded to `precision` decimals (so shared edges of neighbouring
 * zones coincide exactly), then unioned with `@turf/union` (polyclip). Gaps and overlaps
 * between independently simplified boundaries leave slivers: interior rings, and detached parts
 * other than the largest, smaller than `maxSliverSquareMetres` or with a mean width (2·area /
 * perimeter) under `maxSliverWidthMetres` are removed; real enclaves of another site are wider.
 * If any zone of a site has no boundary, the site's polygon is the convex hull of its zones'
 * `location`s, or a `pointBufferMetres` buffer when fewer than 3 non-collinear points exist.
 * Output is RFC 7946 (exterior rings counter-clockwise, `@turf/rewind`).
 *
 * @param zones - Zones with `id` and optional `geometry`, `location`, `population` (e.g.
 *   `network.zones`), or a `ServiceNetwork`.
 * @param assignment - `{ zone: site | null }`, an array of `{ zone, site }`, or the result of
 *   {@link nearestCatchments} (its site order is kept).
 * @returns A FeatureCollection with one feature per site (properties `site`, `zones`,
 *   `population`, `method`), ordered as the sites first appear in the assignment; and the
 *   zones without a site.
 * @throws {@link UnknownIdError} if the assignment names a zone not in `zones`.
 * @throws {@link DuplicateIdError} if two zones share an id.
 * @throws {@link DidNotConvergeError} if one catchment's zones have more than `maxUnionVertices` boundary vertices.
 * @throws {@link InvalidInputError} for a malformed zone, a zone with neither geometry nor
 *   location where a hull is needed, a zone assigned twice, or a malformed assignment.
 * @example
 * const catchments = nearestCatchments(matrix, { among: ["hub-a", "hub-b"] });
 * const { polygons } = catchmentPolygons(network.zones, catchments);
 * polygons.features[0].properties; // { site: "hub-a", zones: 412, population: 701234, method: "union" }
 */
export function catchmentPolygons(
  zones: readonly ZoneLike[] | { readonly zones: readonly ZoneLike[] },
  assignment: CatchmentAssignment,
  options: CatchmentPolygonsOptions = {},
): CatchmentPolygonsResult {
  const where = "catchmentPolygons";
  const zoneInput = Array.isArray(zones) ? zones : zones !== null && typeof zones === "object" ? (zones as { zones?: unknown }).zones : zones;
  const parsedZones = parseInput(where, z.array(ZoneLikeSchema), zoneInput, "zones");
  const opts = parseInput(where, CatchmentPolygonsOptionsSchema, options, "options");
  const zoneIndex = new Map<string, number>();
  parsedZones.forEach((zn, i) => {
    const first = zoneIndex.get(zn.id);
    if (first !== undefined) throw new DuplicateIdError(where, "zones", zn.id, first, i);
    zoneIndex.set(zn.id, i);
  });
  const pairs = toPairs(where, assignment);

  const siteOrder: string[] = [];
  const members = new Map<string, number[]>();
  const addSite = (site: string) => {
    if (!members.has(site)) {
      members.set(site, []);
      siteOrder.push(site);
    }
  };
  if (!Array.isArray(assignment) && Array.isArray((assignment as { sites?: unknown }).sites)) {
    for (const s of (assignment as unknown as { sites: { site: string }[] }).sites) addSite(s.site);
  }
  const assigned = new Uint8Array(parsedZones.length);
  const seen = new Uint8Array(parsedZones.length);
  pairs.forEach(({ zone, site }, k) => {
    const i = zoneIndex.get(zone);
    if (i === undefined) throw new UnknownIdError(where, "zone", zone, `assignment[${k}]`, "Every assigned zone must be in zones.");
    if (seen[i] === 1) throw new InvalidInputError(where, [{ path: `assignment[${k}]`, message: `zone "${zone}" is assigned twice; give each zone one site` }]);
    seen[i] = 1;
    if (site === null) return;
    addSite(site);
    (members.get(site) as number[]).push(i);
    assigned[i] = 1;
  });
  const unassigned = parsedZones.filter((_, i) => assigned[i] === 0).map((zn) => zn.id);
  const warnings: string[] = [];
  const features: Feature<Polygon | MultiPolygon, CatchmentPolygonProperties>[] = [];
  let slivers = 0;
  let sliverParts = 0;
  for (const site of siteOrder) {
    const idx = (members.get(site) as number[]).slice().sort((a, b) => a - b);
    if (idx.length === 0) continue;
    let population = 0;
    for (const i of idx) population += parsedZones[i].population ?? 0;
    const properties = (method: CatchmentPolygonProperties["method"]): CatchmentPolygonProperties => ({ site, zones: idx.length, population, method });
    const allBoundaries = idx.every((i) => parsedZones[i].geometry !== undefined);
    let geometry: Polygon | MultiPolygon;
    let method: CatchmentPolygonProperties["method"];
    if (allBoundaries) {
      const parts = idx.map((i) => truncate({ type: "Feature", properties: {}, geometry: parsedZones[i].geometry as Polygon | MultiPolygon }, { precision: opts.precision, mutate: false }));
      const merged = unionParts(where, site, parts as Feature<Polygon | MultiPolygon>[], opts.maxUnionVertices);
      if (merged === null) {
        warnings.push(`${where}: the union for site "${site}" is empty.`);
        continue;
      }
      geometry = merged.geometry as Polygon | MultiPolygon;
      const removed = removeSlivers(geometry, { maxArea: opts.maxSliverSquareMetres, maxWidth: opts.maxSliverWidthMetres });
      slivers += removed.holes;
      sliverParts += removed.parts;
      if (geometry.type === "MultiPolygon" && geometry.coordinates.length === 1) geometry = { type: "Polygon", coordinates: geometry.coordinates[0] };
      method = "union";
    } else {
      const points = idx.map((i) => {
        const loc = parsedZones[i].location;
        if (loc === undefined) {
          throw new InvalidInputError(where, [{ path: `zones[${i}]`, message: `zone "${parsedZones[i].id}" has neither geometry nor location; give one so its catchment can be drawn` }]);
        }
        return point([loc[0], loc[1]]);
      });
      const hull = convex(featureCollection(points));
      if (hull !== null) {
        geometry = hull.geometry;
        method = "hull";
      } else {
        const buffered = buffer(multiPoint(points.map((p) => p.geometry.coordinates)), opts.pointBufferMetres / 1000, { units: "kilometers" });
        geometry = (buffered as Feature<Polygon | MultiPolygon>).geometry;
        method = "buffer";
      }
      warnings.push(`${where}: site "${site}" has zones without boundaries; its polygon is a ${method} of zone points.`);
    }
    const feature: Feature<Polygon | MultiPolygon, CatchmentPolygonProperties> = { type: "Feature", properties: properties(method), geometry };
    features.push(rewind(feature, { reverse: false, mutate: true }) as Feature<Polygon | MultiPolygon, CatchmentPolygonProperties>);
  }
  if (slivers > 0 || sliverParts > 0) {
    warnings.push(
      `${where}: removed ${slivers} sliver holes and ${sliverParts} sliver parts (under ${opts.maxSliverSquareMetres} m² or ${opts.maxSliverWidthMetres} m mean width).`,
    );
  }
  if (unassigned.length > 0) warnings.push(`${where}: ${unassigned.length} zones have no site and appear in no polygon.`);
  return { polygons: { type: "FeatureCollection", features }, unassigned, warnings };
}

function vertexCount(geometry: Polygon | MultiPolygon): number {
  let count = 0;
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) count += ring.length;
  return count;
}

/**
 * Union of one catchment's zone boundaries. Bounded: the sweep-line union (polyclip) runs in
 * O((v + k) log v) for v vertices and k crossings, and v is capped by `maxVertices` before it
 * starts. A failure inside the union (degenerate rings) is reported as the input's fault.
 */
function unionParts(where: string, site: string, parts: Feature<Polygon | MultiPolygon>[], maxVertices: number): Feature<Polygon | MultiPolygon> | null {
  if (parts.length === 1) return parts[0];
  let vertices = 0;
  for (const part of parts) vertices += vertexCount(part.geometry);
  if (vertices > maxVertices) {
    throw new DidNotConvergeError(
      where,
      `the ${parts.length} zone boundaries of site "${site}" have ${vertices} vertices, above maxUnionVertices (${maxVertices}). Simplify the zone boundaries (e.g. mapshaper -simplify), or raise options.maxUnionVertices.`,
      [{ path: "options.maxUnionVertices", message: `site "${site}" needs ${vertices}` }],
    );
  }
  try {
    return union(featureCollection(parts));
  } catch (error) {
    throw new InvalidInputError(
      where,
      [{ path: "zones", message: `the zone boundaries of site "${site}" could not be unioned (${error instanceof Error ? error.message : String(error)}); check them for self-intersecting or degenerate rings` }],
      { cause: error },
    );
  }
}
