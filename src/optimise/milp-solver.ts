/** What a MILP solver returns for one problem (the shape of the `highs` package's result). */
export interface MilpSolution {
  /** Model status, e.g. `"Optimal"`, `"Infeasible"`, `"Time limit reached"`. */
  readonly Status: string;
  readonly ObjectiveValue: number;
  /** Primal value per column name. */
  readonly Columns: Readonly<Record<string, { readonly Primal?: number }>>;
}

/**
 * An exact mixed-integer linear programming solver that reads a problem in CPLEX LP format, such
 * as the one {@link loadHighsSolver} returns (`hubspoke/highs`). Pass it as `milpSolver` to
 * {@link pMedian} where the capacitated model or `solver: "highs"` needs one.
 */
export interface MilpSolver {
  solve(problem: string, options?: Record<string, unknown>): MilpSolution;
}

/** Duck-typed check used by option schemas: an object with a `solve` function. */
export function isMilpSolver(value: unknown): value is MilpSolver {
  return typeof value === "object" && value !== null && typeof (value as { solve?: unknown }).solve === "function";
}
