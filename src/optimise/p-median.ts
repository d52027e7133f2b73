/*
 * p-median (Hakimi 1964; ReVelle & Swain 1970), optionally capacitated.
 *
 *   minimise   Σ_i Σ_j w_i d_ij x_ij
 *   subject to Σ_j x_ij = 1            every zone i is served
 *              x_ij ≤ y_j              only by an open site
 *              Σ_j y_j = p             exactly p sites open
 *              y_j = 1 (j fixed), y_j = 0 (j excluded or d_ij = ∞ for x_ij)
 *              Σ_i w_i x_ij ≤ C_j y_j  (capacitated only)
 *              x_ij ∈ [0, 1] (binary when single-source), y_j ∈ {0, 1}
 *
 *   i zones (matrix.origins), j candidate sites (matrix.destinations), w_i weight (population),
 *   d_ij minutes, C_j capacity in weight units.
 *
 * Uncapacitated: exact enumeration with a suffix-minimum bound when C(free, p − fixed) × zones
 * is small (C(60, 3) = 34,220 sets × 1,107 zones ≈ 38 M operations), otherwise greedy + vertex
 * substitution with seeded restarts, a Lagrangian lower bound by subgradient optimisation, and,
 * if the gap stays open, a Lagrangian branch and bound over the site variables (exact up to
 * `gapTolerance`, within `maxNodes`). Memory 8·m·n bytes for the compact cost array.
 * Capacitated: the MILP above with HiGHS (loaded lazily), lower bound ≥ the uncapacitated optimum.
 */
import * as z from "zod/mini";
import { InfeasibleError, InvalidInputError, NotAlignedError, UnknownIdError, parseInput } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { type MilpPMedianOutput, solvePMedianMilp } from "./highs.js";
import { type MilpSolver, isMilpSolver } from "./milp-solver.js";
import { solvePMedianKernel } from "./p-median-kernel.js";
import { type Instance, checkP, commonOptionShape, listIds, prepareInstance, relativeGap, type OptimiseCommonOptions } from "./prepare.js";
import { type SiteSelectionResult, assignNearest } from "./result.js";
import type { Assert, Same } from "../internal/type-checks.js";

const capacityValue = z.number().check(z.nonnegative());

/**
 * The zod (`zod/mini`) schema that checks {@link PMedianOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const PMedianOptionsSchema = z.strictObject({
  p: z.number().check(z.int()).check(z.positive()),
  ...commonOptionShape,
  capacity: z.optional(z.union([z.array(capacityValue), z.record(z.string(), capacityValue)])),
  singleSource: z._default(z.boolean(), false),
  allowUnreachable: z._default(z.boolean(), false),
  restarts: z._default(z.number().check(z.int()).check(z.positive()), 8),
  solver: z._default(z.enum(["builtin", "highs"]), "builtin"),
  milpSolver: z.optional(z.custom<MilpSolver>(isMilpSolver, "must be a MILP solver: an object with a solve(problem, options) function, e.g. from loadHighsSolver()")),
});

/** Options of {@link pMedian}. */
export interface PMedianOptions extends OptimiseCommonOptions {
  /**
   * Number of sites to open (fixed ones included).
   */
  p: number;
  /**
   * Per-site capacity in weight units (array aligned with `matrix.destinations` or keyed by id); turns on the capacitated model (needs `highs`).
   */
  capacity?: Record<string, number> | number[];
  /**
   * Capacitated only: each zone goes whole to one site (default false).
   * @defaultValue `false`
   */
  singleSource?: boolean;
  /**
   * List zones no allowed candidate reaches in `unreachable` and optimise over the rest, instead of throwing (default false).
   * @defaultValue `false`
   */
  allowUnreachable?: boolean;
  /**
   * Heuristic starts, the greedy one included (default 8).
   * @defaultValue `8`
   */
  restarts?: number;
  /**
   * "builtin" (default) or "highs" (general MILP, for comparison).
   * @defaultValue `"builtin"`
   */
  solver?: "builtin" | "highs";
  /**
   * The exact MILP solver for `capacity` and `solver: "highs"`, e.g. `await loadHighsSolver()` from `hubspoke/highs`; default: the optional `highs` package, loaded on first use in Node (a {@link MissingDependencyError} says how to install it).
   */
  milpSolver?: MilpSolver;
}
type PMedianOptionsCheck = Assert<Same<PMedianOptions, z.input<typeof PMedianOptionsSchema>>>;

