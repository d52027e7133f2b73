/**
 * Site optimisation: p-median, p-center, maximal coverage and set cover. Import from `hubspoke` or
 * `hubspoke/optimise`.
 *
 * @module optimise
 */
export { pMedian, PMedianOptionsSchema } from "./p-median.js";
export type { PMedianFlow, PMedianOptions, PMedianResult } from "./p-median.js";
export type { MilpSolution, MilpSolver } from "./milp-solver.js";
export { pCenter, PCenterOptionsSchema } from "./p-center.js";
export type { PCenterOptions, PCenterResult } from "./p-center.js";
export { maximalCoverage, MaximalCoverageOptionsSchema } from "./maximal-coverage.js";
export type { MaximalCoverageOptions, MaximalCoverageResult } from "./maximal-coverage.js";
export { setCover, SetCoverOptionsSchema } from "./set-cover.js";
export type { SetCoverOptions, SetCoverResult } from "./set-cover.js";
export type { OptimiseCommonOptions } from "./prepare.js";
export type { OptimiseMethod, SiteSelectionResult } from "./result.js";
