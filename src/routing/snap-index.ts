// Internal: spatial index over edge segments, twin (opposite-direction) edges and SCCs.
import Flatbush from "flatbush";
import { InvalidGraphError } from "../errors.js";
import type { RoadGraph } from "../model/types.js";
import { haversineMetres, METRES_PER_DEGREE, pointToSegment, type SegmentHit } from "../internal/geo.js";
import { type CompiledGraph, stronglyConnectedComponents } from "./compile.js";

export interface SnapIndex {
  /** Opposite-direction edge with the same geometry, or -1 (a one-way edge). */
  readonly twin: Int32Array;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  readonly comp: Int32Array;
  readonly largest: number;
  /** Null when the graph has no edges. */
  readonly tree: Flatbush | null;
  readonly segEdge: Int32Array;
  readonly segNo: Int32Array;
  readonly seg: Float64Array; // ax, ay, bx, by per segment
}

/** The `[lon, lat][]` polyline of CSR edge e, from its source to its target. */
export function edgeLine(graph: RoadGraph, c: CompiledGraph, lon: Float64Array, lat: Float64Array, e: number): [number, number][] {
  const s = c.sources[e];
  const t = c.targets[e];
  const raw = graph.getEdgeAttribute(c.edgeKeys[c.edgeId[e]], "coordinates") as [number, number][] | undefined;
  const line: [number, number][] = [[lon[s], lat[s]]];
  if (Array.isArray(raw)) {
    if (c.backward[e] === 1) for (let i = raw.length - 1; i >= 0; i--) line.push([raw[i][0], raw[i][1]]);
    else for (let i = 0; i < raw.length; i++) line.push([raw[i][0], raw[i][1]]);
  }
  line.push([lon[t], lat[t]]);
  return line;
}

/** Haversine length of a polyline, metres. */
export function lineMetres(line: readonly (readonly [number, number])[]): number {
  let m = 0;
  for (let i = 1; i < line.length; i++) m += haversineMetres(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
  return m;
}

/** The sub-polyline between fractions a and b (by length) of `line`; reversed when a > b. */
export function sliceLine(line: readonly (readonly [number, number])[], a: number, b: number): [number, number][] {
  if (a > b) return sliceLine(line, b, a).reverse();
  const cum = [0];
  for (let i = 1; i < line.length; i++) cum.push(cum[i - 1] + haversineMetres(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]));
  const total = cum[cum.length - 1];
  const at = (f: number): { p: [number, number]; seg: number } => {
    if (total === 0) return { p: [line[0][0], line[0][1]], seg: 0 };
    const d = f * total;
    let s = 0;
    while (s < line.length - 2 && cum[s + 1] < d) s++;
    const len = cum[s + 1] - cum[s];
    const t = len === 0 ? 0 : Math.min(1, Math.max(0, (d - cum[s]) / len));
    return { p: [line[s][0] + t * (line[s + 1][0] - line[s][0]), line[s][1] + t * (line[s + 1][1] - line[s][1])], seg: s };
  };
  const start = at(a);
  const end = at(b);
  const out: [number, number][] = [start.p];
  for (let i = start.seg + 1; i <= end.seg; i++) out.push([line[i][0], line[i][1]]);
  out.push(end.p);
  return out;
}

function sameReversed(x: unknown, y: unknown): boolean {
  const a = Array.isArray(x) ? (x as [number, number][]) : [];
  const b = Array.isArray(y) ? (y as [number, number][]) : [];
  if (a.length !== b.length) return false;
  for (let i = 0, j = b.length - 1; i < a.length; i++, j--) {
    if (a[i][0] !== b[j][0] || a[i][1] !== b[j][1]) return false;
  }
  return true;
}

