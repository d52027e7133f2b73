import * as z from "zod/mini";
import packageJson from "../../package.json" with { type: "json" };
import {
  accessByGroup,
  accessSummary,
  nearestSites,
  type AccessByGroupResult,
  type AccessSummaryResult,
} from "../access/index.js";
import {
  AFC_MINUTES_PER_WTE_WEEK,
  bedsRequired,
  capacitatedAssignment,
  contactCapacity,
  crisisSlots,
  staffTravel,
  type ContactCapacityResult,
  type CrisisSlotsResult,
  type StaffTravelResult,
  type BedsRequiredTarget,
  type CapacitatedAssignmentResult,
  type CaseloadByZoneResult,
  type DemandByZoneResult,
} from "../capacity/index.js";
import {
  hierarchicalCatchments,
  nearestCatchments,
  type HierarchicalCatchmentsResult,
  type NearestCatchmentsResult,
} from "../catchment/index.js";
import { InvalidInputError, NotCoveredError, parseInput } from "../errors.js";
import { selectDestinations, type CostMatrix, type DemandZone, type ServiceNetwork, type Site } from "../model/index.js";
import { contentHash, graphContentHash, numbersHash } from "./content-hash.js";
import { createScenarioCache, type ScenarioCache, type TravelTimeSource } from "./create-scenario-cache.js";
import { memoSlot } from "./internal/memo.js";
import type { ScenarioMetric, ZoneOutcome } from "./metrics.js";
import { BedTargetOption, CacheOption, ModeSourceOption, ProviderOption, RouterOption, modeMatrix, outOfAreaOption, memoDerived, memoHash, memoResult, networkContent, prepareScenario, resolveBedTarget, usableLoadMemo, zoneRates } from "./prepare.js";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";
import { checkNetwork } from "../model/check-network.js";
import type { Router, TravelTimeProvider } from "../routing/index.js";
import type { Assert, Same } from "../internal/type-checks.js";

const WHERE = "evaluate";

/** The library version recorded in every result's provenance. */
export const LIBRARY_VERSION: string = `${packageJson.name}@${packageJson.version}`;

/**
 * The zod (`zod/mini`) schema that checks {@link EvaluateOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const EvaluateOptionsSchema = z.strictObject({
  /** A router over the network's road graph (`createRouter(network.graph)`); with a network without `graph`, its graph is used. */
  router: RouterOption,
  /** Any travel-time provider instead of the router (`matrixProvider` over an imported table, `euclideanProvider`, …). */
  provider: ProviderOption,
  /** A column cache from {@link createScenarioCache}, reused across evaluations (preferred for sweeps). */
  cache: CacheOption,
  /** Access thresholds, minutes. */
  thresholdsMinutes: z._default(z.array(z.number().check(z.nonnegative())).check(z.minLength(1)), [30, 45, 60]),
  /** Bed target; default the network's `assumptions.targetBlocking`, else `targetOccupancy`. */
  bedTarget: BedTargetOption,
  /** Each zone admitted wholly to one hub (or wholly out of area) rather than split. */
  singleSource: z._default(z.boolean(), false),
  /** Name of the mode the router, provider or cache times (the primary mode: capacity and catchments use it). */
  mode: z._default(z.string().check(z.minLength(1)), "car"),
  /** Other named modes, each with its own source: a provider (e.g. `matrixProvider` over an r5r table), a router, or a cache of either. */
  modes: z.optional(z.record(z.string().check(z.minLength(1)), ModeSourceOption)),
  /** The mode people without a car use (a name among `mode` and `modes`); households-without-a-car metrics use it. Default the primary mode. */
  noCarMode: z.optional(z.string().check(z.minLength(1))),
});
export interface EvaluateOptions {
  /**
   * A router over the network's road graph (`createRouter(network.graph)`); with a network without `graph`, its graph is used.
   */
  router?: Router;
  /**
   * Any travel-time provider instead of the router (`matrixProvider` over an imported table, `euclideanProvider`, …).
   */
  provider?: TravelTimeProvider;
  /**
   * A {@link createScenarioCache} cache over a router or provider (reused across calls). Default: none.
   */
  cache?: ScenarioCache;
  /**
   * Access thresholds, minutes.
   * @defaultValue `[30, 45, 60]`
   */
  thresholdsMinutes?: number[];
  /**
   * Bed target; default the network's `assumptions.targetBlocking`, else `targetOccupancy`.
   */
  bedTarget?: BedsRequiredTarget;
  /**
   * Each zone admitted wholly to one hub (or wholly out of area) rather than split.
   * @defaultValue `false`
   */
  singleSource?: boolean;
  /**
   * Name of the mode the router, provider or cache times (the primary mode: capacity and catchments use it).
   * @defaultValue `"car"`
   */
  mode?: string;
  /**
   * Other named modes, each with its own source: a provider (e.g. `matrixProvider` over an r5r table), a router, or a cache of either.
   */
  modes?: Record<string, Router | TravelTimeProvider | ScenarioCache>;
  /**
   * The mode people without a car use (a name among `mode` and `modes`); households-without-a-car metrics use it. Default the primary mode.
   */
  noCarMode?: string;
}
type EvaluateOptionsCheck = Assert<Same<EvaluateOptions, z.input<typeof EvaluateOptionsSchema>>>;

/** Beds for one ward type: system need against what the open hubs hold, and where patients go. */
export interface WardCapacity {
  readonly ward: string;
  /** Offered load, beds (mean beds occupied with unlimited beds). */
  readonly offeredLoad: number;
  /** Smallest bed count meeting the bed target for the whole system (pooled). */
  readonly bedsNeeded: number;
  /** Beds at open hubs. */
  readonly bedsAvailable: number;
  /** max(0, bedsNeeded − bedsAvailable). */
  readonly bedShortfall: number;
  /** Per open hub: beds, the load it can carry within the target, the load assigned, and the beds its assigned load would need. */
  readonly hubs: readonly {
    readonly hub: string;
    readonly beds: number;
    readonly usableLoad: number;
    readonly assignedLoad: number;
    readonly bedsNeededForAssigned: number;
    readonly nearestCatchmentLoad: number;
  }[];
  /** Capacitated assignment of zone load to hubs, overflow out of area. */
  readonly assignment: CapacitatedAssignmentResult;
}

