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
import { DidNotConvergeError, InvalidInputError, UnknownIdError, parseInput } from "../errors.js";
import { LonLatSchema } from "../model/schemas.js";
import { checkIsochroneInputs } from "./check-isochrone-inputs.js";
import { DEFAULT_ACCESS_SPEED_KMH } from "../network/speed-profile.js";
import type { RoadGraph } from "../model/types.js";
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
const where = "isochrones";

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
  const { breaks, opts } = readArguments(router, site, bands, options);
  const graph = router.graph;
  const siteId = typeof site === "string" ? site : site.id;
  const maxBand = breaks[breaks.length - 1];
  const reverse = opts.direction === "to";
  const times = router.minutesFrom(site, { cutoffMinutes: maxBand, reverse });
  const nodes = nodeCoordinates(graph);
  const reached: Reached = { graph, nodes, times, maxBand, reverse };
  const extent = reachedExtent(reached);
  if (extent === null) return emptyResult({ siteId, opts, breaks, cell: opts.cellMetres ?? 0 });
  const grid = createGrid(extent, opts, maxBand);
  splatRoadPoints(grid, reached, opts);
  const { features, warnings } = contourBands(grid, breaks, opts);
  return { site: siteId, direction: opts.direction, bands: { type: "FeatureCollection", features }, cellMetres: grid.cell, warnings };
}

type ParsedOptions = z.output<typeof IsochronesOptionsSchema>;

/** Bands (strictly increasing), options, the router and the site, checked. */
function readArguments(router: Router, site: Endpoint, bands: readonly number[], options: IsochronesOptions): { breaks: number[]; opts: ParsedOptions } {
  checkIsochroneInputs(where, router, site);
  const breaks = parseInput(where, BandsSchema, bands, "bands");
  for (let k = 1; k < breaks.length; k++) {
    if (!(breaks[k] > breaks[k - 1])) {
      throw new InvalidInputError(where, [
        { path: `bands[${k}]`, message: `bands must be strictly increasing (got ${breaks[k]} after ${breaks[k - 1]})` },
      ]);
    }
  }
  const opts = parseInput(where, IsochronesOptionsSchema, options, "options");
  if (typeof site === "string" && !router.graph.hasNode(site)) {
    throw new UnknownIdError(where, "node", site, "site", "Pass a node key of router.graph, or a located item { id, location }.");
  }
  return { breaks, opts };
}

/** Node coordinates in graph.nodes() order, and each key's index. */
interface NodeCoordinates {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly indexOf: ReadonlyMap<string, number>;
}

function nodeCoordinates(graph: RoadGraph): NodeCoordinates {
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
  return { lon, lat, indexOf };
}

/** The search's result: minutes per node (graph.nodes() order) within `maxBand`. */
interface Reached {
  readonly graph: RoadGraph;
  readonly nodes: NodeCoordinates;
  readonly times: Float64Array;
  readonly maxBand: number;
  /** Travel towards the site ("to"): an edge is reached through its target. */
  readonly reverse: boolean;
}

interface Extent {
  readonly minLon: number;
  readonly maxLon: number;
  readonly minLat: number;
  readonly maxLat: number;
}

/** Bounding box of the reached nodes and the polylines of their edges; null when nothing is reached. */
function reachedExtent(r: Reached): Extent | null {
  const { lon, lat, indexOf } = r.nodes;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < r.times.length; i++) {
    if (!(r.times[i] <= r.maxBand)) continue;
    if (lon[i] < minLon) minLon = lon[i];
    if (lon[i] > maxLon) maxLon = lon[i];
    if (lat[i] < minLat) minLat = lat[i];
    if (lat[i] > maxLat) maxLat = lat[i];
  }
  // curved edges can bulge beyond their end nodes
  r.graph.forEachEdge((_edge, attrs, source, target) => {
    const via = attrs.coordinates;
    if (via === undefined || via.length === 0) return;
    const base = r.reverse ? r.times[indexOf.get(target) as number] : r.times[indexOf.get(source) as number];
    if (!(base <= r.maxBand)) return;
    for (const [x, y] of via) {
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  });
  return minLon === Infinity ? null : { minLon, maxLon, minLat, maxLat };
}

function emptyResult(a: { siteId: string; opts: ParsedOptions; breaks: readonly number[]; cell: number }): IsochronesResult {
  const counted = a.opts.zones === undefined ? null : 0;
  return {
    site: a.siteId,
    direction: a.opts.direction,
    bands: {
      type: "FeatureCollection",
      features: a.breaks.map((b) => ({
        type: "Feature",
        properties: { minutes: b, population: counted, zones: counted },
        geometry: { type: "MultiPolygon", coordinates: [] },
      })),
    },
    cellMetres: a.cell,
    warnings: [`${where}: no road point is reached within ${a.breaks[a.breaks.length - 1]} minutes of "${a.siteId}"; every band is empty.`],
  };
}

