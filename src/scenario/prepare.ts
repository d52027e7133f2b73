// Shared by evaluate() and uncertainty(): apply the scenario and route zones to open sites
// through a column cache.
import * as z from "zod/mini";
import { GraphMismatchError, InvalidInputError, NotCoveredError } from "../errors.js";
import {
  bedsRequired,
  caseloadByZone,
  demandByZone,
  type BedsRequiredTarget,
  type CaseloadByZoneResult,
  type DemandByZoneResult,
} from "../capacity/index.js";
import { contentHash } from "./content-hash.js";
import type { DemandZone, RoadGraph, ServiceNetwork, Site } from "../model/index.js";
import { createRouter, isTravelTimeProvider, type Router, type TravelTimeProvider } from "../routing/index.js";
import { applyScenario } from "./apply-scenario.js";
import { type CachedMatrix, ROUTER_CH_FALLBACK, type ScenarioCache, cacheInternals, createScenarioCache, isChRouter, matrixWithLegs } from "./create-scenario-cache.js";
import { type MemoKey, type MemoSlot, memoSlot } from "./internal/memo.js";
import type { Scenario } from "./schema.js";

const OpenUnit = z.number().check(z.gt(0)).check(z.lt(1));

export const RouterOption = z.optional(z.custom<Router>((v) => v !== null && typeof v === "object" && typeof (v as Router).travelTimes === "function", "expected a router from createRouter"));
export const ProviderOption = z.optional(z.custom<TravelTimeProvider>((v) => isTravelTimeProvider(v), "expected a travel-time provider (matrixProvider, euclideanProvider)"));
export const CacheOption = z.optional(z.custom<ScenarioCache>((v) => v !== null && typeof v === "object" && typeof (v as ScenarioCache).matrix === "function", "expected a cache from createScenarioCache"));
/** A travel mode's source: a router, a provider, or a scenario cache over either. */
export const ModeSourceOption = z.custom<Router | TravelTimeProvider | ScenarioCache>(
  (v) =>
    isTravelTimeProvider(v) ||
    (v !== null && typeof v === "object" && typeof (v as ScenarioCache).legMatrix === "function") ||
    (v !== null && typeof v === "object" && typeof (v as Router).travelTimes === "function" && typeof (v as Router).snap === "function"),
  "expected a router, a travel-time provider (matrixProvider, euclideanProvider) or a cache from createScenarioCache",
);
export const BedTargetOption = z.optional(z.union([z.strictObject({ targetBlocking: OpenUnit }), z.strictObject({ targetOccupancy: OpenUnit })]));

export interface Prepared {
  readonly applied: ServiceNetwork;
  readonly cache: ScenarioCache;
  readonly matrix: CachedMatrix;
  readonly hubs: readonly Site[];
  readonly spokes: readonly Site[];
  readonly warnings: string[];
  /** How the scenario's travel times were computed (the result's `provenance.travelTimes`). */
  readonly travelTimes: string;
}

/** Where a scenario's travel times come from: a cache, a provider, a router, or the network's graph. */
export interface SourceOptions {
  readonly router?: Router | undefined;
  readonly cache?: ScenarioCache | undefined;
  readonly provider?: TravelTimeProvider | undefined;
}

const ROAD_CHANGES = new Set(["setRoadSpeed", "closeRoad"]);

/**
 * The baseline road graph: the network's, else the router's or the cache's router's. A router
 * or cache built on another graph than the network's is an error (it would time other roads).
 */
function baselineGraph(where: string, network: ServiceNetwork, options: SourceOptions): RoadGraph | undefined {
  const given: [string, Router | null | undefined][] = [
    ["options.router", options.router],
    ["options.cache", options.cache?.router],
  ];
  for (const [path, router] of given) {
    if (router === undefined || router === null) continue;
    if (network.graph !== undefined && router.graph !== network.graph) {
      throw new GraphMismatchError(
        where,
        `${path} was built on another road graph than network.graph, so its times would be for other roads. Build it on this network's graph (createRouter(network.graph)), or leave network.graph out and the router's graph is used.`,
        [{ path, message: "router built on another graph than network.graph" }],
      );
    }
  }
  return network.graph ?? options.router?.graph ?? options.cache?.router?.graph ?? undefined;
}

