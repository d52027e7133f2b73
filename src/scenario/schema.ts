import * as z from "zod/mini";
import { LonLatSchema, SiteSchema } from "../model/index.js";

const id = z.string().check(z.minLength(1));
const note = z.optional(z.string());
const nonNegative = z.number().check(z.nonnegative());
const positiveFactor = z.number().check(z.positive("a factor must be greater than 0"));

/**
 * Reopen a closed site, or bring a candidate into service as a hub or spoke.
 *
 * @group Schemas
 */
export const OpenSiteChangeSchema = z.strictObject({
  type: z.literal("openSite"),
  siteId: id,
  /** Required when opening a candidate: the role it takes. */
  as: z.optional(z.enum(["hub", "spoke"])),
  /** For a spoke: its parent hub (required when opening a candidate as a spoke). */
  hub: z.optional(id),
  note,
});

/**
 * Close a site (its record stays, with `status: "closed"`).
 *
 * @group Schemas
 */
export const CloseSiteChangeSchema = z.strictObject({
  type: z.literal("closeSite"),
  siteId: id,
  /** Closing a hub: move its open spokes to this open hub in the same change. */
  reassignSpokesTo: z.optional(id),
  note,
});

/**
 * Add a new site (a full site record; its id must be new).
 *
 * @group Schemas
 */
export const AddSiteChangeSchema = z.strictObject({
  type: z.literal("addSite"),
  site: SiteSchema,
  note,
});

/**
 * Move a site to a new `[lon, lat]`.
 *
 * @group Schemas
 */
export const MoveSiteChangeSchema = z.strictObject({
  type: z.literal("moveSite"),
  siteId: id,
  location: LonLatSchema,
  note,
});

/**
 * Set a hub's beds per ward type (wards not named keep their beds; `mode: "add"` adds).
 *
 * @group Schemas
 */
export const SetBedsChangeSchema = z.strictObject({
  type: z.literal("setBeds"),
  siteId: id,
  beds: z.record(id, z.number().check(z.int())),
  mode: z._default(z.enum(["set", "add"]), "set"),
  note,
});

/**
 * Set a spoke's caseload capacity (active patients the team can hold).
 *
 * @group Schemas
 */
export const SetCaseloadCapacityChangeSchema = z.strictObject({
  type: z.literal("setCaseloadCapacity"),
  siteId: id,
  caseloadCapacity: nonNegative,
  note,
});

/**
 * Point a spoke at a different (open) hub.
 *
 * @group Schemas
 */
export const ReassignSpokeChangeSchema = z.strictObject({
  type: z.literal("reassignSpoke"),
  siteId: id,
  hub: id,
  note,
});

/**
 * Multiply zone population (or relative need) by `factor`, everywhere or in named districts.
 *
 * @group Schemas
 */
export const ScaleDemandChangeSchema = z.strictObject({
  type: z.literal("scaleDemand"),
  factor: nonNegative,
  districts: z.optional(z.array(id).check(z.minLength(1))),
  /** `"population"` scales population, households and age bands; `"need"` scales the need weight. */
  of: z._default(z.enum(["population", "need"]), "population"),
  note,
});

/**
 * Multiply road speeds by a factor per road class (`highway`): 0.8 = 20 % slower.
 *
 * @group Schemas
 */
export const SetRoadSpeedChangeSchema = z.strictObject({
  type: z.literal("setRoadSpeed"),
  factors: z.record(id, positiveFactor).check(z.refine((r) => Object.keys(r).length > 0, "name at least one road class")),
  note,
});

/**
 * Remove roads from the graph: by edge key, and/or every edge whose `name` or `ref` matches.
 *
 * @group Schemas
 */
export const CloseRoadChangeSchema = z
  .strictObject({
    type: z.literal("closeRoad"),
    edges: z.optional(z.array(id).check(z.minLength(1))),
    name: z.optional(id),
    ref: z.optional(id),
    note,
  }).check(z.refine((c) => c.edges !== undefined || c.name !== undefined || c.ref !== undefined, {
    message: "closeRoad needs edges, name or ref",
  }));

