import type { CostMatrix, ServiceNetwork, Site } from "../model/types.js";
import { buildRoadGraph } from "../network/build-road-graph.js";
import { createRouter } from "../routing/create-router.js";
import { euclideanProvider } from "../routing/euclidean-provider.js";
import { travelTimes } from "../routing/travel-times.js";
import type { RoutedCostMatrix, Router } from "../routing/types.js";
import { CliInputError } from "./errors.js";
import type { Progress } from "./progress.js";

/** A router over the network's road graph (built from its roads when needed). */
export function routerFor(network: ServiceNetwork): Router {
  if (network.graph !== undefined) return createRouter(network.graph);
  if (network.roads === undefined) throw new CliInputError("this network has no roads: pass --roads <file> (GeoJSON, .osm or .osm.pbf) or use --engine euclidean.");
  return createRouter(buildRoadGraph(network.roads));
}

/**
 * The network with its road graph built from `roads` (once), so scenarios can route and apply
 * road changes; unchanged when it has a graph already or no roads.
 */
export function withRoadGraph(network: ServiceNetwork): ServiceNetwork {
  if (network.graph !== undefined || network.roads === undefined) return network;
  return { ...network, graph: buildRoadGraph(network.roads) };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Zones and sites the router could not place: beyond the snapping distance, or on a road island. */
export type Snapping = RoutedCostMatrix["snapping"];

/**
 * Zones × sites minutes by road (in column chunks, so a progress bar can move between them),
 * with the snapping report (unsnapped and island ids, each once), or as the crow flies
 * (`euclidean`: 48 km/h × 1.3 circuity; nothing to snap).
 */
export async function localMatrix(network: ServiceNetwork, destinations: readonly Site[], engine: string, progress: Progress, router?: Router): Promise<CostMatrix & { snapping?: Snapping }> {
  if (engine === "euclidean") return travelTimes(euclideanProvider(), network.zones, destinations);
  const r = router ?? routerFor(network);
  const chunk = Math.max(1, Math.ceil(destinations.length / 20));
  if (chunk >= destinations.length) return r.travelTimes(network.zones, destinations);
  const unsnapped = new Set<string>();
  const islands = new Set<string>();
  let maxSnapMetres = 0;
  const rows = network.zones.length;
  const cols = destinations.length;
  const minutes = new Float64Array(rows * cols);
  let provenance: CostMatrix["provenance"];
  for (let j0 = 0; j0 < cols; j0 += chunk) {
    const part = r.travelTimes(network.zones, destinations.slice(j0, j0 + chunk));
    const w = part.destinations.length;
    for (let i = 0; i < rows; i++) for (let k = 0; k < w; k++) minutes[i * cols + j0 + k] = part.minutes[i * w + k];
    provenance = part.provenance;
    for (const id of part.snapping.unsnapped) unsnapped.add(id);
    for (const id of part.snapping.islands) islands.add(id);
    maxSnapMetres = part.snapping.maxSnapMetres;
    progress.update(Math.min(cols, j0 + chunk), cols);
    await tick();
  }
  return {
    origins: network.zones.map((z) => z.id),
    destinations: destinations.map((d) => d.id),
    minutes,
    ...(provenance === undefined ? {} : { provenance }),
    snapping: { unsnapped: [...unsnapped], islands: [...islands], maxSnapMetres },
  };
}