/** A provider cannot apply road changes, and a fixed table cannot time a moved site. */
function checkProviderChanges(where: string, network: ServiceNetwork, scenario: Scenario, provider: TravelTimeProvider, mode: string): void {
  const base = new Map(network.sites.map((s) => [s.id, s.location] as const));
  scenario.changes.forEach((c, i) => {
    if (ROAD_CHANGES.has(c.type)) {
      throw new NotCoveredError(
        where,
        `changes[${i}] (${c.type}) changes the roads, but the ${mode} travel times come from ${provider.engine}, which cannot re-time them. Use a router on the road graph for this mode (createRouter(graph)), or leave road changes out.`,
        [{ path: `changes[${i}]`, message: `${c.type} needs a router for mode "${mode}"` }],
      );
    }
    if (c.type === "moveSite" && (provider.keyedBy ?? "id") === "id") {
      const from = base.get(c.siteId);
      if (from !== undefined && from[0] === c.location[0] && from[1] === c.location[1]) return;
      throw new NotCoveredError(
        where,
        `changes[${i}] moves site "${c.siteId}", but the ${mode} travel times are a fixed table keyed by site id, which holds its times at the old place. Add the new place to the table as its own site (an addSite change with a new id), or use a router or a provider that times any location for this mode.`,
        [{ path: `changes[${i}].location`, message: `moved site "${c.siteId}" not covered by a fixed table` }],
        c.siteId,
      );
    }
  });
}

/** Name the change that brought in a site the travel-time source has no times for. */
function notCoveredByChange(where: string, error: NotCoveredError, scenario: Scenario, mode: string): NotCoveredError {
  const i = scenario.changes.findIndex((c) => ("siteId" in c && c.siteId === error.id) || (c.type === "addSite" && c.site.id === error.id));
  if (i < 0) return new NotCoveredError(where, `mode "${mode}": ${error.message.replace(/^createScenarioCache: /, "")}`, error.issues, error.id);
  const c = scenario.changes[i];
  return new NotCoveredError(
    where,
    `changes[${i}] (${c.type} "${error.id}") needs travel times for mode "${mode}" that its source does not have: ${error.message.replace(/^createScenarioCache: /, "")}`,
    [{ path: `changes[${i}]`, message: `site "${error.id}" not covered for mode "${mode}"` }],
    error.id,
  );
}

/** The column cache for this scenario (the given one where it covers the scenario's graph). */
function cacheFor(where: string, applied: ServiceNetwork, baseGraph: RoadGraph | undefined, options: SourceOptions): ScenarioCache {
  const { cache, router, provider } = options;
  if (cache !== undefined && cache.covers(applied.graph)) return cache;
  if (provider !== undefined) return createScenarioCache(provider);
  if (router !== undefined && router.graph === applied.graph) return createScenarioCache(router);
  if (applied.graph !== undefined) return createScenarioCache(createRouter(applied.graph));
  const message = baseGraph === undefined
    ? "no road graph and no travel times: pass network.graph, options.router (createRouter(graph)), options.provider (matrixProvider, euclideanProvider) or options.cache"
    : "no road graph to route on: pass network.graph or options.router (createRouter(graph))";
  throw new InvalidInputError(where, [{ path: "options.router", message }]);
}

/**
 * Another mode's zones × open-sites matrix for an applied scenario, from that mode's cache.
 * Road changes belong to the primary mode's roads, so another mode cannot take them; a fixed
 * table refuses moved sites and sites it lacks, naming the change.
 */
