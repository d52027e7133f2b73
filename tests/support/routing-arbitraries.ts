import { fc } from "@fast-check/vitest";
import { MultiDirectedGraph } from "graphology";
import type { RoadGraph } from "../../src/model/types.js";
import type { EdgeSpec } from "./routing-oracles.js";

export interface SmallGraph {
  readonly n: number;
  readonly edges: readonly EdgeSpec[];
}

/** Small random directed multigraphs: one-way, zero-weight and parallel links, unreachable parts. */
export function arbSmallGraph(maxNodes = 9, maxEdges = 24, maxMinutes = 20): fc.Arbitrary<SmallGraph> {
  return fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc
      .array(
        fc.record({
          from: fc.integer({ min: 0, max: n - 1 }),
          to: fc.integer({ min: 0, max: n - 1 }),
          minutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxMinutes })),
        }),
        { maxLength: maxEdges },
      )
      .map((edges) => ({ n, edges })),
  );
}

/** Graphology graph with nodes "0".."n-1" on a small lon/lat grid and the given edges. */
export function toGraph(g: SmallGraph): RoadGraph {
  const graph = new MultiDirectedGraph();
  for (let i = 0; i < g.n; i++) graph.addNode(String(i), { lon: 0.5 + (i % 3) * 0.01, lat: 51 + Math.floor(i / 3) * 0.01 });
  g.edges.forEach((e, k) => graph.addDirectedEdgeWithKey(`e${k}`, String(e.from), String(e.to), { minutes: e.minutes }));
  return graph as unknown as RoadGraph;
}