/** What one scenario does to access, catchments, capacity, equity and cost. */
export interface ScenarioResult {
  readonly scenario: { readonly id: string; readonly name: string; readonly description: string | null; readonly changes: number };
  /** Headline figures, the rows of {@link compareScenarios}. */
  readonly metrics: readonly ScenarioMetric[];
  /** Per zone: nearest hub and spoke, minutes, and the hub reached through the spoke. */
  readonly zones: readonly ZoneOutcome[];
  readonly sites: { readonly hubs: readonly string[]; readonly spokes: readonly string[]; readonly unsnapped: readonly string[]; readonly islands: readonly string[] };
  readonly access: { readonly hub: AccessSummaryResult; readonly spoke: AccessSummaryResult | null };
  readonly catchments: { readonly nearest: NearestCatchmentsResult; readonly hierarchical: HierarchicalCatchmentsResult | null };
  readonly capacity: {
    readonly target: { readonly kind: "blocking" | "occupancy"; readonly value: number };
    readonly demand: DemandByZoneResult["totals"];
    readonly wards: readonly WardCapacity[];
    /** `costPerYear` is null when `assumptions.outOfArea` (the cost per bed-day) is missing. */
    readonly outOfArea: { readonly bedDaysPerYear: number; readonly costPerYear: number | null };
  };
  readonly equity: {
    readonly byImdDecile: AccessByGroupResult | null;
    readonly byUrbanRural: AccessByGroupResult | null;
    /** Access weighted by households without a car (null when zones carry no such count). */
    readonly householdsNoCar: AccessSummaryResult | null;
  };
  /** Community spokes (null without `assumptions.community` or open spokes): caseload, contacts, staff travel, crisis slots. */
  readonly community: {
    readonly caseload: number;
    readonly staffWte: number;
    readonly contacts: ContactCapacityResult;
    readonly staffTravel: StaffTravelResult;
    readonly crisis: CrisisSlotsResult;
  } | null;
  /** `runningCostPerYear` is null (unknown, never 0) when an open site has no running cost. */
  readonly estate: { readonly runningCostPerYear: number | null; readonly bySite: readonly { readonly site: string; readonly runningCostPerYear: number | null }[] };
  /** Present when `options.modes` is given: the primary and no-car modes, and each other mode's measures. */
  readonly modes?: ModesResult;
  readonly warnings: readonly string[];
  readonly provenance: {
    readonly library: string;
    readonly network: string;
    readonly graph: string | null;
    readonly scenario: string;
    readonly assumptions: string;
    readonly travelTimes: string;
  };
}

/** A metric key segment: lower-case letters, digits and hyphens. */
function metricKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "unnamed";
}

function metric(key: string, label: string, unit: string, better: ScenarioMetric["better"], value: number | null, reason?: string): ScenarioMetric {
  return value === null && reason !== undefined ? { key, label, unit, better, value, reason } : { key, label, unit, better, value };
}

/**
 * How a metric of one travel mode is named: the primary mode keeps the plain key
 * (`access.hub.meanMinutes`) and label; another mode's key ends `@<mode>` and its label says
 * the mode. With other modes present the primary's labels say its mode too.
 */
interface ModeLabel {
  readonly key: (key: string) => string;
  readonly label: (label: string) => string;
}

const PLAIN: ModeLabel = { key: (k) => k, label: (l) => l };

function modeLabel(mode: string, primary: boolean, labelled: boolean): ModeLabel {
  return {
    key: (k) => (primary ? k : `${k}@${mode}`),
    label: (l) => (labelled ? `${l}, ${mode}` : l),
  };
}

function accessMetrics(prefix: string, what: string, s: AccessSummaryResult, m: ModeLabel = PLAIN): ScenarioMetric[] {
  const out = [
    metric(m.key(`${prefix}.meanMinutes`), m.label(`Mean minutes to nearest ${what} (population-weighted)`), "minutes", "lower", s.meanMinutes),
    metric(m.key(`${prefix}.p90Minutes`), m.label(`90th percentile minutes to nearest ${what}`), "minutes", "lower", s.p90Minutes),
  ];
  for (const t of s.thresholds) out.push(metric(m.key(`${prefix}.within${t.minutes}`), m.label(`Population within ${t.minutes} min of a ${what}`), "share", "higher", t.share));
  out.push(metric(m.key(`${prefix}.unreachablePopulation`), m.label(`Population with no reachable ${what}`), "people", "lower", s.unreachablePopulation));
  return out;
}

function groupMean(result: AccessByGroupResult | null, groups: readonly (string | number)[]): number | null {
  if (result === null) return null;
  let w = 0;
  let sum = 0;
  for (const g of result.groups) {
    if (!groups.includes(g.group) || g.meanMinutes === null) continue;
    w += g.reachablePopulation;
    sum += g.reachablePopulation * g.meanMinutes;
  }
  return w > 0 ? sum / w : null;
}

/** Access to hubs and spokes, nearest-hub catchments and equity, from one mode's matrix. */
interface AccessPart {
  readonly hubAccess: AccessSummaryResult;
  readonly nearestHub: readonly NearestSite[];
  readonly nearestHubIndex: Int32Array;
  readonly nearest: NearestCatchmentsResult;
  readonly hasImd: boolean;
  readonly byImdDecile: AccessByGroupResult | null;
  readonly byUrbanRural: AccessByGroupResult | null;
  readonly spokeAccess: AccessSummaryResult | null;
  readonly nearestSpoke: readonly NearestSite[] | null;
}
type NearestSite = ReturnType<typeof nearestSites>["nearest"][number];

