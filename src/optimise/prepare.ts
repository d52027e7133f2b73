// Shared boundary work for every site-selection model: option schemas, id resolution,
// weights, and the compact typed-array instance the kernels run on. Internal.
import * as z from "zod/mini";
import { InfeasibleError, InvalidInputError, NotAlignedError, UnknownIdError } from "../errors.js";
import type { CostMatrix } from "../model/index.js";
import { checkCostMatrix } from "../model/cost-matrix.js";

const weightValue = z.number().check(z.nonnegative());

/** Option fields common to every model (spread into each model's strict schema). */
export const commonOptionShape = {
  weights: z.optional(z.union([z.array(weightValue), z.record(z.string(), weightValue)])),
  fixed: z._default(z.array(z.string()), []),
  exclude: z._default(z.array(z.string()), []),
  seed: z._default(z.number().check(z.int()), 1),
  maxNodes: z._default(z.number().check(z.int()).check(z.positive()), 200_000),
  timeLimitMs: z.optional(z.number().check(z.positive())),
  gapTolerance: z._default(z.number().check(z.minimum(0)).check(z.maximum(1)), 1e-6),
};

/**
 * Options every site-selection model takes (p-median, p-center, maximal coverage, set cover).
 */
export interface OptimiseCommonOptions {
  /**
   * Demand per zone: an array aligned with `matrix.origins`, or a record keyed by zone id;
   * non-negative, zeros allowed. Default 1 for every zone.
   */
  weights?: Record<string, number> | number[];
  /**
   * Site ids that must stay open.
   * @defaultValue `[]`
   */
  fixed?: string[];
  /**
   * Site ids that may not be chosen.
   * @defaultValue `[]`
   */
  exclude?: string[];
  /**
   * Seed of the random restarts (p-median); same seed, same answer. The other models are
   * deterministic and accept it for symmetry.
   * @defaultValue `1`
   */
  seed?: number;
  /**
   * Branch-and-bound node budget; when it runs out the result says `proven: false` and gives
   * its bound. Deterministic, unlike `timeLimitMs`.
   * @defaultValue `200_000`
   */
  maxNodes?: number;
  /**
   * Wall-clock limit in milliseconds for the whole search (makes results machine-dependent).
   * Default: none for the built-in solvers, 60 s for HiGHS.
   */
  timeLimitMs?: number;
  /**
   * Relative gap between the answer and its bound accepted as optimal.
   * @defaultValue `1e-6`
   */
  gapTolerance?: number;
}

export interface ParsedCommon {
  weights?: number[] | Record<string, number>;
  fixed: string[];
  exclude: string[];
  seed: number;
  maxNodes: number;
  timeLimitMs?: number;
  gapTolerance: number;
}

/**
 * A compact instance: `m` allowed candidates (matrix columns `cand[j]`, input order) and
 * `n` kept zones (matrix rows `rows[r]`). `dist` is candidate-major: `dist[j * n + r]`
 * minutes (Infinity unreachable), so a site's column is contiguous for the hot loops.
 * Memory: 8·m·n bytes (1,107 × 60 → 0.5 MB).
 */
export interface Instance {
  readonly where: string;
  readonly matrix: CostMatrix;
  readonly cand: Int32Array;
  readonly m: number;
  readonly rows: Int32Array;
  readonly n: number;
  readonly weight: Float64Array;
  readonly dist: Float64Array;
  /** Local indices (into `cand`) of the fixed sites, ascending. */
  readonly fixed: Int32Array;
  /** Matrix row indices left out because no allowed candidate reaches them. */
  readonly unreachable: number[];
  /** Matrix row indices left out because their weight is zero (when asked to). */
  readonly zeroWeight: number[];
  /** Full weight vector aligned with matrix.origins. */
  readonly allWeights: Float64Array;
  readonly warnings: string[];
}

