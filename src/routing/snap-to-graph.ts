import type { RoadGraph } from "../model/types.js";
import { RouterCore, type RouterOptions } from "./router-core.js";
import type { LocatedItem, SnapResult } from "./types.js";

/** Options of {@link snapToGraph}: `maxSnapMetres` (default 2000), `accessSpeedKmh` (default 20). */
/** Options of {@link snapToGraph}: the snapping part of {@link RouterOptions}. */
export interface SnapToGraphOptions extends RouterOptions {}

/**
 * Attach points to the nearest point on the nearest road edge, without changing the graph.
 *
 * Method: a flatbush R-tree over every edge segment's bounding box (intermediate `coordinates`
 * included; each two-way road indexed once); the nearest box in degree space bounds the search,
 * then every segment within that radius is measured exactly by point-to-segment distance in an
 * equirectangular projection centred on the point (error well under 1% at road scale). The
 * fraction along the edge is by haversine length. The connector (straight line to the road) is
 * charged at `accessSpeedKmh`. Strongly connected components (iterative Tarjan 1972) flag points
 * on edges outside the largest component as `islands` (still routed, not dropped). For repeated
 * snapping, use `createRouter(graph).snap`, which keeps the index.
 *
 * @param graph - A road graph whose nodes carry `lon`/`lat` and edges `minutes`.
 * @param points - Items `{ id, location: [lon, lat] }` (zones, sites).
 * @returns `{ snapped, unsnapped, islands }`: every point in exactly one of snapped/unsnapped;
 *   `snapMetres` in metres, `connectorMinutes` in minutes, `nearestMetres` for unsnapped points.
 * @throws {@link InvalidGraphError} if a node lacks coordinates or an edge lacks valid minutes.
 * @throws {@link InvalidInputError} for malformed points or options.
 * @example
 * const { snapped, unsnapped } = snapToGraph(graph, [{ id: "z1", location: [0.52, 51.27] }]);
 * snapped[0].snapMetres; // e.g. 37.5
 */
export function snapToGraph(graph: RoadGraph, points: readonly LocatedItem[], options: SnapToGraphOptions = {}): SnapResult {
  const core = new RouterCore("snapToGraph", graph, options);
  return core.snap("snapToGraph", points);
}