export function modeMatrix(where: string, network: ServiceNetwork, scenario: Scenario, applied: ServiceNetwork, cache: ScenarioCache, sites: readonly Site[], mode: string): CachedMatrix {
  const provider = cache.router === null ? (cache.source as TravelTimeProvider) : undefined;
  if (provider !== undefined) checkProviderChanges(where, network, scenario, provider, mode);
  else {
    const i = scenario.changes.findIndex((c) => ROAD_CHANGES.has(c.type));
    if (i >= 0) {
      throw new NotCoveredError(where, `changes[${i}] (${scenario.changes[i].type}) changes the primary mode's roads; mode "${mode}" routes on its own graph and cannot take the change. Evaluate road changes without other modes.`, [
        { path: `changes[${i}]`, message: `road change with mode "${mode}"` },
      ]);
    }
  }
  try {
    return cache.matrix(applied.zones, sites);
  } catch (error) {
    if (error instanceof NotCoveredError) throw notCoveredByChange(where, error, scenario, mode);
    throw error;
  }
}

export function prepareScenario(where: string, network: ServiceNetwork, scenario: Scenario, options: SourceOptions, mode = "car"): Prepared {
  if (options.router !== undefined && options.provider !== undefined) {
    throw new InvalidInputError(where, [{ path: "options.provider", message: "give options.router or options.provider, not both" }]);
  }
  const provider = options.provider ?? (options.cache !== undefined && options.cache.router === null ? (options.cache.source as TravelTimeProvider) : undefined);
  if (provider !== undefined) checkProviderChanges(where, network, scenario, provider, mode);
  const baseGraph = provider !== undefined ? network.graph : baselineGraph(where, network, options);
  const applied = applyScenario(baseGraph === network.graph ? network : { ...network, graph: baseGraph }, scenario);
  const cache = cacheFor(where, applied, baseGraph, options);
  const hubs = applied.sites.filter((s) => s.kind === "hub" && s.status === "open");
  const spokes = applied.sites.filter((s) => s.kind === "spoke" && s.status === "open");
  // a new hub column also times the legs to it from every spoke and candidate (hierarchical
  // catchments read spoke → hub legs), so moving a hub or opening a candidate as a spoke routes no leg
  let matrix: CachedMatrix;
  try {
    matrix = matrixWithLegs(cache, applied.zones, [...hubs, ...spokes], {
      origins: applied.sites.filter((s) => s.kind !== "hub"),
      destinations: new Set(hubs.map((h) => h.id)),
    });
  } catch (error) {
    if (error instanceof NotCoveredError) throw notCoveredByChange(where, error, scenario, mode);
    throw error;
  }
  const warnings: string[] = [];
  if (matrix.unsnapped.length > 0) {
    warnings.push(`${where}: ${matrix.unsnapped.length} zone(s) or site(s) could not be snapped to a road and count as unreachable: ${matrix.unsnapped.slice(0, 10).join(", ")}`);
  }
  if (matrix.islands.length > 0) {
    warnings.push(`${where}: ${matrix.islands.length} zone(s) or site(s) snapped onto a road island: ${matrix.islands.slice(0, 10).join(", ")}`);
  }
  // a road change with a contraction-hierarchy router: contracting the changed graph (~1 s on
  // Kent & Medway) costs more than the scenario's own columns, so they come from plain Dijkstra
  const given = options.router ?? options.cache?.router ?? null;
  const travelTimes = isChRouter(given) && cache.router !== given ? ROUTER_CH_FALLBACK : cache.engine;
  return { applied, cache, matrix, hubs, spokes, warnings, travelTimes };
}

/** The bed target: the option, else the assumptions' blocking then occupancy target, else 0.85 occupancy (warned). */
export function resolveBedTarget(where: string, network: ServiceNetwork, option: BedsRequiredTarget | undefined, warnings: string[]): BedsRequiredTarget {
  if (option !== undefined) return option;
  const a = network.assumptions;
  if (a.targetBlocking !== undefined) return { targetBlocking: a.targetBlocking.value };
  if (a.targetOccupancy !== undefined) return { targetOccupancy: a.targetOccupancy.value };
  warnings.push(`${where}: assumptions set no bed target; using target occupancy 0.85 (pass options.bedTarget to choose)`);
  return { targetOccupancy: 0.85 };
}

