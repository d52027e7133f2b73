import type { RoadGraph } from "../model/types.js";
import { compileGraph, stronglyConnectedComponents } from "./compile.js";

/**
 * Node keys of the largest strongly connected component, in `graph.nodes()` order.
 *
 * Method: iterative Tarjan (1972) over the compiled CSR, O(n + m), no recursion (safe on
 * graphs with millions of nodes). Ties between equally large components go to the one holding
 * the earliest node. Undirected edges count both ways.
 *
 * @param graph - A graphology graph whose edges carry valid `minutes`.
 * @returns Node keys of the largest component (empty for an empty graph).
 * @throws {@link InvalidGraphError} if an edge's `minutes` is missing, NaN or negative.
 * @example
 * const main = new Set(largestStronglyConnectedComponent(graph));
 */
export function largestStronglyConnectedComponent(graph: RoadGraph): string[] {
  const c = compileGraph("largestStronglyConnectedComponent", graph);
  const { comp, largest } = stronglyConnectedComponents(c);
  const out: string[] = [];
  for (let v = 0; v < c.n; v++) if (comp[v] === largest) out.push(c.nodeKeys[v]);
  return out;
}
