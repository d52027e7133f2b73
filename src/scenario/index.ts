export {
  AddSiteChangeSchema,
  ChangeSchema,
  CloseRoadChangeSchema,
  CloseSiteChangeSchema,
  MoveSiteChangeSchema,
  OpenSiteChangeSchema,
  ReassignSpokeChangeSchema,
  ScaleDemandChangeSchema,
  ScenarioSchema,
  SetAssumptionChangeSchema,
  SetBedsChangeSchema,
  SetCaseloadCapacityChangeSchema,
  SetContactPolicyChangeSchema,
  SetCrisisSlotsChangeSchema,
  SetRoadSpeedChangeSchema,
  SetRunningCostChangeSchema,
  SetStaffingChangeSchema,
} from "./schema.js";
export type { Change, ChangeInput, ChangeType, Scenario, ScenarioInput } from "./schema.js";
export { parseScenario } from "./parse-scenario.js";
export { scenarioJsonSchema } from "./scenario-json-schema.js";
export { applyScenario } from "./apply-scenario.js";
export { createScenarioCache } from "./create-scenario-cache.js";
export type { CachedMatrix, ScenarioCache, ScenarioCacheStats } from "./create-scenario-cache.js";
