import { z } from "zod";
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
import { parseInput } from "../errors.js";
import { selectDestinations, type CostMatrix, type ServiceNetwork, type Site } from "../model/index.js";
import { contentHash, graphContentHash, numbersHash } from "./content-hash.js";
import type { ScenarioCache } from "./create-scenario-cache.js";
import type { ScenarioMetric, ZoneOutcome } from "./metrics.js";
import { BedTargetOption, CacheOption, RouterOption, outOfAreaOption, memoDerived, memoHash, networkContent, prepareScenario, resolveBedTarget, usableLoadMemo, zoneRates } from "./prepare.js";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";
import { checkNetwork } from "../model/check-network.js";

const WHERE = "evaluate";

/** The library version recorded in every result's provenance. */
export const LIBRARY_VERSION: string = `${packageJson.name}@${packageJson.version}`;

export const EvaluateOptionsSchema = z.strictObject({
  /** A router over the network's road graph (`createRouter(network.graph)`). */
  router: RouterOption,
  /** A column cache from {@link createScenarioCache}, reused across evaluations (preferred for sweeps). */
  cache: CacheOption,
  /** Access thresholds, minutes. */
  thresholdsMinutes: z.array(z.number().nonnegative()).min(1).default([30, 45, 60]),
  /** Bed target; default the network's `assumptions.targetBlocking`, else `targetOccupancy`. */
  bedTarget: BedTargetOption,
  /** Each zone admitted wholly to one hub (or wholly out of area) rather than split. */
  singleSource: z.boolean().default(false),
});
export type EvaluateOptions = z.input<typeof EvaluateOptionsSchema>;

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
    readonly outOfArea: { readonly bedDaysPerYear: number; readonly costPerYear: number };
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
  readonly estate: { readonly runningCostPerYear: number; readonly bySite: readonly { readonly site: string; readonly runningCostPerYear: number | null }[] };
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

function metric(key: string, label: string, unit: string, better: ScenarioMetric["better"], value: number | null): ScenarioMetric {
  return { key, label, unit, better, value };
}

