/**
 * Snapping, exact shortest-path travel times (bucket Dijkstra, contraction hierarchies) and
 * travel-time providers (router, fixed tables, straight line). Import from `hubspoke` or
 * `hubspoke/routing`.
 *
 * @module routing
 */
export type { Endpoint, LocatedItem, NearestResult, RoutedCostMatrix, Router, RouteResult, SnappedPoint, SnapResult } from "./types.js";
export { createRouter } from "./create-router.js";
export type { RouterOptions, TravelTimesOptions } from "./create-router.js";
export { snapToGraph } from "./snap-to-graph.js";
export type { SnapToGraphOptions } from "./snap-to-graph.js";
export { travelTimes } from "./travel-times.js";
export type { TravelTimesFunctionOptions } from "./travel-times.js";
export { euclideanProvider } from "./euclidean-provider.js";
export type { EuclideanProviderOptions } from "./euclidean-provider.js";
export { matrixProvider } from "./matrix-provider.js";
export type { MatrixTable } from "./matrix-provider.js";
export { isTravelTimeProvider } from "./provider.js";
export { prefetchTravelTimes } from "./prefetch-travel-times.js";
export type { AsyncTravelTimeSource, PrefetchRequest } from "./prefetch-travel-times.js";
export type { ProviderEndpoint, TravelTimeProvider } from "./provider.js";
export { largestStronglyConnectedComponent } from "./largest-strongly-connected-component.js";
export { roadGraphFromArrays } from "./road-graph-from-arrays.js";
export type { RoadArrays } from "./road-graph-from-arrays.js";