/** One share of a zone's weight sent to a site (capacitated p-median). */
export interface PMedianFlow {
  readonly zone: string;
  readonly site: string;
  /** Weight units (e.g. people) sent. */
  readonly weight: number;
  readonly minutes: number;
}

/** Result of {@link pMedian}. `objective` is population-weighted minutes. */
export interface PMedianResult extends SiteSelectionResult {
  /** objective ÷ total weight served: mean minutes per unit of weight. */
  readonly meanMinutes: number;
  /** Total weight of the zones in the objective. */
  readonly totalWeight: number;
  /** Capacitated only: how each zone's weight is split between sites. */
  readonly flows?: PMedianFlow[];
  /** Capacitated only: weight served per chosen site, and its capacity. */
  readonly load?: Record<string, { readonly weight: number; readonly capacity: number }>;
}

/** Penalty per unit weight for a pair that cannot be used: beats any feasible total. */
export function penaltyCosts(inst: Instance, withinMinutes = Infinity): { c: Float64Array; big: number } {
  const { dist, weight, m, n } = inst;
  let maxFinite = 0;
  let total = 0;
  let minPositive = Infinity;
  for (let r = 0; r < n; r++) {
    total += weight[r];
    if (weight[r] > 0 && weight[r] < minPositive) minPositive = weight[r];
  }
  for (let k = 0; k < dist.length; k++) if (dist[k] !== Infinity && dist[k] <= withinMinutes && dist[k] > maxFinite) maxFinite = dist[k];
  const big = minPositive === Infinity ? 1 : (maxFinite + 1) * (total / minPositive + 1) * 4;
  const c = new Float64Array(m * n);
  for (let j = 0; j < m; j++) {
    const o = j * n;
    for (let r = 0; r < n; r++) {
      const d = dist[o + r];
      c[o + r] = weight[r] * (d !== Infinity && d <= withinMinutes ? d : big);
    }
  }
  return { c, big };
}

function resolveCapacity(where: string, matrix: CostMatrix, capacity: number[] | Record<string, number>): Float64Array {
  const cols = matrix.destinations.length;
  const out = new Float64Array(cols);
  if (Array.isArray(capacity)) {
    if (capacity.length !== cols) throw new NotAlignedError(where, "capacity", capacity.length, cols, "matrix.destinations");
    for (let j = 0; j < cols; j++) out[j] = capacity[j];
    return out;
  }
  const index = new Map<string, number>();
  for (let j = 0; j < cols; j++) index.set(matrix.destinations[j], j);
  for (const key of Object.keys(capacity)) {
    if (!index.has(key)) throw new UnknownIdError(where, "site", key, `capacity.${key}`, "Capacities keyed by id must use matrix.destinations ids.");
  }
  const missing = matrix.destinations.filter((id) => capacity[id] === undefined);
  if (missing.length > 0) {
    throw new InvalidInputError(
      where,
      missing.slice(0, 10).map((id) => ({ path: `capacity.${id}`, message: `no capacity for site "${id}"; give every candidate a capacity` })),
    );
  }
  for (let j = 0; j < cols; j++) out[j] = capacity[matrix.destinations[j]];
  return out;
}

/**
 * Choose `p` sites that minimise total population-weighted travel time (the p-median problem).
 *
 * Method: Hakimi (1964); ReVelle & Swain (1970) formulation. Exact enumeration with pruning
 * for small instances; otherwise greedy + vertex substitution (Teitz & Bart 1968) with seeded
 * restarts, a Lagrangian lower bound by subgradient optimisation (Beasley 1993; Daskin 2013,
 * ch. 6), and a Lagrangian branch and bound that proves optimality within `gapTolerance`
 * (home-made, exact: every pruned subtree has a valid Lagrangian bound). With `capacity`, the
 * capacitated model is solved as a MILP with HiGHS (Huangfu & Hall 2018), loaded lazily.
 *
 * @param matrix - Zones × candidate sites, minutes (`Infinity` unreachable).
 * @returns Chosen sites, `objective` in weight × minutes, `meanMinutes`, `lowerBound`, `gap`,
 *   `proven`, nearest-site `assignment` and `served`; capacitated adds `flows` and `load`.
 * @throws {@link InvalidInputError} bad options, or a site both fixed and excluded.
 * @throws {@link UnknownIdError} a fixed/excluded/weight/capacity id not in the matrix.
 * @throws {@link NotAlignedError} weights or capacity of the wrong length.
 * @throws {@link InfeasibleError} p above the allowed candidates or below the fixed sites,
 *   zones unreachable from every candidate, no p sites reaching every zone, capacity below demand.
 * @throws {@link MissingDependencyError} `capacity` or `solver: "highs"` without `milpSolver` when the
 *   optional `highs` package is not installed.
 * @example
 * const m = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
 * const r = await pMedian(m, { p: 1, weights: [10, 10, 1] });
 * r.chosen; // ["s1"]
 * r.objective; // 10·1 + 10·2 + 1·9 = 39
 */
