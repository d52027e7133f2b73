// Shared by evaluate() and uncertainty(): apply the scenario and route zones to open sites
// through a column cache.
import * as z from "zod/mini";
import { InvalidInputError } from "../errors.js";
import {
  bedsRequired,
  caseloadByZone,
  demandByZone,
  type BedsRequiredTarget,
  type CaseloadByZoneResult,
  type DemandByZoneResult,
} from "../capacity/index.js";
import { contentHash } from "./content-hash.js";
import type { DemandZone, ServiceNetwork, Site } from "../model/index.js";
import { createRouter, type Router } from "../routing/index.js";
import { applyScenario } from "./apply-scenario.js";
import { type CachedMatrix, type ScenarioCache, createScenarioCache, matrixWithLegs } from "./create-scenario-cache.js";
import type { Scenario } from "./schema.js";

const OpenUnit = z.number().check(z.gt(0)).check(z.lt(1));

export const RouterOption = z.optional(z
  .custom<Router>((v) => v !== null && typeof v === "object" && typeof (v as Router).travelTimes === "function", "expected a router from createRouter"));
export const CacheOption = z.optional(z
  .custom<ScenarioCache>((v) => v !== null && typeof v === "object" && typeof (v as ScenarioCache).matrix === "function", "expected a cache from createScenarioCache"));
export const BedTargetOption = z.optional(z.union([z.strictObject({ targetBlocking: OpenUnit }), z.strictObject({ targetOccupancy: OpenUnit })]));

export interface Prepared {
  readonly applied: ServiceNetwork;
  readonly cache: ScenarioCache;
  readonly matrix: CachedMatrix;
  readonly hubs: readonly Site[];
  readonly spokes: readonly Site[];
  readonly warnings: string[];
}

export function prepareScenario(
  where: string,
  network: ServiceNetwork,
  scenario: Scenario,
  options: { router?: Router | undefined; cache?: ScenarioCache | undefined },
): Prepared {
  const applied = applyScenario(network, scenario);
  let cache: ScenarioCache;
  if (options.cache !== undefined && options.cache.covers(applied.graph)) cache = options.cache;
  else if (options.router !== undefined && options.router.graph === applied.graph) cache = createScenarioCache(options.router);
  else if (applied.graph !== undefined) cache = createScenarioCache(createRouter(applied.graph));
  else {
    throw new InvalidInputError(where, [{ path: "options.router", message: "no road graph to route on: pass network.graph or options.router (createRouter(graph))" }]);
  }
  const hubs = applied.sites.filter((s) => s.kind === "hub" && s.status === "open");
  const spokes = applied.sites.filter((s) => s.kind === "spoke" && s.status === "open");
  // a new hub column also times the legs to it from every spoke and candidate (hierarchical
  // catchments read spoke → hub legs), so moving a hub or opening a candidate as a spoke routes no leg
  const matrix = matrixWithLegs(cache, applied.zones, [...hubs, ...spokes], {
    origins: applied.sites.filter((s) => s.kind !== "hub"),
    destinations: new Set(hubs.map((h) => h.id)),
  });
  const warnings: string[] = [];
  if (matrix.unsnapped.length > 0) {
    warnings.push(`${where}: ${matrix.unsnapped.length} zone(s) or site(s) could not be snapped to a road and count as unreachable: ${matrix.unsnapped.slice(0, 10).join(", ")}`);
  }
  if (matrix.islands.length > 0) {
    warnings.push(`${where}: ${matrix.islands.length} zone(s) or site(s) snapped onto a road island: ${matrix.islands.slice(0, 10).join(", ")}`);
  }
  return { applied, cache, matrix, hubs, spokes, warnings };
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
    warnings.push(`${where}: assumptions.outOfArea is missing; overflow is costed at £0 and 240 minutes`);
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

/** {@link usableLoad}, memoised in the cache by beds and target. */
export function usableLoadMemo(cache: ScenarioCache, beds: number, target: BedsRequiredTarget): number {
  const key = `usableLoad\u0000${beds}\u0000${"targetOccupancy" in target ? `o${target.targetOccupancy}` : `b${target.targetBlocking}`}`;
  let value = cache.results.get(key) as number | undefined;
  if (value === undefined) {
    value = usableLoad(beds, target);
    cache.results.set(key, value);
  }
  return value;
}

/** A content hash memoised in the caller's cache (inputs are immutable by contract). */
export function memoHash(cache: ScenarioCache | undefined, key: object, compute: () => string): string {
  if (cache === undefined) return compute();
  const hit = cache.hashes.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.hashes.set(key, value);
  return value;
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
  const zones = memoDerived(cache, network.zones, "rateZones", () => rateZones(network.zones));
  const key = `${memoHash(cache, zones, () => contentHash(zones))}\u0000${memoHash(cache, network.assumptions, () => contentHash(network.assumptions))}`;
  const demandKey = `demand\u0000${key}`;
  let demand = cache.results.get(demandKey) as DemandByZoneResult | undefined;
  if (demand === undefined) {
    demand = demandByZone(zones, network.assumptions);
    cache.results.set(demandKey, demand);
  }
  if (!community) return { key, demand, caseload: null };
  const caseloadKey = `caseload\u0000${key}`;
  let caseload = cache.results.get(caseloadKey) as CaseloadByZoneResult | undefined;
  if (caseload === undefined) {
    caseload = caseloadByZone(zones, network.assumptions);
    cache.results.set(caseloadKey, caseload);
  }
  return { key, demand, caseload };
}

/** Most values memoised per input object; the least recently used goes first. */
const DERIVED_LIMIT = 256;

/**
 * A value derived from an immutable object, memoised in the cache by object identity and
 * `name` (a content key of whatever else it reads), least recently used first out past
 * {@link DERIVED_LIMIT} per object.
 */
export function memoDerived<T>(cache: ScenarioCache, key: object, name: string, compute: () => T): T {
  let values = cache.derived.get(key);
  if (values === undefined) {
    values = new Map();
    cache.derived.set(key, values);
  }
  if (values.has(name)) {
    const hit = values.get(name) as T;
    values.delete(name);
    values.set(name, hit);
    return hit;
  }
  const value = compute();
  values.set(name, value);
  if (values.size > DERIVED_LIMIT) values.delete(values.keys().next().value as string);
  return value;
}
