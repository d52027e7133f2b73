// Scenario changes that edit the road graph (on a copy: the input graph is never mutated).
import { UnknownIdError } from "../../errors.js";
import { type ChangeOf, type Draft, label, WHERE } from "./draft.js";

/** Divide the minutes of every edge of a road class by its factor. */
export function setRoadSpeed(draft: Draft, change: ChangeOf<"setRoadSpeed">, i: number): void {
  const at = `changes[${i}]`;
  const graph = draft.editableGraph(at);
  const classes = new Set<string>();
  graph.forEachEdge((_k, attr) => {
    if (typeof attr.highway === "string") classes.add(attr.highway);
  });
  for (const cls of Object.keys(change.factors)) {
    if (!classes.has(cls)) {
      const list = [...classes].sort().map((c) => `"${c}"`).join(", ") || "none (edges carry no highway)";
      throw new UnknownIdError(WHERE, `${label(i, change)}: road class`, cls, `${at}.factors.${cls}`, `Road classes in the graph: ${list}.`);
    }
  }
  graph.forEachEdge((key, attr) => {
    const f = typeof attr.highway === "string" && Object.hasOwn(change.factors, attr.highway) ? change.factors[attr.highway] : undefined;
    if (f !== undefined) graph.setEdgeAttribute(key, "minutes", attr.minutes / f);
  });
}

/** Drop road edges named by key, `name` or `ref`. */
export function closeRoad(draft: Draft, change: ChangeOf<"closeRoad">, i: number): void {
  const at = `changes[${i}]`;
  const graph = draft.editableGraph(at);
  const drop = new Set<string>();
  change.edges?.forEach((key, n) => {
    if (!graph.hasEdge(key)) {
      throw new UnknownIdError(WHERE, `${label(i, change)}: road edge`, key, `${at}.edges[${n}]`, "Use the edge keys of network.graph (graph.edges()).");
    }
    drop.add(key);
  });
  for (const field of ["name", "ref"] as const) {
    const wanted = change[field];
    if (wanted === undefined) continue;
    let found = 0;
    graph.forEachEdge((key, attr) => {
      if (attr[field] === wanted) {
        drop.add(key);
        found++;
      }
    });
    if (found === 0) {
      throw new UnknownIdError(WHERE, `${label(i, change)}: road ${field}`, wanted, `${at}.${field}`, `No edge of network.graph has ${field} "${wanted}".`);
    }
  }
  for (const key of drop) graph.dropEdge(key);
}
