// Internal: GeoJSON text/object → features with numbered paths, and property → field mapping.
import { IoError, type InputIssue } from "../errors.js";
import { jsonErrorPosition } from "../internal/json-position.js";
import { findProtoKey } from "../internal/own-keys.js";
import { normaliseHeader } from "./csv-table.js";
import { locate } from "./internal.js";

/** `:line:column` of the first JSON syntax error in `text`, or "". */
const jsonPlace = (text: string): string => ((at) => (at === null ? "" : `:${at}`))(jsonErrorPosition(text));

export interface InputFeature {
  readonly index: number;
  readonly geometry: { type: string; coordinates?: unknown } | null;
  readonly properties: Record<string, unknown>;
}

export function readFeatures(where: string, input: unknown, file: string): InputFeature[] {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new IoError(where, `${file}${jsonPlace(input)} is not valid JSON (${(error as Error).message}). Check the file is GeoJSON.`, [{ path: file, message: "invalid JSON" }], { cause: error });
    }
  }
  // an own "__proto__" key (JSON.parse makes one) would be dropped by a schema or become a prototype
  const proto = findProtoKey(value);
  if (proto !== null) {
    throw new IoError(where, `${file}:${proto}: the key "__proto__" is not allowed (it would address a prototype). Rename it.`, [{ path: `${file}:${proto}`, message: 'key "__proto__" not allowed' }]);
  }
  const fc = value as { type?: unknown; features?: unknown };
  if (fc === null || typeof fc !== "object" || fc.type !== "FeatureCollection" || !Array.isArray(fc.features)) {
    throw new IoError(where, `${file} is not a GeoJSON FeatureCollection (type ${JSON.stringify(fc?.type)}). Export a FeatureCollection.`, [{ path: `${file}:type`, message: "expected a FeatureCollection" }]);
  }
  return (fc.features as unknown[]).map((f, index) => {
    const feature = f as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (feature === null || typeof feature !== "object" || feature.type !== "Feature") {
      throw new IoError(where, `${locate(file, undefined, `features[${index}]`)} is not a Feature.`, [{ path: `${file}:features[${index}]`, message: "expected a Feature" }]);
    }
    const properties = feature.properties !== null && typeof feature.properties === "object" ? (feature.properties as Record<string, unknown>) : {};
    // JSON.parse makes "__proto__" an own key, which a schema would drop silently: refuse it
    const proto = findProtoKey(properties, `${file}:features[${index}].properties`);
    if (proto !== null) throw new IoError(where, `${proto}: the key "__proto__" is not allowed (it would address an object prototype). Rename it.`, [{ path: proto, message: 'the key "__proto__" is not allowed' }]);
    return { index, geometry: (feature.geometry ?? null) as InputFeature["geometry"], properties };
  });
}

/** Pick properties into model fields through alias tables (case/punctuation-insensitive). */
export function mapProperties(
  properties: Record<string, unknown>,
  aliases: Readonly<Record<string, readonly string[]>>,
  explicit: Readonly<Record<string, string>>,
): { value: Record<string, unknown>; keyOf: Record<string, string> } {
  const byNorm = new Map<string, string>();
  for (const k of Object.keys(properties)) if (!byNorm.has(normaliseHeader(k))) byNorm.set(normaliseHeader(k), k);
  const value: Record<string, unknown> = {};
  const keyOf: Record<string, string> = {};
  for (const [field, candidates] of Object.entries(aliases)) {
    const key = explicit[field] ?? candidates.map((c) => byNorm.get(normaliseHeader(c))).find((k) => k !== undefined);
    if (key === undefined || properties[key] === undefined || properties[key] === null || properties[key] === "") continue;
    value[field] = properties[key];
    keyOf[field] = key;
  }
  return { value, keyOf };
}

/**
 * A Point's `[lon, lat]`: a third number (altitude, RFC 7946 §3.1.1) is allowed and ignored;
 * anything else is returned as is for the schema to name.
 */
export function pointLocation(coordinates: unknown): unknown {
  if (Array.isArray(coordinates) && coordinates.length === 3 && typeof coordinates[2] === "number" && Number.isFinite(coordinates[2])) return coordinates.slice(0, 2);
  return coordinates;
}

/**
 * Null when every polygon position is in WGS84 degrees; else what is wrong, saying when the
 * numbers look like British National Grid metres (EPSG:27700) and how to convert.
 */
export function projectedPolygonProblem(coordinates: unknown): string | null {
  const positions: number[][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") positions.push(c as number[]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(coordinates);
  const bad = positions.find((p) => !(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90));
  if (bad === undefined) return null;
  // GB eastings 0..700 km, northings about 7..1,220 km: every position far outside degrees
  const bng = positions.every((p) => p[0] >= -1e4 && p[0] <= 8e5 && p[1] > 1000 && p[1] <= 1.4e6);
  const at = `[${bad[0]}, ${bad[1]}]`;
  if (bng) {
    return `the polygon coordinates look projected (British National Grid, EPSG:27700, metres; e.g. ${at}), not WGS84 longitude/latitude degrees. Reproject the file to EPSG:4326 first (ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson, or QGIS "Export > Save Features As" with CRS EPSG:4326)`;
  }
  return `polygon coordinates must be WGS84 longitude/latitude degrees (got ${at}); reproject the file to EPSG:4326`;
}

export function featurePath(file: string, index: number, key?: string): string {
  return `${file}:features[${index}]${key === undefined ? "" : `.${key}`}`;
}

export function throwIssues(where: string, issues: InputIssue[]): never {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  throw new IoError(where, `${issues[0].path}: ${issues[0].message}${more}.`, issues);
}