/** Pair each edge with its opposite-direction twin (same ends reversed, same geometry reversed). */
export function computeTwins(graph: RoadGraph, c: CompiledGraph): Int32Array {
  const { m, offsets, targets, sources, edgeId, edgeKeys } = c;
  const twin = new Int32Array(m).fill(-1);
  const coords = (e: number): unknown => graph.getEdgeAttribute(edgeKeys[edgeId[e]], "coordinates");
  for (let e = 0; e < m; e++) {
    if (twin[e] !== -1) continue;
    const u = sources[e];
    const v = targets[e];
    const und = graph.isUndirected(edgeKeys[edgeId[e]]);
    let ce: unknown = undefined;
    let loaded = false;
    for (let e2 = offsets[v], end = offsets[v + 1]; e2 < end; e2++) {
      if (e2 === e || targets[e2] !== u || twin[e2] !== -1) continue;
      if (edgeId[e2] === edgeId[e]) {
        twin[e] = e2;
        twin[e2] = e;
        break;
      }
      // an undirected edge's twin is always its own other half
      if (und || graph.isUndirected(edgeKeys[edgeId[e2]])) continue;
      if (!loaded) {
        ce = coords(e);
        loaded = true;
      }
      if (sameReversed(ce, coords(e2))) {
        twin[e] = e2;
        twin[e2] = e;
        break;
      }
    }
  }
  return twin;
}

export function buildSnapIndex(where: string, graph: RoadGraph, c: CompiledGraph): SnapIndex {
  const nodeLon = new Float64Array(c.n);
  const nodeLat = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) {
    // graph.nodes() order, so the first bad node named is the first in the graph
    const v = c.graphOrder[i];
    const a = graph.getNodeAttributes(c.nodeKeys[v]) as { lon?: unknown; lat?: unknown };
    const lon = a.lon;
    const lat = a.lat;
    if (typeof lon !== "number" || typeof lat !== "number" || !(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
      throw new InvalidGraphError(
        where,
        `node "${c.nodeKeys[v]}" has no valid lon/lat (got ${String(lon)}, ${String(lat)}); snapping needs WGS84 coordinates on every node. Route by node keys instead, or add coordinates`,
        [{ path: `nodes.${c.nodeKeys[v]}`, message: "expected numeric lon in [-180, 180] and lat in [-90, 90]" }],
      );
    }
    nodeLon[v] = lon;
    nodeLat[v] = lat;
  }
  const twin = computeTwins(graph, c);
  const { comp, largest } = stronglyConnectedComponents(c);
  const segEdgeList: number[] = [];
  const segNoList: number[] = [];
  const segList: number[] = [];
  for (let e = 0; e < c.m; e++) {
    if (twin[e] !== -1 && twin[e] < e) continue;
    const line = edgeLine(graph, c, nodeLon, nodeLat, e);
    for (let k = 1; k < line.length; k++) {
      segEdgeList.push(e);
      segNoList.push(k - 1);
      segList.push(line[k - 1][0], line[k - 1][1], line[k][0], line[k][1]);
    }
  }
  const count = segEdgeList.length;
  const seg = Float64Array.from(segList);
  let tree: Flatbush | null = null;
  if (count > 0) {
    tree = new Flatbush(count);
    for (let i = 0; i < count; i++) {
      const ax = seg[4 * i];
      const ay = seg[4 * i + 1];
      const bx = seg[4 * i + 2];
      const by = seg[4 * i + 3];
      tree.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    tree.finish();
  }
  return { twin, nodeLon, nodeLat, comp, largest, tree, segEdge: Int32Array.from(segEdgeList), segNo: Int32Array.from(segNoList), seg };
}

/** Nearest segment to (lon, lat) by exact local-metric distance; ties to the lowest segment. */
export function nearestSegment(index: SnapIndex, lon: number, lat: number): { seg: number; metres: number; t: number } | null {
  const tree = index.tree;
  if (tree === null) return null;
  const hit: SegmentHit = { metres: 0, t: 0 };
  const s = index.seg;
  // the nearest box in degree space bounds the answer; then every closer segment lies in a box
  // of that radius around the point.
  const first = tree.neighbors(lon, lat, 1)[0];
  pointToSegment(lon, lat, s[4 * first], s[4 * first + 1], s[4 * first + 2], s[4 * first + 3], hit);
  const r = hit.metres * 1.000001 + 1e-6;
  const dLat = r / METRES_PER_DEGREE;
  const dLon = r / (Math.max(1e-9, Math.cos((lat * Math.PI) / 180)) * METRES_PER_DEGREE);
  const candidates = tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  let best = first;
  let bestM = hit.metres;
  let bestT = hit.t;
  for (const i of candidates) {
    pointToSegment(lon, lat, s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3], hit);
    if (hit.metres < bestM || (hit.metres === bestM && i < best)) {
      best = i;
      bestM = hit.metres;
      bestT = hit.t;
    }
  }
  return { seg: best, metres: bestM, t: bestT };
}
