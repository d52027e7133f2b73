import { describe, expect, it } from "vitest";
import { createCostMatrix, maximalCoverage, pCenter, pMedian, setCover } from "../../src/index.js";
import { penaltyCosts } from "../../src/optimise/p-median.js";
import { solvePMedianKernel } from "../../src/optimise/p-median-kernel.js";
import { prepareInstance } from "../../src/optimise/prepare.js";

// seeded 80 zones × 16 sites on a 100 × 100 plane, minutes = distance
function planar(seed: number, m = 16): { matrix: ReturnType<typeof createCostMatrix>; weights: number[] } {
  let a = seed >>> 0;
  const rng = (): number => ((a = (a * 1664525 + 1013904223) >>> 0) / 4294967296);
  const n = 80;
  const pts = Array.from({ length: n + m }, () => [rng() * 100, rng() * 100]);
  const minutes: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) minutes.push(Math.hypot(pts[i][0] - pts[n + j][0], pts[i][1] - pts[n + j][1]));
  return {
    matrix: createCostMatrix(Array.from({ length: n }, (_, i) => `z${i}`), Array.from({ length: m }, (_, j) => `s${j}`), minutes),
    weights: Array.from({ length: n }, () => 1 + Math.floor(rng() * 100)),
  };
}

describe("searches stopped by their budget report valid bounds", () => {
  it("pMedian with maxNodes: 1 and gapTolerance: 0 brackets the optimum", async () => {
    let stopped = 0;
    for (const [seed, p] of [[1, 5], [4, 8], [5, 7]]) {
      // C(30, p) × 80 zones is past the enumeration limit: Lagrangian + branch and bound
      const { matrix, weights } = planar(seed, 30);
      const inst = prepareInstance("t", matrix, { weights, fixed: [], exclude: [], seed: 1, maxNodes: 1, gapTolerance: 0 }, { dropZeroWeight: false, unreachable: "error" });
      const exact = solvePMedianKernel(penaltyCosts(inst).c, inst.m, inst.n, p, inst.fixed, {
        seed: 1, restarts: 1, maxNodes: 1, gapTolerance: 0, enumerationWork: Infinity,
      }).value;
      const cut = await pMedian(matrix, { p, weights, maxNodes: 1, gapTolerance: 0, restarts: 1 });
      expect(cut.method === "branch-and-bound" || cut.method === "lagrangian-heuristic").toBe(true);
      expect(cut.lowerBound).toBeLessThanOrEqual(exact * (1 + 1e-12));
      expect(cut.objective).toBeGreaterThanOrEqual(exact * (1 - 1e-12));
      expect(cut.gap).toBeCloseTo((cut.objective - cut.lowerBound) / cut.objective, 12);
      if (!cut.proven) {
        stopped++;
        expect(cut.warnings.join(" ")).toMatch(/optimality not proven/);
      }
    }
    expect(stopped).toBe(2);
  });

  it("pCenter radius search with maxNodes: 1 brackets the optimum", async () => {
    const { matrix, weights } = planar(4);
    const exact = await pCenter(matrix, { p: 4, weights });
    const cut = await pCenter(matrix, { p: 4, weights, enumerationLimit: 0, maxNodes: 1 });
    expect(cut.lowerBound).toBeLessThanOrEqual(exact.objective);
    expect(cut.objective).toBeGreaterThanOrEqual(exact.objective);
  });

  it("maximalCoverage with maxNodes: 1 reports an upper bound above the optimum", async () => {
    const { matrix, weights } = planar(5);
    const exact = await maximalCoverage(matrix, { p: 3, weights, coverMinutes: 25 });
    expect(exact.proven).toBe(true);
    const cut = await maximalCoverage(matrix, { p: 3, weights, coverMinutes: 25, maxNodes: 1 });
    expect(cut.upperBound).toBeGreaterThanOrEqual(exact.objective);
    expect(cut.objective).toBeLessThanOrEqual(exact.objective);
  });

  it("setCover with maxNodes: 1 brackets the minimum count", async () => {
    const { matrix, weights } = planar(6);
    const exact = await setCover(matrix, { weights, coverMinutes: 55 });
    const cut = await setCover(matrix, { weights, coverMinutes: 55, maxNodes: 1 });
    expect(cut.lowerBound).toBeLessThanOrEqual(exact.objective);
    expect(cut.objective).toBeGreaterThanOrEqual(exact.objective);
  });

  it("the same inputs give byte-identical results", async () => {
    const { matrix, weights } = planar(7);
    const a = await pMedian(matrix, { p: 5, weights, seed: 9 });
    const b = await pMedian(matrix, { p: 5, weights, seed: 9 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("guards that end a search", () => {
  // zones z0..z5; A = {0,1,2}, B = {3,4,5} cover all with 2 sites, but greedy takes C = {1,2,3,4} first and needs 3
  const I = Infinity;
  const cover = [
    [1, I, I, 1, I],
    [1, I, 1, I, I],
    [1, I, 1, I, I],
    [I, 1, 1, I, I],
    [I, 1, 1, I, I],
    [I, 1, I, I, 1],
  ];
  const matrix = createCostMatrix(["z0", "z1", "z2", "z3", "z4", "z5"], ["A", "B", "C", "D", "E"], cover.flat());
  const weights = [1, 1, 1, 1, 1, 1];

  it("pCenter: a budget spent before deciding the widest radius is DID_NOT_CONVERGE, not 'infeasible'", async () => {
    const err = await pCenter(matrix, { p: 2, weights, enumerationLimit: 0, maxNodes: 1 }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: "DID_NOT_CONVERGE", issues: [{ path: "options.maxNodes" }] });
    const ok = await pCenter(matrix, { p: 2, weights, enumerationLimit: 0 });
    expect(ok.chosen).toEqual(["A", "B"]);
  });

  it("pCenter: timeLimitMs bounds the whole radius search, not each feasibility test", async () => {
    // 60 candidates × 300 zones, p = 12: each test can run long; a spent deadline skips the rest
    const { matrix: big, weights: w } = planarSized(3, 60, 300);
    const t0 = Date.now();
    const r = await pCenter(big, { p: 12, weights: w, enumerationLimit: 0, maxNodes: 1e9, timeLimitMs: 30 });
    expect(r.proven).toBe(false);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

function planarSized(seed: number, m: number, n: number): { matrix: ReturnType<typeof createCostMatrix>; weights: number[] } {
  let a = seed >>> 0;
  const rng = (): number => ((a = (a * 1664525 + 1013904223) >>> 0) / 4294967296);
  const pts = Array.from({ length: n + m }, () => [rng() * 100, rng() * 100]);
  const minutes: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) minutes.push(Math.hypot(pts[i][0] - pts[n + j][0], pts[i][1] - pts[n + j][1]));
  return {
    matrix: createCostMatrix(Array.from({ length: n }, (_, i) => `z${i}`), Array.from({ length: m }, (_, j) => `s${j}`), minutes),
    weights: Array.from({ length: n }, () => 1),
  };
}
