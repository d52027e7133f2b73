/**
 * Redesign scenarios: changes as data, evaluate, compare with trade-offs, uncertainty, reports as
 * CSV and Markdown. Import from `hubspoke` or `hubspoke/scenario`.
 *
 * @module scenario
 */
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
export { scenarioPlaces } from "./scenario-places.js";
export { createScenarioCache } from "./create-scenario-cache.js";
export type { CachedMatrix, ScenarioCache, ScenarioCacheStats, TravelTimeSource } from "./create-scenario-cache.js";
export type { ComparableResult, MetricDirection, ScenarioMetric, ZoneOutcome } from "./metrics.js";
export { CompareScenariosOptionsSchema, DEFAULT_CRITERIA, DEFAULT_MATERIALITY, DEFAULT_WATCH, compareScenarios } from "./compare-scenarios.js";
export type {
  CatchmentSwitch,
  CellChange,
  CompareScenariosOptions,
  ComparisonCell,
  ComparisonCriterion,
  ComparisonRow,
  GainersLosers,
  OptionAssessment,
  PopulationByDecile,
  RankedScenario,
  Ranking,
  ScenarioComparison,
  TradeOff,
  UnrankedScenario,
  ZoneChange,
} from "./compare-scenarios.js";
export { ComparisonToMarkdownOptionsSchema, comparisonToMarkdown } from "./comparison-to-markdown.js";
export type { ComparisonToMarkdownOptions } from "./comparison-to-markdown.js";
export { ComparisonToCsvOptionsSchema, comparisonToCsv } from "./comparison-to-csv.js";
export type { ComparisonToCsvOptions } from "./comparison-to-csv.js";
export { contentHash } from "./content-hash.js";
export { dataAndAssumptions } from "./data-and-assumptions.js";
export type { DataAndAssumptions, DataAndAssumptionsOptions, SourcedFigure, SourcedResult } from "./data-and-assumptions.js";
export { EvaluateOptionsSchema, LIBRARY_VERSION, evaluate } from "./evaluate.js";
export type { EvaluateOptions, ModeOutcome, ModesResult, ScenarioResult, WardCapacity } from "./evaluate.js";
export { FactorDistributionSchema, UncertaintyOptionsSchema, uncertainty } from "./uncertainty.js";
export type { FactorDistribution, UncertaintyInterval, UncertaintyOptions, UncertaintyResult } from "./uncertainty.js";
