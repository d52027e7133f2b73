import { InvalidInputError } from "../errors.js";
import type { RoadGraph } from "../model/types.js";

/** A directed road network as plain arrays: node coordinates and an edge list. */
export interface RoadArrays {
  /** Node longitudes (WGS84), one per node; node i's key is `String(i)`. */
  readonly lon: Float64Array;
  /** Node latitudes (WGS84), same length as `lon`. */
  readonly lat: Float64Array;
  /** Edge i runs from node `from[i]` to node `to[i]` (one direction; add both for a two-way road). */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Travel minutes of each edge (finite, ≥ 0; checked when a router compiles the graph). */
  readonly minutes: Float64Array;
  /** Optional metres of each edge (route lengths); without it routes measure straight lines. */
  readonly metres?: Float64Array;
  /** Optional `profile` label recorded in matrix provenance. */
  readonly profile?: string;
}

function check(where: string, a: RoadArrays): void {
  const issues: { path: string; message: string }[] = [];
  if (a === null || typeof a !== "object") throw new InvalidInputError(where, [{ path: "arrays", message: "expected { lon, lat, from, to, minutes } typed arrays" }]);
  const is = (v: unknown, T: typeof Float64Array | typeof Int32Array): boolean => v instanceof T;
  if (!is(a.lon, Float64Array)) issues.push({ path: "arrays.lon", message: "expected a Float64Array" });
  if (!is(a.lat, Float64Array)) issues.push({ path: "arrays.lat", message: "expected a Float64Array" });
  if (!is(a.from, Int32Array)) issues.push({ path: "arrays.from", message: "expected an Int32Array" });
  if (!is(a.to, Int32Array)) issues.push({ path: "arrays.to", message: "expected an Int32Array" });
  if (!is(a.minutes, Float64Array)) issues.push({ path: "arrays.minutes", message: "expected a Float64Array" });
  if (a.metres !== undefined && !is(a.metres, Float64Array)) issues.push({ path: "arrays.metres", message: "expected a Float64Array or nothing" });
  if (issues.length > 0) throw new InvalidInputError(where, issues);
  const n = a.lon.length;
  const m = a.from.length;
  if (a.lat.length !== n) issues.push({ path: "arrays.lat", message: `expected ${n} values like lon (got ${a.lat.length})` });
  for (const k of ["to", "minutes", "metres"] as const) {
    const v = a[k];
    if (v !== undefined && v.length !== m) issues.push({ path: `arrays.${k}`, message: `expected ${m} values like from (got ${v.length})` });
  }
  for (let e = 0; e < m && issues.length === 0; e++) {
    const f = a.from[e];
    const t = a.to[e];
    if (f < 0 || f >= n) issues.push({ path: `arrays.from[${e}]`, message: `node ${f} is not in 0..${n - 1}` });
    else if (t < 0 || t >= n) issues.push({ path: `arrays.to[${e}]`, message: `node ${t} is not in 0..${n - 1}` });
  }
  if (issues.length > 0) throw new InvalidInputError(where, issues);
}

/**
 * A read-only road graph over plain arrays, for networks too large to hold as a graphology
 * graph (a national network: a graphology graph holds about 1.2 kB per node with its edges,
 * these arrays 16 bytes per node and 20 per edge). It offers exactly the
 * read methods the router uses (`order`, `size`, `forEachNode`, `forEachEdge`, `nodes`,
 * `getNodeAttributes`, `getEdgeAttribute`, `getAttribute`, `isUndirected`), so
 * `createRouter`, `travelTimes`, snapping, `route` and `parallelTravelTimes` work on it
 * unchanged. Node keys are `"0"`, `"1"`, …; edge keys `"e0"`, `"e1"`, …. Edges are straight
 * lines between their nodes (no `coordinates`). It is not a graphology graph: do not mutate it
 * or pass it to graphology algorithms or to road-changing scenarios.
 *
 * @param arrays - `lon`, `lat` (Float64Array, per node), `from`, `to` (Int32Array, per edge),
 *   `minutes` (Float64Array, per edge), optional `metres` and `profile`.
 * @returns A graph view usable wherever the router takes a `RoadGraph`.
 * @throws {@link InvalidInputError} for a missing or mistyped array, unequal lengths, or an edge
 *   naming a node outside `0..n-1` (minutes are checked when a router compiles it).
 * @example
 * const graph = roadGraphFromArrays({
 *   lon: Float64Array.of(0.5, 0.6), lat: Float64Array.of(51.2, 51.2),
 *   from: Int32Array.of(0, 1), to: Int32Array.of(1, 0), minutes: Float64Array.of(7, 7),
 * });
 * createRouter(graph, { preprocess: "ch" }).travelTimes(["0"], ["1"]).minutes; // [7]
 */
export function roadGraphFromArrays(arrays: RoadArrays): RoadGraph {
  check("roadGraphFromArrays", arrays);
  const { lon, lat, from, to, minutes, metres, profile } = arrays;
  const n = lon.length;
  const m = from.length;
  const node = (key: string): number => {
    const i = Number(key);
    return Number.isInteger(i) && i >= 0 && i < n && String(i) === key ? i : -1;
  };
  const edge = (key: string): number => {
    const i = key.startsWith("e") ? Number(key.slice(1)) : -1;
    return Number.isInteger(i) && i >= 0 && i < m && `e${i}` === key ? i : -1;
  };
  const view = {
    type: "directed",
    multi: true,
    order: n,
    size: m,
    forEachNode(cb: (key: string, attrs: { lon: number; lat: number }) => void): void {
      for (let i = 0; i < n; i++) cb(String(i), { lon: lon[i], lat: lat[i] });
    },
    forEachEdge(cb: (key: string, attrs: Record<string, number>, s: string, t: string, sa: unknown, ta: unknown, undirected: boolean) => void): void {
      for (let e = 0; e < m; e++) {
        const attrs: Record<string, number> = metres === undefined ? { minutes: minutes[e] } : { minutes: minutes[e], metres: metres[e] };
        cb(`e${e}`, attrs, String(from[e]), String(to[e]), undefined, undefined, false);
      }
    },
    nodes(): string[] {
      return Array.from({ length: n }, (_, i) => String(i));
    },
    getNodeAttributes(key: string): { lon?: number; lat?: number } {
      const i = node(key);
      return i < 0 ? {} : { lon: lon[i], lat: lat[i] };
    },
    getEdgeAttribute(key: string, name: string): number | undefined {
      const e = edge(key);
      if (e < 0) return undefined;
      if (name === "minutes") return minutes[e];
      if (name === "metres") return metres === undefined ? undefined : metres[e];
      return undefined;
    },
    getAttribute(name: string): string | undefined {
      return name === "profile" ? profile : undefined;
    },
    isUndirected(): boolean {
      return false;
    },
  };
  return view as unknown as RoadGraph;
}