function accessMetrics(prefix: string, what: string, s: AccessSummaryResult): ScenarioMetric[] {
  const out = [
    metric(`${prefix}.meanMinutes`, `Mean minutes to nearest ${what} (population-weighted)`, "minutes", "lower", s.meanMinutes),
    metric(`${prefix}.p90Minutes`, `90th percentile minutes to nearest ${what}`, "minutes", "lower", s.p90Minutes),
  ];
  for (const t of s.thresholds) out.push(metric(`${prefix}.within${t.minutes}`, `Population within ${t.minutes} min of a ${what}`, "share", "higher", t.share));
  out.push(metric(`${prefix}.unreachablePopulation`, `Population with no reachable ${what}`, "people", "lower", s.unreachablePopulation));
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
 * @param options.router - Router over `network.graph`. Default: `createRouter(network.graph)`.
 * @param options.cache - A {@link createScenarioCache} cache (reused across calls). Default: none.
 * @param options.thresholdsMinutes - Access thresholds. Default `[30, 45, 60]`.
 * @param options.bedTarget - `{ targetBlocking }` or `{ targetOccupancy }`. Default from assumptions.
 * @param options.singleSource - Admit each zone to one hub only. Default false.
 * @returns A {@link ScenarioResult}: minutes, people, beds, bed-days per year, £ per year.
 * @throws {@link InvalidInputError} for a malformed scenario or options, or when there is
 *   neither a router nor a road graph.
 * @throws {@link UnknownIdError} and {@link InvalidInputError} from {@link applyScenario}
 *   (paths `changes[i].…`).
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
  const { applied, cache, matrix, hubs, spokes, warnings } = prepareScenario(WHERE, network, parsed, opts);
  const memo = opts.cache;
  const zones = applied.zones;
  const hubIds = hubs.map((s) => s.id);
  const spokeIds = spokes.map((s) => s.id);
  const thresholds = { thresholdsMinutes: opts.thresholdsMinutes };
  // Pieces that read only some columns are memoised per zones array (in the cache) and keyed by
  // those columns' sites (id and location) and whatever else they read, so a spoke change
  // reuses every hub measure and a hub change every spoke measure. Each piece is a pure
  // function of its key, so a reused piece is exactly what computing it again would give.
  let populationMemo: number[] | null = null;
  const population = (): number[] => (populationMemo ??= zones.map((z) => z.population));
  const thresholdKey = opts.thresholdsMinutes.join(",");
  const hubKey = sitesKey(hubs);
  const spokeKey = sitesKey(spokes);

  // access to hubs, nearest-hub catchments and equity (hub columns only)
  const hubPart = memoDerived(cache, zones, `evaluate.hubs\u0000${thresholdKey}\u0000${hubKey}`, () => {
    const pop = population();
    const hasImd = zones.some((z) => z.imdDecile !== undefined);
    const hasRural = zones.some((z) => z.urbanRural !== undefined);
    const hasNoCar = zones.some((z) => z.householdsNoCar !== undefined);
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
      noCar: hasNoCar ? accessSummary(matrix, zones.map((z) => z.householdsNoCar ?? 0), { ...thresholds, among: hubIds }) : null,
    };
  });
  const { hubAccess, nearestHub, nearestHubIndex, nearest, byImdDecile, byUrbanRural, noCar } = hubPart;

  // access to spokes (spoke columns only)
  const spokePart =
    spokes.length === 0
      ? null
      : memoDerived(cache, zones, `evaluate.spokes\u0000${thresholdKey}\u0000${spokeKey}`, () => ({
          spokeAccess: accessSummary(matrix, population(), { ...thresholds, among: spokeIds }),
          nearestSpoke: nearestSites(matrix, { among: spokeIds }).nearest,
        }));
  const spokeAccess = spokePart?.spokeAccess ?? null;
  const nearestSpoke = spokePart?.nearestSpoke ?? null;

  // catchments
  let hierarchical: HierarchicalCatchmentsResult | null = null;
  if (spokes.length > 0) {
    const parentKey = spokes.map((s) => s.hub ?? "").join("\u0001");
    hierarchical = memoDerived(cache, zones, `evaluate.hierarchical\u0000${hubKey}\u0000${spokeKey}\u0000${parentKey}`, () =>
      hierarchicalCatchments(applied, matrix, { spokeHubMinutes: spokeHubLegs(cache, spokes, hubs) }),
    );
    for (const w of hierarchical.warnings) warnings.push(w);
  } else warnings.push("evaluate: the network has no open spoke; hierarchical catchments are omitted");

  // equity
  if (hubPart.hasImd && zones.some((z) => z.imdDecile === undefined)) warnings.push("evaluate: some zones have no IMD decile; they are grouped as \"unknown\"");

  // capacity
  const assumptions = applied.assumptions;
  const target = resolveBedTarget(WHERE, applied, opts.bedTarget, warnings);
  const oaOptions = outOfAreaOption(WHERE, applied, warnings);
  const rates = zoneRates(cache, applied, assumptions.community !== undefined && spokes.length > 0);
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
    const entry = memoDerived(cache, zones, `evaluate.ward\u0000${ward}\u0000${rates.key}\u0000${loadKey}\u0000${hubKey}\u0000${beds.join(",")}\u0000${targetKey}\u0000${oaKey}\u0000${opts.singleSource}`, (): WardCapacity => {
      const total = demand.totals[ward].offeredLoadBeds;
      const usable = beds.map((b) => usableLoadMemo(cache, b, target));
      // same hubs (id and location), loads, capacities and options: same exact assignment, so reuse it
      const assignmentKey = `assignment\u0000${hubs.map((h) => `${h.id}@${h.location[0]},${h.location[1]}`).join("|")}\u0000${loadKey}\u0000${numbersHash(usable)}\u0000${oaKey}\u0000${opts.singleSource}`;
      let assignment = cache.results.get(assignmentKey) as CapacitatedAssignmentResult | undefined;
      if (assignment === undefined) {
        hubMatrix ??= selectDestinations(matrix, hubIds);
        assignment = capacitatedAssignment(hubMatrix, load, usable, { outOfArea: oaOptions, singleSource: opts.singleSource });
        cache.results.set(assignmentKey, assignment);
      }
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
    });
    wards.push(entry);
    oaBedDays += entry.assignment.outOfArea?.bedDaysPerYear ?? 0;
    oaCost += entry.assignment.outOfArea?.costPerYear ?? 0;
  }

  // community spokes: zones to their nearest open spoke (spoke columns and fields only)
  let community: ScenarioResult["community"] = null;
  const communityMetrics: ScenarioMetric[] = [];
  if (assumptions.community !== undefined && spokes.length > 0) {
    const cases = rates.caseload!;
    for (const w of cases.warnings) warnings.push(w);
    const spokeFields = spokes.map((s) => `${s.staffWte}\u0000${s.runningCostPerYear}\u0000${s.crisisSlotsPerDay}`).join("\u0001");
    const assumptionsKey = memoHash(cache, assumptions, () => contentHash(assumptions));
    const part = memoDerived(cache, zones, `evaluate.community\u0000${rates.key}\u0000${assumptionsKey}\u0000${spokeKey}\u0000${spokeFields}`, () => communityPart(assumptions, spokes, spokeIds, matrix, cases));
    for (const w of part.warnings) warnings.push(w);
    community = part.community;
    communityMetrics.push(...part.metrics);
  } else if (spokes.length > 0) {
    warnings.push("evaluate: assumptions.community is missing; community spoke measures are omitted");
  }

  // estate
  const open = applied.sites.filter((s) => s.status === "open" && s.kind !== "candidate");
  const missingCost = open.filter((s) => s.runningCostPerYear === undefined).map((s) => s.id);
  if (missingCost.length > 0) warnings.push(`evaluate: ${missingCost.length} open site(s) have no runningCostPerYear and add nothing to estate cost: ${missingCost.slice(0, 10).join(", ")}`);
  const estateCost = open.reduce((a, s) => a + (s.runningCostPerYear ?? 0), 0);

  // per-zone outcomes
  const hierZones = hierarchical?.zones ?? null;
  const zoneOutcomes: ZoneOutcome[] = zones.map((z, i) => ({
    zone: z.id,
    population: z.population,
    imdDecile: z.imdDecile ?? null,
    district: z.district ?? null,
    urbanRural: z.urbanRural ?? null,
    hub: nearestHub[i].destination,
    hubMinutes: nearestHub[i].minutes,
    spoke: nearestSpoke === null ? null : nearestSpoke[i].destination,
    spokeMinutes: nearestSpoke === null ? Infinity : nearestSpoke[i].minutes,
    hierarchicalHub: hierZones === null ? null : hierZones[i].hub,
  }));

  // headline metrics
  const metrics: ScenarioMetric[] = [...accessMetrics("access.hub", "hub", hubAccess)];
  if (spokeAccess !== null) metrics.push(...accessMetrics("access.spoke", "spoke", spokeAccess));
  if (hierarchical !== null) {
    const extra = hierarchical.zones.reduce((acc, hz, i) => (hz.extraMinutes !== null && Number.isFinite(hz.extraMinutes) ? acc + hz.extraMinutes * zones[i].population : acc), 0);
    const totalPop = population().reduce((a, b) => a + b, 0);
    metrics.push(metric("catchment.hierarchicalExtraMinutes", "Mean extra minutes to the spoke's hub vs the nearest hub", "minutes", "lower", totalPop > 0 ? extra / totalPop : null));
  }
  for (const w of wards) {
    const name = assumptions.wards[w.ward].label ?? w.ward;
    metrics.push(metric(`capacity.${w.ward}.offeredLoad`, `${name}: offered load`, "beds", "neither", w.offeredLoad));
    metrics.push(metric(`capacity.${w.ward}.bedsNeeded`, `${name}: beds needed`, "beds", "neither", w.bedsNeeded));
    metrics.push(metric(`capacity.${w.ward}.bedsAvailable`, `${name}: beds available`, "beds", "neither", w.bedsAvailable));
    metrics.push(metric(`capacity.${w.ward}.bedShortfall`, `${name}: bed shortfall`, "beds", "lower", w.bedShortfall));
    metrics.push(metric(`capacity.${w.ward}.outOfAreaBedDays`, `${name}: out-of-area bed-days`, "bed-days/year", "lower", w.assignment.outOfArea?.bedDaysPerYear ?? 0));
  }
  metrics.push(metric("capacity.outOfAreaBedDays", "Out-of-area bed-days", "bed-days/year", "lower", oaBedDays));
  metrics.push(metric("capacity.outOfAreaCost", "Out-of-area cost", "£/year", "lower", oaCost));
  const decileMean = (ds: number[]) => groupMean(byImdDecile, ds);
  if (byImdDecile !== null) {
    const most = decileMean([1, 2]);
    const least = decileMean([9, 10]);
    metrics.push(metric("equity.mostDeprived.meanMinutes", "Mean minutes to hub, IMD deciles 1–2", "minutes", "lower", most));
    metrics.push(metric("equity.leastDeprived.meanMinutes", "Mean minutes to hub, IMD deciles 9–10", "minutes", "lower", least));
    metrics.push(metric("equity.deprivationGapMinutes", "Deprivation gap (deciles 1–2 minus 9–10)", "minutes", "lower", most === null || least === null ? null : most - least));
  }
  if (byUrbanRural !== null) {
    for (const g of byUrbanRural.groups) metrics.push(metric(`equity.${metricKey(String(g.group))}.meanMinutes`, `Mean minutes to hub, ${String(g.group)}`, "minutes", "lower", g.meanMinutes));
  }
  if (noCar !== null) {
    metrics.push(metric("equity.noCar.meanMinutes", "Mean minutes to hub, households without a car", "minutes", "lower", noCar.meanMinutes));
    const t = noCar.thresholds[noCar.thresholds.length - 1];
    metrics.push(metric(`equity.noCar.within${t.minutes}`, `Households without a car within ${t.minutes} min of a hub`, "share", "higher", t.share));
  }
  metrics.push(...communityMetrics);
  metrics.push(metric("estate.runningCostPerYear", "Estate running cost", "£/year", "lower", estateCost));
  metrics.push(metric("estate.openHubs", "Open hubs", "sites", "neither", hubs.length));
  metrics.push(metric("estate.openSpokes", "Open spokes", "sites", "neither", spokes.length));

  for (const w of [...hubAccess.warnings, ...nearest.warnings, ...(byImdDecile?.warnings ?? [])]) warnings.push(w);

  const graphHash = applied.graph === undefined ? null : memoHash(memo, applied.graph, () => graphContentHash(applied.graph as never));
  return {
    scenario: { id: parsed.id, name: parsed.name, description: parsed.description ?? null, changes: parsed.changes.length },
    metrics,
    zones: zoneOutcomes,
    sites: { hubs: hubIds, spokes: spokeIds, unsnapped: matrix.unsnapped, islands: matrix.islands },
    access: { hub: hubAccess, spoke: spokeAccess },
    catchments: { nearest, hierarchical },
    capacity: {
      target: "targetBlocking" in target ? { kind: "blocking", value: target.targetBlocking } : { kind: "occupancy", value: target.targetOccupancy },
      demand: demand.totals,
      wards,
      outOfArea: { bedDaysPerYear: oaBedDays, costPerYear: oaCost },
    },
    equity: { byImdDecile, byUrbanRural, householdsNoCar: noCar },
    community,
    estate: { runningCostPerYear: estateCost, bySite: open.map((s) => ({ site: s.id, runningCostPerYear: s.runningCostPerYear ?? null })) },
    warnings: [...new Set(warnings)],
    provenance: {
      library: LIBRARY_VERSION,
      network: memoHash(memo, network, () => contentHash(networkContent(network))),
      graph: graphHash,
      scenario: contentHash(parsed),
      assumptions: memoHash(cache, applied.assumptions, () => contentHash(applied.assumptions)),
      travelTimes: "hubspoke-router",
    },
  };
}