export async function pMedian(matrix: CostMatrix, options: PMedianOptions): Promise<PMedianResult> {
  const where = "pMedian";
  const opts = parseInput(where, PMedianOptionsSchema, options, "options");
  const inst = prepareInstance(where, matrix, opts, {
    dropZeroWeight: false,
    unreachable: opts.allowUnreachable ? "drop" : "error",
  });
  checkP(inst, opts.p);
  if (opts.capacity !== undefined) return capacitated(inst, opts, resolveCapacity(where, matrix, opts.capacity));
  if (opts.solver === "highs") return viaHighs(inst, opts);
  const { c } = penaltyCosts(inst);
  const res = solvePMedianKernel(c, inst.m, inst.n, opts.p, inst.fixed, {
    seed: opts.seed,
    restarts: opts.restarts,
    maxNodes: opts.maxNodes,
    timeLimitMs: opts.timeLimitMs,
    gapTolerance: opts.gapTolerance,
    enumerationWork: 1e7,
  });
  return finishPMedian(inst, opts, { ...res, open: Array.from(res.open) });
}

type ParsedPMedian = z.output<typeof PMedianOptionsSchema>;

/** A solver's answer on the compact instance: open candidates (local indices) and its figures. */
interface SolvedSet {
  open: number[];
  /** The solver's objective (penalties included). */
  value: number;
  lowerBound: number;
  proven: boolean;
  method: PMedianResult["method"];
  nodes: number;
  iterations: number;
}

function finishPMedian(inst: Instance, opts: ParsedPMedian, solved: SolvedSet): PMedianResult {
  const { matrix, where } = inst;
  const { open, value: kernelValue, lowerBound: kernelLower, proven, method, nodes, iterations } = solved;
  const chosenCols = open.map((j) => inst.cand[j]).sort((a, b) => a - b);
  const near = assignNearest(matrix, chosenCols);
  const warnings = [...inst.warnings];
  const left = new Set(inst.unreachable);
  let objective = 0;
  let total = 0;
  const unreached: number[] = [];
  for (let i = 0; i < matrix.origins.length; i++) {
    if (left.has(i)) continue;
    const w = inst.allWeights[i];
    if (near.minutes[i] === Infinity) {
      unreached.push(i);
      continue;
    }
    objective += w * near.minutes[i];
    total += w;
  }
  const positiveUnreached = unreached.filter((i) => inst.allWeights[i] > 0);
  if (positiveUnreached.length > 0 && !opts.allowUnreachable) {
    throw new InfeasibleError(
      where,
      `no choice of ${opts.p} site(s) reaches every zone: the best one found leaves ${listIds(matrix.origins, positiveUnreached)} unreachable. Raise p, fix or un-exclude sites that reach them, or pass { allowUnreachable: true }.`,
      positiveUnreached.map((i) => ({ path: `matrix.origins[${i}]`, message: `zone "${matrix.origins[i]}" is not reached by the chosen sites` })),
    );
  }
  let lowerBound = Math.min(kernelLower, kernelValue);
  if (unreached.length > 0) {
    warnings.push(
      `${unreached.length} zone(s) are not reached by the chosen sites and are left out of the objective: ${listIds(matrix.origins, unreached)}.`,
    );
    if (positiveUnreached.length > 0) {
      lowerBound = proven ? objective : 0;
      warnings.push("the lower bound is not informative when zones with weight are left unreached.");
    }
  } else {
    lowerBound = Math.min(lowerBound, objective);
  }
  if (!proven) warnings.push(`optimality not proven: gap ${(relativeGap(objective, lowerBound) * 100).toFixed(4)}% after ${nodes} nodes.`);
  return {
    method,
    proven,
    chosen: chosenCols.map((j) => matrix.destinations[j]),
    objective,
    lowerBound,
    upperBound: objective,
    gap: relativeGap(objective, lowerBound),
    meanMinutes: total > 0 ? objective / total : 0,
    totalWeight: total,
    assignment: near.assignment,
    served: near.served,
    unreachable: [...inst.unreachable, ...unreached].sort((a, b) => a - b).map((i) => matrix.origins[i]),
    stats: { nodes, iterations },
    warnings,
  };
}