export function resolveWeights(where: string, matrix: CostMatrix, weights: ParsedCommon["weights"]): Float64Array {
  const n = matrix.origins.length;
  const out = new Float64Array(n);
  if (weights === undefined) {
    out.fill(1);
    return out;
  }
  if (Array.isArray(weights)) {
    if (weights.length !== n) throw new NotAlignedError(where, "weights", weights.length, n, "matrix.origins");
    for (let i = 0; i < n; i++) out[i] = weights[i];
    return out;
  }
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(matrix.origins[i], i);
  for (const key of Object.keys(weights)) {
    if (!index.has(key)) throw new UnknownIdError(where, "zone", key, `weights.${key}`, "Weights keyed by id must use matrix.origins ids.");
  }
  const missing: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = weights[matrix.origins[i]];
    if (v === undefined) missing.push(matrix.origins[i]);
    else out[i] = v;
  }
  if (missing.length > 0) {
    throw new InvalidInputError(
      where,
      missing.slice(0, 10).map((id) => ({ path: `weights.${id}`, message: `no weight for zone "${id}"; give every origin a weight (0 is allowed)` })),
    );
  }
  return out;
}

function resolveSites(where: string, matrix: CostMatrix, ids: readonly string[], option: string): number[] {
  const index = new Map<string, number>();
  for (let j = 0; j < matrix.destinations.length; j++) index.set(matrix.destinations[j], j);
  const out: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < ids.length; k++) {
    const j = index.get(ids[k]);
    if (j === undefined) throw new UnknownIdError(where, "site", ids[k], `${option}[${k}]`, "Use ids from matrix.destinations.");
    if (!seen.has(j)) out.push(j);
    seen.add(j);
  }
  return out;
}

export interface PrepareFlags {
  /** Drop zones with zero weight from the kernel (they are still assigned in the result). */
  dropZeroWeight: boolean;
  /** What to do with zones no allowed candidate reaches: "error", "drop" (listed), or "keep". */
  unreachable: "error" | "drop" | "keep";
  /** Minutes beyond which a pair counts as unreachable for this model (cover radius). */
  withinMinutes?: number;
}

function listIds(ids: readonly string[], rows: readonly number[], limit = 10): string {
  const shown = rows.slice(0, limit).map((r) => `"${ids[r]}"`).join(", ");
  return rows.length > limit ? `${shown} and ${rows.length - limit} more` : shown;
}

export { listIds };

