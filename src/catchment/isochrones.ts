/*
 * Travel-time bands (isochrones) from the road graph.
 *
 * Method: one search from (or, by default, to) the site with `router.minutesFrom`; every
 * reached node and points along each reached edge (every ~cell along its polyline, including
 * the edge's intermediate `coordinates`, time interpolated by length) become timed road points; a regular grid over them takes at each cell the least
 * "road time + off-road connector time" (straight-line metres at `connectorKmh`, up to
 * `maxConnectorMetres` from a road), and cells beyond stay at 2 × the largest band. Each band
 * b is then the marching-squares region {time ≤ b} of that one field (turf `isobands`), so
 * bands nest by construction. Holes smaller than `maxHoleSquareMetres` (blocks between roads
 * whose middles are just over the limit off-road) are filled; filling keeps the nesting, since a
 * wider band's hole lies inside the narrower band's. Population in a band counts zones whose
 * `location` falls inside its polygon.
 *
 * Cost: one shortest-path search, O(road points × (2r/cell)²) for the grid (r = connector
 * radius), and one contouring pass per band over at most `maxCells` cells.
 */
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { isobands } from "@turf/isobands";
import { rewind } from "@turf/rewind";
import type { Feature, FeatureCollection, MultiPolygon, Point } from "geojson";
import * as z from "zod/mini";
import { InvalidInputError, UnknownIdError, parseInput } from "../errors.js";
import { LonLatSchema } from "../model/schemas.js";
import { DEFAULT_ACCESS_SPEED_KMH } from "../network/speed-profile.js";
import type { Endpoint, Router } from "../routing/types.js";
import { NeumaierSum } from "../internal/summation.js";
import { fillSmallHoles } from "./holes.js";
import type { Assert, Same } from "../internal/type-checks.js";

const BandsSchema = z
  .array(z.number().check(z.positive("a band must be a positive number of minutes"))).check(z.minLength(1, "give at least one band, e.g. [15, 30, 45, 60]"));

const IsochronesOptionsSchema = z.strictObject({
  /** `"to"`: minutes from each place to the site (patients travelling in); `"from"`: out from the site. */
  direction: z._default(z.enum(["to", "from"]), "to"),
  /** Zones (`id`, `location`, optional `population`) to count inside each band. */
  zones: z.optional(z
    .array(z.object({ id: z.string().check(z.minLength(1)), location: LonLatSchema, population: z.optional(z.number().check(z.nonnegative())) }))),
  /** Grid cell size in metres; default: the largest extent / √maxCells, at least 50 m. */
  cellMetres: z.optional(z.number().check(z.positive())),
  /** Cap on grid cells when `cellMetres` is automatic. */
  maxCells: z._default(z.number().check(z.int()).check(z.minimum(16)), 40_000),
  /** Off-road speed from a road point to a grid cell, km/h. */
  connectorKmh: z._default(z.number().check(z.positive()), DEFAULT_ACCESS_SPEED_KMH),
  /** Farthest off-road distance counted, metres. */
  maxConnectorMetres: z._default(z.number().check(z.positive()), 1000),
  /** Holes smaller than this (m²) are gaps between roads, not places out of reach, and are filled; 0 keeps all. */
  maxHoleSquareMetres: z._default(z.number().check(z.nonnegative()), 1_000_000),
});
export interface IsochronesOptions {
  /**
   * `"to"`: minutes from each place to the site (patients travelling in); `"from"`: out from the site.
   * @defaultValue `"to"`
   */
  direction?: "to" | "from";
  /**
   * Grid cell size in metres; default: the largest extent / √maxCells, at least 50 m.
   */
  cellMetres?: number;
  /**
   * Cap on grid cells when `cellMetres` is automatic.
   * @defaultValue `40_000`
   */
  maxCells?: number;
  /**
   * Off-road speed from a road point to a grid cell, km/h.
   * @defaultValue {@link DEFAULT_ACCESS_SPEED_KMH}
   */
  connectorKmh?: number;
  /**
   * Farthest off-road distance counted, metres.
   * @defaultValue `1000`
   */
  maxConnectorMetres?: number;
  /**
   * Holes smaller than this (m²) are gaps between roads, not places out of reach, and are filled; 0 keeps all.
   * @defaultValue `1_000_000`
   */
  maxHoleSquareMetres?: number;
  /**
   * Zones (`id`, `location`, optional `population`) to count inside each band.
   */
  zones?: readonly { readonly id: string; readonly location: readonly [number, number]; readonly population?: number }[];
}
type IsochronesOptionsCheck = Assert<Same<Omit<IsochronesOptions, "zones">, Omit<z.input<typeof IsochronesOptionsSchema>, "zones">>>;

