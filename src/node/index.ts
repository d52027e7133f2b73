/**
 * Node-only: travel times on worker threads. Import from `hubspoke/node`.
 *
 * @module node
 */
export { parallelTravelTimes } from "./parallel-travel-times.js";
export type { ParallelTravelTimesOptions } from "./parallel-travel-times.js";
