import type { AbstractGraph } from "graphology-types";
import { singleSource } from "graphology-shortest-path/dijkstra";

export interface EdgeSpec {
  readonly from: number;
  readonly to: number;
  readonly minutes: number;
}

/** All-pairs minutes by Floyd–Warshall (row-major n × n, Infinity = unreachable). */
export function floydWarshall(n: number, edges: readonly EdgeSpec[]): Float64Array {
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (const e of edges) if (e.minutes < d[e.from * n + e.to]) d[e.from * n + e.to] = e.minutes;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const v = d[i * n + k] + d[k * n + j];
        if (v < d[i * n + j]) d[i * n + j] = v;
      }
  return d;
}

/** Minutes from `source` to every node by graphology-shortest-path (sums the returned paths). */
export function graphologyMinutes(graph: AbstractGraph, source: string): Map<string, number> {
  const paths = singleSource(graph, source, "minutes");
  const out = new Map<string, number>();
  for (const [target, path] of Object.entries(paths)) {
    let total = 0;
    for (let i = 1; i < path.length; i++) {
      let best = Infinity;
      graph.forEachOutboundEdge(path[i - 1], (_e, a, s, t) => {
        const other = s === path[i - 1] ? t : s;
        if (other === path[i] && (a.minutes as number) < best) best = a.minutes as number;
      });
      total += best;
    }
    out.set(target, total);
  }
  return out;
}
