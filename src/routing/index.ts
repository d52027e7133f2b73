export type { Endpoint, LocatedItem, NearestResult, RoutedCostMatrix, Router, RouteResult, SnappedPoint, SnapResult } from "./types.js";