async function viaHighs(inst: Instance, opts: ParsedPMedian): Promise<PMedianResult> {
  const out = await solvePMedianMilp(inst.where, {
    dist: inst.dist,
    weight: inst.weight,
    m: inst.m,
    n: inst.n,
    p: opts.p,
    fixed: inst.fixed,
    singleSource: false,
    timeLimitMs: opts.timeLimitMs ?? 60_000,
    gapTolerance: opts.gapTolerance,
    milpSolver: opts.milpSolver,
  });
  if (out.open.length !== opts.p) {
    throw new InfeasibleError(inst.where, `HiGHS found no feasible choice of ${opts.p} site(s) (status "${out.status}").`);
  }
  const lower = out.optimal ? out.objective * (1 - opts.gapTolerance) : 0;
  return finishPMedian(inst, opts, { open: out.open, value: out.objective, lowerBound: lower, proven: out.optimal, method: "highs", nodes: 0, iterations: 0 });
}

/** Throw unless the p largest allowed sites can hold the demand (and, single-source, each zone fits one site). */
function checkCapacityFeasible(inst: Instance, opts: ParsedPMedian, cap: Float64Array): void {
  const { where, matrix, m, n } = inst;
  let demand = 0;
  for (let r = 0; r < n; r++) demand += inst.weight[r];
  const isFixed = new Uint8Array(m);
  let best = 0;
  for (let k = 0; k < inst.fixed.length; k++) {
    isFixed[inst.fixed[k]] = 1;
    best += cap[inst.fixed[k]];
  }
  const freeCaps: number[] = [];
  for (let j = 0; j < m; j++) if (isFixed[j] === 0) freeCaps.push(cap[j]);
  freeCaps.sort((a, b) => b - a);
  for (let k = 0; k < opts.p - inst.fixed.length; k++) best += freeCaps[k];
  if (best < demand) {
    throw new InfeasibleError(
      where,
      `the ${opts.p} largest allowed sites (fixed ones included) hold ${best} in capacity, below total demand ${demand}. Raise p or capacities.`,
      [{ path: "capacity", message: `at most ${best} capacity for demand ${demand}` }],
    );
  }
  if (opts.singleSource) {
    const maxCap = Math.max(...Array.from(cap));
    const tooBig: number[] = [];
    for (let r = 0; r < n; r++) if (inst.weight[r] > maxCap) tooBig.push(inst.rows[r]);
    if (tooBig.length > 0) {
      throw new InfeasibleError(
        where,
        `with singleSource, zone(s) ${listIds(matrix.origins, tooBig)} have more demand than the largest site capacity (${maxCap}). Allow splitting or raise capacities.`,
      );
    }
  }
}

