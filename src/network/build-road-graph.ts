import { MultiDirectedGraph } from "graphology";
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { RoadsSchema } from "../model/schemas.js";
import type { RoadEdgeAttributes, RoadGraph, RoadNodeAttributes, Roads } from "../model/types.js";
import { haversineMetres, METRES_PER_DEGREE } from "../internal/geo.js";
import { DEFAULT_SPEED_PROFILE, type SpeedProfile } from "./speed-profile.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ClassSpeedSchema = z.strictObject({ urban: z.number().check(z.positive()), rural: z.number().check(z.positive()) });

const BuildRoadGraphOptionsSchema = z.strictObject({
  /** Speeds (km/h) by road class, urban and rural. */
  profile: z._default(z.record(z.string().check(z.minLength(1)), ClassSpeedSchema), DEFAULT_SPEED_PROFILE as Record<string, { urban: number; rural: number }>),
  /** Column used when a feature says nothing about urban/rural. */
  defaultSetting: z._default(z.enum(["urban", "rural"]), "rural"),
  /** Line ends or vertices closer than this are joined into one node, metres. */
  joinToleranceMetres: z._default(z.number().check(z.nonnegative()), 1),
  /** How a parsed `maxspeed` combines with the class speed. */
  maxspeedRule: z._default(z.enum(["min", "replace", "ignore"]), "min"),
  /** Treat `highway=motorway` and `junction=roundabout` as one-way when `oneway` is absent (OSM rule). */
  impliedOneway: z._default(z.boolean(), true),
  /** What to do with a road class missing from the profile. */
  unknownClass: z._default(z.enum(["skip", "error"]), "skip"),
});

/** Options of {@link buildRoadGraph}. */
export interface BuildRoadGraphOptions {
  /**
   * Speeds (km/h) by road class, urban and rural.
   * @defaultValue {@link DEFAULT_SPEED_PROFILE}
   */
  profile?: SpeedProfile;
  /**
   * Column used when a feature says nothing about urban/rural.
   * @defaultValue `"rural"`
   */
  defaultSetting?: "urban" | "rural";
  /**
   * Line ends or vertices closer than this are joined into one node, metres.
   * @defaultValue `1`
   */
  joinToleranceMetres?: number;
  /**
   * How a parsed `maxspeed` combines with the class speed.
   * @defaultValue `"min"`
   */
  maxspeedRule?: "min" | "replace" | "ignore";
  /**
   * Treat `highway=motorway` and `junction=roundabout` as one-way when `oneway` is absent (OSM rule).
   * @defaultValue `true`
   */
  impliedOneway?: boolean;
  /**
   * What to do with a road class missing from the profile.
   * @defaultValue `"skip"`
   */
  unknownClass?: "skip" | "error";
}
type BuildRoadGraphOptionsCheck = Assert<Same<BuildRoadGraphOptions, z.input<typeof BuildRoadGraphOptionsSchema>>>;
type ParsedOptions = z.output<typeof BuildRoadGraphOptionsSchema>;

const MPH = 1.609344;

/** Parse an OSM `maxspeed` value to km/h; `undefined` when absent or unreadable. */
export function parseMaxspeed(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "gb:nsl_single" || v === "uk:nsl_single" || v === "national") return 60 * MPH;
  if (v === "gb:nsl_dual" || v === "uk:nsl_dual" || v === "gb:motorway" || v === "uk:motorway") return 70 * MPH;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?$/.exec(v);
  if (m === null) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2] === "mph" ? n * MPH : n;
}

/** 1 = forward only, -1 = backward only, 0 = both ways. */
function onewayOf(props: Record<string, unknown>, implied: boolean): 1 | -1 | 0 {
  const o = props.oneway;
  if (o === -1 || o === "-1" || o === "reverse") return -1;
  if (o === 1 || o === true || o === "1" || o === "yes" || o === "true") return 1;
  if (o === 0 || o === false || o === "0" || o === "no" || o === "false") return 0;
  if (implied && (props.highway === "motorway" || props.junction === "roundabout")) return 1;
  return 0;
}

function isUrban(props: Record<string, unknown>, fallback: boolean): boolean {
  if (typeof props.urban === "boolean") return props.urban;
  const ur = props.urbanRural;
  if (typeof ur === "string") {
    const s = ur.trim().toLowerCase();
    if (s.startsWith("urban")) return true;
    if (s.startsWith("rural")) return false;
  }
  return fallback;
}

