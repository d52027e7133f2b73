/*
 * Capacitated assignment of zone demand to sites (the transportation problem with an
 * out-of-area sink).
 *
 *   minimise    Σ_i Σ_j d_i·x_ij·t_ij  +  Σ_i d_i·x_iO·t_O
 *   subject to  Σ_j x_ij + x_iO = 1                 every zone i is served whole
 *               Σ_i d_i·x_ij ≤ u_j                  site j holds at most its capacity
 *               x_ij ≥ 0 (x_ij ∈ {0,1} single-source), x_ij = 0 where t_ij = ∞
 *   lexicographically after minimising out-of-area demand Σ_i d_i·x_iO.
 *
 * Symbols: d_i demand of zone i (any consistent unit, e.g. beds of offered load or
 * admissions per year); u_j capacity of site j in the same unit; t_ij travel minutes; O the
 * out-of-area sink (unbounded, t_O minutes). The lexicographic order is implemented with a
 * sink cost of t_O + M, M = (sites + 2)·max finite t + 1, large enough that any solution with
 * less out-of-area demand is cheaper (every simple augmenting cycle uses at most sites + 1
 * forward arcs).
 *
 * Solver: successive shortest paths with potentials (Ahuja, Magnanti & Orlin 1993), exact,
 * starting from the nearest-site assignment and draining overloaded sites; the path search
 * runs over sites only (see internal/transport.ts). Determinism: zones and sites are put in
 * id order before solving and search ties go by index, so permuting the inputs gives the
 * same flows. Time O(zones·sites + A·sites²) for A augmentations (≈ displaced zones +
 * saturations); memory O(zones × sites) Float64 (1,100 × 61 × 8 B ≈ 0.5 MB per array).
 */
import * as z from "zod/mini";
import { InfeasibleError, type InputIssue, InvalidInputError, parseInput } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { branchAndBound, heuristicSingleSource } from "./internal/single-source.js";
import { solveTransport } from "./internal/transport.js";
import { alignedValues, canonicalOrder, show, sum } from "./internal/values.js";
import { checkCostMatrix } from "../model/cost-matrix.js";
import type { Assert, Same } from "../internal/type-checks.js";

const where = "capacitatedAssignment";

const OutOfAreaSchema = z.strictObject({
  /** Name of the sink, reported as the destination of overflow. */
  name: z._default(z.string().check(z.minLength(1)), "Out of area"),
  /** Travel minutes from any zone to an out-of-area placement. */
  minutes: z.number().check(z.nonnegative()),
  /** Cost of one out-of-area bed-day (e.g. £ per bed-day). */
  costPerBedDay: z.number().check(z.nonnegative()),
});

/**
 * The zod (`zod/mini`) schema that checks {@link CapacitatedAssignmentOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const CapacitatedAssignmentOptionsSchema = z.strictObject({
  /** Overflow sink; without it, demand that does not fit is an error. */
  outOfArea: z.optional(OutOfAreaSchema),
  /** Each zone served whole by one site (or wholly out of area). */
  singleSource: z._default(z.boolean(), false),
  /**
   * Unit of `demand` and `capacity`: `"beds"` (offered load, mean occupied beds) or
   * `"admissions"` (per year). Used only to turn out-of-area demand into bed-days.
   */
  demandUnit: z._default(z.enum(["beds", "admissions"]), "beds"),
  /** Mean length of stay, days: needed for bed-days when `demandUnit` is `"admissions"`. */
  meanLengthOfStayDays: z.optional(z.number().check(z.positive())),
  /** Days per year for beds → bed-days per year. */
  daysPerYear: z._default(z.number().check(z.positive()), 365),
  /** Single-source: largest zones × sites solved exactly by branch and bound. */
  exactLimit: z._default(z.number().check(z.int()).check(z.nonnegative()), 400),
  /** Single-source: branch-and-bound node budget before falling back to the heuristic. */
  nodeLimit: z._default(z.number().check(z.int()).check(z.positive()), 200_000),
});
export interface CapacitatedAssignmentOptions {
  /**
   * Overflow sink; without it, demand that does not fit is an error.
   */
  outOfArea?: { minutes: number; costPerBedDay: number; name?: string };
  /**
   * Each zone served whole by one site (or wholly out of area).
   * @defaultValue `false`
   */
  singleSource?: boolean;
  /**
   * Unit of `demand` and `capacity`: `"beds"` (offered load, mean occupied beds) or `"admissions"` (per year). Used only to turn out-of-area demand into bed-days.
   * @defaultValue `"beds"`
   */
  demandUnit?: "beds" | "admissions";
  /**
   * Mean length of stay, days: needed for bed-days when `demandUnit` is `"admissions"`.
   */
  meanLengthOfStayDays?: number;
  /**
   * Days per year for beds → bed-days per year.
   * @defaultValue `365`
   */
  daysPerYear?: number;
  /**
   * Single-source: largest zones × sites solved exactly by branch and bound.
   * @defaultValue `400`
   */
  exactLimit?: number;
  /**
   * Single-source: branch-and-bound node budget before falling back to the heuristic.
   * @defaultValue `200_000`
   */
  nodeLimit?: number;
}
type CapacitatedAssignmentOptionsCheck = Assert<Same<CapacitatedAssignmentOptions, z.input<typeof CapacitatedAssignmentOptionsSchema>>>;