/** Validate ids and weights and build the compact instance. */
export function prepareInstance(where: string, matrix: CostMatrix, opts: ParsedCommon, flags: PrepareFlags): Instance {
  checkCostMatrix(where, matrix);
  const allWeights = resolveWeights(where, matrix, opts.weights);
  const fixedCols = resolveSites(where, matrix, opts.fixed, "fixed");
  const excludeCols = resolveSites(where, matrix, opts.exclude, "exclude");
  const excluded = new Uint8Array(matrix.destinations.length);
  for (const j of excludeCols) excluded[j] = 1;
  for (let k = 0; k < fixedCols.length; k++) {
    if (excluded[fixedCols[k]] === 1) {
      const id = matrix.destinations[fixedCols[k]];
      throw new InvalidInputError(where, [
        { path: `fixed[${opts.fixed.indexOf(id)}]`, message: `site "${id}" is both fixed and excluded; drop it from one of the two lists` },
      ]);
    }
  }
  const candList: number[] = [];
  const localOf = new Int32Array(matrix.destinations.length).fill(-1);
  for (let j = 0; j < matrix.destinations.length; j++) {
    if (excluded[j] === 0) {
      localOf[j] = candList.length;
      candList.push(j);
    }
  }
  const cols = matrix.destinations.length;
  const limit = flags.withinMinutes ?? Infinity;
  const keepRows: number[] = [];
  const unreachable: number[] = [];
  const zeroWeight: number[] = [];
  for (let i = 0; i < matrix.origins.length; i++) {
    let reached = false;
    for (let k = 0; k < candList.length; k++) {
      const v = matrix.minutes[i * cols + candList[k]];
      if (v <= limit && v !== Infinity) {
        reached = true;
        break;
      }
    }
    if (flags.dropZeroWeight && allWeights[i] === 0) {
      zeroWeight.push(i);
      continue;
    }
    if (!reached && flags.unreachable !== "keep") {
      unreachable.push(i);
      continue;
    }
    keepRows.push(i);
  }
  const warnings: string[] = [];
  if (unreachable.length > 0) {
    // zero-weight zones cost nothing, so only weighted ones make the request infeasible
    const weighted = unreachable.filter((r) => allWeights[r] > 0);
    if (flags.unreachable === "error" && weighted.length > 0) {
      throw new InfeasibleError(
        where,
        `${weighted.length} zone(s) cannot reach any allowed candidate (${listIds(matrix.origins, weighted)}). Check the matrix, drop them from the exclusions, or pass { allowUnreachable: true } to optimise over the reachable zones.`,
        weighted.map((r) => ({ path: `matrix.origins[${r}]`, message: `zone "${matrix.origins[r]}" is unreachable from every allowed candidate` })),
      );
    }
    warnings.push(
      `${unreachable.length} zone(s) cannot reach any allowed candidate and are left out of the objective: ${listIds(matrix.origins, unreachable)}.`,
    );
  }
  const m = candList.length;
  const n = keepRows.length;
  const dist = new Float64Array(m * n);
  const weight = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = keepRows[r];
    weight[r] = allWeights[i];
    const base = i * cols;
    for (let j = 0; j < m; j++) dist[j * n + r] = matrix.minutes[base + candList[j]];
  }
  const fixed = Int32Array.from(fixedCols.map((j) => localOf[j])).sort();
  return {
    where,
    matrix,
    cand: Int32Array.from(candList),
    m,
    rows: Int32Array.from(keepRows),
    n,
    weight,
    dist,
    fixed,
    unreachable,
    zeroWeight,
    allWeights,
    warnings,
  };
}

/** p must fit between the fixed sites and the allowed candidates. */
export function checkP(inst: Instance, p: number): void {
  const { where, matrix, m, fixed } = inst;
  const excluded = matrix.destinations.length - m;
  if (p > m) {
    throw new InfeasibleError(
      where,
      `p (${p}) is larger than the ${m} allowed candidate site(s) (${matrix.destinations.length} in the matrix, ${excluded} excluded). Lower p or exclude fewer sites.`,
      [{ path: "p", message: `p must be at most ${m}` }],
    );
  }
  if (p < fixed.length) {
    throw new InfeasibleError(
      where,
      `p (${p}) is smaller than the ${fixed.length} fixed site(s), which must all stay open. Raise p to at least ${fixed.length}.`,
      [{ path: "p", message: `p must be at least ${fixed.length}` }],
    );
  }
}

/** A deadline helper: deterministic node budget plus an optional wall-clock limit. */
export class Budget {
  private readonly deadline: number;
  nodes = 0;
  exhausted = false;
  readonly maxNodes: number;
  constructor(maxNodes: number, timeLimitMs: number | undefined) {
    this.maxNodes = maxNodes;
    this.deadline = timeLimitMs === undefined ? Infinity : Date.now() + timeLimitMs;
  }
  /** Count one node; returns false once the budget is spent. */
  tick(): boolean {
    if (this.exhausted) return false;
    this.nodes++;
    // the clock is read on the first node and every 64th after it
    if (this.nodes > this.maxNodes || ((this.nodes & 63) === 1 && Date.now() > this.deadline)) {
      this.exhausted = true;
      return false;
    }
    return true;
  }
}

/** Relative gap (upper − lower) / |upper|, 0 when both are 0. */
export function relativeGap(upper: number, lower: number): number {
  if (upper === lower) return 0;
  const gap = (upper - lower) / Math.max(Math.abs(upper), 1e-12);
  return Math.max(0, gap);
}