/** Pass 1: which features are used (known road class), and the mean latitude for the hash grid. */
function selectFeatures(fc: Roads, opts: ParsedOptions, warnings: string[]): { keep: boolean[]; meanLat: number } {
  const where = "buildRoadGraph";
  const profile: SpeedProfile = opts.profile;
  const keep: boolean[] = [];
  let latSum = 0;
  let latCount = 0;
  const skippedByClass = new Map<string, number>();
  for (let f = 0; f < fc.features.length; f++) {
    const feature = fc.features[f];
    const props = feature.properties ?? {};
    const highway = props.highway;
    const known = typeof highway === "string" && Object.hasOwn(profile, highway);
    if (!known) {
      if (opts.unknownClass === "error") {
        throw new InvalidInputError(where, [
          {
            path: `roads.features[${f}].properties.highway`,
            message: `road class ${JSON.stringify(highway)} is not in the speed profile. Add it to options.profile or pass unknownClass: "skip"`,
          },
        ]);
      }
      const k = typeof highway === "string" ? highway : JSON.stringify(highway) ?? String(highway);
      skippedByClass.set(k, (skippedByClass.get(k) ?? 0) + 1);
      keep.push(false);
      continue;
    }
    for (const c of feature.geometry.coordinates) {
      const [lon, lat] = c;
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        throw new InvalidInputError(where, [
          { path: `roads.features[${f}].geometry.coordinates`, message: `coordinate [${lon}, ${lat}] is out of range; expected [lon, lat] in WGS84 degrees` },
        ]);
      }
      latSum += lat;
      latCount++;
    }
    keep.push(true);
  }
  for (const [k, n] of skippedByClass) {
    warnings.push(`${where}: skipped ${n} feature(s) of road class ${k === "undefined" ? "(none)" : `"${k}"`}, which the speed profile does not list`);
  }
  return { keep, meanLat: latCount === 0 ? 0 : latSum / latCount };
}

/** Joined vertices: coordinates, uses (ends count twice), and each feature's vertex ids. */
interface JoinedVertices {
  vx: number[];
  vy: number[];
  uses: number[];
  vertexOf: Int32Array[];
}

/** Pass 2: join vertices within the tolerance (a hash grid in local metres); count uses of each joined vertex. */
function joinVertices(fc: Roads, keep: readonly boolean[], meanLat: number, tol: number): JoinedVertices {
  const kx = Math.max(1e-9, Math.cos((meanLat * Math.PI) / 180)) * METRES_PER_DEGREE;
  const ky = METRES_PER_DEGREE;
  const cell = tol > 0 ? tol : 1;
  const grid = new Map<string, number[]>();
  const vx: number[] = [];
  const vy: number[] = [];
  const uses: number[] = [];
  const vertexOf: Int32Array[] = [];
  const joinVertex = (lon: number, lat: number): number => {
    const x = lon * kx;
    const y = lat * ky;
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    if (tol > 0) {
      for (let i = -1; i <= 1; i++) {
        for (let j = -1; j <= 1; j++) {
          const bucket = grid.get(`${cx + i},${cy + j}`);
          if (bucket === undefined) continue;
          for (const v of bucket) {
            const dx = vx[v] * kx - x;
            const dy = vy[v] * ky - y;
            if (dx * dx + dy * dy <= tol * tol) return v;
          }
        }
      }
    } else {
      const bucket = grid.get(`${cx},${cy}`);
      if (bucket !== undefined) for (const v of bucket) if (vx[v] === lon && vy[v] === lat) return v;
    }
    const id = vx.length;
    vx.push(lon);
    vy.push(lat);
    uses.push(0);
    const key = `${cx},${cy}`;
    const bucket = grid.get(key);
    if (bucket === undefined) grid.set(key, [id]);
    else bucket.push(id);
    return id;
  };
  for (let f = 0; f < fc.features.length; f++) {
    if (!keep[f]) {
      vertexOf.push(new Int32Array(0));
      continue;
    }
    const coords = fc.features[f].geometry.coordinates;
    const ids = new Int32Array(coords.length);
    for (let i = 0; i < coords.length; i++) {
      ids[i] = joinVertex(coords[i][0], coords[i][1]);
      uses[ids[i]] += i === 0 || i === coords.length - 1 ? 2 : 1;
    }
    vertexOf.push(ids);
  }
  return { vx, vy, uses, vertexOf };
}

