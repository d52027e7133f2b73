export { demandByZone, DemandByZoneOptionsSchema } from "./demand-by-zone.js";
export type { DemandByZoneOptions, DemandByZoneResult, WardDemand, ZoneDemand } from "./demand-by-zone.js";
export { erlangB } from "./erlang-b.js";
export { bedsRequired, BedsRequiredTargetSchema } from "./beds-required.js";
export type { BedsRequiredResult, BedsRequiredTarget } from "./beds-required.js";
export { capacitatedAssignment, CapacitatedAssignmentOptionsSchema } from "./capacitated-assignment.js";
export type {
  AssignmentFlow,
  CapacitatedAssignmentOptions,
  CapacitatedAssignmentResult,
  OutOfAreaSummary,
  SiteLoad,
  ZoneAllocation,
} from "./capacitated-assignment.js";
