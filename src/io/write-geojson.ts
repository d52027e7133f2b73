import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { rewindGeometry, round } from "./internal.js";
import { requireArray, requireObject } from "../internal/shapes.js";

const StringifyGeoJSONOptionsSchema = z.strictObject({
  /** Decimal places kept in coordinates (6 ≈ 0.1 m, RFC 7946 §11.2). */
  precision: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(15)), 6),
  /** `JSON.stringify` indentation. */
  indent: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(8)), 0),
});
export type StringifyGeoJSONOptions = z.input<typeof StringifyGeoJSONOptionsSchema>;

function roundPositions(value: unknown, digits: number): unknown {
  if (typeof value === "number") return round(value, digits);
  if (Array.isArray(value)) return value.map((v) => roundPositions(v, digits));
  return value;
}

function normaliseGeometry(geometry: Geometry | null, digits: number): Geometry | null {
  if (geometry === null) return null;
  if (geometry.type === "GeometryCollection") return { type: "GeometryCollection", geometries: geometry.geometries.map((g) => normaliseGeometry(g, digits) as Geometry) };
  const rounded = { type: geometry.type, coordinates: roundPositions(geometry.coordinates, digits) as Position[] } as Geometry;
  return rounded.type === "Polygon" || rounded.type === "MultiPolygon" ? rewindGeometry(rounded, true) : rounded;
}

/** Replace non-finite numbers (Infinity = unreachable, NaN) by null, recursively. */
function finiteProperties(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(finiteProperties);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = finiteProperties(v);
    return out;
  }
  return value;
}

/**
 * Make a FeatureCollection RFC 7946-compliant for writing: polygon rings follow the
 * right-hand rule (exterior counter-clockwise, holes clockwise, as `@turf/rewind` does),
 * coordinates are rounded to `precision` decimals, and `Infinity`/`NaN` in properties become
 * `null` (JSON has no Infinity; hubspoke reads `null` back as unreachable). Pure: returns a
 * new object.
 *
 * @param collection - Any FeatureCollection (zones, catchments, isochrones, flows).
 * @param options.precision - Coordinate decimals. Default 6.
 * @returns A new FeatureCollection.
 * @example
 * const clean = normaliseGeoJSON(isochrones);
 */
export function normaliseGeoJSON<G extends Geometry | null, P>(collection: FeatureCollection<G, P>, options: StringifyGeoJSONOptions = {}): FeatureCollection<G, P> {
  const opts = parseInput("normaliseGeoJSON", StringifyGeoJSONOptionsSchema, options, "options");
  requireArray("normaliseGeoJSON", "collection.features", requireObject("normaliseGeoJSON", "collection", collection).features, (f, at) => {
    const g = requireObject("normaliseGeoJSON", at, f).geometry;
    if (g !== null) requireObject("normaliseGeoJSON", `${at}.geometry`, g);
  });
  return {
    type: "FeatureCollection",
    features: collection.features.map((f) => {
      const out: Feature<G, P> = {
        type: "Feature",
        geometry: normaliseGeometry(f.geometry, opts.precision) as G,
        properties: finiteProperties(f.properties ?? {}) as P,
      };
      if (f.id !== undefined) out.id = f.id;
      return out;
    }),
  };
}

/**
 * Serialise a FeatureCollection as RFC 7946 GeoJSON text (see {@link normaliseGeoJSON}:
 * right-hand rule, 6 dp, `Infinity` → `null`).
 *
 * @param collection - The features to write.
 * @param options.precision - Coordinate decimals. Default 6.
 * @param options.indent - Indentation. Default 0 (compact).
 * @returns GeoJSON text ending in a newline.
 * @example
 * await writeFile("zones.geojson", stringifyGeoJSON(zonesToGeoJSON(network.zones, { assignments })));
 */
export function stringifyGeoJSON(collection: FeatureCollection<Geometry | null>, options: StringifyGeoJSONOptions = {}): string {
  const opts = parseInput("stringifyGeoJSON", StringifyGeoJSONOptionsSchema, options, "options");
  return `${JSON.stringify(normaliseGeoJSON(collection, opts), null, opts.indent === 0 ? undefined : opts.indent)}\n`;
}
