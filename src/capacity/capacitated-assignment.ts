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
  const { opts, d, u } = readInputs(matrix, demand, capacity, options);
  const problem = canonicalProblem(matrix, d, u, opts.outOfArea?.minutes ?? 0);
  const solved = solve(problem, opts);
  const placed = backToInputOrder(problem, solved.flow);
  if (opts.outOfArea === undefined && placed.overflow > 0) throw infeasible(matrix, d, u, placed.overflow, opts.singleSource);
  const sinkName = opts.outOfArea?.name ?? "Out of area";
  const sinkMinutes = problem.sinkMinutes;
  const { flows, allocations, inAreaMinutes } = describeAllocations({ matrix, d, u, placed, sj: problem.sj, sink: { name: sinkName, minutes: sinkMinutes }, singleSource: opts.singleSource });
  const sites = matrix.destinations;
  const { load, overflow } = placed;
  const siteLoads: SiteLoad[] = [];
  for (let j = 0; j < sites.length; j++) {
    siteLoads.push({ site: sites[j], capacity: u[j], load: load[j], spare: Math.max(0, u[j] - load[j]), utilisation: u[j] > 0 ? load[j] / u[j] : 0 });
  }
  const warnings = [...solved.warnings];
  const outOfArea = outOfAreaSummary(opts, overflow, sinkName);
  if (outOfArea !== null && overflow > 0) warnings.push(`${fmt(overflow)} of ${fmt(sum(d))} demand does not fit and goes to ${sinkName}`);
  warnings.push(...unreachableWarnings(matrix, sinkName));
  return {
    flows,
    zones: allocations,
    sites: siteLoads,
    outOfArea,
    totalDemand: sum(d),
    totalAssigned: sum(load),
    inAreaPersonMinutes: inAreaMinutes,
    totalPersonMinutes: inAreaMinutes + overflow * sinkMinutes,
    method: solved.method,
    lowerBound: solved.lowerBound,
    gap: solved.gap,
    warnings,
  };
}

type ParsedOptions = z.output<typeof CapacitatedAssignmentOptionsSchema>;

/** Options, the matrix and demand/capacity aligned with it (bad demand and capacity reported together). */
function readInputs(
  matrix: CostMatrix,
  demand: unknown,
  capacity: unknown,
  options: CapacitatedAssignmentOptions,
): { opts: ParsedOptions; d: Float64Array; u: Float64Array } {
  const opts = parseInput(where, CapacitatedAssignmentOptionsSchema, options, "options");
  checkCostMatrix(where, matrix);
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
  const d = read("demand", demand, matrix.origins, "matrix.origins", false);
  const u = read("capacity", capacity, matrix.destinations, "matrix.destinations", true);
  if (issues.length > 0) throw new InvalidInputError(where, issues);
  if (opts.demandUnit === "admissions" && opts.outOfArea !== undefined && opts.meanLengthOfStayDays === undefined) {
    throw new InvalidInputError(where, [
      { path: "options.meanLengthOfStayDays", message: "needed to turn out-of-area admissions into bed-days (got undefined)" },
    ]);
  }
  return { opts, d, u };
}

/** The transport problem in canonical (id) order, with the sink as the last column. */
interface CanonicalProblem {
  readonly n: number;
  readonly m: number;
  /** Columns per row: the m sites plus the sink. */
  readonly M: number;
  readonly zi: Int32Array;
  readonly sj: Int32Array;
  readonly cost: Float64Array;
  readonly supply: Float64Array;
  readonly cap: Float64Array;
  readonly sinkMinutes: number;
}

/**
 * Zones and sites put in id order (so permuted inputs give identical flows); the sink costs
 * its minutes plus a penalty that makes any solution with less out-of-area demand cheaper.
 */
function canonicalProblem(matrix: CostMatrix, d: Float64Array, u: Float64Array, sinkMinutes: number): CanonicalProblem {
  const n = matrix.origins.length;
  const m = matrix.destinations.length;
  const zi = canonicalOrder(matrix.origins);
  const sj = canonicalOrder(matrix.destinations);
  const M = m + 1; // last column: the sink (real or internal)
  let maxFinite = 0;
  for (let k = 0; k < n * m; k++) {
    const v = matrix.minutes[k];
    if (v !== Infinity && v > maxFinite) maxFinite = v;
  }
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
  return { n, m, M, zi, sj, cost, supply, cap, sinkMinutes };
}

