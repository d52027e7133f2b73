import type { LonLat, RoadGraph } from "../model/types.js";
import { attachCore, type Resolved, RouterCore, type RouterOptions, type TravelTimesOptions } from "./router-core.js";
import { edgeLine, lineMetres, sliceLine } from "./snap-index.js";
import type { Endpoint, NearestResult, Router, RoutedCostMatrix, RouteResult } from "./types.js";
import * as z from "zod/mini";
import { parseInput } from "../errors.js";

export type { RouterOptions, TravelTimesOptions } from "./router-core.js";

const MinutesFromOptionsSchema = z.strictObject({
  cutoffMinutes: z._default(z.number().check(z.nonnegative()), Infinity),
  reverse: z._default(z.boolean(), false),
});

/**
 * Compile a graph once into a reusable router (CSR typed arrays + Dijkstra).
 *
 * Method: the graph is compiled to forward and reverse compressed sparse rows (`Int32Array`
 * offsets/targets, `Float64Array` minutes; undirected edges run both ways), with nodes
 * renumbered breadth-first so that a search touches nearby memory. Queries run Dijkstra (1959)
 * with an indexed binary heap (matrices: with a ring of buckets of width = mean edge weight,
 * i.e. sequential Δ-stepping, Meyer & Sanders 2003, which gives the same minutes bit for bit)
 * over scratch buffers the router owns, so a query allocates
 * nothing per node; matrix searches stop once every origin/destination node is settled.
 * Located endpoints are snapped to the nearest point on the nearest edge and joined as
 * OSRM-style phantom nodes (Luxen & Vetter 2011): a trip leaves a point on edge u→v towards v
 * for `(1 − fraction) × minutes + connector`, and towards u only if the opposite edge exists. Matrices run one search per destination on the reverse graph, or per
 * origin, whichever is fewer; `nearest` runs one multi-source search.
 *
 * The router snapshots the graph: it throws {@link GraphChangedError} on a query if the graph's
 * node or edge count changed. Attribute edits are not detected; create a new router after them.
 *
 * @param graph - A graphology directed, mixed or undirected graph whose edges carry finite,
 *   non-negative `minutes`; nodes need `lon`/`lat` only for snapping and route geometry.
 * @returns A {@link Router}. Its matrices are in minutes, Infinity = unreachable.
 * @throws {@link InvalidGraphError} if an edge's `minutes` is missing, NaN, infinite or negative
 *   (naming the edge key and value), or (when snapping) a node lacks coordinates.
 * @throws {@link InvalidInputError} for a non-graph or bad options.
 * @example
 * const router = createRouter(graph);
 * const m = router.travelTimes(zones, sites); // zones/sites: { id, location: [lon, lat] }
 * router.nearest(zones, sites)[0]; // { origin: "z1", destination: "hubA", minutes: 14.2 }
 * const fast = createRouter(graph, { preprocess: "ch" }); // contract once, then many matrices
 * fast.travelTimes(zones, sites);
 */
export function createRouter(graph: RoadGraph, options: RouterOptions = {}): Router {
  const core = new RouterCore("createRouter", graph, options);
  const router: Router = {
    graph,
    snap: (points) => core.snap("router.snap", points),
    travelTimes: (origins, destinations, opts = {}) => travelTimes(core, origins, destinations, opts),
    nearest: (origins, destinations) => nearest(core, origins, destinations),
    route: (from, to) => route(core, from, to),
    minutesFrom: (from, opts = {}) => minutesFrom(core, from, opts),
  };
  return attachCore(router, core);
}

/** `router.travelTimes`: plan the searches, run them, finish the matrix. */
function travelTimes(core: RouterCore, origins: readonly Endpoint[], destinations: readonly Endpoint[], opts: TravelTimesOptions): RoutedCostMatrix {
  const plan = core.plan("router.travelTimes", origins, destinations, opts);
  const out = new Float64Array(plan.rows * plan.cols);
  core.runPlan(plan, out);
  return plan.finish(out);
}

