export { pMedian, PMedianOptionsSchema } from "./p-median.js";
export type { PMedianFlow, PMedianOptions, PMedianResult } from "./p-median.js";
export type { OptimiseMethod, SiteSelectionResult } from "./result.js";
