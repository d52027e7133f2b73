/*
 * Hub-and-spoke catchments: zone → nearest open spoke → that spoke's hub (`site.hub`), with
 * the alternative "zone → nearest open hub directly" beside it.
 *
 * Legs: spokeMinutes = d(zone, spoke) from the zones × sites matrix; hubLegMinutes =
 * d(spoke, hub) from `options.spokeHubMinutes` (a spokes × hubs CostMatrix) or, when that is
 * absent, from `options.router.travelTimes(spokes, hubs)`. extraMinutes = d(zone, spoke's
 * hub) − d(zone, nearest hub): how much further the hierarchy's hub is than the nearest hub
 * for someone travelling straight there (0 when it is the nearest). Closed sites are left out;
 * ties go to the site first in `matrix.destinations`. O(zones × sites).
 */
import { checkNetwork } from "../model/check-network.js";
import * as z from "zod/mini";
import { InvalidInputError, NotAlignedError, UnknownIdError, parseInput } from "../errors.js";
import { NeumaierSum } from "../internal/summation.js";
import type { CostMatrix, ServiceNetwork, Site } from "../model/types.js";
import type { Router } from "../routing/types.js";
import { type AlignedValues, alignValues, checkMatrix, nearestColumns } from "../internal/align.js";

const HierarchicalOptionsSchema = z.strictObject({
  /** Spokes × hubs minutes for the spoke → hub leg. */
  spokeHubMinutes: z.optional(z.unknown()),
  /** A router to time the spoke → hub leg when `spokeHubMinutes` is absent. */
  router: z.optional(z.unknown()),
  /** Per origin demand for referral flows (default population × need). */
  demand: z.optional(z.unknown()),
});
export interface HierarchicalCatchmentsOptions {
  /** Spokes × hubs minutes for the spoke → hub leg (preferred over `router`). */
  spokeHubMinutes?: CostMatrix;
  /** A router to time the spoke → hub leg (`travelTimes(spokes, hubs)`) when `spokeHubMinutes` is absent. */
  router?: Pick<Router, "travelTimes">;
  /** Per zone demand (array or record by id) for referral flows; default population × need. */
  demand?: AlignedValues;
}

/** One zone's path through the hierarchy and the direct alternative. */
export interface HierarchicalZone {
  readonly zone: string;
  readonly population: number;
  /** Nearest open spoke; `null` when none is reachable. */
  readonly spoke: string | null;
  readonly spokeMinutes: number;
  /** The spoke's parent hub; `null` when the spoke has no open hub (or no spoke). */
  readonly hub: string | null;
  /** Spoke → hub minutes; `null` when `hub` is null. */
  readonly hubLegMinutes: number | null;
  /** spokeMinutes + hubLegMinutes; `null` when `hub` is null. */
  readonly viaSpokeMinutes: number | null;
  /** Zone → the hierarchy's hub directly; `null` when `hub` is null. */
  readonly hubDirectMinutes: number | null;
  /** Nearest open hub directly; `null` when none is reachable. */
  readonly nearestHub: string | null;
  readonly nearestHubMinutes: number;
  /** hubDirectMinutes − nearestHubMinutes (≥ 0); `null` when either is unknown. */
  readonly extraMinutes: number | null;
}

/** Referrals from one spoke to its hub. */
export interface ReferralFlow {
  readonly spoke: string;
  readonly hub: string | null;
  readonly zones: number;
  readonly population: number;
  readonly demand: number;
  readonly hubLegMinutes: number | null;
}

/** Result of {@link hierarchicalCatchments}. */
export interface HierarchicalCatchmentsResult {
  /** One entry per zone, in `matrix.origins` order. */
  readonly zones: readonly HierarchicalZone[];
  /** One entry per open spoke, in network order. */
  readonly flows: readonly ReferralFlow[];
  readonly summary: {
    readonly population: number;
    /** Population whose hierarchy hub is further (directly) than their nearest hub. */
    readonly populationSentFurther: number;
    /** Population-weighted mean extraMinutes over zones where it is known; `null` if none. */
    readonly meanExtraMinutes: number | null;
  };
  /** Zones with no reachable open spoke. */
  readonly unreachable: readonly string[];
  readonly warnings: readonly string[];
}

const WHERE = "hierarchicalCatchments";