/** What every phase reads: the applied network, its open sites and the primary matrix. */
interface Context {
  readonly cache: ScenarioCache;
  readonly applied: ServiceNetwork;
  readonly zones: readonly DemandZone[];
  readonly matrix: CostMatrix;
  readonly hubs: readonly Site[];
  readonly spokes: readonly Site[];
  readonly hubIds: string[];
  readonly spokeIds: string[];
  readonly hubKey: string;
  readonly spokeKey: string;
  readonly thresholdsMinutes: readonly number[];
  readonly singleSource: boolean;
  readonly bedTarget: BedsRequiredTarget | undefined;
  readonly population: () => number[];
  readonly warnings: string[];
}

// the memo's slots: one per kind of piece, typed
const HUB_ACCESS = memoSlot<Omit<AccessPart, "spokeAccess" | "nearestSpoke">>("evaluate.hubs");
const SPOKE_ACCESS = memoSlot<Pick<AccessPart, "spokeAccess" | "nearestSpoke">>("evaluate.spokes");
const NO_CAR_ACCESS = memoSlot<AccessSummaryResult>("evaluate.noCar");
const HIERARCHICAL = memoSlot<{ result: HierarchicalCatchmentsResult; legWarnings: string[] }>("evaluate.hierarchical");
const WARD = memoSlot<WardCapacity>("evaluate.ward");
const ASSIGNMENT = memoSlot<CapacitatedAssignmentResult>("assignment");
const COMMUNITY = memoSlot<ReturnType<typeof communityPart>>("evaluate.community");

// Pieces that read only some columns are memoised per zones array (in the mode's cache) and
// keyed by those columns' sites (id and location) and whatever else they read, so a spoke
// change reuses every hub measure and a hub change every spoke measure. Each piece is a pure
// function of its key, so a reused piece is exactly what computing it again would give.
function accessPart(cache: ScenarioCache, ctx: Context, matrix: CostMatrix): AccessPart {
  const { zones, hubIds, spokeIds } = ctx;
  const thresholds = { thresholdsMinutes: [...ctx.thresholdsMinutes] };
  const thresholdKey = ctx.thresholdsMinutes.join(",");
  const hub = memoDerived(cache, HUB_ACCESS, zones, [thresholdKey, ctx.hubKey], () => {
    const pop = ctx.population();
    const hasImd = zones.some((z) => z.imdDecile !== undefined);
    const hasRural = zones.some((z) => z.urbanRural !== undefined);
    const nearestHub = nearestSites(matrix, { among: hubIds }).nearest;
    const hubIndex = new Map(hubIds.map((id, j) => [id, j]));
    return {
      hubAccess: accessSummary(matrix, pop, { ...thresholds, among: hubIds }),
      nearestHub,
      nearestHubIndex: Int32Array.from(nearestHub, (n) => (n.destination === null ? -1 : (hubIndex.get(n.destination) ?? -1))),
      nearest: nearestCatchments(matrix, { among: hubIds, population: pop }),
      hasImd,
      byImdDecile: hasImd ? accessByGroup(matrix, pop, zones.map((z) => z.imdDecile ?? "unknown"), { ...thresholds, among: hubIds }) : null,
      byUrbanRural: hasRural ? accessByGroup(matrix, pop, zones.map((z) => z.urbanRural ?? "unknown"), { ...thresholds, among: hubIds }) : null,
    };
  });
  const spoke =
    spokeIds.length === 0
      ? null
      : memoDerived(cache, SPOKE_ACCESS, zones, [thresholdKey, ctx.spokeKey], () => ({
          spokeAccess: accessSummary(matrix, ctx.population(), { ...thresholds, among: spokeIds }),
          nearestSpoke: nearestSites(matrix, { among: spokeIds }).nearest,
        }));
  return { ...hub, spokeAccess: spoke?.spokeAccess ?? null, nearestSpoke: spoke?.nearestSpoke ?? null };
}

/** Access weighted by households without a car, on the matrix of the mode they use (null without counts). */
function noCarPart(cache: ScenarioCache, ctx: Context, matrix: CostMatrix): AccessSummaryResult | null {
  if (!ctx.zones.some((z) => z.householdsNoCar !== undefined)) return null;
  return memoDerived(cache, NO_CAR_ACCESS, ctx.zones, [ctx.thresholdsMinutes.join(","), ctx.hubKey], () =>
    accessSummary(matrix, ctx.zones.map((z) => z.householdsNoCar ?? 0), { thresholdsMinutes: [...ctx.thresholdsMinutes], among: ctx.hubIds }),
  );
}

/** Zone → nearest open spoke → its hub (null without open spokes, warned). */
function hierarchicalPart(ctx: Context): HierarchicalCatchmentsResult | null {
  const { cache, zones, spokes, hubs, warnings } = ctx;
  if (spokes.length === 0) {
    warnings.push("evaluate: the network has no open spoke; hierarchical catchments are omitted");
    return null;
  }
  const parentKey = JSON.stringify(spokes.map((s) => s.hub ?? ""));
  const part = memoDerived(cache, HIERARCHICAL, zones, [ctx.hubKey, ctx.spokeKey, parentKey], () => {
    const legWarnings: string[] = [];
    const result = hierarchicalCatchments(ctx.applied, ctx.matrix, { spokeHubMinutes: spokeHubLegs(cache, spokes, hubs, legWarnings) });
    return { result, legWarnings };
  });
  for (const w of part.legWarnings) warnings.push(w);
  for (const w of part.result.warnings) warnings.push(w);
  return part.result;
}

