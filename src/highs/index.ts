/**
 * The exact MILP solver (HiGHS), on its own subpath so only apps that ask for it bundle the
 * WebAssembly build. Needs the optional `highs` package. Import from `hubspoke/highs`.
 *
 * @module highs
 */
// `hubspoke/highs`: the exact MILP solver, on its own subpath so that only apps asking for it
// bundle the HiGHS WebAssembly build. `highs` is an optional dependency of hubspoke.
import highsLoader from "highs";
import { InvalidInputError, MissingDependencyError } from "../errors.js";
import { HIGHS_INSTALL_HINT } from "../optimise/highs.js";
import type { MilpSolver } from "../optimise/milp-solver.js";

export type { MilpSolution, MilpSolver } from "../optimise/milp-solver.js";

/** Options of {@link loadHighsSolver}. */
export interface LoadHighsSolverOptions {
  /**
   * Where the `highs.wasm` file is, for browsers that serve it from their own path (passed to
   * the `highs` loader as `locateFile`). Node finds the file itself.
   * @defaultValue the `highs` package's own lookup
   */
  readonly locateFile?: (file: string) => string;
}

/**
 * Load the HiGHS MILP solver (the optional `highs` package, WebAssembly) for {@link pMedian}'s
 * capacitated model and `solver: "highs"`. In Node, `pMedian` also loads it on its own when the
 * package is installed; in a bundled app, import it from here and pass it as `milpSolver`.
 *
 * @param options - See {@link LoadHighsSolverOptions}.
 * @returns A solver to pass as `milpSolver`.
 * @throws {@link InvalidInputError} for options that are not an object or a `locateFile` that is not a function.
 * @throws {@link MissingDependencyError} (code `MISSING_DEPENDENCY`) when `highs` is not installed
 *   or its WebAssembly cannot be loaded; the message says how to install it.
 * @example
 * import { pMedian } from "hubspoke";
 * import { loadHighsSolver } from "hubspoke/highs";
 * const milpSolver = await loadHighsSolver();
 * const r = await pMedian(matrix, { p: 3, weights, capacity, milpSolver });
 */
export async function loadHighsSolver(options: LoadHighsSolverOptions = {}): Promise<MilpSolver> {
  const where = "loadHighsSolver";
  if (options === null || typeof options !== "object" || (options.locateFile !== undefined && typeof options.locateFile !== "function")) {
    throw new InvalidInputError(where, [{ path: "options.locateFile", message: "must be a function (file name → URL or path) when given" }]);
  }
  try {
    const load = highsLoader as unknown as (settings?: { locateFile?: (file: string) => string }) => Promise<MilpSolver>;
    return await load(options.locateFile === undefined ? undefined : { locateFile: options.locateFile });
  } catch (error) {
    throw new MissingDependencyError(where, "highs", `the HiGHS solver could not be loaded (${error instanceof Error ? error.message : String(error)}). ${HIGHS_INSTALL_HINT}`, { cause: error });
  }
}
