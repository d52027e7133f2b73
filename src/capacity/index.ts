/**
 * Capacity: demand by zone, beds by Erlang loss, capacitated assignment with out-of-area overflow,
 * community caseloads, crisis slots and staff travel. Import from `hubspoke` or
 * `hubspoke/capacity`.
 *
 * @module capacity
 */
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
export { caseloadByZone, CaseloadByZoneOptionsSchema } from "./caseload-by-zone.js";
export type { CaseloadByZoneOptions, CaseloadByZoneResult, ZoneCaseload } from "./caseload-by-zone.js";
export { AFC_MINUTES_PER_WTE_WEEK, contactCapacity, ContactCapacityOptionsSchema } from "./contact-capacity.js";
export type { ContactCapacityOptions, ContactCapacityResult, SpokeContactCapacity, SpokeStaffInput } from "./contact-capacity.js";
export { staffTravel, StaffTravelOptionsSchema } from "./staff-travel.js";
export type { BaseTravel, StaffTravelOptions, StaffTravelResult, ZoneTravel } from "./staff-travel.js";
export { crisisSlots, CrisisSlotsOptionsSchema } from "./crisis-slots.js";
export type { CrisisSlotsOptions, CrisisSlotsResult, SpokeCrisis, SpokeCrisisInput } from "./crisis-slots.js";