interface Solved {
  /** Canonical order, `M` columns per row. */
  readonly flow: Float64Array;
  readonly method: CapacitatedAssignmentResult["method"];
  readonly lowerBound: number | null;
  readonly gap: number | null;
  readonly warnings: readonly string[];
}

/** The split-allowed optimum, and with `singleSource` the single-source assignment built from it. */
function solve(pr: CanonicalProblem, opts: ParsedOptions): Solved {
  const frac = solveTransport({ rows: pr.n, cols: pr.M, cost: pr.cost, supply: pr.supply, capacity: pr.cap });
  if (!opts.singleSource) return { flow: frac.flow, method: "min-cost-flow", lowerBound: null, gap: null, warnings: [] };
  return solveSingleSource(pr, frac.flow, opts);
}

/** Single source: branch and bound up to `exactLimit` pairs, else the heuristic; lower bound and gap from the split optimum. */
function solveSingleSource(pr: CanonicalProblem, fracFlow: Float64Array, opts: ParsedOptions): Solved {
  const { n, m, M, supply, cap } = pr;
  const warnings: string[] = [];
  // the single-source problem sees real sink minutes and ranks out-of-area demand first itself
  const ssCost = Float64Array.from(pr.cost);
  for (let a = 0; a < n; a++) ssCost[a * M + m] = pr.sinkMinutes;
  let fracOut = 0;
  let lowerBound = 0;
  for (let k = 0; k < n * M; k++) {
    if (fracFlow[k] > 0) {
      lowerBound += fracFlow[k] * ssCost[k];
      if (k % M === m) fracOut += fracFlow[k];
    }
  }
  const heur = heuristicSingleSource(n, M, m, ssCost, supply, cap, fracFlow);
  let chosen: { choice: Int32Array; outOfArea: number; minutes: number } = heur;
  let method: Solved["method"] = "heuristic";
  if (n * m <= opts.exactLimit) {
    const bb = branchAndBound(n, M, m, ssCost, supply, cap, heur, opts.nodeLimit);
    chosen = bb;
    method = bb.method;
    if (bb.method === "heuristic") warnings.push(`single-source branch and bound stopped after ${opts.nodeLimit} nodes; the result is the best found, not proven optimal`);
  }
  const flow = new Float64Array(n * M);
  for (let a = 0; a < n; a++) flow[a * M + chosen.choice[a]] = supply[a];
  let gap: number | null = null;
  if (Math.abs(chosen.outOfArea - fracOut) <= 1e-9 * Math.max(1, sum(supply))) {
    gap = lowerBound > 0 ? Math.max(0, (chosen.minutes - lowerBound) / lowerBound) : 0;
  } else {
    warnings.push(
      `single source sends ${fmt(chosen.outOfArea - fracOut)} more demand out of area than the split-allowed optimum (${fmt(fracOut)}); gap to the lower bound is not reported`,
    );
  }
  return { flow, method, lowerBound, gap, warnings };
}

/** Solved flows in input order: `x[i * M + j]` (j = m is the sink), site loads and sink flows. */
interface Placed {
  readonly x: Float64Array;
  readonly load: Float64Array;
  readonly sinkFlow: Float64Array;
  readonly overflow: number;
}

function backToInputOrder(pr: CanonicalProblem, flow: Float64Array): Placed {
  const { n, m, M, zi, sj } = pr;
  const x = new Float64Array(n * M);
  for (let a = 0; a < n; a++) {
    const i = zi[a];
    for (let b = 0; b < m; b++) x[i * M + sj[b]] = flow[a * M + b];
    x[i * M + m] = flow[a * M + m];
  }
  const load = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) load[j] += x[i * M + j];
  const sinkFlow = new Float64Array(n);
  for (let i = 0; i < n; i++) sinkFlow[i] = x[i * M + m];
  return { x, load, sinkFlow, overflow: sum(sinkFlow) };
}

/** The error when demand does not fit and there is no out-of-area sink: unreachable zones first, else the shortfall. */
function infeasible(matrix: CostMatrix, d: Float64Array, u: Float64Array, overflow: number, singleSource: boolean): InfeasibleError {
  const unreachable = matrix.origins.filter((_, i) => !reachesAnySite(matrix, i) && d[i] > 0);
  if (unreachable.length > 0) {
    return new InfeasibleError(
      where,
      `zone${unreachable.length > 1 ? "s" : ""} ${unreachable.slice(0, 5).map((z) => `"${z}"`).join(", ")}${unreachable.length > 5 ? ` and ${unreachable.length - 5} more` : ""} reach no site (every minutes entry is Infinity). Pass options.outOfArea or fix the matrix.`,
      unreachable.map((z) => ({ path: `demand.${z}`, message: `zone "${z}" reaches no site` })),
    );
  }
  const totalD = sum(d);
  const totalU = sum(u);
  const detail = singleSource
    ? `no single-source assignment fits: ${fmt(overflow)} of demand ${fmt(totalD)} is left over (total capacity ${fmt(totalU)})`
    : `capacity falls ${fmt(overflow)} short: demand ${fmt(totalD)} exceeds what the reachable sites can hold (total capacity ${fmt(totalU)})`;
  return new InfeasibleError(where, `${detail}. Add capacity or pass options.outOfArea.`);
}