/** Beds per ward: need under the target against open hubs' beds, and a capacitated assignment. */
function capacityPart(ctx: Context, nearestHubIndex: Int32Array) {
  const { cache, applied, zones, hubs, hubIds, spokes, warnings } = ctx;
  const target = resolveBedTarget(WHERE, applied, ctx.bedTarget, warnings);
  const oaOptions = outOfAreaOption(WHERE, applied, warnings);
  const rates = zoneRates(cache, applied, applied.assumptions.community !== undefined && spokes.length > 0);
  const demand = rates.demand;
  for (const w of demand.warnings) warnings.push(w);
  const oaKey = JSON.stringify(oaOptions);
  const targetKey = JSON.stringify(target);
  let hubMatrix: CostMatrix | null = null;
  const wards: WardCapacity[] = [];
  let oaBedDays = 0;
  let oaCost = 0;
  for (const ward of demand.wards) {
    const load = demand.offeredLoad[ward];
    const beds = hubs.map((h) => h.beds?.[ward] ?? 0);
    const loadKey = memoHash(cache, load, () => numbersHash(load));
    const entry = memoDerived(cache, WARD, zones, [ward, rates.key, loadKey, ctx.hubKey, beds.join(","), targetKey, oaKey, ctx.singleSource], (): WardCapacity => {
      const total = demand.totals[ward].offeredLoadBeds;
      const usable = beds.map((b) => usableLoadMemo(cache, b, target));
      // same hubs (id and location), loads, capacities and options: same exact assignment, so reuse it
      const hubsKey = JSON.stringify(hubs.map((h) => [h.id, h.location[0], h.location[1]]));
      const assignment = memoResult(cache, ASSIGNMENT, [hubsKey, loadKey, numbersHash(usable), oaKey, ctx.singleSource], () => {
        hubMatrix ??= selectDestinations(ctx.matrix, hubIds);
        return capacitatedAssignment(hubMatrix, load, usable, { outOfArea: oaOptions, singleSource: ctx.singleSource });
      });
      return wardCapacity({ ward, total, beds, usable, load, nearestHubIndex, assignment, hubs, target });
    });
    wards.push(entry);
    oaBedDays += entry.assignment.outOfArea?.bedDaysPerYear ?? 0;
    oaCost += entry.assignment.outOfArea?.costPerYear ?? 0;
  }
  // the cost of a bed-day out of area is an assumption: without it the cost is unknown, not 0
  return { target, rates, demand, wards, oaBedDays, oaCost: applied.assumptions.outOfArea === undefined ? null : oaCost };
}

/** One ward type's inputs and solved assignment, handed to {@link wardCapacity}. */
interface WardCapacityInput {
  ward: string;
  /** Offered load (occupied-bed equivalents) over all zones. */
  total: number;
  beds: readonly number[];
  usable: readonly number[];
  load: readonly number[];
  nearestHubIndex: Int32Array;
  assignment: CapacitatedAssignmentResult;
  hubs: readonly Site[];
  target: BedsRequiredTarget;
}

function wardCapacity(input: WardCapacityInput): WardCapacity {
  const { ward, total, beds, usable, load, nearestHubIndex, assignment, hubs, target } = input;
  const catchmentLoad = new Array<number>(hubs.length).fill(0);
  nearestHubIndex.forEach((j, i) => {
    if (j >= 0) catchmentLoad[j] += load[i];
  });
  const bedsAvailable = beds.reduce((a, b) => a + b, 0);
  const bedsNeeded = bedsRequired(total, target).beds;
  const sites = assignment.sites;
  return {
    ward,
    offeredLoad: total,
    bedsNeeded,
    bedsAvailable,
    bedShortfall: Math.max(0, bedsNeeded - bedsAvailable),
    hubs: hubs.map((h, j) => ({
      hub: h.id,
      beds: beds[j],
      usableLoad: usable[j],
      assignedLoad: sites[j].load,
      bedsNeededForAssigned: bedsRequired(sites[j].load, target).beds,
      nearestCatchmentLoad: catchmentLoad[j],
    })),
    assignment,
  };
}

/** Community spokes: zones to their nearest open spoke (spoke columns and fields only). */
function communityPhase(ctx: Context, rates: ReturnType<typeof zoneRates>): { community: ScenarioResult["community"]; metrics: ScenarioMetric[] } {
  const { cache, applied, zones, spokes, warnings } = ctx;
  const assumptions = applied.assumptions;
  if (assumptions.community === undefined || spokes.length === 0) {
    if (spokes.length > 0) warnings.push("evaluate: assumptions.community is missing; community spoke measures are omitted");
    return { community: null, metrics: [] };
  }
  const cases = rates.caseload!;
  for (const w of cases.warnings) warnings.push(w);
  const spokeFields = JSON.stringify(spokes.map((s) => [s.staffWte ?? null, s.runningCostPerYear ?? null, s.crisisSlotsPerDay ?? null]));
  const assumptionsKey = memoHash(cache, assumptions, () => contentHash(assumptions));
  const part = memoDerived(cache, COMMUNITY, zones, [rates.key, assumptionsKey, ctx.spokeKey, spokeFields], () =>
    communityPart(assumptions, spokes, ctx.spokeIds, ctx.matrix, cases),
  );
  for (const w of part.warnings) warnings.push(w);
  return { community: part.community, metrics: part.metrics };
}

/** Running cost of the open hubs and spokes; unknown (null, warned) when any open site has no cost. */
function estatePart(applied: ServiceNetwork, warnings: string[]): ScenarioResult["estate"] {
  const open = applied.sites.filter((s) => s.status === "open" && s.kind !== "candidate");
  const missingCost = open.filter((s) => s.runningCostPerYear === undefined).map((s) => s.id);
  if (missingCost.length > 0) warnings.push(`evaluate: ${missingCost.length} of ${open.length} open site(s) have no runningCostPerYear, so estate running cost is unknown: ${missingCost.slice(0, 10).join(", ")}`);
  const runningCostPerYear = missingCost.length > 0 ? null : open.reduce((a, s) => a + (s.runningCostPerYear ?? 0), 0);
  return { runningCostPerYear, bySite: open.map((s) => ({ site: s.id, runningCostPerYear: s.runningCostPerYear ?? null })) };
}

function zoneOutcomes(zones: readonly DemandZone[], a: AccessPart, hierarchical: HierarchicalCatchmentsResult | null): ZoneOutcome[] {
  const hierZones = hierarchical?.zones ?? null;
  return zones.map((z, i) => ({
    zone: z.id,
    population: z.population,
    imdDecile: z.imdDecile ?? null,
    district: z.district ?? null,
    urbanRural: z.urbanRural ?? null,
    hub: a.nearestHub[i].destination,
    hubMinutes: a.nearestHub[i].minutes,
    spoke: a.nearestSpoke === null ? null : a.nearestSpoke[i].destination,
    spokeMinutes: a.nearestSpoke === null ? Infinity : a.nearestSpoke[i].minutes,
    hierarchicalHub: hierZones === null ? null : hierZones[i].hub,
  }));
}

