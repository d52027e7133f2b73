/**
 * Access measures over a cost matrix: nearest site, population within thresholds, two-step
 * floating catchment, gravity access, by group. Import from `hubspoke` or `hubspoke/access`.
 *
 * @module access
 */
export { decay, DecaySchema, isDecay } from "../model/decay.js";
export type {
  Decay,
  DecayKind,
  ExponentialDecayOptions,
  GaussianDecayOptions,
  LinearDecayOptions,
  PowerDecayOptions,
  StepDecayOptions,
} from "../model/decay.js";
export type { AlignedLabels, AlignedValues } from "../model/types.js";
export { nearestSites } from "./nearest-sites.js";
export type { NearestSite, NearestSitesOptions, NearestSitesResult } from "./nearest-sites.js";
export { accessSummary } from "./access-summary.js";
export type { AccessSummaryOptions, AccessSummaryResult } from "./access-summary.js";
export type { AccessSummary, ThresholdShare } from "./summary-kernel.js";
export { accessByGroup } from "./access-by-group.js";
export type { AccessByGroupOptions, AccessByGroupResult, GroupAccessSummary } from "./access-by-group.js";
export { twoStepFloatingCatchment } from "./two-step-floating-catchment.js";
export type { SiteRatio, TwoStepFloatingCatchmentOptions, TwoStepFloatingCatchmentResult, ZoneScore } from "./two-step-floating-catchment.js";
export { gravityAccess } from "./gravity-access.js";
export type { GravityAccessOptions, GravityAccessResult } from "./gravity-access.js";
