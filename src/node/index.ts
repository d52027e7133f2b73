export { parallelTravelTimes } from "./parallel-travel-times.js";
export type { ParallelTravelTimesOptions } from "./parallel-travel-times.js";