/** Rows of several lists, first of each, then second of each, …; a longer list's extra rows follow in order. */
function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const n = Math.max(0, ...lists.map((l) => l.length));
  for (let k = 0; k < n; k++) for (const l of lists) if (k < l.length) out.push(l[k]);
  return out;
}

/** Access to hubs and spokes, one mode. */
function modeAccessMetrics(a: AccessPart, m: ModeLabel): ScenarioMetric[] {
  const out = accessMetrics("access.hub", "hub", a.hubAccess, m);
  if (a.spokeAccess !== null) out.push(...accessMetrics("access.spoke", "spoke", a.spokeAccess, m));
  return out;
}

/** Equity by deprivation and urban/rural class, one mode. */
function equityMetrics(a: AccessPart, m: ModeLabel): ScenarioMetric[] {
  const out: ScenarioMetric[] = [];
  if (a.byImdDecile !== null) {
    const most = groupMean(a.byImdDecile, [1, 2]);
    const least = groupMean(a.byImdDecile, [9, 10]);
    out.push(metric(m.key("equity.mostDeprived.meanMinutes"), m.label("Mean minutes to hub, IMD deciles 1–2"), "minutes", "lower", most));
    out.push(metric(m.key("equity.leastDeprived.meanMinutes"), m.label("Mean minutes to hub, IMD deciles 9–10"), "minutes", "lower", least));
    out.push(metric(m.key("equity.deprivationGapMinutes"), m.label("Deprivation gap (deciles 1–2 minus 9–10)"), "minutes", "lower", most === null || least === null ? null : most - least, "no reachable population in IMD deciles 1–2 or 9–10"));
  }
  if (a.byUrbanRural !== null) {
    for (const g of a.byUrbanRural.groups) out.push(metric(m.key(`equity.${metricKey(String(g.group))}.meanMinutes`), m.label(`Mean minutes to hub, ${String(g.group)}`), "minutes", "lower", g.meanMinutes));
  }
  return out;
}

/** The households-without-a-car metrics, labelled with the mode they were measured on. */
function noCarMetrics(noCar: AccessSummaryResult | null, mode: string): ScenarioMetric[] {
  if (noCar === null) return [];
  const t = noCar.thresholds[noCar.thresholds.length - 1];
  return [
    metric("equity.noCar.meanMinutes", `Mean minutes to hub, households without a car (by ${mode})`, "minutes", "lower", noCar.meanMinutes),
    metric(`equity.noCar.within${t.minutes}`, `Households without a car within ${t.minutes} min of a hub (by ${mode})`, "share", "higher", t.share),
  ];
}

function capacityMetrics(ctx: Context, cap: ReturnType<typeof capacityPart>): ScenarioMetric[] {
  const out: ScenarioMetric[] = [];
  for (const w of cap.wards) {
    const name = ctx.applied.assumptions.wards[w.ward].label ?? w.ward;
    out.push(metric(`capacity.${w.ward}.offeredLoad`, `${name}: offered load`, "beds", "neither", w.offeredLoad));
    out.push(metric(`capacity.${w.ward}.bedsNeeded`, `${name}: beds needed`, "beds", "neither", w.bedsNeeded));
    out.push(metric(`capacity.${w.ward}.bedsAvailable`, `${name}: beds available`, "beds", "neither", w.bedsAvailable));
    out.push(metric(`capacity.${w.ward}.bedShortfall`, `${name}: bed shortfall`, "beds", "lower", w.bedShortfall));
    out.push(metric(`capacity.${w.ward}.outOfAreaBedDays`, `${name}: out-of-area bed-days`, "bed-days/year", "lower", w.assignment.outOfArea?.bedDaysPerYear ?? 0));
  }
  out.push(metric("capacity.outOfAreaBedDays", "Out-of-area bed-days", "bed-days/year", "lower", cap.oaBedDays));
  out.push(metric("capacity.outOfAreaCost", "Out-of-area cost", "£/year", "lower", cap.oaCost, "assumptions.outOfArea (cost per bed-day) is missing"));
  return out;
}

function hierarchicalMetric(ctx: Context, hierarchical: HierarchicalCatchmentsResult): ScenarioMetric {
  const extra = hierarchical.zones.reduce((acc, hz, i) => (hz.extraMinutes !== null && Number.isFinite(hz.extraMinutes) ? acc + hz.extraMinutes * ctx.zones[i].population : acc), 0);
  const totalPop = ctx.population().reduce((a, b) => a + b, 0);
  return metric("catchment.hierarchicalExtraMinutes", "Mean extra minutes to the spoke's hub vs the nearest hub", "minutes", "lower", totalPop > 0 ? extra / totalPop : null);
}

/** One other travel mode's measures (access, nearest-hub catchments, equity), from its own source. */
export interface ModeOutcome {
  readonly mode: string;
  /** Engine of the mode's travel times, e.g. `"r5r"`, `"hubspoke-router"`. */
  readonly engine: string;
  readonly access: { readonly hub: AccessSummaryResult; readonly spoke: AccessSummaryResult | null };
  readonly catchments: { readonly nearest: NearestCatchmentsResult };
  readonly equity: { readonly byImdDecile: AccessByGroupResult | null; readonly byUrbanRural: AccessByGroupResult | null };
  /** Per zone: nearest hub and spoke by this mode (`Infinity` minutes when none is reachable). */
  readonly zones: readonly { readonly zone: string; readonly hub: string | null; readonly hubMinutes: number; readonly spoke: string | null; readonly spokeMinutes: number }[];
}

/** The modes part of the result: which is primary, which households without a car use, and each other mode's measures. */
export interface ModesResult {
  readonly primary: string;
  readonly noCar: string;
  readonly others: readonly ModeOutcome[];
}