function reachesAnySite(matrix: CostMatrix, i: number): boolean {
  const m = matrix.destinations.length;
  for (let j = 0; j < m; j++) if (matrix.minutes[i * m + j] !== Infinity) return true;
  return false;
}

function unreachableWarnings(matrix: CostMatrix, sinkName: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < matrix.origins.length; i++) {
    if (!reachesAnySite(matrix, i)) out.push(`zone "${matrix.origins[i]}" reaches no site; its demand goes to ${sinkName}`);
  }
  return out;
}

/** Out-of-area demand as admissions, bed-days and cost per year; null without a sink. */
function outOfAreaSummary(opts: ParsedOptions, overflow: number, sinkName: string): OutOfAreaSummary | null {
  if (opts.outOfArea === undefined) return null;
  const los = opts.meanLengthOfStayDays;
  const bedDays = opts.demandUnit === "beds" ? overflow * opts.daysPerYear : overflow * (los as number);
  const admissions = opts.demandUnit === "admissions" ? overflow : los === undefined ? null : bedDays / los;
  return {
    name: sinkName,
    demand: overflow,
    admissionsPerYear: admissions,
    bedDaysPerYear: bedDays,
    costPerYear: bedDays * opts.outOfArea.costPerBedDay,
    minutes: opts.outOfArea.minutes,
    personMinutes: overflow * opts.outOfArea.minutes,
  };
}

/** What {@link describeAllocations} reads: the inputs and the placed flows (input order). */
interface DescribeInput {
  readonly matrix: CostMatrix;
  readonly d: Float64Array;
  readonly u: Float64Array;
  readonly placed: Placed;
  /** Site indices in id order. */
  readonly sj: Int32Array;
  readonly sink: { readonly name: string; readonly minutes: number };
  readonly singleSource: boolean;
}

/** Per-zone scratch of {@link describeAllocations}: site indices used and full (counts reset per zone). */
interface ZoneScratch {
  readonly used: Int32Array;
  readonly full: Int32Array;
}

/**
 * Flows and per-zone allocations with reasons, from the solved flows (input order, the sink
 * last in each row of `M = sites + 1`). Kept apart from capacitatedAssignment so the optimiser
 * compiles this loop on its own (its doubles stay unboxed).
 */
function describeAllocations(input: DescribeInput): { flows: AssignmentFlow[]; allocations: ZoneAllocation[]; inAreaMinutes: number } {
  const { matrix, placed, sink } = input;
  const { origins: zones, destinations: sites, minutes: t } = matrix;
  const n = zones.length;
  const m = sites.length;
  const M = m + 1;
  const flows: AssignmentFlow[] = [];
  const allocations: ZoneAllocation[] = [];
  let inAreaMinutes = 0;
  const scratch: ZoneScratch = { used: new Int32Array(m), full: new Int32Array(m) };
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let usedCount = 0;
    let assigned = 0;
    let weighted = 0;
    for (let j = 0; j < m; j++) {
      const a = placed.x[i * M + j];
      if (a > 0) {
        const tij = t[row + j];
        flows.push({ zone: zones[i], site: sites[j], outOfArea: false, amount: a, minutes: tij });
        scratch.used[usedCount++] = j;
        assigned += a;
        weighted += a * tij;
      }
    }
    const out = placed.sinkFlow[i];
    if (out > 0) flows.push({ zone: zones[i], site: sink.name, outOfArea: true, amount: out, minutes: sink.minutes });
    inAreaMinutes += weighted;
    allocations.push(describeZone(input, scratch, { i, usedCount, assigned, weighted }));
  }
  return { flows, allocations, inAreaMinutes };
}

