import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { InfeasibleError, maximalCoverage, pCenter, pMedian, setCover } from "../../src/index.js";
import { solvePMedianKernel } from "../../src/optimise/p-median-kernel.js";
import { penaltyCosts } from "../../src/optimise/p-median.js";
import { prepareInstance } from "../../src/optimise/prepare.js";
import { arbInstance } from "../support/optimise-arbitraries.js";
import { bruteCenter, bruteCoverage, bruteMedian, bruteSetCover } from "../support/optimise-oracles.js";

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test.prop([arbInstance()], { numRuns: 60 })("pMedian equals brute force on tiny instances and reports a valid bound", async ({ matrix, weights, p, seed }) => {
  const r = await pMedian(matrix, { p, weights, seed });
  const oracle = bruteMedian(matrix, weights, p);
  expect(close(r.objective, oracle)).toBe(true);
  expect(r.lowerBound).toBeLessThanOrEqual(oracle + 1e-9);
  expect(r.chosen.length).toBe(p);
});

test.prop([arbInstance({ unreachable: true })], { numRuns: 60 })("with unreachable pairs pMedian equals brute force or throws InfeasibleError", async ({ matrix, weights, p, seed }) => {
  const oracle = bruteMedian(matrix, weights, p);
  const run = pMedian(matrix, { p, weights, seed });
  if (oracle === Infinity) await expect(run).rejects.toThrowError(InfeasibleError);
  else expect(close((await run).objective, oracle)).toBe(true);
});

test.prop([arbInstance(), fc.integer({ min: 0, max: 6 })], { numRuns: 40 })("fixed sites are always chosen and the objective matches brute force", async ({ matrix, weights, p, seed }, k) => {
  const fixed = [matrix.destinations[k % matrix.destinations.length]];
  const r = await pMedian(matrix, { p, weights, seed, fixed });
  expect(r.chosen).toContain(fixed[0]);
  expect(close(r.objective, bruteMedian(matrix, weights, p, fixed))).toBe(true);
  const c = await pCenter(matrix, { p, weights, fixed });
  expect(c.chosen).toContain(fixed[0]);
  const mc = await maximalCoverage(matrix, { p, weights, fixed, coverMinutes: 20 });
  expect(mc.chosen).toContain(fixed[0]);
});

test.prop([arbInstance()], { numRuns: 40 })("pMedian objective never rises as p grows", async ({ matrix, weights }) => {
  let prev = Infinity;
  for (let p = 1; p <= matrix.destinations.length; p++) {
    const r = await pMedian(matrix, { p, weights });
    expect(r.objective).toBeLessThanOrEqual(prev + 1e-9);
    prev = r.objective;
  }
});

test.prop([arbInstance({ unreachable: true }), fc.integer({ min: 0, max: 60 })], { numRuns: 40 })(
  "maximalCoverage equals brute force and never falls as p grows",
  async ({ matrix, weights }, radius) => {
    let prev = -Infinity;
    for (let p = 1; p <= matrix.destinations.length; p++) {
      const r = await maximalCoverage(matrix, { p, weights, coverMinutes: radius });
      expect(r.objective).toBe(bruteCoverage(matrix, weights, p, radius));
      expect(r.objective).toBeGreaterThanOrEqual(prev);
      expect(r.upperBound).toBeGreaterThanOrEqual(r.objective);
      prev = r.objective;
    }
  },
);

test.prop([arbInstance()], { numRuns: 60 })("pCenter equals brute force, by enumeration and by radius search", async ({ matrix, weights, p }) => {
  const oracle = bruteCenter(matrix, weights, p);
  const r = await pCenter(matrix, { p, weights });
  expect(r.objective).toBe(oracle);
  expect(r.proven).toBe(true);
  const s = await pCenter(matrix, { p, weights, enumerationLimit: 0 });
  expect(s.objective).toBe(oracle);
  expect(s.lowerBound).toBe(oracle);
});

test.prop([arbInstance(), fc.integer({ min: 0, max: 60 })], { numRuns: 60 })("setCover equals brute force (or names the uncoverable zones)", async ({ matrix, weights }, radius) => {
  const oracle = bruteSetCover(matrix, weights, radius);
  if (oracle === Infinity) {
    await expect(setCover(matrix, { coverMinutes: radius, weights })).rejects.toThrowError(/no allowed candidate within/);
  } else {
    const r = await setCover(matrix, { coverMinutes: radius, weights });
    expect(r.objective).toBe(oracle);
    expect(r.chosen.length).toBe(oracle);
  }
});

test.prop([arbInstance({ unreachable: true })], { numRuns: 40 })("same seed, same answer", async ({ matrix, weights, p, seed }) => {
  const a = await pMedian(matrix, { p, weights, seed, allowUnreachable: true }).catch((e: Error) => e.message);
  const b = await pMedian(matrix, { p, weights, seed, allowUnreachable: true }).catch((e: Error) => e.message);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
});

// the Lagrangian branch and bound (forced by switching enumeration off) matches enumeration
test.prop(
  [fc.integer({ min: 10, max: 40 }), fc.integer({ min: 6, max: 14 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 })],
  { numRuns: 25 },
)("Lagrangian branch and bound agrees with exact enumeration", (n, m, p, seed) => {
  let a = seed >>> 0;
  const rng = (): number => ((a = (a * 1664525 + 1013904223) >>> 0) / 4294967296);
  const xs = Array.from({ length: n + m }, () => [rng() * 100, rng() * 100]);
  const minutes: number[] = [];
  // about 1 pair in 8 unreachable (never a zone's whole row: column 0 stays finite)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) minutes.push(j > 0 && rng() < 0.125 ? Infinity : Math.round(Math.hypot(xs[i][0] - xs[n + j][0], xs[i][1] - xs[n + j][1])));
  const weights = Array.from({ length: n }, () => 1 + Math.floor(rng() * 50));
  const matrix = { origins: Array.from({ length: n }, (_, i) => `z${i}`), destinations: Array.from({ length: m }, (_, j) => `s${j}`), minutes: Float64Array.from(minutes) };
  const inst = prepareInstance("t", matrix, { weights, fixed: [], exclude: [], seed: 1, maxNodes: 1e5, gapTolerance: 0 }, { dropZeroWeight: false, unreachable: "error" });
  const { c } = penaltyCosts(inst);
  const common = { seed: 1, restarts: 1, maxNodes: 1e5, gapTolerance: 1e-9 };
  const bb = solvePMedianKernel(c, inst.m, inst.n, p, inst.fixed, { ...common, enumerationWork: 0 });
  const en = solvePMedianKernel(c, inst.m, inst.n, p, inst.fixed, { ...common, enumerationWork: Infinity });
  expect(en.method).toBe("exact-enumeration");
  expect(bb.proven).toBe(true);
  expect(Math.abs(bb.value - en.value)).toBeLessThanOrEqual(1e-9 * en.value + 1e-9);
  expect(bb.lowerBound).toBeLessThanOrEqual(en.value + 1e-6);
});
