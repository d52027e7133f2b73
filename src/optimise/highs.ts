// Optional HiGHS (MILP) back end. The `highs` package is an optional dependency: the solver
// comes either from the caller (`milpSolver`, e.g. from `hubspoke/highs`, which a bundler can
// follow) or, in Node, from a dynamic import whose specifier bundlers do not follow, so the
// root export never pulls HiGHS's Emscripten build (and its `node:*` imports) into a bundle.
// Internal.
import { MissingDependencyError, ProviderError } from "../errors.js";
import type { MilpSolution, MilpSolver } from "./milp-solver.js";

let loading: Promise<MilpSolver> | undefined;

/** A dynamic import that bundlers leave alone (the specifier is not a literal). */
const importOptional = (specifier: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/** Install hint shared by every message about the missing solver. */
export const HIGHS_INSTALL_HINT =
  'Install the optional solver with `npm install highs` (Node), or in a bundled app pass `milpSolver: await loadHighsSolver()` from "hubspoke/highs"; or drop the options that need it (capacity, solver: "highs").';

/** Load the `highs` package once per process (its WASM instance is stateless between solves). */
export async function loadHighs(where: string, injected?: MilpSolver): Promise<MilpSolver> {
  if (injected !== undefined) return injected;
  if (loading === undefined) {
    loading = (async () => {
      const mod = (await importOptional("highs")) as { default: () => Promise<MilpSolver> };
      return mod.default();
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  try {
    return await loading;
  } catch (error) {
    throw new MissingDependencyError(
      where,
      "highs",
      `an exact MILP needs the optional package "highs", which could not be loaded (${error instanceof Error ? error.message : String(error)}). ${HIGHS_INSTALL_HINT}`,
      { cause: error },
    );
  }
}

export interface MilpPMedianInput {
  /** Compact instance: candidate-major minutes `dist[j * n + r]`, weights per kept zone. */
  dist: Float64Array;
  weight: Float64Array;
  m: number;
  n: number;
  p: number;
  fixed: Int32Array;
  capacity?: Float64Array;
  singleSource: boolean;
  timeLimitMs: number;
  gapTolerance: number;
  /** Caller-supplied solver; default: the `highs` package, loaded on first use. */
  milpSolver?: MilpSolver;
}

export interface MilpPMedianOutput {
  status: string;
  /** Open sites (local indices, ascending), empty when HiGHS found no solution. */
  open: number[];
  /** Flow of weight from zone r to site j: `[r, j, weight]`. */
  flows: [number, number, number][];
  objective: number;
  optimal: boolean;
}

/**
 * Strong p-median MILP (ReVelle & Swain 1970), optionally capacitated:
 * min Σ w_r d_rj x_rj  s.t.  Σ_j x_rj = 1,  x_rj ≤ y_j,  Σ_j y_j = p,  y_j = 1 for fixed j,
 * Σ_r w_r x_rj ≤ C_j y_j (capacity), x ≥ 0 (binary when single-source), y binary.
 * Pairs with infinite minutes get no variable.
 */
export function buildPMedianLp(inp: MilpPMedianInput): string {
  const { dist, weight, m, n, p, fixed, capacity, singleSource } = inp;
  const out: string[] = ["Minimize", " obj:"];
  let line = "";
  const flush = (): void => {
    if (line !== "") out.push(line);
    line = "";
  };
  let terms = 0;
  const push = (s: string): void => {
    line += s;
    if (++terms % 8 === 0) flush();
  };
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < n; r++) {
      const d = dist[j * n + r];
      if (d === Infinity) continue;
      push(` + ${weight[r] * d} x${r}_${j}`);
    }
  }
  flush();
  out.push("Subject To");
  for (let r = 0; r < n; r++) {
    line = ` a${r}:`;
    terms = 0;
    for (let j = 0; j < m; j++) if (dist[j * n + r] !== Infinity) push(` + x${r}_${j}`);
    line += " = 1";
    flush();
  }
  for (let j = 0; j < m; j++) {
    for (let r = 0; r < n; r++) if (dist[j * n + r] !== Infinity) out.push(` l${r}_${j}: x${r}_${j} - y${j} <= 0`);
  }
  if (capacity !== undefined) {
    for (let j = 0; j < m; j++) {
      line = ` c${j}:`;
      terms = 0;
      for (let r = 0; r < n; r++) if (dist[j * n + r] !== Infinity && weight[r] > 0) push(` + ${weight[r]} x${r}_${j}`);
      line += ` - ${capacity[j]} y${j} <= 0`;
      flush();
    }
  }
  line = " p:";
  terms = 0;
  for (let j = 0; j < m; j++) push(` + y${j}`);
  line += ` = ${p}`;
  flush();
  out.push("Bounds");
  for (let k = 0; k < fixed.length; k++) out.push(` y${fixed[k]} = 1`);
  if (!singleSource) {
    for (let j = 0; j < m; j++) for (let r = 0; r < n; r++) if (dist[j * n + r] !== Infinity) out.push(` 0 <= x${r}_${j} <= 1`);
  }
  out.push("Binary");
  line = "";
  terms = 0;
  for (let j = 0; j < m; j++) push(` y${j}`);
  flush();
  if (singleSource) {
    for (let j = 0; j < m; j++) for (let r = 0; r < n; r++) if (dist[j * n + r] !== Infinity) push(` x${r}_${j}`);
    flush();
  }
  out.push("End");
  return out.join("\n");
}

/** Solve the p-median MILP with HiGHS. */
export async function solvePMedianMilp(where: string, inp: MilpPMedianInput): Promise<MilpPMedianOutput> {
  const highs = await loadHighs(where, inp.milpSolver);
  const lp = buildPMedianLp(inp);
  let sol: MilpSolution;
  try {
    sol = highs.solve(lp, {
      time_limit: inp.timeLimitMs / 1000,
      mip_rel_gap: inp.gapTolerance,
      output_flag: false,
      random_seed: 0,
      threads: 1,
    });
  } catch (error) {
    throw new ProviderError(where, `HiGHS failed on the MILP (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
  const open: number[] = [];
  const flows: [number, number, number][] = [];
  const cols = sol.Columns ?? {};
  const hasSolution = cols[`y0`] !== undefined && typeof cols[`y0`].Primal === "number";
  if (hasSolution) {
    for (let j = 0; j < inp.m; j++) if ((cols[`y${j}`].Primal ?? 0) > 0.5) open.push(j);
    for (let r = 0; r < inp.n; r++) {
      for (let j = 0; j < inp.m; j++) {
        const col = cols[`x${r}_${j}`];
        const x = col === undefined ? 0 : (col.Primal ?? 0);
        if (x > 1e-9) flows.push([r, j, x * inp.weight[r]]);
      }
    }
  }
  return { status: sol.Status, open, flows, objective: sol.ObjectiveValue, optimal: sol.Status === "Optimal" };
}
