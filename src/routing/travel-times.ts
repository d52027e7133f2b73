import { requireObject } from "../internal/shapes.js";
import { InvalidInputError } from "../errors.js";
import type { CostMatrix, RoadGraph } from "../model/types.js";
import { isGraphLike } from "./compile.js";
import { createRouter } from "./create-router.js";
import { isTravelTimeProvider, type ProviderEndpoint, type TravelTimeProvider } from "./provider.js";
import type { RouterOptions, TravelTimesOptions } from "./router-core.js";
import type { Endpoint } from "./types.js";

/** Options of {@link travelTimes}: router options (graph sources) plus `cutoffMinutes`/`direction`. */
export interface TravelTimesFunctionOptions extends TravelTimesOptions, RouterOptions {}

/**
 * Travel minutes from every origin to every destination, from a road graph (a one-shot router)
 * or any provider (`euclideanProvider`, `matrixProvider`, …).
 *
 * With a graph this compiles a router, snaps located items and runs one Dijkstra search per
 * destination on the reversed graph (or per origin, whichever is fewer); keep a
 * `createRouter(graph)` instead when querying repeatedly.
 *
 * @param source - A `RoadGraph` or a {@link TravelTimeProvider}.
 * @param origins - Node keys, snapped points or `{ id, location }` items (providers: ids or items).
 * @param destinations - As origins.
 * @returns A {@link CostMatrix} (minutes, row-major, Infinity = unreachable) with provenance;
 *   from a graph, a `RoutedCostMatrix` with the snapping report.
 * @throws {@link InvalidInputError} if `source` is neither a graph nor a provider.
 * @throws {@link UnknownIdError} for an id the source does not know.
 * @example
 * const m = travelTimes(graph, zones, sites, { cutoffMinutes: 90 });
 */
export function travelTimes(
  source: RoadGraph | TravelTimeProvider,
  origins: readonly Endpoint[] | readonly ProviderEndpoint[],
  destinations: readonly Endpoint[] | readonly ProviderEndpoint[],
  options: TravelTimesFunctionOptions = {},
): CostMatrix {
  requireObject("travelTimes", "options", options);
  if (isTravelTimeProvider(source)) {
    return source.travelTimes(origins as readonly ProviderEndpoint[], destinations as readonly ProviderEndpoint[], { cutoffMinutes: options.cutoffMinutes });
  }
  if (isGraphLike(source)) {
    const { cutoffMinutes, direction, ...routerOptions } = options;
    const router = createRouter(source, routerOptions);
    const o: TravelTimesOptions = {};
    if (cutoffMinutes !== undefined) o.cutoffMinutes = cutoffMinutes;
    if (direction !== undefined) o.direction = direction;
    return router.travelTimes(origins as readonly Endpoint[], destinations as readonly Endpoint[], o);
  }
  throw new InvalidInputError("travelTimes", [
    { path: "source", message: "expected a road graph or a travel-time provider (euclideanProvider, matrixProvider)" },
  ]);
}