async function capacitated(inst: Instance, opts: ParsedPMedian, capAll: Float64Array): Promise<PMedianResult> {
  const { where, m, n } = inst;
  const cap = new Float64Array(m);
  for (let j = 0; j < m; j++) cap[j] = capAll[inst.cand[j]];
  checkCapacityFeasible(inst, opts, cap);
  // the uncapacitated optimum is a valid lower bound for the capacitated model
  const { c } = penaltyCosts(inst);
  const relaxed = solvePMedianKernel(c, m, n, opts.p, inst.fixed, {
    seed: opts.seed,
    restarts: opts.restarts,
    maxNodes: opts.maxNodes,
    timeLimitMs: opts.timeLimitMs,
    gapTolerance: opts.gapTolerance,
    enumerationWork: 1e7,
  });
  const out = await solvePMedianMilp(where, {
    dist: inst.dist,
    weight: inst.weight,
    m,
    n,
    p: opts.p,
    fixed: inst.fixed,
    capacity: cap,
    singleSource: opts.singleSource,
    timeLimitMs: opts.timeLimitMs ?? 60_000,
    gapTolerance: opts.gapTolerance,
    milpSolver: opts.milpSolver,
  });
  if (out.open.length === 0) {
    if (out.status === "Infeasible") {
      throw new InfeasibleError(
        where,
        `no choice of ${opts.p} site(s) can serve every zone within the capacities${opts.singleSource ? " with each zone going whole to one site" : ""} (HiGHS: infeasible). Raise p or capacities${opts.singleSource ? ", or allow splitting" : ""}.`,
      );
    }
    throw new InfeasibleError(where, `HiGHS found no feasible solution before stopping (status "${out.status}"). Raise timeLimitMs.`);
  }
  return capacitatedResult(inst, opts, cap, out, relaxed.lowerBound);
}

/** Map the MILP's flows back to ids: per-zone main site, per-site load, objective and bound. */
function capacitatedResult(
  inst: Instance,
  opts: ParsedPMedian,
  cap: Float64Array,
  out: MilpPMedianOutput,
  relaxedLower: number,
): PMedianResult {
  const { matrix, n } = inst;
  const chosenCols = out.open.map((j) => inst.cand[j]);
  const served: Record<string, string[]> = {};
  const load: Record<string, { weight: number; capacity: number }> = {};
  for (const j of out.open) {
    served[matrix.destinations[inst.cand[j]]] = [];
    load[matrix.destinations[inst.cand[j]]] = { weight: 0, capacity: cap[j] };
  }
  const assignment: Record<string, string | null> = {};
  const bestShare = new Float64Array(n).fill(-1);
  const bestSite = new Int32Array(n).fill(-1);
  const flows: PMedianFlow[] = [];
  let objective = 0;
  for (const [r, j, w] of out.flows) {
    const minutes = inst.dist[j * n + r];
    flows.push({ zone: matrix.origins[inst.rows[r]], site: matrix.destinations[inst.cand[j]], weight: w, minutes });
    load[matrix.destinations[inst.cand[j]]].weight += w;
    objective += w * minutes;
    if (w > bestShare[r]) {
      bestShare[r] = w;
      bestSite[r] = j;
    }
  }
  let total = 0;
  for (let i = 0; i < matrix.origins.length; i++) assignment[matrix.origins[i]] = null;
  for (let r = 0; r < n; r++) {
    total += inst.weight[r];
    if (bestSite[r] >= 0) {
      const site = matrix.destinations[inst.cand[bestSite[r]]];
      assignment[matrix.origins[inst.rows[r]]] = site;
      served[site].push(matrix.origins[inst.rows[r]]);
    } else if (inst.weight[r] === 0) {
      // zero-weight zones carry no flow: give them their nearest chosen site
      const near = assignNearest(matrix, chosenCols);
      const site = near.assignment[matrix.origins[inst.rows[r]]];
      assignment[matrix.origins[inst.rows[r]]] = site;
      if (site !== null) served[site].push(matrix.origins[inst.rows[r]]);
    }
  }
  for (const id of Object.keys(served)) served[id].sort((a, b) => matrix.origins.indexOf(a) - matrix.origins.indexOf(b));
  const warnings = [...inst.warnings];
  const lowerBound = Math.min(objective, Math.max(relaxedLower, out.optimal ? objective * (1 - opts.gapTolerance) : 0));
  if (!out.optimal) warnings.push(`HiGHS stopped with status "${out.status}"; the lower bound is the uncapacitated one.`);
  chosenCols.sort((a, b) => a - b);
  return {
    method: "highs",
    proven: out.optimal,
    chosen: chosenCols.map((j) => matrix.destinations[j]),
    objective,
    lowerBound,
    upperBound: objective,
    gap: relativeGap(objective, lowerBound),
    meanMinutes: total > 0 ? objective / total : 0,
    totalWeight: total,
    assignment,
    served,
    unreachable: inst.unreachable.map((i) => matrix.origins[i]),
    stats: { nodes: 0, iterations: 0 },
    warnings,
    flows,
    load,
  };
}