/**
 * Replace one assumption by dotted path, e.g. `wards.adultAcute.meanLengthOfStayDays.value`.
 *
 * @group Schemas
 */
export const SetAssumptionChangeSchema = z.strictObject({
  type: z.literal("setAssumption"),
  path: z.string().check(z.regex(/^[^.\s]+(\.[^.\s]+)*$/, "a dotted path such as wards.adultAcute.meanLengthOfStayDays.value")),
  value: z.unknown().check(z.refine((v) => v !== undefined, "value is required")),
  note,
});

/**
 * Set a spoke's staffing in whole-time equivalents.
 *
 * @group Schemas
 */
export const SetStaffingChangeSchema = z.strictObject({
  type: z.literal("setStaffing"),
  siteId: id,
  staffWte: nonNegative,
  note,
});

/**
 * Set a spoke's crisis slots per day.
 *
 * @group Schemas
 */
export const SetCrisisSlotsChangeSchema = z.strictObject({
  type: z.literal("setCrisisSlots"),
  siteId: id,
  crisisSlotsPerDay: z.number().check(z.int()).check(z.nonnegative()),
  note,
});

/**
 * Change the community contact policy (maximum days between contacts, home-visit share).
 *
 * @group Schemas
 */
export const SetContactPolicyChangeSchema = z
  .strictObject({
    type: z.literal("setContactPolicy"),
    maxDaysBetweenContacts: z.optional(z.number().check(z.positive())),
    homeVisitShare: z.optional(z.number().check(z.minimum(0)).check(z.maximum(1))),
    /** Why the policy changes (kept as the figures' source). */
    source: z._default(z.string().check(z.minLength(1)), "scenario policy"),
    note,
  }).check(z.refine((c) => c.maxDaysBetweenContacts !== undefined || c.homeVisitShare !== undefined, {
    message: "setContactPolicy needs maxDaysBetweenContacts or homeVisitShare",
  }));

/**
 * Set a site's estate running cost per year.
 *
 * @group Schemas
 */
export const SetRunningCostChangeSchema = z.strictObject({
  type: z.literal("setRunningCost"),
  siteId: id,
  runningCostPerYear: nonNegative,
  note,
});

/**
 * One change of a scenario, discriminated by `type`.
 *
 * @group Schemas
 */
export const ChangeSchema = z.discriminatedUnion("type", [
  OpenSiteChangeSchema,
  CloseSiteChangeSchema,
  AddSiteChangeSchema,
  MoveSiteChangeSchema,
  SetBedsChangeSchema,
  SetCaseloadCapacityChangeSchema,
  ReassignSpokeChangeSchema,
  ScaleDemandChangeSchema,
  SetRoadSpeedChangeSchema,
  CloseRoadChangeSchema,
  SetAssumptionChangeSchema,
  SetStaffingChangeSchema,
  SetCrisisSlotsChangeSchema,
  SetContactPolicyChangeSchema,
  SetRunningCostChangeSchema,
]);

/**
 * A redesign option as data: an ordered list of changes applied to a baseline network.
 * Planners keep these as JSON files beside the business case.
 *
 * @group Schemas
 */
export const ScenarioSchema = z.strictObject({
  /** Editors' schema reference (see {@link scenarioJsonSchema}); ignored. */
  $schema: z.optional(z.string()),
  id: id,
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  /** Seed for anything random done on behalf of this scenario (e.g. {@link uncertainty}). */
  seed: z.optional(z.number().check(z.int())),
  changes: z._default(z.array(ChangeSchema), []),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Change = z.output<typeof ChangeSchema>;
export type ChangeInput = z.input<typeof ChangeSchema>;
export type ChangeType = Change["type"];