/** The time field: `values[r * cols + c]` at (x0 + c·dLon, y0 + r·dLat), `cap` where no road is near. */
interface Grid {
  readonly x0: number;
  readonly y0: number;
  readonly dLon: number;
  readonly dLat: number;
  readonly rows: number;
  readonly cols: number;
  readonly cell: number;
  readonly mPerDegLon: number;
  readonly cap: number;
  readonly values: Float64Array;
}

/** Most grid cells, whatever `cellMetres` says: beyond it the grid alone would take gigabytes. */
const MAX_GRID_CELLS = 4_000_000;

/** A grid over the extent padded by the connector reach, every cell at `cap` = 2 × the largest band. */
function createGrid(e: Extent, opts: ParsedOptions, maxBand: number): Grid {
  const lat0 = (e.minLat + e.maxLat) / 2;
  const mPerDegLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const pad = opts.maxConnectorMetres;
  const widthM = (e.maxLon - e.minLon) * mPerDegLon + 2 * pad;
  const heightM = (e.maxLat - e.minLat) * M_PER_DEG + 2 * pad;
  const cell = opts.cellMetres ?? Math.max(50, Math.sqrt((widthM * heightM) / opts.maxCells));
  const cols = Math.max(2, Math.ceil(widthM / cell) + 1);
  const rows = Math.max(2, Math.ceil(heightM / cell) + 1);
  if (!(rows * cols <= MAX_GRID_CELLS)) {
    throw new InvalidInputError(where, [
      {
        path: "options.cellMetres",
        message: `a ${cell} m grid over ${Math.round(widthM)} × ${Math.round(heightM)} m needs ${rows} × ${cols} cells, more than ${MAX_GRID_CELLS}; use a larger cellMetres or omit it`,
      },
    ]);
  }
  const cap = 2 * maxBand;
  return {
    x0: e.minLon - pad / mPerDegLon,
    y0: e.minLat - pad / M_PER_DEG,
    dLon: cell / mPerDegLon,
    dLat: cell / M_PER_DEG,
    rows,
    cols,
    cell,
    mPerDegLon,
    cap,
    values: new Float64Array(rows * cols).fill(cap),
  };
}

/** Lower the grid around a timed road point: time + off-road metres at the connector speed, within reach. */
function splat(g: Grid, reach: { radius: number; maxMetres: number; metresPerMinute: number }, point: { x: number; y: number; t: number }): void {
  // hot path
  const { x0, y0, dLon, dLat, rows, cols, mPerDegLon, values } = g;
  const { radius, maxMetres, metresPerMinute } = reach;
  const { x: px, y: py, t } = point;
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
      if (d > maxMetres) continue;
      const v = t + d / metresPerMinute;
      const k = r * cols + c;
      if (v < values[k]) values[k] = v;
    }
  }
}

/**
 * Every reached node and points every ~cell along each reached edge's polyline, timed by
 * length, splatted onto the grid. The border cells then go back to `cap`, so every contour
 * closes inside the grid (the contouring never walks the grid's edge).
 */
function splatRoadPoints(g: Grid, r: Reached, opts: ParsedOptions): void {
  const reach = { radius: Math.ceil(opts.maxConnectorMetres / g.cell), maxMetres: opts.maxConnectorMetres, metresPerMinute: (opts.connectorKmh * 1000) / 60 };
  const { lon, lat, indexOf } = r.nodes;
  for (let i = 0; i < r.times.length; i++) if (r.times[i] <= r.maxBand) splat(g, reach, { x: lon[i], y: lat[i], t: r.times[i] });
  r.graph.forEachEdge((_edge, attrs, source, target) => {
    const s = indexOf.get(source) as number;
    const t = indexOf.get(target) as number;
    const m = attrs.minutes;
    // "from" walks out of s; "to" reaches the site through t
    if (!((r.reverse ? r.times[t] : r.times[s]) <= r.maxBand) || !Number.isFinite(m)) return;
    // the edge's polyline: source, its intermediate `coordinates` (if any), target
    const via = attrs.coordinates;
    const xs = [lon[s], ...(via ?? []).map((p) => p[0]), lon[t]];
    const ys = [lat[s], ...(via ?? []).map((p) => p[1]), lat[t]];
    walkEdge(g, { xs, ys }, (f, x, y) => {
      // "from": reach s, then drive f of the edge; "to": drive (1 − f) of it, then on from t
      const time = r.reverse ? r.times[t] + (1 - f) * m : r.times[s] + f * m;
      if (time <= r.maxBand) splat(g, reach, { x, y, t: time });
    });
  });
  const { rows, cols, values, cap } = g;
  for (let c = 0; c < cols; c++) {
    values[c] = cap;
    values[(rows - 1) * cols + c] = cap;
  }
  for (let row = 0; row < rows; row++) {
    values[row * cols] = cap;
    values[row * cols + cols - 1] = cap;
  }
}

