import type { Feature, FeatureCollection, Geometry, LineString, Point } from "geojson";
import { InvalidInputError, UnknownIdError } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { checkLocation, checkWritable } from "../internal/writable.js";
import { requireObject, requireString } from "../internal/shapes.js";
import type { DemandZone, Site } from "../model/types.js";

/**
 * One zone's assigned site and minutes: a `nearestSites` row (`origin`, `destination`) or a
 * catchment row (`zone`, `site`). `null` site / `Infinity` minutes = unreachable.
 */
export type MapAssignment =
  | { readonly origin: string; readonly destination: string | null; readonly minutes: number }
  | { readonly zone: string; readonly site: string | null; readonly minutes: number };

/** Normalise either assignment shape to `{ zone, site, minutes }`. */
export function assignmentOf(a: MapAssignment): { zone: string; site: string | null; minutes: number } {
  return "zone" in a ? { zone: a.zone, site: a.site, minutes: a.minutes } : { zone: a.origin, site: a.destination, minutes: a.minutes };
}

/** Throw unless `value` is an array of objects (naming `path`). */
export function checkArray(where: string, value: unknown, path: string, what: string): void {
  if (!Array.isArray(value)) throw new InvalidInputError(where, [{ path, message: `expected an array of ${what} (got ${describeValue(value)})` }]);
  value.forEach((v: unknown, k: number) => {
    if (v === null || typeof v !== "object") throw new InvalidInputError(where, [{ path: `${path}[${k}]`, message: `expected one of ${what} (got ${describeValue(v)})` }]);
  });
}

/** What a map feature of each zone or site is written from: its location, geometry and numbers. */
export function checkPlaces(where: string, places: readonly (DemandZone | Site)[], path: string, what: string): void {
  checkArray(where, places, path, what);
  places.forEach((p, k) => {
    requireString(where, `${path}[${k}].id`, p.id);
    checkLocation(where, p.location, `${path}[${k}].location`);
    checkWritable(where, p, `${path}[${k}]`);
  });
}

/**
 * Zones as GeoJSON features (their polygon when present, else their centroid point) with
 * `id`, `name`, `population`, `district`, `imdDecile` and, when `assignments` are given,
 * the assigned `site` and `minutes` (`Infinity` stays in memory; writers turn it into `null`).
 *
 * @param zones - Demand zones.
 * @param options.assignments - Per-zone rows: `nearestSites(...).nearest` or a catchment `assignment`.
 * @returns A FeatureCollection in zone order.
 * @throws {@link UnknownIdError} if an assignment names a zone that is not in `zones`.
 * @throws {@link InvalidInputError} for a null or non-finite coordinate, NaN, or negative minutes (naming the path).
 * @example
 * const fc = zonesToGeoJSON(network.zones, { assignments: nearestSites(matrix).nearest });
 */
export function zonesToGeoJSON(zones: readonly DemandZone[], options: { assignments?: readonly MapAssignment[] } = {}): FeatureCollection<Geometry> {
  const where = "zonesToGeoJSON";
  checkPlaces(where, zones, "zones", "zones");
  requireObject(where, "options", options);
  if (options.assignments !== undefined) {
    checkArray(where, options.assignments, "options.assignments", "assignment rows");
    options.assignments.forEach((row, k) => requireString(where, `options.assignments[${k}].${"zone" in row ? "zone" : "origin"}`, assignmentOf(row).zone));
    checkWritable(where, options.assignments, "options.assignments");
  }
  const byZone = new Map<string, { zone: string; site: string | null; minutes: number }>();
  const ids = new Set(zones.map((z) => z.id));
  (options.assignments ?? []).forEach((row, k) => {
    const a = assignmentOf(row);
    if (!ids.has(a.zone)) throw new UnknownIdError("zonesToGeoJSON", "zone", a.zone, `assignments[${k}]`);
    byZone.set(a.zone, a);
  });
  return {
    type: "FeatureCollection",
    features: zones.map((z): Feature<Geometry> => {
      const a = byZone.get(z.id);
      const properties: Record<string, unknown> = { id: z.id, name: z.name, population: z.population };
      if (z.district !== undefined) properties.district = z.district;
      if (z.imdDecile !== undefined) properties.imdDecile = z.imdDecile;
      if (a !== undefined) {
        properties.site = a.site;
        properties.minutes = a.minutes;
      }
      const geometry: Geometry = z.geometry ?? { type: "Point", coordinates: [...z.location] };
      return { type: "Feature", id: z.id, geometry, properties };
    }),
  };
}

