import type { Feature, FeatureCollection, Geometry, LineString, Point } from "geojson";
import { UnknownIdError } from "../errors.js";
import { requireArray, requireObject, requireString } from "../internal/shapes.js";
import { checkSites, checkZones } from "../model/check-network.js";
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

/**
 * Zones as GeoJSON features (their polygon when present, else their centroid point) with
 * `id`, `name`, `population`, `district`, `imdDecile` and, when `assignments` are given,
 * the assigned `site` and `minutes` (`Infinity` stays in memory; writers turn it into `null`).
 *
 * @param zones - Demand zones.
 * @param options.assignments - Per-zone rows: `nearestSites(...).nearest` or a catchment `assignment`.
 * @returns A FeatureCollection in zone order.
 * @throws {@link UnknownIdError} if an assignment names a zone that is not in `zones`.
 * @example
 * const fc = zonesToGeoJSON(network.zones, { assignments: nearestSites(matrix).nearest });
 */
export function zonesToGeoJSON(zones: readonly DemandZone[], options: { assignments?: readonly MapAssignment[] } = {}): FeatureCollection<Geometry> {
  checkZones("zonesToGeoJSON", zones, "zones");
  const assignments = requireObject("zonesToGeoJSON", "options", options).assignments;
  if (assignments !== undefined) requireArray("zonesToGeoJSON", "options.assignments", assignments, (v, at) => requireString("zonesToGeoJSON", `${at}.zone`, assignmentOf(requireObject("zonesToGeoJSON", at, v) as MapAssignment).zone));
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
 * @example
 * const fc = sitesToGeoJSON(network.sites);
 */
export function sitesToGeoJSON(sites: readonly Site[]): FeatureCollection<Point> {
  checkSites("sitesToGeoJSON", sites, "sites");
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
 * @example
 * const lines = flowsToGeoJSON(network.sites);
 */
export function flowsToGeoJSON(
  sites: readonly Site[],
  options: { flows?: readonly Flow[]; zones?: readonly DemandZone[] } = {},
): FeatureCollection<LineString> {
  checkSites("flowsToGeoJSON", sites, "sites");
  const { flows: given, zones } = requireObject("flowsToGeoJSON", "options", options);
  if (zones !== undefined) checkZones("flowsToGeoJSON", zones, "options.zones");
  if (given !== undefined) {
    requireArray("flowsToGeoJSON", "options.flows", given, (v, at) => {
      const f = requireObject("flowsToGeoJSON", at, v);
      requireString("flowsToGeoJSON", `${at}.from`, f.from);
      requireString("flowsToGeoJSON", `${at}.to`, f.to);
    });
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