/** One zone → site (or zone → out-of-area) flow. */
export interface AssignmentFlow {
  readonly zone: string;
  /** Site id, or the out-of-area sink's name. */
  readonly site: string;
  readonly outOfArea: boolean;
  /** Demand units assigned. */
  readonly amount: number;
  /** Travel minutes of this zone–site pair. */
  readonly minutes: number;
}

/** How a zone's demand was placed, with the reason. */
export interface ZoneAllocation {
  readonly zone: string;
  readonly demand: number;
  /** Assigned to in-area sites. */
  readonly assigned: number;
  readonly outOfArea: number;
  /** Sites used, nearest first. */
  readonly sites: readonly string[];
  /** Nearest reachable site (ties by id); null when none is reachable. */
  readonly nearestSite: string | null;
  readonly nearestMinutes: number;
  /** Demand-weighted mean minutes of this zone's placements (out of area included). */
  readonly meanMinutes: number;
  /**
   * `nearest`: all at its nearest site; `displaced`: some at a farther site because nearer
   * sites are full; `outOfArea`: some out of area (reachable sites full, or none reachable);
   * `none`: zero demand.
   */
  readonly status: "nearest" | "displaced" | "outOfArea" | "none";
  /** Sites nearer than the zone's farthest placement that are full. */
  readonly fullSites: readonly string[];
  readonly explanation: string;
}

export interface SiteLoad {
  readonly site: string;
  readonly capacity: number;
  readonly load: number;
  readonly spare: number;
  /** load / capacity (0 when capacity is 0). */
  readonly utilisation: number;
}

export interface OutOfAreaSummary {
  readonly name: string;
  /** Demand units sent out of area. */
  readonly demand: number;
  /** Admissions per year out of area (null when demand is in beds and no length of stay is given). */
  readonly admissionsPerYear: number | null;
  readonly bedDaysPerYear: number;
  /** bedDaysPerYear × costPerBedDay. */
  readonly costPerYear: number;
  readonly minutes: number;
  readonly personMinutes: number;
}

export interface CapacitatedAssignmentResult {
  /** Positive flows, by zone then site in input order (out of area last). */
  readonly flows: readonly AssignmentFlow[];
  /** One per zone, in `matrix.origins` order. */
  readonly zones: readonly ZoneAllocation[];
  /** One per site, in `matrix.destinations` order. */
  readonly sites: readonly SiteLoad[];
  readonly outOfArea: OutOfAreaSummary | null;
  readonly totalDemand: number;
  readonly totalAssigned: number;
  /** Σ amount × minutes over in-area flows. */
  readonly inAreaPersonMinutes: number;
  /** In-area plus out-of-area person-minutes: the objective after out-of-area demand. */
  readonly totalPersonMinutes: number;
  /** `min-cost-flow` (exact), `branch-and-bound` (exact single-source) or `heuristic`. */
  readonly method: "min-cost-flow" | "branch-and-bound" | "heuristic";
  /**
   * Single-source: person-minutes of the fractional (split-allowed) optimum, a lower bound
   * whenever both place the same demand out of area.
   */
  readonly lowerBound: number | null;
  /**
   * Single-source: (totalPersonMinutes − lowerBound) / lowerBound when both place the same
   * demand out of area; otherwise null (with a warning).
   */
  readonly gap: number | null;
  readonly warnings: readonly string[];
}