/** Matrix columns of the open spokes and hubs (sorted), and every destination's column. */
function siteColumns(matrix: CostMatrix, spokes: readonly Site[], hubs: readonly Site[]): { colOf: Map<string, number>; spokeCols: Int32Array; hubCols: Int32Array } {
  const colOf = new Map<string, number>(matrix.destinations.map((d, j) => [d, j]));
  const columnsFor = (sites: readonly Site[]): Int32Array => {
    const cols = sites.map((s) => {
      const j = colOf.get(s.id);
      if (j === undefined) {
        throw new UnknownIdError(WHERE, `open ${s.kind}`, s.id, "matrix.destinations", "The matrix must have every open spoke and hub as a destination.");
      }
      return j;
    });
    return Int32Array.from(cols.sort((a, b) => a - b));
  };
  return { colOf, spokeCols: columnsFor(spokes), hubCols: columnsFor(hubs) };
}

/** Population and demand per matrix origin, checking that the origins are exactly the zones. */
function zoneWeights(network: ServiceNetwork, matrix: CostMatrix, demandOption: AlignedValues | undefined): { population: Float64Array; demand: Float64Array } {
  const zoneById = new Map(network.zones.map((z) => [z.id, z] as const));
  matrix.origins.forEach((id, i) => {
    if (!zoneById.has(id)) throw new UnknownIdError(WHERE, "zone", id, `matrix.origins[${i}]`, "Matrix origins must be the network's zone ids.");
  });
  if (matrix.origins.length !== network.zones.length) {
    const inMatrix = new Set(matrix.origins);
    const missing = network.zones.find((z) => !inMatrix.has(z.id));
    throw new NotAlignedError(WHERE, `matrix.origins (missing zone "${missing?.id}")`, matrix.origins.length, network.zones.length, "network.zones");
  }
  const population = Float64Array.from(matrix.origins, (id) => (zoneById.get(id) as { population: number }).population);
  const demand =
    demandOption === undefined
      ? Float64Array.from(matrix.origins, (id, i) => population[i] * ((zoneById.get(id) as { need?: number }).need ?? 1))
      : alignValues(WHERE, "options.demand", demandOption, matrix.origins, "matrix.origins");
  return { population, demand };
}

/** The spokes × hubs minutes: the caller's matrix, else the router's, else an error. */
function legMatrix(referred: readonly Site[], hubs: readonly Site[], opts: HierarchicalCatchmentsOptions): CostMatrix {
  if (opts.spokeHubMinutes !== undefined) return checkMatrix(WHERE, opts.spokeHubMinutes, "options.spokeHubMinutes");
  if (opts.router !== undefined && typeof (opts.router as Router).travelTimes === "function") {
    return opts.router.travelTimes(
      referred.map((s) => ({ id: s.id, location: s.location })),
      hubs.map((h) => ({ id: h.id, location: h.location })),
    );
  }
  throw new InvalidInputError(WHERE, [
    {
      path: "options.spokeHubMinutes",
      message: "the spoke → hub leg needs times the zones × sites matrix does not hold: pass options.spokeHubMinutes (a spokes × hubs CostMatrix) or options.router",
    },
  ]);
}

/** Minutes of each referring spoke's leg to its open hub; warns about spokes without one. */
function spokeHubLegs(spokes: readonly Site[], hubs: readonly Site[], hubOpen: ReadonlySet<string>, opts: HierarchicalCatchmentsOptions, warnings: string[]): Map<string, number> {
  const legMinutes = new Map<string, number>();
  const referred = spokes.filter((s) => s.hub !== undefined && hubOpen.has(s.hub));
  for (const s of spokes) {
    if (s.hub === undefined) warnings.push(`${WHERE}: spoke "${s.id}" has no parent hub; its zones have hub null.`);
    else if (!hubOpen.has(s.hub)) warnings.push(`${WHERE}: spoke "${s.id}" refers to hub "${s.hub}", which is closed or not a hub; its zones have hub null.`);
  }
  if (referred.length === 0) return legMinutes;
  const leg = legMatrix(referred, hubs, opts);
  const legRow = new Map(leg.origins.map((o, i) => [o, i]));
  const legCol = new Map(leg.destinations.map((d, j) => [d, j]));
  for (const s of referred) {
    const i = legRow.get(s.id);
    if (i === undefined) throw new UnknownIdError(WHERE, "spoke", s.id, "options.spokeHubMinutes.origins", "Give a row for every open spoke.");
    const j = legCol.get(s.hub as string);
    if (j === undefined) throw new UnknownIdError(WHERE, "hub", s.hub as string, "options.spokeHubMinutes.destinations", "Give a column for every open hub.");
    legMinutes.set(s.id, leg.minutes[i * leg.destinations.length + j]);
  }
  return legMinutes;
}

