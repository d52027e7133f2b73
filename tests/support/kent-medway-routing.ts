// Interim road routing for the Kent & Medway tests and demo, used until the routing domain's
// createRouter lands on main (then the tests and demo switch to it). Nearest-node snapping
// (an upper bound on snapping to the nearest edge) and a multi-source Dijkstra over typed
// arrays; graphology-shortest-path's dijkstra.bidirectional is the oracle in the tests.
import Flatbush from "flatbush";
import type { RoadGraph } from "../../src/model/index.js";

export interface CompiledRoads {
  keys: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** forward CSR */
  offsets: Int32Array;
  targets: Int32Array;
  minutes: Float64Array;
  /** reversed CSR */
  rOffsets: Int32Array;
  rTargets: Int32Array;
  rMinutes: Float64Array;
  index: Flatbush;
}

export function compileRoads(graph: RoadGraph): CompiledRoads {
  const keys = graph.nodes();
  const n = keys.length;
  const pos = new Map<string, number>();
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  keys.forEach((k, i) => {
    pos.set(k, i);
    lon[i] = graph.getNodeAttribute(k, "lon");
    lat[i] = graph.getNodeAttribute(k, "lat");
  });
  const m = graph.size;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  let e = 0;
  graph.forEachEdge((_key, attr, s, t) => {
    src[e] = pos.get(s)!;
    dst[e] = pos.get(t)!;
    w[e] = attr.minutes;
    e++;
  });
  const csr = (from: Int32Array, to: Int32Array) => {
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) offsets[from[i] + 1]++;
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(m);
    const minutes = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const k = fill[from[i]]++;
      targets[k] = to[i];
      minutes[k] = w[i];
    }
    return { offsets, targets, minutes };
  };
  const fwd = csr(src, dst);
  const rev = csr(dst, src);
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(lon[i], lat[i], lon[i], lat[i]);
  index.finish();
  return {
    keys, lon, lat,
    offsets: fwd.offsets, targets: fwd.targets, minutes: fwd.minutes,
    rOffsets: rev.offsets, rTargets: rev.targets, rMinutes: rev.minutes,
    index,
  };
}

export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const kx = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)) * 111_195;
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 111_195);
}

/** Nearest graph node to a point, with the straight-line distance to it. */
export function nearestNode(c: CompiledRoads, p: readonly [number, number]): { node: number; metres: number } {
  const [node] = c.index.neighbors(p[0], p[1], 1);
  return { node, metres: metresBetween(p, [c.lon[node], c.lat[node]]) };
}

/**
 * Multi-source Dijkstra: for every node, least minutes to (reverse = true) or from the
 * nearest source node, and which source (index into `sources`) that is; ties by source order.
 */
export function multiSource(c: CompiledRoads, sources: readonly number[], reverse: boolean): { minutes: Float64Array; source: Int32Array } {
  const n = c.keys.length;
  const offsets = reverse ? c.rOffsets : c.offsets;
  const targets = reverse ? c.rTargets : c.targets;
  const weights = reverse ? c.rMinutes : c.minutes;
  const dist = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  // binary heap of (value, node) in parallel arrays
  let heapIds = new Int32Array(1024);
  let heapVals = new Float64Array(1024);
  let size = 0;
  const push = (v: number, d: number) => {
    if (size === heapIds.length) {
      const ids = new Int32Array(size * 2); ids.set(heapIds); heapIds = ids;
      const vals = new Float64Array(size * 2); vals.set(heapVals); heapVals = vals;
    }
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapVals[p] <= d) break;
      heapIds[i] = heapIds[p]; heapVals[i] = heapVals[p]; i = p;
    }
    heapIds[i] = v; heapVals[i] = d;
  };
  const pop = () => {
    const top = heapIds[0];
    const lastId = heapIds[--size], lastVal = heapVals[size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && heapVals[r] < heapVals[l] ? r : l;
      if (heapVals[m] >= lastVal) break;
      heapIds[i] = heapIds[m]; heapVals[i] = heapVals[m]; i = m;
    }
    heapIds[i] = lastId; heapVals[i] = lastVal;
    return top;
  };
  sources.forEach((s, k) => {
    if (dist[s] > 0) { dist[s] = 0; label[s] = k; push(s, 0); }
  });
  while (size > 0) {
    const d = heapVals[0];
    const v = pop();
    if (d > dist[v]) continue;
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const t = d + weights[e];
      const w = targets[e];
      if (t < dist[w]) { dist[w] = t; label[w] = label[v]; push(w, t); }
    }
  }
  return { minutes: dist, source: label };
}