/**
 * Assign each zone's demand to sites at the least total person-minutes without exceeding any
 * site's capacity; what does not fit goes to a named out-of-area sink.
 *
 * Method: the transportation problem solved exactly as a min-cost flow by successive
 * shortest paths with node potentials (Ahuja, Magnanti & Orlin 1993, ch. 9). Out-of-area
 * demand is minimised first, then person-minutes. Zones and sites are ordered by id inside,
 * so the flows do not depend on input order. Single-source mode (each zone whole to one site)
 * is a generalised assignment problem (NP-hard): up to `exactLimit` zone–site pairs it is
 * solved exactly by branch and bound; otherwise by rounding the fractional optimum and
 * shift/swap local search, reporting the fractional optimum as a lower bound and the gap.
 *
 * @param matrix - Zones × sites travel minutes; `Infinity` pairs are never used.
 * @param demand - Per zone (aligned with `matrix.origins`, or keyed by zone id), ≥ 0, any
 *   consistent unit (e.g. beds of offered load from {@link demandByZone}).
 * @param capacity - Per site (aligned with `matrix.destinations`, or keyed by site id), ≥ 0,
 *   same unit as `demand` (e.g. beds × target occupancy).
 * @returns Flows, per-zone allocations with reasons, per-site load and spare, out-of-area
 *   admissions, bed-days per year and cost per year, person-minutes.
 * @throws {@link NotAlignedError} if `demand` or `capacity` does not match the matrix.
 * @throws {@link InvalidInputError} for negative, NaN or infinite demand or capacity, NaN or
 *   negative matrix minutes, or bad options.
 * @throws {@link DidNotConvergeError} if the solver passes its augmentation budget (never seen
 *   on finite inputs; see docs/capacity.md "Termination").
 * @throws {@link InfeasibleError} without `outOfArea`, when capacity falls short (by how much)
 *   or a zone reaches no site (naming it).
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
 * const r = capacitatedAssignment(m, [8, 6], [10, 10]);
 * r.flows; // z1 → A 8; z2 → A 2, z2 → B 4  (z2 displaced because A is full)
 */