/** What the zone pass needs: the checked inputs, columns and legs. */
interface HierarchyInputs {
  readonly network: ServiceNetwork;
  readonly matrix: CostMatrix;
  readonly spokes: readonly Site[];
  readonly hubOpen: ReadonlySet<string>;
  readonly colOf: ReadonlyMap<string, number>;
  readonly spokeCols: Int32Array;
  readonly hubCols: Int32Array;
  readonly population: Float64Array;
  readonly demand: Float64Array;
  readonly legMinutes: ReadonlyMap<string, number>;
}

/** Running totals of the zone pass (compensated sums). */
interface HierarchyTotals {
  readonly flowZones: Int32Array;
  readonly flowPop: NeumaierSum[];
  readonly flowDemand: NeumaierSum[];
  readonly totalPop: NeumaierSum;
  readonly sentFurther: NeumaierSum;
  readonly extraWeighted: NeumaierSum;
  readonly extraWeight: NeumaierSum;
}

/** Each zone to its nearest open spoke and that spoke's hub, against its nearest hub directly. */
function assignZones(inp: HierarchyInputs): { zones: HierarchicalZone[]; unreachable: string[]; totals: HierarchyTotals } {
  const { network, matrix, spokes, hubOpen, colOf, population, demand, legMinutes } = inp;
  const nearSpoke = nearestColumns(matrix, inp.spokeCols);
  const nearHub = nearestColumns(matrix, inp.hubCols);
  const siteById = new Map(network.sites.map((s) => [s.id, s] as const));
  const cols = matrix.destinations.length;
  const zones: HierarchicalZone[] = [];
  const unreachable: string[] = [];
  const flowIndex = new Map(spokes.map((s, k) => [s.id, k]));
  const t: HierarchyTotals = {
    flowZones: new Int32Array(spokes.length),
    flowPop: spokes.map(() => new NeumaierSum()),
    flowDemand: spokes.map(() => new NeumaierSum()),
    totalPop: new NeumaierSum(),
    sentFurther: new NeumaierSum(),
    extraWeighted: new NeumaierSum(),
    extraWeight: new NeumaierSum(),
  };
  for (let i = 0; i < matrix.origins.length; i++) {
    const zone = matrix.origins[i];
    t.totalPop.add(population[i]);
    const sj = nearSpoke.index[i];
    const hj = nearHub.index[i];
    const nearestHub = hj < 0 ? null : matrix.destinations[hj];
    const nearestHubMinutes = nearHub.minutes[i];
    if (sj < 0) {
      unreachable.push(zone);
      zones.push({ zone, population: population[i], spoke: null, spokeMinutes: Infinity, hub: null, hubLegMinutes: null, viaSpokeMinutes: null, hubDirectMinutes: null, nearestHub, nearestHubMinutes, extraMinutes: null });
      continue;
    }
    const spoke = matrix.destinations[sj];
    const spokeMinutes = nearSpoke.minutes[i];
    const k = flowIndex.get(spoke) as number;
    t.flowZones[k] += 1;
    t.flowPop[k].add(population[i]);
    t.flowDemand[k].add(demand[i]);
    const parent = (siteById.get(spoke) as Site).hub;
    const hub = parent !== undefined && hubOpen.has(parent) ? parent : null;
    let hubLegMinutes: number | null = null;
    let viaSpokeMinutes: number | null = null;
    let hubDirectMinutes: number | null = null;
    let extraMinutes: number | null = null;
    if (hub !== null) {
      hubLegMinutes = legMinutes.get(spoke) as number;
      viaSpokeMinutes = spokeMinutes + hubLegMinutes;
      hubDirectMinutes = matrix.minutes[i * cols + (colOf.get(hub) as number)];
      if (nearestHubMinutes !== Infinity) {
        extraMinutes = hubDirectMinutes - nearestHubMinutes;
        if (extraMinutes > 0) t.sentFurther.add(population[i]);
        if (extraMinutes !== Infinity) {
          t.extraWeighted.add(population[i] * extraMinutes);
          t.extraWeight.add(population[i]);
        }
      }
    }
    zones.push({ zone, population: population[i], spoke, spokeMinutes, hub, hubLegMinutes, viaSpokeMinutes, hubDirectMinutes, nearestHub, nearestHubMinutes, extraMinutes });
  }
  return { zones, unreachable, totals: t };
}