/**
 * Sites as GeoJSON points with `id`, `name`, `kind`, `status`, `hub` and total `beds`.
 *
 * @throws {@link InvalidInputError} for a null or non-finite coordinate or a NaN bed count (naming the path).
 * @example
 * const fc = sitesToGeoJSON(network.sites);
 */
export function sitesToGeoJSON(sites: readonly Site[]): FeatureCollection<Point> {
  checkPlaces("sitesToGeoJSON", sites, "sites", "sites");
  return {
    type: "FeatureCollection",
    features: sites.map((s) => {
      const properties: Record<string, unknown> = { id: s.id, name: s.name, kind: s.kind, status: s.status };
      if (s.hub !== undefined) properties.hub = s.hub;
      if (s.beds !== undefined) properties.beds = Object.values(s.beds).reduce((a, b) => a + b, 0);
      return { type: "Feature", id: s.id, geometry: { type: "Point", coordinates: [...s.location] }, properties };
    }),
  };
}

/** A flow between two sites or a zone and a site. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  /** e.g. patients, referrals, or minutes. */
  readonly value?: number;
  readonly minutes?: number;
}

/**
 * Spoke → hub links (or any flows) as straight GeoJSON LineStrings, from the `from`
 * location to the `to` location, for drawing the service structure. By default, one line per
 * spoke with a `hub`.
 *
 * @param sites - The sites (and optionally zones, looked up by id too).
 * @param options.flows - Flows to draw. Default: each spoke → its hub.
 * @param options.zones - Zones, when flows start at zones.
 * @returns LineStrings with `from`, `to`, `value`, `minutes` properties.
 * @throws {@link UnknownIdError} if a flow names an unknown id.
 * @throws {@link InvalidInputError} for a null or non-finite coordinate, or a NaN or negative-minutes flow (naming the path).
 * @example
 * const lines = flowsToGeoJSON(network.sites);
 */
export function flowsToGeoJSON(
  sites: readonly Site[],
  options: { flows?: readonly Flow[]; zones?: readonly DemandZone[] } = {},
): FeatureCollection<LineString> {
  checkPlaces("flowsToGeoJSON", sites, "sites", "sites");
  requireObject("flowsToGeoJSON", "options", options);
  if (options.zones !== undefined) checkPlaces("flowsToGeoJSON", options.zones, "options.zones", "zones");
  if (options.flows !== undefined) {
    checkArray("flowsToGeoJSON", options.flows, "options.flows", "flows");
    options.flows.forEach((f, k) => {
      requireString("flowsToGeoJSON", `options.flows[${k}].from`, f.from);
      requireString("flowsToGeoJSON", `options.flows[${k}].to`, f.to);
    });
    checkWritable("flowsToGeoJSON", options.flows, "options.flows");
  }
  const where = new Map<string, readonly [number, number]>();
  for (const z of options.zones ?? []) where.set(z.id, z.location);
  for (const s of sites) where.set(s.id, s.location);
  const flows: readonly Flow[] = options.flows ?? sites.filter((s) => s.kind === "spoke" && s.hub !== undefined).map((s) => ({ from: s.id, to: s.hub as string }));
  return {
    type: "FeatureCollection",
    features: flows.map((f, k) => {
      const a = where.get(f.from);
      if (a === undefined) throw new UnknownIdError("flowsToGeoJSON", "site or zone", f.from, `flows[${k}].from`);
      const b = where.get(f.to);
      if (b === undefined) throw new UnknownIdError("flowsToGeoJSON", "site or zone", f.to, `flows[${k}].to`);
      const properties: Record<string, unknown> = { from: f.from, to: f.to };
      if (f.value !== undefined) properties.value = f.value;
      if (f.minutes !== undefined) properties.minutes = f.minutes;
      return { type: "Feature", geometry: { type: "LineString", coordinates: [[...a], [...b]] }, properties };
    }),
  };
}

