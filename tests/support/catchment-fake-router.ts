// A tiny hand-built Router over a graphology graph, for catchment tests until the real
// router lands: O(n²) Dijkstra, located items snapped to the nearest node (no connector).
import Graph from "graphology";
import { createCostMatrix } from "../../src/model/index.js";
import type { RoadGraph } from "../../src/model/types.js";
import type { Endpoint, Router } from "../../src/routing/types.js";

function nodeOf(graph: RoadGraph, e: Endpoint): string {
  if (typeof e === "string") return e;
  if ("edge" in e) return e.edge[0];
  let best = "";
  let bestD = Infinity;
  graph.forEachNode((key, a) => {
    const d = (a.lon - e.location[0]) ** 2 + (a.lat - e.location[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = key;
    }
  });
  return best;
}

function dijkstra(graph: RoadGraph, source: string, reverse: boolean, cutoff: number): Map<string, number> {
  const dist = new Map<string, number>([[source, 0]]);
  const done = new Set<string>();
  for (;;) {
    let u: string | null = null;
    let du = Infinity;
    for (const [k, d] of dist) if (!done.has(k) && d < du) [u, du] = [k, d];
    if (u === null) break;
    done.add(u);
    const visit = (_e: string, attrs: { minutes: number }, s: string, t: string) => {
      const v = reverse ? s : t;
      const nd = du + attrs.minutes;
      if (nd <= cutoff && nd < (dist.get(v) ?? Infinity)) dist.set(v, nd);
    };
    if (reverse) graph.forEachInEdge(u, visit);
    else graph.forEachOutEdge(u, visit);
  }
  return dist;
}

export function fakeRouter(graph: RoadGraph): Router {
  const idOf = (e: Endpoint) => (typeof e === "string" ? e : e.id);
  return {
    graph,
    snap: () => ({ snapped: [], unsnapped: [], islands: [] }),
    minutesFrom(from, options = {}) {
      const dist = dijkstra(graph, nodeOf(graph, from), options.reverse ?? false, options.cutoffMinutes ?? Infinity);
      return Float64Array.from(graph.nodes(), (k) => dist.get(k) ?? Infinity);
    },
    travelTimes(origins, destinations) {
      const values: number[] = [];
      for (const o of origins) {
        const dist = dijkstra(graph, nodeOf(graph, o), false, Infinity);
        for (const d of destinations) values.push(dist.get(nodeOf(graph, d)) ?? Infinity);
      }
      return { ...createCostMatrix(origins.map(idOf), destinations.map(idOf), values), snapping: { unsnapped: [], islands: [], maxSnapMetres: 0 } };
    },
    nearest: () => [],
    route: () => null,
  };
}

/** A square grid of two-way roads, `size` × `size` nodes `n{r}_{c}`, ~1.1 km apart, `minutesPerEdge` each. */
export function gridGraph(size: number, minutesPerEdge: number, origin: [number, number] = [0.5, 51.3]): RoadGraph {
  const g = new Graph({ type: "directed" }) as unknown as RoadGraph;
  const step = 0.01;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) g.addNode(`n${r}_${c}`, { lon: origin[0] + c * step * 1.6, lat: origin[1] + r * step });
  }
  const link = (a: string, b: string) => {
    g.addDirectedEdge(a, b, { minutes: minutesPerEdge });
    g.addDirectedEdge(b, a, { minutes: minutesPerEdge });
  };
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (c + 1 < size) link(`n${r}_${c}`, `n${r}_${c + 1}`);
      if (r + 1 < size) link(`n${r}_${c}`, `n${r + 1}_${c}`);
    }
  }
  return g;
}