/** Each other mode's matrix for the applied network (its own cache), with its access part. */
function otherModes(ctx: Context, parsed: Scenario, network: ServiceNetwork, modes: Readonly<Record<string, TravelTimeSource | ScenarioCache>>, caches: Map<string, ScenarioCache>) {
  const out: { mode: string; cache: ScenarioCache; matrix: CostMatrix; part: AccessPart }[] = [];
  for (const [mode, given] of Object.entries(modes)) {
    const cache = caches.get(mode) ?? (isScenarioCache(given) ? given : createScenarioCache(given));
    caches.set(mode, cache);
    const matrix = modeMatrix(WHERE, network, parsed, ctx.applied, cache, [...ctx.hubs, ...ctx.spokes], mode);
    out.push({ mode, cache, matrix, part: accessPart(cache, ctx, matrix) });
  }
  return out;
}

function isScenarioCache(v: unknown): v is ScenarioCache {
  return v !== null && typeof v === "object" && typeof (v as ScenarioCache).matrix === "function" && typeof (v as ScenarioCache).legMatrix === "function";
}

function modeOutcome(mode: string, engine: string, a: AccessPart, zones: readonly DemandZone[]): ModeOutcome {
  return {
    mode,
    engine,
    access: { hub: a.hubAccess, spoke: a.spokeAccess },
    catchments: { nearest: a.nearest },
    equity: { byImdDecile: a.byImdDecile, byUrbanRural: a.byUrbanRural },
    zones: zones.map((z, i) => ({
      zone: z.id,
      hub: a.nearestHub[i].destination,
      hubMinutes: a.nearestHub[i].minutes,
      spoke: a.nearestSpoke === null ? null : a.nearestSpoke[i].destination,
      spokeMinutes: a.nearestSpoke === null ? Infinity : a.nearestSpoke[i].minutes,
    })),
  };
}

/** Check the modes options: names unique and non-empty, the no-car mode one of them. */
function checkModes(opts: z.output<typeof EvaluateOptionsSchema>, raw: EvaluateOptions): { names: string[]; noCar: string } {
  const others = Object.keys(opts.modes ?? {});
  // a name the record could not hold as its own key (e.g. "__proto__") would vanish: refuse it
  const given = raw.modes === undefined || raw.modes === null ? [] : Object.keys(raw.modes);
  const lost = given.filter((k) => !others.includes(k));
  if (lost.length > 0) throw new InvalidInputError(WHERE, lost.map((k) => ({ path: "options.modes", message: `mode name "${k}" is reserved; choose another name` })));
  const names = [opts.mode, ...others];
  const issues: { path: string; message: string }[] = [];
  if (others.includes(opts.mode)) issues.push({ path: `options.modes.${opts.mode}`, message: `"${opts.mode}" is the primary mode (options.mode); give the other modes other names` });
  const noCar = opts.noCarMode ?? opts.mode;
  if (!names.includes(noCar)) issues.push({ path: "options.noCarMode", message: `"${noCar}" is not a mode (modes: ${names.map((n) => `"${n}"`).join(", ")})` });
  if (issues.length > 0) throw new InvalidInputError(WHERE, issues);
  return { names, noCar };
}

/**
 * Evaluate one scenario: apply it to the network, route zones to the open sites, and measure
 * access, catchments, capacity, equity and estate cost, with warnings and provenance.
 *
 * Method: {@link applyScenario}; a zones × open-sites travel-time matrix from the router
 * (through a {@link ScenarioCache}, so unchanged sites reuse their columns: closing a site
 * drops a column, opening or moving one computes one, and only road changes route afresh on
 * the changed graph; pieces that read only the hubs' or only the spokes' columns are kept in
 * the cache by those sites, so a spoke change re-uses every hub measure and vice versa, with a
 * byte-identical result to evaluating from scratch); access to the nearest hub and spoke
 * ({@link accessSummary}); nearest and hierarchical catchments (zone → nearest open spoke →
 * its hub); inpatient demand per zone ({@link demandByZone}); beds needed under Erlang's loss model ({@link bedsRequired};
 * pooled over the system) against beds at open hubs; an exact capacitated assignment of zone
 * load to hubs with overflow out of area ({@link capacitatedAssignment}), each hub carrying at
 * most the load its beds hold within the bed target; equity as access by IMD decile and
 * urban/rural ({@link accessByGroup}) and weighted by households without a car.
 *
 * Deterministic: the same network, scenario and options give a byte-identical
 * `JSON.stringify(result)`. `provenance` holds FNV-1a 64 content hashes of the network, road
 * graph, scenario and (post-scenario) assumptions, and the library version.
 *
 * @param network - The baseline network (with `graph` unless a router is given).
 * @param scenario - The option to evaluate; `{ id: "baseline", name: "Baseline" }` (no changes) for the baseline.
 * @returns A {@link ScenarioResult}: minutes, people, beds, bed-days per year, £ per year.
 * @throws {@link InvalidInputError} for a malformed scenario or options (an unknown
 *   `noCarMode`, a mode named like the primary), or when there is no source of travel times.
 * @throws {@link GraphMismatchError} when `router` or `cache` was built on another graph than `network.graph`.
 * @throws {@link NotCoveredError} when a fixed table lacks a zone or a site the scenario needs,
 *   the scenario moves a site a fixed table holds, or changes roads for a mode without a router
 *   (path `changes[i]`, naming the mode).
 * @throws {@link UnknownIdError} and {@link InvalidInputError} from {@link applyScenario}
 *   (paths `changes[i].…`).
 * @example
 * // public transport from an r5r table beside car from the roads
 * const pt = evaluate(network, option, { modes: { "public transport": matrixProvider(table) }, noCarMode: "public transport" });
 * @example
 * const cache = createScenarioCache(createRouter(network.graph));
 * const baseline = evaluate(network, { id: "baseline", name: "Baseline" }, { cache });
 * const option = evaluate(network, { id: "two-hubs", name: "Two hubs",
 *   changes: [{ type: "closeSite", siteId: "hub-c", reassignSpokesTo: "hub-a" }] }, { cache });
 * option.capacity.outOfArea.bedDaysPerYear - baseline.capacity.outOfArea.bedDaysPerYear;
 */
