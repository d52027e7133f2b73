/**
 * The data model: sites, demand zones, assumptions, cost matrices, service networks and distance-
 * decay functions. Import from `hubspoke` or `hubspoke/model`.
 *
 * @module model
 */
export {
  AssumptionsSchema,
  CommunityAssumptionsSchema,
  DemandZoneSchema,
  LonLatSchema,
  NetworkMetadataSchema,
  RoadsSchema,
  ServiceNetworkInputSchema,
  SiteKindSchema,
  SiteSchema,
  SiteStatusSchema,
  WardAssumptionSchema,
  ZoneGeometrySchema,
  sourced,
} from "./schemas.js";
export type {
  Assumptions,
  AssumptionsInput,
  CommunityAssumptions,
  CommunityAssumptionsInput,
  CostMatrix,
  DemandZone,
  DemandZoneInput,
  LonLat,
  NetworkMetadata,
  Provenance,
  RoadEdgeAttributes,
  RoadGraph,
  RoadNodeAttributes,
  Roads,
  ServiceNetwork,
  ServiceNetworkInput,
  Site,
  SiteInput,
  SiteKind,
  Sourced,
  WardAssumption,
} from "./types.js";
export { assumptionsJsonSchema } from "./assumptions-json-schema.js";
export { costMatrixToJSON, type CostMatrixJSON, createCostMatrix, matrixMinutes, selectDestinations } from "./cost-matrix.js";
export {
  checkNetworkRules,
  createServiceNetwork,
  isRoadGraph,
  parseAssumptions,
  parseSites,
  parseZones,
} from "./create-service-network.js";