export function capacitatedAssignment(
  matrix: CostMatrix,
  demand: ArrayLike<number> | Readonly<Record<string, number>>,
  capacity: ArrayLike<number> | Readonly<Record<string, number>>,
  options: CapacitatedAssignmentOptions = {},
): CapacitatedAssignmentResult {
  const opts = parseInput(where, CapacitatedAssignmentOptionsSchema, options, "options");
  checkCostMatrix(where, matrix);
  const zones = matrix.origins;
  const sites = matrix.destinations;
  const n = zones.length;
  const m = sites.length;
  // report bad demand and bad capacity together
  const issues: InputIssue[] = [];
  const read = (argument: string, value: unknown, ids: readonly string[], against: string, inf: boolean): Float64Array => {
    try {
      return alignedValues(where, argument, value, ids, against, inf);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      issues.push(...e.issues);
      return new Float64Array(ids.length);
    }
  };
  const d = read("demand", demand, zones, "matrix.origins", false);
  const u = read("capacity", capacity, sites, "matrix.destinations", true);
  if (issues.length > 0) throw new InvalidInputError(where, issues);
  if (opts.demandUnit === "admissions" && opts.outOfArea !== undefined && opts.meanLengthOfStayDays === undefined) {
    throw new InvalidInputError(where, [
      { path: "options.meanLengthOfStayDays", message: "needed to turn out-of-area admissions into bed-days (got undefined)" },
    ]);
  }
  const warnings: string[] = [];

  // canonical order: by id, so permuted inputs give identical flows
  const zi = canonicalOrder(zones);
  const sj = canonicalOrder(sites);
  const M = m + 1; // last column: the sink (real or internal)
  let maxFinite = 0;
  for (let k = 0; k < n * m; k++) {
    const v = matrix.minutes[k];
    if (v !== Infinity && v > maxFinite) maxFinite = v;
  }
  const sinkMinutes = opts.outOfArea?.minutes ?? 0;
  const penalty = (m + 2) * Math.max(maxFinite, 1) + 1;
  const cost = new Float64Array(n * M);
  const supply = new Float64Array(n);
  const cap = new Float64Array(M);
  for (let a = 0; a < n; a++) {
    const i = zi[a];
    supply[a] = d[i];
    for (let b = 0; b < m; b++) cost[a * M + b] = matrix.minutes[i * m + sj[b]];
    cost[a * M + m] = penalty + sinkMinutes;
  }
  for (let b = 0; b < m; b++) cap[b] = u[sj[b]];
  cap[m] = Infinity;

  const frac = solveTransport({ rows: n, cols: M, cost, supply, capacity: cap });
  let flow = frac.flow;
  let method: CapacitatedAssignmentResult["method"] = "min-cost-flow";
  let lowerBound: number | null = null;
  let gap: number | null = null;
  if (opts.singleSource) {
    // the single-source problem sees real sink minutes and ranks out-of-area demand first itself
    const ssCost = Float64Array.from(cost);
    for (let a = 0; a < n; a++) ssCost[a * M + m] = sinkMinutes;
    let fracOut = 0;
    lowerBound = 0;
    for (let k = 0; k < n * M; k++) {
      if (frac.flow[k] > 0) {
        lowerBound += frac.flow[k] * ssCost[k];
        if (k % M === m) fracOut += frac.flow[k];
      }
    }
    const heur = heuristicSingleSource(n, M, m, ssCost, supply, cap, frac.flow);
    let chosen: { choice: Int32Array; outOfArea: number; minutes: number } = heur;
    method = "heuristic";
    if (n * m <= opts.exactLimit) {
      const bb = branchAndBound(n, M, m, ssCost, supply, cap, heur, opts.nodeLimit);
      chosen = bb;
      method = bb.method;
      if (bb.method === "heuristic") warnings.push(`single-source branch and bound stopped after ${opts.nodeLimit} nodes; the result is the best found, not proven optimal`);
    }
    flow = new Float64Array(n * M);
    for (let a = 0; a < n; a++) flow[a * M + chosen.choice[a]] = supply[a];
    if (Math.abs(chosen.outOfArea - fracOut) <= 1e-9 * Math.max(1, sum(supply))) {
      gap = lowerBound > 0 ? Math.max(0, (chosen.minutes - lowerBound) / lowerBound) : 0;
    } else {
      warnings.push(
        `single source sends ${fmt(chosen.outOfArea - fracOut)} more demand out of area than the split-allowed optimum (${fmt(fracOut)}); gap to the lower bound is not reported`,
      );
    }
  }

  // back to input order
  const x = new Float64Array(n * M); // x[i * M + j], j = m is the sink
  for (let a = 0; a < n; a++) {
    const i = zi[a];
    for (let b = 0; b < m; b++) x[i * M + sj[b]] = flow[a * M + b];
    x[i * M + m] = flow[a * M + m];
  }
  const load = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) load[j] += x[i * M + j];
  const sinkFlow = new Float64Array(n);
  for (let i = 0; i < n; i++) sinkFlow[i] = x[i * M + m];
  const overflow = sum(sinkFlow);

  if (opts.outOfArea === undefined && overflow > 0) {
    const unreachable = zones.filter((_, i) => {
      for (let j = 0; j < m; j++) if (matrix.minutes[i * m + j] !== Infinity) return false;
      return d[i] > 0;
    });
    if (unreachable.length > 0) {
      throw new InfeasibleError(
        where,
        `zone${unreachable.length > 1 ? "s" : ""} ${unreachable.slice(0, 5).map((z) => `"${z}"`).join(", ")}${unreachable.length > 5 ? ` and ${unreachable.length - 5} more` : ""} reach no site (every minutes entry is Infinity). Pass options.outOfArea or fix the matrix.`,
        unreachable.map((z) => ({ path: `demand.${z}`, message: `zone "${z}" reaches no site` })),
      );
    }
    const totalD = sum(d);
    const totalU = sum(u);
    const detail = opts.singleSource
      ? `no single-source assignment fits: ${fmt(overflow)} of demand ${fmt(totalD)} is left over (total capacity ${fmt(totalU)})`
      : `capacity falls ${fmt(overflow)} short: demand ${fmt(totalD)} exceeds what the reachable sites can hold (total capacity ${fmt(totalU)})`;
    throw new InfeasibleError(where, `${detail}. Add capacity or pass options.outOfArea.`);
  }

  const sinkName = opts.outOfArea?.name ?? "Out of area";
  const { flows, allocations, inAreaMinutes } = describeAllocations(zones, sites, matrix.minutes, d, u, x, sinkFlow, load, sj, sinkName, sinkMinutes);
  const siteLoads: SiteLoad[] = [];
  for (let j = 0; j < m; j++) {
    siteLoads.push({ site: sites[j], capacity: u[j], load: load[j], spare: Math.max(0, u[j] - load[j]), utilisation: u[j] > 0 ? load[j] / u[j] : 0 });
  }
  let outOfArea: OutOfAreaSummary | null = null;
  if (opts.outOfArea !== undefined) {
    const los = opts.meanLengthOfStayDays;
    const bedDays = opts.demandUnit === "beds" ? overflow * opts.daysPerYear : overflow * (los as number);
    const admissions = opts.demandUnit === "admissions" ? overflow : los === undefined ? null : bedDays / los;
    outOfArea = {
      name: sinkName,
      demand: overflow,
      admissionsPerYear: admissions,
      bedDaysPerYear: bedDays,
      costPerYear: bedDays * opts.outOfArea.costPerBedDay,
      minutes: sinkMinutes,
      personMinutes: overflow * sinkMinutes,
    };
    if (overflow > 0) warnings.push(`${fmt(overflow)} of ${fmt(sum(d))} demand does not fit and goes to ${sinkName}`);
  }
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < m; j++) if (matrix.minutes[i * m + j] !== Infinity) any = true;
    if (!any) warnings.push(`zone "${zones[i]}" reaches no site; its demand goes to ${sinkName}`);
  }
  const totalPersonMinutes = inAreaMinutes + overflow * sinkMinutes;
  return {
    flows,
    zones: allocations,
    sites: siteLoads,
    outOfArea,
    totalDemand: sum(d),
    totalAssigned: sum(load),
    inAreaPersonMinutes: inAreaMinutes,
    totalPersonMinutes,
    method,
    lowerBound,
    gap,
    warnings,
  };
}