export function evaluate(network: ServiceNetwork, scenario: ScenarioInput | Scenario, options: EvaluateOptions = {}): ScenarioResult {
  checkNetwork(WHERE, network);
  const opts = parseInput(WHERE, EvaluateOptionsSchema, options, "options");
  const parsed = parseInput(WHERE, ScenarioSchema, scenario, "scenario");
  const modeNames = checkModes(opts, options);
  const { applied, cache, matrix, hubs, spokes, warnings, travelTimes } = prepareScenario(WHERE, network, parsed, opts, opts.mode);
  const zones = applied.zones;
  let populationMemo: number[] | null = null;
  const ctx: Context = {
    cache,
    applied,
    zones,
    matrix,
    hubs,
    spokes,
    hubIds: hubs.map((s) => s.id),
    spokeIds: spokes.map((s) => s.id),
    hubKey: sitesKey(hubs),
    spokeKey: sitesKey(spokes),
    thresholdsMinutes: opts.thresholdsMinutes,
    singleSource: opts.singleSource,
    bedTarget: opts.bedTarget,
    population: () => (populationMemo ??= zones.map((z) => z.population)),
    warnings,
  };
  const access = accessPart(cache, ctx, matrix);
  const others = otherModes(ctx, parsed, network, opts.modes ?? {}, new Map());
  const hierarchical = hierarchicalPart(ctx);
  if (access.hasImd && zones.some((z) => z.imdDecile === undefined)) warnings.push("evaluate: some zones have no IMD decile; they are grouped as \"unknown\"");
  const cap = capacityPart(ctx, access.nearestHubIndex);
  const community = communityPhase(ctx, cap.rates);
  const estate = estatePart(applied, warnings);
  const noCarSource = others.find((o) => o.mode === modeNames.noCar) ?? { cache, matrix };
  const noCar = noCarPart(noCarSource.cache, ctx, noCarSource.matrix);
  if (others.length > 0 && opts.noCarMode === undefined && noCar !== null) {
    warnings.push(`evaluate: households without a car are measured by ${opts.mode}; set noCarMode to the mode they use (${others.map((o) => o.mode).join(", ")})`);
  }

  const labelled = others.length > 0;
  const primary = labelled ? modeLabel(opts.mode, true, true) : PLAIN;
  // each mode's row right after the primary's, so reports read the modes side by side
  const byMode = (rows: (a: AccessPart, m: ModeLabel) => ScenarioMetric[]) =>
    interleave([rows(access, primary), ...others.map((o) => rows(o.part, modeLabel(o.mode, false, true)))]);
  const metrics: ScenarioMetric[] = byMode(modeAccessMetrics);
  if (hierarchical !== null) metrics.push(hierarchicalMetric(ctx, hierarchical));
  metrics.push(...capacityMetrics(ctx, cap));
  metrics.push(...byMode(equityMetrics));
  metrics.push(...noCarMetrics(noCar, modeNames.noCar));
  metrics.push(...community.metrics);
  const missingCosts = estate.bySite.filter((s) => s.runningCostPerYear === null).length;
  metrics.push(metric("estate.runningCostPerYear", "Estate running cost", "£/year", "lower", estate.runningCostPerYear, `${missingCosts} of ${estate.bySite.length} open sites have no runningCostPerYear`));
  metrics.push(metric("estate.openHubs", "Open hubs", "sites", "neither", hubs.length));
  metrics.push(metric("estate.openSpokes", "Open spokes", "sites", "neither", spokes.length));

  for (const w of [...access.hubAccess.warnings, ...access.nearest.warnings, ...(access.byImdDecile?.warnings ?? [])]) warnings.push(w);
  for (const o of others) for (const w of [...o.part.hubAccess.warnings, ...o.part.nearest.warnings]) warnings.push(`${w} (${o.mode})`);

  const memo = opts.cache;
  const graphHash = applied.graph === undefined ? null : memoHash(memo, applied.graph, () => graphContentHash(applied.graph as never));
  return {
    scenario: { id: parsed.id, name: parsed.name, description: parsed.description ?? null, changes: parsed.changes.length },
    metrics,
    zones: zoneOutcomes(zones, access, hierarchical),
    sites: { hubs: ctx.hubIds, spokes: ctx.spokeIds, unsnapped: matrix.unsnapped, islands: matrix.islands },
    access: { hub: access.hubAccess, spoke: access.spokeAccess },
    catchments: { nearest: access.nearest, hierarchical },
    capacity: {
      target: "targetBlocking" in cap.target ? { kind: "blocking", value: cap.target.targetBlocking } : { kind: "occupancy", value: cap.target.targetOccupancy },
      demand: cap.demand.totals,
      wards: cap.wards,
      outOfArea: { bedDaysPerYear: cap.oaBedDays, costPerYear: cap.oaCost },
    },
    equity: { byImdDecile: access.byImdDecile, byUrbanRural: access.byUrbanRural, householdsNoCar: noCar },
    community: community.community,
    estate,
    ...(opts.modes === undefined ? {} : { modes: { primary: opts.mode, noCar: modeNames.noCar, others: others.map((o) => modeOutcome(o.mode, o.cache.engine, o.part, zones)) } }),
    warnings: [...new Set(warnings)],
    provenance: {
      library: LIBRARY_VERSION,
      network: memoHash(memo, network, () => contentHash(networkContent(network))),
      graph: graphHash,
      scenario: contentHash(parsed),
      assumptions: memoHash(cache, applied.assumptions, () => contentHash(applied.assumptions)),
      travelTimes,
    },
  };
}

/** Sites' columns as a key: ids and locations, in order. */
function sitesKey(sites: readonly Site[]): string {
  return JSON.stringify(sites.map((s) => [s.id, s.location[0], s.location[1]]));
}

/**
 * The spokes × hubs leg matrix hierarchicalCatchments reads: each open spoke's row holds the
 * minutes to its own hub (memoised per cell in the cache, one reverse search per hub with a
 * missing cell); it reads no other cell, so those stay Infinity rather than being routed.
 */
