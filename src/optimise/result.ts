// Result types shared by the site-selection models, and the final id-level assembly. Internal
// except for the exported types.
import type { CostMatrix } from "../model/index.js";

/** How a result was obtained. */
export type OptimiseMethod =
  | "trivial"
  | "exact-enumeration"
  | "branch-and-bound"
  | "lagrangian-heuristic"
  | "heuristic"
  | "radius-search"
  | "highs";

/** Fields every site-selection result carries. Plain data, JSON-serialisable. */
export interface SiteSelectionResult {
  /** Chosen site ids (fixed ones included), in `matrix.destinations` order. */
  readonly chosen: string[];
  /** The model's objective (units per model; see each function). */
  readonly objective: number;
  /** A proven bound below every feasible objective for minimising models; for maximising models, `objective`. */
  readonly lowerBound: number;
  /** For minimising models, `objective`; for maximising models a proven bound above every feasible objective. */
  readonly upperBound: number;
  /** Relative gap (upperBound − lowerBound) / upperBound; 0 when proven exact. */
  readonly gap: number;
  /** True when the gap is within `gapTolerance` (or the search was exhaustive). */
  readonly proven: boolean;
  readonly method: OptimiseMethod;
  /** Zone id → the chosen site serving it (nearest chosen; null when none can). */
  readonly assignment: Record<string, string | null>;
  /** Chosen site id → zone ids assigned to it, in `matrix.origins` order. */
  readonly served: Record<string, string[]>;
  /** Zone ids left out of the objective because no allowed candidate reaches them. */
  readonly unreachable: string[];
  /** Search effort: branch-and-bound or enumeration nodes, Lagrangian iterations. */
  readonly stats: { readonly nodes: number; readonly iterations: number };
  readonly warnings: string[];
}

/** Nearest chosen site per zone (ties by column order); null when beyond `withinMinutes` or unreachable. */
export function assignNearest(
  matrix: CostMatrix,
  chosenCols: readonly number[],
  withinMinutes = Infinity,
): { assignment: Record<string, string | null>; served: Record<string, string[]>; minutes: Float64Array; site: Int32Array } {
  const cols = matrix.destinations.length;
  const n = matrix.origins.length;
  const assignment: Record<string, string | null> = {};
  const served: Record<string, string[]> = {};
  for (const j of chosenCols) served[matrix.destinations[j]] = [];
  const minutes = new Float64Array(n).fill(Infinity);
  const site = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let bj = -1;
    let bv = Infinity;
    for (let k = 0; k < chosenCols.length; k++) {
      const v = matrix.minutes[i * cols + chosenCols[k]];
      if (v < bv) {
        bv = v;
        bj = chosenCols[k];
      }
    }
    minutes[i] = bv;
    if (bj >= 0 && bv <= withinMinutes) {
      site[i] = bj;
      assignment[matrix.origins[i]] = matrix.destinations[bj];
      served[matrix.destinations[bj]].push(matrix.origins[i]);
    } else {
      assignment[matrix.origins[i]] = null;
    }
  }
  return { assignment, served, minutes, site };
}