function openOf(sites: readonly Site[], kind: "hub" | "spoke"): Site[] {
  return sites.filter((s) => s.kind === kind && (s.status ?? "open") === "open");
}

/**
 * Hub-and-spoke catchments: each zone to its nearest open spoke and on to that spoke's hub,
 * compared with going to the nearest open hub directly, plus spoke → hub referral flows.
 *
 * @param network - A {@link ServiceNetwork}: sites with `kind`, `status`, `hub`; zones with
 *   `population` and `need`.
 * @param matrix - Zones × sites minutes; origins are exactly the network's zone ids, and
 *   destinations include every open spoke and open hub (others are ignored).
 * @returns Per zone both legs and the direct alternative (minutes), referral flows, a summary
 *   and the unreachable zones.
 * @throws {@link InvalidInputError} when neither `spokeHubMinutes` nor `router` is given, when
 *   the network has no open spoke or hub, or for bad demand values.
 * @throws {@link UnknownIdError} when an open spoke or hub is not a matrix destination (or not
 *   in `spokeHubMinutes`), or an origin is not a zone.
 * @throws {@link NotAlignedError} when a network zone is not a matrix origin.
 * @example
 * const r = hierarchicalCatchments(network, zonesBySites, { spokeHubMinutes: spokesByHubs });
 * r.zones.filter((z) => (z.extraMinutes ?? 0) > 10); // sent > 10 min past their nearest hub
 */
export function hierarchicalCatchments(
  network: ServiceNetwork,
  matrix: CostMatrix,
  options: HierarchicalCatchmentsOptions = {},
): HierarchicalCatchmentsResult {
  const where = WHERE;
  checkMatrix(where, matrix);
  const opts = parseInput(where, HierarchicalOptionsSchema, options, "options") as HierarchicalCatchmentsOptions;
  checkNetwork(where, network);
  const spokes = openOf(network.sites, "spoke");
  const hubs = openOf(network.sites, "hub");
  if (spokes.length === 0) throw new InvalidInputError(where, [{ path: "network.sites", message: "the network has no open spoke" }]);
  if (hubs.length === 0) throw new InvalidInputError(where, [{ path: "network.sites", message: "the network has no open hub" }]);
  const { colOf, spokeCols, hubCols } = siteColumns(matrix, spokes, hubs);
  const { population, demand } = zoneWeights(network, matrix, opts.demand);
  const hubOpen = new Set(hubs.map((h) => h.id));
  const warnings: string[] = [];
  const legMinutes = spokeHubLegs(spokes, hubs, hubOpen, opts, warnings);
  const { zones, unreachable, totals: t } = assignZones({ network, matrix, spokes, hubOpen, colOf, spokeCols, hubCols, population, demand, legMinutes });
  const flows: ReferralFlow[] = spokes.map((s, k) => {
    const hub = s.hub !== undefined && hubOpen.has(s.hub) ? s.hub : null;
    return {
      spoke: s.id,
      hub,
      zones: t.flowZones[k],
      population: +t.flowPop[k],
      demand: +t.flowDemand[k],
      hubLegMinutes: hub === null ? null : (legMinutes.get(s.id) as number),
    };
  });
  if (unreachable.length > 0) warnings.push(`${where}: ${unreachable.length} zones reach no open spoke.`);
  const unreachableLegs = flows.filter((f) => f.hubLegMinutes === Infinity).length;
  if (unreachableLegs > 0) warnings.push(`${where}: ${unreachableLegs} spokes cannot reach their hub (hubLegMinutes Infinity).`);
  const W = +t.extraWeight;
  return {
    zones,
    flows,
    summary: { population: +t.totalPop, populationSentFurther: +t.sentFurther, meanExtraMinutes: W > 0 ? +t.extraWeighted / W : null },
    unreachable,
    warnings,
  };
}