/** Properties of one band polygon. */
export interface IsochroneProperties {
  /** Upper bound of the band in minutes (the area reaches the site within this time). */
  minutes: number;
  /** Population of `options.zones` inside the band (cumulative: includes inner bands); `null` without zones. */
  population: number | null;
  /** Number of those zones inside the band; `null` without zones. */
  zones: number | null;
}

/** Result of {@link isochrones}. */
export interface IsochronesResult {
  readonly site: string;
  readonly direction: "to" | "from";
  /** One MultiPolygon per band, in band order, nested (each contains the previous). */
  readonly bands: FeatureCollection<MultiPolygon, IsochroneProperties>;
  readonly cellMetres: number;
  readonly warnings: readonly string[];
}

const M_PER_DEG = 111_320;

/**
 * Nested travel-time band polygons around a site, from the road graph, with the population
 * inside each band.
 *
 * See the module comment for the method (road points → connector-time grid → marching
 * squares via turf `isobands`).
 *
 * @param router - A {@link Router} (uses `graph` and `minutesFrom`).
 * @param site - A graph node key, a snapped point, or a located item (`{ id, location }`).
 * @param bands - Strictly increasing positive minutes, e.g. `[15, 30, 45, 60]`.
 * @returns A FeatureCollection of MultiPolygons (RFC 7946 winding), one per band with
 *   `minutes`, `population`, `zones`; the grid cell size used.
 * @throws {@link InvalidInputError} for bands that are empty, non-positive, non-finite or not
 *   strictly increasing, a router without `minutesFrom`, or bad options.
 * @throws {@link UnknownIdError} if `site` is a node key not in the graph.
 * @example
 * const router = createRouter(graph);
 * const { bands } = isochrones(router, { id: "hub-a", location: [0.52, 51.27] }, [30, 45, 60], { zones: network.zones });
 * bands.features.map((f) => f.properties.population);
 */
