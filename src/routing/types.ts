import type { CostMatrix, LonLat, RoadGraph } from "../model/types.js";

/** Anything with an id and a `[lon, lat]` location (zones, sites): snapped by the router. */
export interface LocatedItem {
  readonly id: string;
  readonly location: LonLat;
}

/**
 * A point attached to the road graph without changing it (an OSRM-style "phantom node").
 * Searches start at both ends of `edge` with the partial edge time plus the connector time.
 */
export interface SnappedPoint {
  readonly id: string;
  /** The graph edge key the point snapped onto. */
  readonly edgeKey: string;
  /** `[from, to]` node keys of that edge. */
  readonly edge: readonly [string, string];
  /** Position along the edge from `from` (0) to `to` (1), by length. */
  readonly fraction: number;
  /** The nearest point on the edge, `[lon, lat]`. */
  readonly snapped: LonLat;
  /** Straight-line metres from the point to the edge. */
  readonly snapMetres: number;
  /** Minutes to cover `snapMetres` at the access speed. */
  readonly connectorMinutes: number;
  /** `"main"` for the largest strongly connected component, `"island"` otherwise. */
  readonly component: "main" | "island";
}

/** Outcome of snapping many points: every input point appears in exactly one list. */
export interface SnapResult {
  readonly snapped: readonly SnappedPoint[];
  /** Ids of points farther than `maxSnapMetres` from every edge. */
  readonly unsnapped: readonly { readonly id: string; readonly nearestMetres: number }[];
  /** Ids of points that snapped onto a small island (not the largest SCC). */
  readonly islands: readonly string[];
}

/** An origin or destination: a node key, an already-snapped point, or a located item. */
export type Endpoint = string | SnappedPoint | LocatedItem;

/** One route with its geometry. */
export interface RouteResult {
  readonly minutes: number;
  readonly metres: number;
  /** Node keys visited, in order (excluding phantom ends). */
  readonly nodes: readonly string[];
  readonly geometry: { readonly type: "LineString"; readonly coordinates: LonLat[] };
}

/** Each origin's nearest destination. */
export interface NearestResult {
  readonly origin: string;
  /** `null` when no destination is reachable. */
  readonly destination: string | null;
  /** `Infinity` when unreachable. */
  readonly minutes: number;
}

/** A travel-time matrix from the router, with the snapping report for located endpoints. */
export interface RoutedCostMatrix extends CostMatrix {
  readonly snapping: {
    readonly unsnapped: readonly string[];
    readonly islands: readonly string[];
    readonly maxSnapMetres: number;
  };
}

/** A compiled, reusable router over one road graph. */
export interface Router {
  readonly graph: RoadGraph;
  snap(points: readonly LocatedItem[]): SnapResult;
  travelTimes(
    origins: readonly Endpoint[],
    destinations: readonly Endpoint[],
    /** `direction` forces one search per origin ("forward") or per destination ("reverse"). */
    options?: { cutoffMinutes?: number; direction?: "auto" | "forward" | "reverse" },
  ): RoutedCostMatrix;
  nearest(origins: readonly Endpoint[], destinations: readonly Endpoint[]): NearestResult[];
  route(from: Endpoint, to: Endpoint): RouteResult | null;
  /**
   * Minutes from one endpoint to every graph node (Infinity = unreachable), indexed in
   * `graph.nodes()` order; with `reverse: true`, minutes from every node to the endpoint.
   * Used by isochrones and staff-travel models.
   */
  minutesFrom(from: Endpoint, options?: { cutoffMinutes?: number; reverse?: boolean }): Float64Array;
}