/** Visit points every lengthM / (steps + 1) metres along a polyline (at most 1000), with their fraction of its length. */
function walkEdge(g: Grid, line: { xs: readonly number[]; ys: readonly number[] }, visit: (f: number, x: number, y: number) => void): void {
  const { xs, ys } = line;
  const nv = xs.length;
  const seg = (v: number): number => Math.hypot((xs[v] - xs[v - 1]) * g.mPerDegLon, (ys[v] - ys[v - 1]) * M_PER_DEG);
  let lengthM = 0;
  for (let v = 1; v < nv; v++) lengthM += seg(v);
  const steps = Math.min(1000, Math.floor(lengthM / g.cell));
  let v = 1;
  let walked = 0;
  let segment = steps === 0 ? 0 : seg(1);
  for (let q = 1; q <= steps; q++) {
    const f = q / (steps + 1);
    const at = f * lengthM;
    while (walked + segment < at && v < nv - 1) {
      walked += segment;
      v++;
      segment = seg(v);
    }
    const k = segment > 0 ? (at - walked) / segment : 0;
    visit(f, xs[v - 1] + k * (xs[v] - xs[v - 1]), ys[v - 1] + k * (ys[v] - ys[v - 1]));
  }
}

/**
 * Each band as the marching-squares region {time ≤ b} (turf `isobands`), small holes filled,
 * zones counted. A contouring failure (it cannot happen on a finite grid with a `cap` border,
 * but the library is third-party) ends with a coded error, not a bare Error.
 */
function contourBands(g: Grid, breaks: readonly number[], opts: ParsedOptions): { features: Feature<MultiPolygon, IsochroneProperties>[]; warnings: string[] } {
  const { rows, cols, x0, y0, dLon, dLat, values } = g;
  const points: Feature<Point, { minutes: number }>[] = new Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const y = y0 + r * dLat;
    for (let c = 0; c < cols; c++) {
      points[r * cols + c] = { type: "Feature", properties: { minutes: values[r * cols + c] }, geometry: { type: "Point", coordinates: [x0 + c * dLon, y] } };
    }
  }
  const pointGrid: FeatureCollection<Point, { minutes: number }> = { type: "FeatureCollection", features: points };
  let holes = 0;
  const features = breaks.map((b): Feature<MultiPolygon, IsochroneProperties> => {
    const geometry = contour(pointGrid, b);
    holes += fillSmallHoles(geometry, opts.maxHoleSquareMetres);
    const counted = countZones(geometry, opts.zones);
    const feature: Feature<MultiPolygon, IsochroneProperties> = { type: "Feature", properties: { minutes: b, ...counted }, geometry };
    return rewind(feature, { reverse: false, mutate: true }) as Feature<MultiPolygon, IsochroneProperties>;
  });
  const warnings: string[] = [];
  if (holes > 0) warnings.push(`${where}: filled ${holes} holes smaller than ${opts.maxHoleSquareMetres} m² (gaps between roads).`);
  for (const f of features) if (f.geometry.coordinates.length === 0) warnings.push(`${where}: the ${f.properties.minutes}-minute band is empty.`);
  return { features, warnings };
}

function contour(pointGrid: FeatureCollection<Point, { minutes: number }>, b: number): MultiPolygon {
  let band: Feature | undefined;
  try {
    band = isobands(pointGrid, [-1, b], { zProperty: "minutes" }).features[0];
  } catch (e) {
    throw new DidNotConvergeError(where, `contouring the ${b}-minute band failed (${e instanceof Error ? e.message : String(e)}); try another cellMetres`);
  }
  return band === undefined ? { type: "MultiPolygon", coordinates: [] } : (band.geometry as MultiPolygon);
}

/** Population and number of zones whose location lies in the band; null without zones. */
function countZones(geometry: MultiPolygon, zones: ParsedOptions["zones"]): { population: number | null; zones: number | null } {
  if (zones === undefined) return { population: null, zones: null };
  const sum = new NeumaierSum();
  let count = 0;
  if (geometry.coordinates.length > 0) {
    for (const zone of zones) {
      if (booleanPointInPolygon(zone.location as [number, number], geometry)) {
        sum.add(zone.population ?? 0);
        count++;
      }
    }
  }
  return { population: +sum, zones: count };
}