/** Sites' columns as a key: ids and locations, in order. */
function sitesKey(sites: readonly Site[]): string {
  let key = "";
  for (const s of sites) key += `${s.id}\u0000${s.location[0]}\u0000${s.location[1]}\u0001`;
  return key;
}

/**
 * The spokes × hubs leg matrix hierarchicalCatchments reads: each open spoke's row holds the
 * minutes to its own hub (memoised per cell in the cache, one reverse search per hub with a
 * missing cell); it reads no other cell, so those stay Infinity rather than being routed.
 */
function spokeHubLegs(cache: ScenarioCache, spokes: readonly Site[], hubs: readonly Site[]): CostMatrix {
  const minutes = new Float64Array(spokes.length * hubs.length).fill(Infinity);
  hubs.forEach((hub, j) => {
    const rows: number[] = [];
    spokes.forEach((s, i) => {
      if (s.hub === hub.id) rows.push(i);
    });
    if (rows.length === 0) return;
    const leg = cache.legMatrix(rows.map((i) => spokes[i]), [hub]);
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
  if (missingStaff.length > 0) warnings.push(`evaluate: ${missingStaff.length} open spoke(s) have no staffWte and count as unstaffed: ${missingStaff.slice(0, 10).join(", ")}`);
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
      metric("community.caseloadPerWte", "Caseload per WTE", "ratio", "lower", totalWte > 0 ? caseload / totalWte : null),
      metric("community.contactShortfall", "Contact shortfall", "contacts/week", "lower", contacts.totals.shortfallContactsPerWeek),
      metric("community.wteShortfall", "Staff shortfall", "WTE", "lower", contacts.totals.shortfallWte),
      metric("community.staffTravelShare", "Share of staff time spent travelling", "share", "lower", totalWte > 0 ? t.staffTravelMinutesPerWeek / (totalWte * AFC_MINUTES_PER_WTE_WEEK) : null),
      metric("community.staffTravelMinutesPerWeek", "Staff travel minutes", "minutes/week", "lower", t.staffTravelMinutesPerWeek),
      metric("community.patientMinutesPerClinicContact", "Patient minutes per clinic contact (out and back)", "minutes", "lower", t.clinicContactsPerWeek > 0 ? t.patientTravelMinutesPerWeek / t.clinicContactsPerWeek : null),
      metric("community.crisisShortfallProbability", "Crisis-day shortfall probability (demand-weighted)", "probability", "lower", shortWeight > 0 ? shortSum / shortWeight : null),
      metric("community.crisisShortfallWorst", "Crisis-day shortfall probability (worst spoke)", "probability", "lower", worst),
    ],
    warnings,
  };
}
