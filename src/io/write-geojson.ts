import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { checkWritable } from "../internal/writable.js";
import { rewindGeometry, round } from "./internal.js";
import type { Assert, Same } from "../internal/type-checks.js";

const StringifyGeoJSONOptionsSchema = z.strictObject({
  /** Decimal places kept in coordinates (6 ≈ 0.1 m, RFC 7946 §11.2). */
  precision: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(15)), 6),
  /** `JSON.stringify` indentation. */
  indent: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(8)), 0),
});
export interface StringifyGeoJSONOptions {
  /**
   * Decimal places kept in coordinates (6 ≈ 0.1 m, RFC 7946 §11.2).
   * @defaultValue `6`
   */
  precision?: number;
  /**
   * `JSON.stringify` indentation.
   * @defaultValue `0`
   */
  indent?: number;
}
type StringifyGeoJSONOptionsCheck = Assert<Same<StringifyGeoJSONOptions, z.input<typeof StringifyGeoJSONOptionsSchema>>>;

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

/** Replace Infinity (unreachable) by null, recursively; NaN was refused by checkWritable. */
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

/** Throw unless `collection` is a FeatureCollection a writer can write (see checkWritable). */
function checkFeatureCollection(where: string, collection: unknown): void {
  const c = collection as { type?: unknown; features?: unknown } | null;
  if (c === null || typeof c !== "object" || c.type !== "FeatureCollection" || !Array.isArray(c.features)) {
    throw new InvalidInputError(where, [{ path: "collection", message: `expected a GeoJSON FeatureCollection { type: "FeatureCollection", features: [...] } (got ${describeValue(collection)})` }]);
  }
  c.features.forEach((f: unknown, k: number) => {
    const g = (f as { geometry?: unknown } | null)?.geometry;
    if (f === null || typeof f !== "object" || (g !== null && (typeof g !== "object" || g === undefined))) {
      throw new InvalidInputError(where, [{ path: `collection.features[${k}]`, message: "expected a Feature with a geometry object (or null)" }]);
    }
    const geometry = g as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
    if (geometry !== null && geometry.type !== "GeometryCollection" && !Array.isArray(geometry.coordinates)) {
      throw new InvalidInputError(where, [{ path: `collection.features[${k}].geometry.coordinates`, message: `expected an array of positions (got ${describeValue(geometry.coordinates)})` }]);
    }
  });
  checkWritable(where, collection, "collection");
}

/**
 * Make a FeatureCollection RFC 7946-compliant for writing: polygon rings follow the
 * right-hand rule (exterior counter-clockwise, holes clockwise, as `@turf/rewind` does),
 * coordinates are rounded to `precision` decimals, and `Infinity` (unreachable) in properties
 * becomes `null` (JSON has no Infinity; hubspoke reads `null` back as unreachable). Pure:
 * returns a new object. A value that would make invalid or misleading GeoJSON is an error:
 * a null or non-finite coordinate, `NaN` or `-Infinity` in properties, negative minutes.
 *
 * @param collection - Any FeatureCollection (zones, catchments, isochrones, flows).
 * @returns A new FeatureCollection.
 * @throws {@link InvalidInputError} naming the path (`collection.features[2].geometry.coordinates[0]`) and value.
 * @example
 * const clean = normaliseGeoJSON(isochrones);
 */
export function normaliseGeoJSON<G extends Geometry | null, P>(collection: FeatureCollection<G, P>, options: StringifyGeoJSONOptions = {}): FeatureCollection<G, P> {
  const opts = parseInput("normaliseGeoJSON", StringifyGeoJSONOptionsSchema, options, "options");
  checkFeatureCollection("normaliseGeoJSON", collection);
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
 * @returns GeoJSON text ending in a newline.
 * @throws {@link InvalidInputError} as {@link normaliseGeoJSON} does.
 * @example
 * await writeFile("zones.geojson", stringifyGeoJSON(zonesToGeoJSON(network.zones, { assignments })));
 */
export function stringifyGeoJSON(collection: FeatureCollection<Geometry | null>, options: StringifyGeoJSONOptions = {}): string {
  const opts = parseInput("stringifyGeoJSON", StringifyGeoJSONOptionsSchema, options, "options");
  return `${JSON.stringify(normaliseGeoJSON(collection, opts), null, opts.indent === 0 ? undefined : opts.indent)}\n`;
}