function spokeHubLegs(cache: ScenarioCache, spokes: readonly Site[], hubs: readonly Site[], warnings: string[]): CostMatrix {
  const minutes = new Float64Array(spokes.length * hubs.length).fill(Infinity);
  hubs.forEach((hub, j) => {
    const rows: number[] = [];
    spokes.forEach((s, i) => {
      if (s.hub === hub.id) rows.push(i);
    });
    if (rows.length === 0) return;
    let leg: CostMatrix;
    try {
      leg = cache.legMatrix(rows.map((i) => spokes[i]), [hub]);
    } catch (error) {
      if (!(error instanceof NotCoveredError)) throw error;
      if (warnings.length === 0) warnings.push(`evaluate: the ${cache.engine} travel times have no spoke → hub rows (e.g. "${error.id}"), so spoke → hub leg minutes are unknown (null); give the table rows for the spokes to time them`);
      return;
    }
    rows.forEach((i, r) => {
      minutes[i * hubs.length + j] = leg.minutes[r];
    });
  });
  return { origins: spokes.map((s) => s.id), destinations: hubs.map((h) => h.id), minutes };
}

/** Community spoke measures: caseload to the nearest open spoke, staff travel, contacts and crisis slots. */
function communityPart(
  assumptions: ServiceNetwork["assumptions"],
  spokes: readonly Site[],
  spokeIds: readonly string[],
  matrix: CostMatrix,
  cases: CaseloadByZoneResult,
): { community: NonNullable<ScenarioResult["community"]>; metrics: ScenarioMetric[]; warnings: string[] } {
  const c = assumptions.community!;
  const warnings: string[] = [];
  const spokeMatrix = selectDestinations(matrix, spokeIds);
  const staffWte: Record<string, number> = {};
  const missingStaff: string[] = [];
  for (const s of spokes) {
    if (s.staffWte === undefined) missingStaff.push(s.id);
    staffWte[s.id] = s.staffWte ?? 0;
  }
  if (missingStaff.length > 0) warnings.push(`evaluate: ${missingStaff.length} of ${spokes.length} open spoke(s) have no staffWte, so staffing measures are unknown: ${missingStaff.slice(0, 10).join(", ")}`);
  // a spoke with no staffWte is unknown, not unstaffed: measures that read staffing are null
  const staffKnown = missingStaff.length === 0;
  const staffReason = `${missingStaff.length} of ${spokes.length} open spokes have no staffWte`;
  const ifStaffed = (v: number | null): number | null => (staffKnown ? v : null);
  const travel = staffTravel(spokeMatrix, cases.caseload, "nearest", { community: c, staffWte });
  for (const w of travel.warnings) warnings.push(w);
  const contacts = contactCapacity(
    spokes.map((s, j) => ({
      id: s.id,
      caseload: travel.bases[j].caseload,
      staffWte: staffWte[s.id],
      travelMinutesPerHomeVisit: travel.bases[j].meanStaffMinutesPerHomeVisit,
      ...(s.runningCostPerYear === undefined ? {} : { runningCostPerYear: s.runningCostPerYear }),
    })),
    assumptions,
  );
  const spokeIndex = new Map(spokeIds.map((id, j) => [id, j]));
  const crisisDemand = new Array<number>(spokes.length).fill(0);
  travel.zones.forEach((z, i) => {
    const j = z.base === null ? -1 : (spokeIndex.get(z.base) ?? -1);
    if (j >= 0) crisisDemand[j] += cases.zones[i].crisisContactsPerDay;
  });
  const crisis = crisisSlots(
    spokes.map((s, j) => ({ id: s.id, meanPerDay: crisisDemand[j], ...(s.crisisSlotsPerDay === undefined ? {} : { slotsPerDay: s.crisisSlotsPerDay }) })),
    c.crisisShortfallTarget === undefined ? {} : { target: c.crisisShortfallTarget.value },
  );
  const totalWte = spokes.reduce((a, s) => a + staffWte[s.id], 0);
  const caseload = travel.bases.reduce((a, b) => a + b.caseload, 0);
  let shortWeight = 0;
  let shortSum = 0;
  let worst: number | null = null;
  crisis.spokes.forEach((sp) => {
    if (sp.probabilityShort === null) return;
    shortWeight += sp.meanPerDay;
    shortSum += sp.meanPerDay * sp.probabilityShort;
    worst = worst === null ? sp.probabilityShort : Math.max(worst, sp.probabilityShort);
  });
  const t = travel.totals;
  return {
    community: { caseload, staffWte: totalWte, contacts, staffTravel: travel, crisis },
    metrics: [
      metric("community.caseload", "Community caseload", "people", "neither", caseload),
      metric("community.caseloadPerWte", "Caseload per WTE", "ratio", "lower", ifStaffed(totalWte > 0 ? caseload / totalWte : null), staffKnown ? "no staff at open spokes" : staffReason),
      metric("community.contactShortfall", "Contact shortfall", "contacts/week", "lower", ifStaffed(contacts.totals.shortfallContactsPerWeek), staffReason),
      metric("community.wteShortfall", "Staff shortfall", "WTE", "lower", ifStaffed(contacts.totals.shortfallWte), staffReason),
      metric("community.staffTravelShare", "Share of staff time spent travelling", "share", "lower", ifStaffed(totalWte > 0 ? t.staffTravelMinutesPerWeek / (totalWte * AFC_MINUTES_PER_WTE_WEEK) : null), staffKnown ? "no staff at open spokes" : staffReason),
      metric("community.staffTravelMinutesPerWeek", "Staff travel minutes", "minutes/week", "lower", t.staffTravelMinutesPerWeek),
      metric("community.patientMinutesPerClinicContact", "Patient minutes per clinic contact (out and back)", "minutes", "lower", t.clinicContactsPerWeek > 0 ? t.patientTravelMinutesPerWeek / t.clinicContactsPerWeek : null),
      metric("community.crisisShortfallProbability", "Crisis-day shortfall probability (demand-weighted)", "probability", "lower", shortWeight > 0 ? shortSum / shortWeight : null),
      metric("community.crisisShortfallWorst", "Crisis-day shortfall probability (worst spoke)", "probability", "lower", worst),
    ],
    warnings,
  };
}
