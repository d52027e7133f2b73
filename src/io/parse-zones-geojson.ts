import type { MultiPolygon, Polygon } from "geojson";
import * as z from "zod/mini";
import { EN } from "../internal/zod-locale.js";
import { type InputIssue, parseInput } from "../errors.js";
import { DemandZoneSchema, ZoneGeometrySchema } from "../model/schemas.js";
import type { DemandZone } from "../model/types.js";
import { polygonCentroid } from "./internal.js";
import { featurePath, mapProperties, pointLocation, projectedPolygonProblem, readFeatures, throwIssues } from "./geojson-input.js";
import { ZONE_CSV_COLUMNS } from "./parse-zones-csv.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ParseZonesGeoJSONOptionsSchema = z.strictObject({
  file: z._default(z.string().check(z.minLength(1)), "zones.geojson"),
  properties: z._default(z.record(z.string(), z.string().check(z.minLength(1))), {}),
});
export interface ParseZonesGeoJSONOptions {
  /**
   * Name used in error paths. Default `"zones.geojson"`.
   * @defaultValue `"zones.geojson"`
   */
  file?: string;
  /**
   * `{ field: property }` overrides. Default `{}`.
   * @defaultValue `{}`
   */
  properties?: Record<string, string>;
}
type ParseZonesGeoJSONOptionsCheck = Assert<Same<ParseZonesGeoJSONOptions, z.input<typeof ParseZonesGeoJSONOptionsSchema>>>;

/**
 * Read demand zones from a GeoJSON FeatureCollection of Points (centroids) or
 * Polygons/MultiPolygons (boundaries). Properties are matched like CSV headers
 * ({@link ZONE_CSV_COLUMNS}: `LSOA21CD`, `population`, …). For a polygon the location is
 * the `lon`/`lat` properties when present (a population-weighted centroid), else the
 * geometric centroid (`@turf/centroid`): supply population-weighted centroids where you can,
 * as a geometric centroid can sit in an empty field. Coordinates are WGS84 degrees: polygons
 * in projected metres (British National Grid, EPSG:27700) are an error saying so, even when the
 * `lon`/`lat` properties are degrees. A Point may carry a third number (altitude), which is ignored.
 *
 * @param input - GeoJSON text or object.
 * @returns Validated zones in feature order; polygons kept as `geometry`.
 * @throws {@link IoError} naming `file:features[i].property` and the value for every problem.
 * @example
 * const zones = parseZonesGeoJSON(text, { file: "lsoa.geojson" });
 */
export function parseZonesGeoJSON(input: unknown, options: ParseZonesGeoJSONOptions = {}): DemandZone[] {
  const where = "parseZonesGeoJSON";
  const opts = parseInput(where, ParseZonesGeoJSONOptionsSchema, options, "options");
  const features = readFeatures(where, input, opts.file);
  const issues: InputIssue[] = [];
  const zones: DemandZone[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const { value, keyOf } = mapProperties(f.properties, ZONE_CSV_COLUMNS, opts.properties);
    const type = f.geometry === null ? "null" : typeof f.geometry.type === "string" ? f.geometry.type : (JSON.stringify(f.geometry.type) ?? "no type");
    if (type === "Point") {
      value.location = pointLocation(f.geometry?.coordinates);
    } else if (type === "Polygon" || type === "MultiPolygon") {
      const geometry = ZoneGeometrySchema.safeParse(f.geometry, EN);
      if (!geometry.success) {
        issues.push({ path: featurePath(opts.file, f.index, "geometry"), message: `malformed ${type}: ${geometry.error.issues[0].message}` });
        continue;
      }
      const projected = projectedPolygonProblem(geometry.data.coordinates);
      if (projected !== null) {
        issues.push({ path: featurePath(opts.file, f.index, "geometry.coordinates"), message: projected });
        continue;
      }
      value.geometry = geometry.data;
      value.location =
        typeof value.lon === "number" && typeof value.lat === "number"
          ? [value.lon, value.lat]
          : polygonCentroid(geometry.data as Polygon | MultiPolygon);
    } else {
      issues.push({ path: featurePath(opts.file, f.index, "geometry"), message: `expected a Point, Polygon or MultiPolygon (got ${type})` });
      continue;
    }
    delete value.lon;
    delete value.lat;
    if (value.name === undefined && typeof value.id === "string") value.name = value.id;
    const result = DemandZoneSchema.safeParse(value, EN);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const head = String(issue.path[0] ?? "");
        const key = head === "location" ? "geometry.coordinates" : `properties.${keyOf[head] ?? head}`;
        issues.push({ path: featurePath(opts.file, f.index, key), message: `${issue.message} (got ${JSON.stringify(value[head] ?? null)})` });
      }
      continue;
    }
    if (seen.has(result.data.id)) {
      issues.push({ path: featurePath(opts.file, f.index, `properties.${keyOf.id}`), message: `duplicate zone id "${result.data.id}"` });
      continue;
    }
    seen.add(result.data.id);
    zones.push(result.data);
  }
  if (zones.length === 0 && issues.length === 0) issues.push({ path: opts.file, message: "no features: expected at least one zone" });
  if (issues.length > 0) throwIssues(where, issues);
  return zones;
}