/** `router.nearest`: one multi-source search on the reverse graph, labelled by destination. */
function nearest(core: RouterCore, origins: readonly Endpoint[], destinations: readonly Endpoint[]): NearestResult[] {
  const where = "router.nearest";
  core.check(where);
  const ro = core.resolve(where, origins, "origins");
  const rd = core.resolve(where, destinations, "destinations");
  const nodes: number[] = [];
  const costs: number[] = [];
  const labels: number[] = [];
  for (let j = 0; j < rd.length; j++) {
    const before = nodes.length;
    core.anchors(rd[j], false, nodes, costs);
    for (let k = before; k < nodes.length; k++) labels.push(j);
  }
  const label = core.label();
  const dist = core.search(true, { nodes: Int32Array.from(nodes), costs: Float64Array.from(costs), labels: Int32Array.from(labels) }, { label });
  const byEdge = new Map<number, number[]>();
  rd.forEach((r, j) => {
    if (r.edge < 0) return;
    const list = byEdge.get(r.edge);
    if (list === undefined) byEdge.set(r.edge, [j]);
    else list.push(j);
  });
  return ro.map((o) => nearestOf({ core, o, rd, dist, label, sameEdge: o.edge >= 0 ? byEdge.get(o.edge) : undefined }));
}

/** The nearest destination of one resolved origin, from a labelled search (ties: smaller index). */
function nearestOf(a: { core: RouterCore; o: Resolved; rd: readonly Resolved[]; dist: Float64Array; label: Int32Array; sameEdge: readonly number[] | undefined }): NearestResult {
  let best = Infinity;
  let bestJ = -1;
  const exitN: number[] = [];
  const exitC: number[] = [];
  a.core.anchors(a.o, true, exitN, exitC);
  for (let k = 0; k < exitN.length; k++) {
    const v = exitC[k] + a.dist[exitN[k]];
    const j = a.label[exitN[k]];
    if (v < best || (v === best && v < Infinity && j < bestJ)) {
      best = v;
      bestJ = j;
    }
  }
  for (const j of a.sameEdge ?? []) {
    const v = a.core.sameEdge(a.o, a.rd[j]);
    if (v < best || (v === best && v < Infinity && j < bestJ)) {
      best = v;
      bestJ = j;
    }
  }
  return { origin: a.o.id, destination: bestJ < 0 ? null : a.rd[bestJ].id, minutes: best };
}

/** `router.minutesFrom`: one search, back in graph.nodes() order. */
function minutesFrom(core: RouterCore, from: Endpoint, opts: { cutoffMinutes?: number; reverse?: boolean }): Float64Array {
  const where = "router.minutesFrom";
  core.check(where);
  const o = parseInput(where, MinutesFromOptionsSchema, opts, "options");
  const [r] = core.resolve(where, [from], "from");
  const nodes: number[] = [];
  const costs: number[] = [];
  core.anchors(r, !o.reverse, nodes, costs);
  const dist = core.search(o.reverse, { nodes: Int32Array.from(nodes), costs: Float64Array.from(costs), cutoff: o.cutoffMinutes });
  // back from the internal (breadth-first) numbering to graph.nodes() order
  const c = core.c;
  const out = new Float64Array(c.n);
  const order = c.graphOrder;
  for (let i = 0; i < out.length; i++) out[i] = dist[order[i]];
  return out;
}