export function isochrones(router: Router, site: Endpoint, bands: readonly number[], options: IsochronesOptions = {}): IsochronesResult {
  const where = "isochrones";
  const breaks = parseInput(where, BandsSchema, bands, "bands");
  for (let k = 1; k < breaks.length; k++) {
    if (!(breaks[k] > breaks[k - 1])) {
      throw new InvalidInputError(where, [
        { path: `bands[${k}]`, message: `bands must be strictly increasing (got ${breaks[k]} after ${breaks[k - 1]})` },
      ]);
    }
  }
  const opts = parseInput(where, IsochronesOptionsSchema, options, "options");
  if (router === null || typeof router !== "object" || typeof router.minutesFrom !== "function" || router.graph === undefined) {
    throw new InvalidInputError(where, [{ path: "router", message: "expected a Router with graph and minutesFrom (see createRouter)" }]);
  }
  const graph = router.graph;
  if (typeof site === "string" && !graph.hasNode(site)) {
    throw new UnknownIdError(where, "node", site, "site", "Pass a node key of router.graph, or a located item { id, location }.");
  }
  const siteId = typeof site === "string" ? site : site.id;
  const maxBand = breaks[breaks.length - 1];
  const reverse = opts.direction === "to";
  const times = router.minutesFrom(site, { cutoffMinutes: maxBand, reverse });

  // node coordinates in graph.nodes() order
  const n = graph.order;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const indexOf = new Map<string, number>();
  let k = 0;
  graph.forEachNode((key, attrs) => {
    lon[k] = attrs.lon;
    lat[k] = attrs.lat;
    indexOf.set(key, k);
    k++;
  });

  // bounding box of reached nodes
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!(times[i] <= maxBand)) continue;
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
  }
  // curved edges can bulge beyond their end nodes
  graph.forEachEdge((_edge, attrs, source, target) => {
    const via = attrs.coordinates;
    if (via === undefined || via.length === 0) return;
    const base = reverse ? times[indexOf.get(target) as number] : times[indexOf.get(source) as number];
    if (!(base <= maxBand)) return;
    for (const [x, y] of via) {
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  });
  const warnings: string[] = [];
  const emptyResult = (cell: number): IsochronesResult => {
    warnings.push(`${where}: no road point is reached within ${maxBand} minutes of "${siteId}"; every band is empty.`);
    return {
      site: siteId,
      direction: opts.direction,
      bands: {
        type: "FeatureCollection",
        features: breaks.map((b) => ({
          type: "Feature",
          properties: { minutes: b, population: opts.zones === undefined ? null : 0, zones: opts.zones === undefined ? null : 0 },
          geometry: { type: "MultiPolygon", coordinates: [] },
        })),
      },
      cellMetres: cell,
      warnings,
    };
  };
  if (minLon === Infinity) return emptyResult(opts.cellMetres ?? 0);

  const lat0 = (minLat + maxLat) / 2;
  const mPerDegLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const pad = opts.maxConnectorMetres;
  const widthM = (maxLon - minLon) * mPerDegLon + 2 * pad;
  const heightM = (maxLat - minLat) * M_PER_DEG + 2 * pad;
  const cell = opts.cellMetres ?? Math.max(50, Math.sqrt((widthM * heightM) / opts.maxCells));
  const cols = Math.max(2, Math.ceil(widthM / cell) + 1);
  const rows = Math.max(2, Math.ceil(heightM / cell) + 1);
  const x0 = minLon - pad / mPerDegLon;
  const y0 = minLat - pad / M_PER_DEG;
  const dLon = cell / mPerDegLon;
  const dLat = cell / M_PER_DEG;
  const cap = 2 * maxBand;
  const grid = new Float64Array(rows * cols).fill(cap);
  const metresPerMinute = (opts.connectorKmh * 1000) / 60;
  const radius = Math.ceil(opts.maxConnectorMetres / cell);
  const maxConnector = opts.maxConnectorMetres;

  // hot path: splat a timed road point onto the grid
  const splat = (px: number, py: number, t: number): void => {
    const cx = Math.round((px - x0) / dLon);
    const cy = Math.round((py - y0) / dLat);
    const r0 = cy - radius < 0 ? 0 : cy - radius;
    const r1 = cy + radius >= rows ? rows - 1 : cy + radius;
    const c0 = cx - radius < 0 ? 0 : cx - radius;
    const c1 = cx + radius >= cols ? cols - 1 : cx + radius;
    for (let r = r0; r <= r1; r++) {
      const dy = (y0 + r * dLat - py) * M_PER_DEG;
      for (let c = c0; c <= c1; c++) {
        const dx = (x0 + c * dLon - px) * mPerDegLon;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d > maxConnector) continue;
        const v = t + d / metresPerMinute;
        const g = r * cols + c;
        if (v < grid[g]) grid[g] = v;
      }
    }
  };
  for (let i = 0; i < n; i++) if (times[i] <= maxBand) splat(lon[i], lat[i], times[i]);
  graph.forEachEdge((_edge, attrs, source, target) => {
    const s = indexOf.get(source) as number;
    const t = indexOf.get(target) as number;
    const m = attrs.minutes;
    // "from" walks out of s; "to" reaches the site through t
    if (!((reverse ? times[t] : times[s]) <= maxBand) || !Number.isFinite(m)) return;
    // the edge's polyline: source, its intermediate `coordinates` (if any), target
    const via = attrs.coordinates;
    const nv = via === undefined ? 2 : via.length + 2;
    const vx = (v: number): number => (v === 0 ? lon[s] : v === nv - 1 ? lon[t] : (via as [number, number][])[v - 1][0]);
    const vy = (v: number): number => (v === 0 ? lat[s] : v === nv - 1 ? lat[t] : (via as [number, number][])[v - 1][1]);
    let lengthM = 0;
    for (let v = 1; v < nv; v++) lengthM += Math.hypot((vx(v) - vx(v - 1)) * mPerDegLon, (vy(v) - vy(v - 1)) * M_PER_DEG);
    const steps = Math.min(1000, Math.floor(lengthM / cell));
    if (steps === 0) return;
    // walk the polyline, dropping a timed point every lengthM / (steps + 1) metres
    let v = 1;
    let walked = 0;
    let segment = Math.hypot((vx(1) - vx(0)) * mPerDegLon, (vy(1) - vy(0)) * M_PER_DEG);
    for (let q = 1; q <= steps; q++) {
      const f = q / (steps + 1);
      const at = f * lengthM;
      while (walked + segment < at && v < nv - 1) {
        walked += segment;
        v++;
        segment = Math.hypot((vx(v) - vx(v - 1)) * mPerDegLon, (vy(v) - vy(v - 1)) * M_PER_DEG);
      }
      const g = segment > 0 ? (at - walked) / segment : 0;
      // "from": reach s, then drive f of the edge; "to": drive (1 − f) of it, then on from t
      const time = reverse ? times[t] + (1 - f) * m : times[s] + f * m;
      if (time <= maxBand) splat(vx(v - 1) + g * (vx(v) - vx(v - 1)), vy(v - 1) + g * (vy(v) - vy(v - 1)), time);
    }
  });

  const points: Feature<Point, { minutes: number }>[] = new Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const y = y0 + r * dLat;
    for (let c = 0; c < cols; c++) {
      points[r * cols + c] = { type: "Feature", properties: { minutes: grid[r * cols + c] }, geometry: { type: "Point", coordinates: [x0 + c * dLon, y] } };
    }
  }
  const pointGrid: FeatureCollection<Point, { minutes: number }> = { type: "FeatureCollection", features: points };
  let holes = 0;
  const features: Feature<MultiPolygon, IsochroneProperties>[] = breaks.map((b) => {
    const contour = isobands(pointGrid, [-1, b], { zProperty: "minutes" }).features[0];
    const geometry: MultiPolygon = contour === undefined ? { type: "MultiPolygon", coordinates: [] } : (contour.geometry as MultiPolygon);
    holes += fillSmallHoles(geometry, opts.maxHoleSquareMetres);
    let population: number | null = null;
    let zoneCount: number | null = null;
    if (opts.zones !== undefined) {
      const sum = new NeumaierSum();
      zoneCount = 0;
      if (geometry.coordinates.length > 0) {
        for (const zone of opts.zones) {
          if (booleanPointInPolygon(zone.location as [number, number], geometry)) {
            sum.add(zone.population ?? 0);
            zoneCount++;
          }
        }
      }
      population = +sum;
    }
    const feature: Feature<MultiPolygon, IsochroneProperties> = { type: "Feature", properties: { minutes: b, population, zones: zoneCount }, geometry };
    return rewind(feature, { reverse: false, mutate: true }) as Feature<MultiPolygon, IsochroneProperties>;
  });
  if (holes > 0) warnings.push(`${where}: filled ${holes} holes smaller than ${opts.maxHoleSquareMetres} m² (gaps between roads).`);
  for (const f of features) if (f.geometry.coordinates.length === 0) warnings.push(`${where}: the ${f.properties.minutes}-minute band is empty.`);
  return { site: siteId, direction: opts.direction, bands: { type: "FeatureCollection", features }, cellMetres: cell, warnings };
}