/** Pass 3: split lines at vertices used more than once and add one edge per piece (two if two-way). */
function addEdges(fc: Roads, keep: readonly boolean[], joined: JoinedVertices, opts: ParsedOptions): MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes> {
  const profile: SpeedProfile = opts.profile;
  const { vx, vy, uses, vertexOf } = joined;
  const graph = new MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  const nodeKey = new Map<number, string>();
  const nodeOf = (v: number): string => {
    let key = nodeKey.get(v);
    if (key === undefined) {
      key = `n${nodeKey.size}`;
      nodeKey.set(v, key);
      graph.addNode(key, { lon: vx[v], lat: vy[v] });
    }
    return key;
  };
  for (let f = 0; f < fc.features.length; f++) {
    if (!keep[f]) continue;
    const props = fc.features[f].properties ?? {};
    const highway = props.highway as string;
    const classSpeed = profile[highway];
    const base = isUrban(props, opts.defaultSetting === "urban") ? classSpeed.urban : classSpeed.rural;
    const posted = opts.maxspeedRule === "ignore" ? undefined : parseMaxspeed(props.maxspeed);
    const speedKmh = posted === undefined ? base : opts.maxspeedRule === "min" ? Math.min(base, posted) : posted;
    const oneway = onewayOf(props, opts.impliedOneway);
    const ids = vertexOf[f];
    let start = 0;
    let piece = 0;
    for (let i = 1; i < ids.length; i++) {
      if (i < ids.length - 1 && uses[ids[i]] < 2) continue;
      const inner: [number, number][] = [];
      let metres = 0;
      let prev = ids[start];
      for (let k = start + 1; k <= i; k++) {
        const v = ids[k];
        if (v === prev) continue;
        metres += haversineMetres(vx[prev], vy[prev], vx[v], vy[v]);
        if (k < i && v !== ids[i]) inner.push([vx[v], vy[v]]);
        prev = v;
      }
      const a = ids[start];
      const b = ids[i];
      start = i;
      if (a === b && metres === 0) continue;
      const from = nodeOf(a);
      const to = nodeOf(b);
      const minutes = (metres / 1000 / speedKmh) * 60;
      const key = `r${f}.${piece++}`;
      const attrs = (coords: [number, number][]): RoadEdgeAttributes => {
        const e: RoadEdgeAttributes = { minutes, metres, highway, speedKmh, feature: f };
        if (coords.length > 0) e.coordinates = coords;
        return e;
      };
      if (oneway >= 0) graph.addDirectedEdgeWithKey(key, from, to, attrs(inner));
      if (oneway <= 0) graph.addDirectedEdgeWithKey(`${key}~r`, to, from, attrs(inner.slice().reverse()));
    }
  }
  return graph;
}

/**
 * Build a routable road graph from GeoJSON LineStrings.
 *
 * Method: every line end, and every vertex shared by two lines (or visited twice by one), becomes
 * a node; vertices closer than `joinToleranceMetres` are joined first (a hash grid on an
 * equirectangular projection at the data's mean latitude). Each line is split at its nodes into
 * edges whose `coordinates` keep the intermediate vertices. Length is the haversine sum of the
 * pieces. Speed is the profile's class speed (urban or rural column: a feature's `urban: boolean`,
 * else `urbanRural` starting with "urban"/"rural" as in the ONS Rural-Urban Classification, else
 * `defaultSetting`), combined with a parsed `maxspeed` (mph or km/h, UK `national` limits) by
 * `maxspeedRule` (default `min`: a posted limit can only slow a class down). `oneway` follows OSM:
 * `yes`/`1`/`true` forward, `-1`/`reverse` backward, and (by default) motorways and roundabouts
 * are one-way when untagged. Two-way roads become two directed edges (`<key>` and `<key>~r`).
 * See `DEFAULT_SPEED_PROFILE` for the speeds and their sources (DfT SPE0111, CGN0501/0502).
 *
 * Roads of a class missing from the profile are skipped (listed in the graph attribute
 * `warnings`) or, with `unknownClass: "error"`, rejected.
 *
 * @param roads - A GeoJSON FeatureCollection of LineStrings with `highway`, optional `maxspeed`,
 *   `oneway`, `junction`, `urban`/`urbanRural` properties.
 * @returns A graphology `MultiDirectedGraph`: nodes `n0, n1, …` with `lon`, `lat`; edges with
 *   `minutes`, `metres`, `highway`, `speedKmh`, `feature` (input index) and `coordinates`
 *   (intermediate `[lon, lat]`, only when there are any). Graph attributes: `warnings: string[]`.
 * @throws {@link InvalidInputError} for malformed GeoJSON, bad options, or (with
 *   `unknownClass: "error"`) an unknown class, naming the feature path.
 * @example
 * const graph = buildRoadGraph({
 *   type: "FeatureCollection",
 *   features: [{ type: "Feature", properties: { highway: "primary" },
 *     geometry: { type: "LineString", coordinates: [[0.5, 51.3], [0.51, 51.3]] } }],
 * });
 * graph.size; // 2 (one edge each way)
 */
export function buildRoadGraph(roads: unknown, options: BuildRoadGraphOptions = {}): RoadGraph {
  const where = "buildRoadGraph";
  const fc = parseInput(where, RoadsSchema, roads, "roads");
  const opts = parseInput(where, BuildRoadGraphOptionsSchema, options, "options");
  const warnings: string[] = [];
  const { keep, meanLat } = selectFeatures(fc, opts, warnings);
  const joined = joinVertices(fc, keep, meanLat, opts.joinToleranceMetres);
  const graph = addEdges(fc, keep, joined, opts);
  graph.setAttribute("warnings", warnings);
  return graph as unknown as RoadGraph;
}