/** Out-of-area sink options for capacitatedAssignment, from the assumptions (warned default). */
export function outOfAreaOption(where: string, network: ServiceNetwork, warnings: string[]): { name: string; minutes: number; costPerBedDay: number } {
  const oa = network.assumptions.outOfArea;
  if (oa === undefined) {
    warnings.push(`${where}: assumptions.outOfArea is missing; out-of-area cost is unknown and overflow is timed at 240 minutes`);
    return { name: "Out of area", minutes: 240, costPerBedDay: 0 };
  }
  return { name: oa.name, minutes: oa.minutes.value, costPerBedDay: oa.costPerBedDay.value };
}

/**
 * The offered load (beds) a hub of `beds` beds serves within the target. Blocking target: the
 * largest load whose Erlang-B blocking at `beds` is within the target (bisection on
 * bedsRequired). Occupancy target: beds × target occupancy (mean occupied beds at the target).
 */
export function usableLoad(beds: number, target: BedsRequiredTarget): number {
  if (beds <= 0) return 0;
  if ("targetOccupancy" in target) return beds * target.targetOccupancy;
  let lo = 0;
  let hi = beds;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (bedsRequired(mid, target).beds <= beds) lo = mid;
    else hi = mid;
  }
  return lo;
}

const USABLE_LOAD = memoSlot<number>("usableLoad");

/** {@link usableLoad}, memoised in the cache by beds and target. */
export function usableLoadMemo(cache: ScenarioCache, beds: number, target: BedsRequiredTarget): number {
  const targetKey = "targetOccupancy" in target ? `o${target.targetOccupancy}` : `b${target.targetBlocking}`;
  return cacheInternals(cache).memo.result(USABLE_LOAD, [beds, targetKey], () => usableLoad(beds, target));
}

/** A content hash memoised in the caller's cache (inputs are immutable by contract). */
export function memoHash(cache: ScenarioCache | undefined, key: object, compute: () => string): string {
  return cache === undefined ? compute() : cacheInternals(cache).memo.hash(key, compute);
}

export function networkContent(network: ServiceNetwork): unknown {
  return { sites: network.sites, zones: network.zones, assumptions: network.assumptions, roads: network.roads ?? null };
}


/** The zone fields demand and caseload read (no geometry: cheaper to validate and hash). */
function rateZones(zones: readonly DemandZone[]): DemandZone[] {
  return zones.map(({ geometry: _geometry, ...z }) => z);
}

/**
 * demandByZone / caseloadByZone, memoised in the cache by the content of the zones' rate
 * fields and the assumptions (most options change neither).
 */
export function zoneRates(cache: ScenarioCache, network: ServiceNetwork, community: boolean): { key: string; demand: DemandByZoneResult; caseload: CaseloadByZoneResult | null } {
  const memo = cacheInternals(cache).memo;
  const zones = memo.derived(RATE_ZONES, network.zones, [], () => rateZones(network.zones));
  const key = JSON.stringify([memoHash(cache, zones, () => contentHash(zones)), memoHash(cache, network.assumptions, () => contentHash(network.assumptions))]);
  const demand = memo.result(DEMAND, [key], () => demandByZone(zones, network.assumptions));
  if (!community) return { key, demand, caseload: null };
  const caseload = memo.result(CASELOAD, [key], () => caseloadByZone(zones, network.assumptions));
  return { key, demand, caseload };
}

const RATE_ZONES = memoSlot<DemandZone[]>("rateZones");
const DEMAND = memoSlot<DemandByZoneResult>("demand");
const CASELOAD = memoSlot<CaseloadByZoneResult>("caseload");

/**
 * A value derived from an immutable object, memoised in the cache by object identity, `slot`
 * and `key` (content keys of whatever else it reads), least recently used first out past
 * 256 values per object.
 */
export function memoDerived<T>(cache: ScenarioCache, slot: MemoSlot<T>, owner: object, key: MemoKey, compute: () => T): T {
  return cacheInternals(cache).memo.derived(slot, owner, key, compute);
}

/** The memo's typed result store of a cache (e.g. capacitated assignments by content key). */
export function memoResult<T>(cache: ScenarioCache, slot: MemoSlot<T>, key: MemoKey, compute: () => T): T {
  return cacheInternals(cache).memo.result(slot, key, compute);
}

