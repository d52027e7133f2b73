import { expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { MultiDirectedGraph } from "graphology";
import { compileGraph } from "../../src/routing/compile.js";
import { heapOps, runDijkstra } from "../../src/routing/kernel.js";
import { createRouter } from "../../src/routing/index.js";
import type { RoadGraph } from "../../src/model/types.js";
import { arbSmallGraph } from "../support/routing-arbitraries.js";

// graph with nodes inserted in a shuffled order and fractional minutes
const arbCase = arbSmallGraph(12, 40).chain((g) =>
  fc.record({ g: fc.constant(g), order: fc.shuffledSubarray(Array.from({ length: g.n }, (_, i) => i), { minLength: g.n, maxLength: g.n }) }),
);

function build(g: { n: number; edges: readonly { from: number; to: number; minutes: number }[] }, order: readonly number[]) {
  const graph = new MultiDirectedGraph();
  for (const i of order) graph.addNode(`n${i}`);
  const edges = g.edges.map((e, k) => ({ ...e, minutes: e.minutes / 3 + (k % 5) * 0.1 }));
  edges.forEach((e, k) => graph.addDirectedEdgeWithKey(`e${k}`, `n${e.from}`, `n${e.to}`, { minutes: e.minutes }));
  return { graph: graph as unknown as RoadGraph, edges };
}

test.prop([arbCase])(
  "the breadth-first renumbered router gives bit-identical matrices and minutesFrom to a search on the input numbering",
  ({ g, order }) => {
    const { graph, edges } = build(g, order);
    const n = g.n;
    const c = compileGraph("test", graph);
    expect([...c.graphOrder].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    graph.nodes().forEach((key, i) => expect(c.nodeKeys[c.graphOrder[i]]).toBe(key));
    // reference: CSRs in input numbering (node i = key n<i>), full general-kernel searches;
    // forward searches for the per-origin matrix, reverse searches for the per-destination one
    // (a reverse search adds the same minutes in the opposite order, so it may differ in the last bit)
    const csr = (rev: boolean) => {
      const offsets = new Int32Array(n + 1);
      for (const e of edges) offsets[(rev ? e.to : e.from) + 1]++;
      for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
      const fill = offsets.slice(0, n);
      const targets = new Int32Array(edges.length);
      const weights = new Float64Array(edges.length);
      for (const e of edges) {
        const at = fill[rev ? e.to : e.from]++;
        targets[at] = rev ? e.from : e.to;
        weights[at] = e.minutes;
      }
      return { offsets, targets, weights };
    };
    const fw = csr(false);
    const rv = csr(true);
    const search = (a: ReturnType<typeof csr>, s: number): Float64Array => {
      const dist = new Float64Array(n);
      const plan = { nodes: Int32Array.of(s), costs: Float64Array.of(0), labels: null, from: 0, to: 1, cutoff: Infinity, dist, predEdge: null, label: null };
      runDijkstra(a, plan, { heapNodes: new Int32Array(n), heapKeys: new Float64Array(n), pos: new Int32Array(n) }, heapOps);
      return dist;
    };
    const keys = Array.from({ length: n }, (_, i) => `n${i}`);
    const router = createRouter(graph);
    const m = router.travelTimes(keys, keys, { direction: "forward" }).minutes;
    const r = router.travelTimes(keys, keys, { direction: "reverse" }).minutes;
    for (let s = 0; s < n; s++) {
      const dist = search(fw, s);
      const back = search(rv, s);
      for (let t = 0; t < n; t++) {
        expect(Object.is(m[s * n + t], dist[t]), `forward ${s}→${t}: ${m[s * n + t]} vs ${dist[t]}`).toBe(true);
        expect(Object.is(r[t * n + s], back[t]), `reverse ${t}→${s}: ${r[t * n + s]} vs ${back[t]}`).toBe(true);
      }
      // minutesFrom is in graph.nodes() order
      const from = router.minutesFrom(`n${s}`);
      graph.nodes().forEach((key, i) => expect(Object.is(from[i], dist[Number(key.slice(1))])).toBe(true));
    }
  },
);