/** `router.route`: one search with predecessor edges, then the geometry. */
function route(core: RouterCore, from: Endpoint, to: Endpoint): RouteResult | null {
  const where = "router.route";
  core.check(where);
  const [o] = core.resolve(where, [from], "from");
  const [d] = core.resolve(where, [to], "to");
  if (o.unsnapped || d.unsnapped) return null;
  const nodes: number[] = [];
  const costs: number[] = [];
  core.anchors(o, true, nodes, costs);
  const pred = core.pred();
  const dist = core.search(false, { nodes: Int32Array.from(nodes), costs: Float64Array.from(costs) }, { predEdge: pred });
  const entryN: number[] = [];
  const entryC: number[] = [];
  core.anchors(d, false, entryN, entryC);
  let best = Infinity;
  let bestK = -1;
  for (let k = 0; k < entryN.length; k++) {
    const v = dist[entryN[k]] + entryC[k];
    if (v < best) {
      best = v;
      bestK = k;
    }
  }
  const direct = core.sameEdge(o, d);
  if (direct === Infinity && bestK < 0) return null;
  const geo = geometry(core, o, d, direct <= best ? null : { entry: entryN[bestK], pred });
  return { minutes: Math.min(direct, best), metres: geo.metres, nodes: geo.nodes, geometry: { type: "LineString", coordinates: geo.coordinates } };
}

function edgeMetres(core: RouterCore, e: number, line: [number, number][] | null): number {
  const m = core.graph.getEdgeAttribute(core.c.edgeKeys[core.c.edgeId[e]], "metres");
  if (typeof m === "number" && Number.isFinite(m)) return m;
  return line === null ? 0 : lineMetres(line);
}

function hasCoordinates(core: RouterCore): boolean {
  try {
    core.index("router.route");
    return true;
  } catch {
    return false;
  }
}

/** Node keys, metres and coordinates of a route; `path` null means along one edge only. */
function geometry(
  core: RouterCore,
  o: Resolved,
  d: Resolved,
  path: { entry: number; pred: Int32Array } | null,
): { nodes: string[]; metres: number; coordinates: LonLat[] } {
  const c = core.c;
  const withGeo = hasCoordinates(core);
  const index = withGeo ? core.index("router.route") : null;
  const line = (e: number): [number, number][] | null => (index === null ? null : edgeLine(core.graph, c, index.nodeLon, index.nodeLat, e));
  const coords: LonLat[] = [];
  const add = (pts: readonly (readonly [number, number])[] | null, skipFirst: boolean): void => {
    if (pts === null) return;
    for (let i = skipFirst && coords.length > 0 ? 1 : 0; i < pts.length; i++) coords.push([pts[i][0], pts[i][1]]);
  };
  let metres = o.connectorMetres + d.connectorMetres;
  if (o.location !== undefined) coords.push([o.location[0], o.location[1]]);
  if (path === null) {
    const l = line(o.edge);
    if (l !== null) add(sliceLine(l, o.fraction, d.fraction), false);
    metres += Math.abs(d.fraction - o.fraction) * edgeMetres(core, o.edge, l);
    if (d.location !== undefined) coords.push([d.location[0], d.location[1]]);
    return { nodes: [], metres, coordinates: index === null ? [] : coords };
  }
  const edges: number[] = [];
  let x = path.entry;
  while (path.pred[x] !== -1) {
    edges.push(path.pred[x]);
    x = c.sources[path.pred[x]];
  }
  edges.reverse();
  const nodes = [c.nodeKeys[x]];
  for (const e of edges) nodes.push(c.nodeKeys[c.targets[e]]);
  if (o.edge >= 0) {
    const l = line(o.edge);
    const forward = x === c.targets[o.edge];
    add(l === null ? null : sliceLine(l, o.fraction, forward ? 1 : 0), false);
    metres += (forward ? 1 - o.fraction : o.fraction) * edgeMetres(core, o.edge, l);
  } else if (index !== null) {
    add([[index.nodeLon[x], index.nodeLat[x]]], false);
  }
  for (const e of edges) {
    const l = line(e);
    add(l, true);
    metres += edgeMetres(core, e, l);
  }
  if (d.edge >= 0) {
    const l = line(d.edge);
    const fromStart = path.entry === c.sources[d.edge];
    add(l === null ? null : sliceLine(l, fromStart ? 0 : 1, d.fraction), true);
    metres += (fromStart ? d.fraction : 1 - d.fraction) * edgeMetres(core, d.edge, l);
  }
  if (d.location !== undefined) coords.push([d.location[0], d.location[1]]);
  return { nodes, metres, coordinates: index === null ? [] : coords };
}