/**
 * Flows and per-zone allocations with reasons, from the solved flows `x` (input order, the sink
 * last in each row of `M = sites + 1`). Kept apart from capacitatedAssignment so the optimiser
 * compiles this loop on its own (its doubles stay unboxed).
 */
function describeAllocations(
  zones: readonly string[],
  sites: readonly string[],
  t: Float64Array,
  d: Float64Array,
  u: Float64Array,
  x: Float64Array,
  sinkFlow: Float64Array,
  load: Float64Array,
  sj: Int32Array,
  sinkName: string,
  sinkMinutes: number,
): { flows: AssignmentFlow[]; allocations: ZoneAllocation[]; inAreaMinutes: number } {
  const n = zones.length;
  const m = sites.length;
  const M = m + 1;
  const flows: AssignmentFlow[] = [];
  const allocations: ZoneAllocation[] = [];
  let inAreaMinutes = 0;
  const tol = 1e-9;
  // per-zone scratch: site indices used and full (counts reset per zone, no allocation)
  const used = new Int32Array(m);
  const full = new Int32Array(m);
  const names = (list: Int32Array, count: number): string[] => {
    const out = new Array<string>(count);
    for (let k = 0; k < count; k++) out[k] = sites[list[k]];
    return out;
  };
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let nearest = -1;
    for (let b = 0; b < m; b++) {
      const j = sj[b];
      if (t[row + j] !== Infinity && (nearest < 0 || t[row + j] < t[row + nearest])) nearest = j;
    }
    let usedCount = 0;
    let assigned = 0;
    let weighted = 0;
    for (let j = 0; j < m; j++) {
      const a = x[i * M + j];
      if (a > 0) {
        const tij = t[row + j];
        flows.push({ zone: zones[i], site: sites[j], outOfArea: false, amount: a, minutes: tij });
        used[usedCount++] = j;
        assigned += a;
        weighted += a * tij;
      }
    }
    const out = sinkFlow[i];
    if (out > 0) flows.push({ zone: zones[i], site: sinkName, outOfArea: true, amount: out, minutes: sinkMinutes });
    inAreaMinutes += weighted;
    if (usedCount > 1) used.subarray(0, usedCount).sort((a, b) => t[row + a] - t[row + b] || (sites[a] < sites[b] ? -1 : 1));
    const farthest = out > 0 ? Infinity : usedCount > 0 ? t[row + used[usedCount - 1]] : -Infinity;
    let fullCount = 0;
    for (let b = 0; b < m; b++) {
      const j = sj[b];
      const tij = t[row + j];
      if (tij !== Infinity && tij < farthest && load[j] >= u[j] * (1 - tol)) full[fullCount++] = j;
    }
    // nearest first; equal minutes by id (sj order is id order, and sort is stable)
    if (fullCount > 1) full.set(Array.from(full.subarray(0, fullCount)).sort((a, b) => t[row + a] - t[row + b]));
    const fullSites = names(full, fullCount);
    const usedSites = names(used, usedCount);
    const nearestMinutes = nearest < 0 ? Infinity : t[row + nearest];
    let status: ZoneAllocation["status"];
    let explanation: string;
    let onlyNearest = usedCount > 0;
    for (let k = 0; k < usedCount && onlyNearest; k++) onlyNearest = t[row + used[k]] === nearestMinutes;
    if (d[i] === 0) {
      status = "none";
      explanation = "no demand";
    } else if (out > 0) {
      status = "outOfArea";
      explanation =
        nearest < 0
          ? `${fmt(out)} out of area (${sinkName}): no site is reachable`
          : `${fmt(out)} out of area (${sinkName}) because every reachable site is full${usedCount > 0 ? `; ${fmt(assigned)} placed at ${usedSites.join(", ")}` : ""}`;
    } else if (onlyNearest) {
      status = "nearest";
      explanation = `all at nearest site ${usedSites.length === 1 ? usedSites[0] : usedSites.join(", ")} (${fmtMin(nearestMinutes)} min), which has room`;
    } else {
      status = "displaced";
      const far: number[] = [];
      for (let k = 0; k < usedCount; k++) if (t[row + used[k]] > nearestMinutes) far.push(used[k]);
      explanation = `${fmt(far.reduce((s, j) => s + x[i * M + j], 0))} displaced to ${far.map((j) => `${sites[j]} (${fmtMin(t[row + j])} min)`).join(", ")} because ${
        fullSites.length > 0
          ? `${fullSites.join(", ")} ${fullSites.length === 1 ? "is" : "are"} full`
          : "no nearer site has room for all of this zone's demand (with single source, a zone goes whole to one site)"
      }`;
    }
    allocations.push({
      zone: zones[i],
      demand: d[i],
      assigned,
      outOfArea: out,
      sites: usedSites,
      nearestSite: nearest < 0 ? null : sites[nearest],
      nearestMinutes,
      meanMinutes: d[i] > 0 ? (weighted + out * sinkMinutes) / (assigned + out) : 0,
      status,
      fullSites,
      explanation,
    });
  }
  return { flows, allocations, inAreaMinutes };
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}
function fmtMin(v: number): string {
  return String(Math.round(v * 10) / 10);
}