/** Zone i's allocation: its sites nearest first, the full sites nearer than its farthest placement, status and explanation. */
function describeZone(input: DescribeInput, scratch: ZoneScratch, zone: { i: number; usedCount: number; assigned: number; weighted: number }): ZoneAllocation {
  const { matrix, d, u, placed, sj, sink } = input;
  const { destinations: sites, minutes: t } = matrix;
  const { i, usedCount, assigned, weighted } = zone;
  const { used, full } = scratch;
  const m = sites.length;
  const row = i * m;
  const tol = 1e-9;
  const names = (list: Int32Array, count: number): string[] => {
    const out = new Array<string>(count);
    for (let k = 0; k < count; k++) out[k] = sites[list[k]];
    return out;
  };
  let nearest = -1;
  for (let b = 0; b < m; b++) {
    const j = sj[b];
    if (t[row + j] !== Infinity && (nearest < 0 || t[row + j] < t[row + nearest])) nearest = j;
  }
  const out = placed.sinkFlow[i];
  if (usedCount > 1) used.subarray(0, usedCount).sort((a, b) => t[row + a] - t[row + b] || (sites[a] < sites[b] ? -1 : 1));
  const farthest = out > 0 ? Infinity : usedCount > 0 ? t[row + used[usedCount - 1]] : -Infinity;
  let fullCount = 0;
  for (let b = 0; b < m; b++) {
    const j = sj[b];
    const tij = t[row + j];
    if (tij !== Infinity && tij < farthest && placed.load[j] >= u[j] * (1 - tol)) full[fullCount++] = j;
  }
  // nearest first; equal minutes by id (sj order is id order, and sort is stable)
  if (fullCount > 1) full.set(Array.from(full.subarray(0, fullCount)).sort((a, b) => t[row + a] - t[row + b]));
  const fullSites = names(full, fullCount);
  const usedSites = names(used, usedCount);
  const nearestMinutes = nearest < 0 ? Infinity : t[row + nearest];
  const { status, explanation } = explain(input, {
    i,
    out,
    assigned,
    nearest,
    nearestMinutes,
    used: Array.from(used.subarray(0, usedCount)),
    usedSites,
    fullSites,
  });
  return {
    zone: matrix.origins[i],
    demand: d[i],
    assigned,
    outOfArea: out,
    sites: usedSites,
    nearestSite: nearest < 0 ? null : sites[nearest],
    nearestMinutes,
    meanMinutes: d[i] > 0 ? (weighted + out * sink.minutes) / (assigned + out) : 0,
    status,
    fullSites,
    explanation,
  };
}

/** A zone's status and the sentence that explains it. */
function explain(
  input: DescribeInput,
  z: { i: number; out: number; assigned: number; nearest: number; nearestMinutes: number; used: readonly number[]; usedSites: readonly string[]; fullSites: readonly string[] },
): { status: ZoneAllocation["status"]; explanation: string } {
  const { matrix, d, placed, sink } = input;
  const { destinations: sites, minutes: t } = matrix;
  const row = z.i * sites.length;
  const M = sites.length + 1;
  if (d[z.i] === 0) return { status: "none", explanation: "no demand" };
  if (z.out > 0) {
    const placedAt = z.used.length > 0 ? `; ${fmt(z.assigned)} placed at ${z.usedSites.join(", ")}` : "";
    return {
      status: "outOfArea",
      explanation:
        z.nearest < 0
          ? `${fmt(z.out)} out of area (${sink.name}): no site is reachable`
          : `${fmt(z.out)} out of area (${sink.name}) because every reachable site is full${placedAt}`,
    };
  }
  if (z.used.length > 0 && z.used.every((j) => t[row + j] === z.nearestMinutes)) {
    return { status: "nearest", explanation: `all at nearest site ${z.usedSites.join(", ")} (${fmtMin(z.nearestMinutes)} min), which has room` };
  }
  const far = z.used.filter((j) => t[row + j] > z.nearestMinutes);
  const moved = far.reduce((s, j) => s + placed.x[z.i * M + j], 0);
  const to = far.map((j) => `${sites[j]} (${fmtMin(t[row + j])} min)`).join(", ");
  let because: string;
  if (z.fullSites.length > 0) because = `${z.fullSites.join(", ")} ${z.fullSites.length === 1 ? "is" : "are"} full`;
  else if (input.singleSource) because = "no nearer site has room for all of this zone's demand (with single source, a zone goes whole to one site)";
  else because = "no nearer site has room for more (nearer sites are full to within rounding)";
  return { status: "displaced", explanation: `${fmt(moved)} displaced to ${to} because ${because}` };
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}
function fmtMin(v: number): string {
  return String(Math.round(v * 10) / 10);
}
