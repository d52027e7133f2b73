/**
 * Catchments: nearest-site, Huff, hub-and-spoke hierarchies, isochrones and catchment polygons.
 * Import from `hubspoke` or `hubspoke/catchment`.
 *
 * @module catchment
 */
export { nearestCatchments } from "./nearest-catchments.js";
export type { NearestCatchmentsOptions, NearestCatchmentsResult, SiteCatchment, ZoneAssignment } from "./nearest-catchments.js";
export { hierarchicalCatchments } from "./hierarchical-catchments.js";
export type { HierarchicalCatchmentsOptions, HierarchicalCatchmentsResult, HierarchicalZone, ReferralFlow } from "./hierarchical-catchments.js";
export { huffCatchments } from "./huff-catchments.js";
export type { HuffCatchmentsOptions, HuffCatchmentsResult, HuffSite } from "./huff-catchments.js";
export { catchmentPolygons } from "./catchment-polygons.js";
export type { CatchmentAssignment, CatchmentPolygonProperties, CatchmentPolygonsOptions, CatchmentPolygonsResult, ZoneLike } from "./catchment-polygons.js";
export { isochrones } from "./isochrones.js";
export type { IsochroneProperties, IsochronesOptions, IsochronesResult } from "./isochrones.js";
