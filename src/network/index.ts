/**
 * Road graphs from GeoJSON or OpenStreetMap roads: speeds by road class, validation and the
 * largest strongly connected component. Import from `hubspoke` or `hubspoke/network`.
 *
 * @module network
 */
export { DEFAULT_ACCESS_SPEED_KMH, DEFAULT_SPEED_PROFILE } from "./speed-profile.js";
export type { ClassSpeed, SpeedProfile } from "./speed-profile.js";
export { buildRoadGraph, parseMaxspeed } from "./build-road-graph.js";
export type { BuildRoadGraphOptions } from "./build-road-graph.js";
export { validateRoadGraph } from "./validate-road-graph.js";
export type { ValidateRoadGraphOptions } from "./validate-road-graph.js";
