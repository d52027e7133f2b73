import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { accessSummary } from "../../src/access/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("accessSummary", () => {
  const m = createCostMatrix(["z1", "z2", "z3", "z4"], ["a", "b"], [10, 20, 40, 35, Infinity, Infinity, 50, 60]);
  // nearest minutes: 10, 35, Inf, 50

  it("accessSummary(m, pop) gives hand-checked weighted statistics, the unreachable counted in the denominator", () => {
    const s = accessSummary(m, [100, 200, 100, 100], { thresholdsMinutes: [30, 45, 60] });
    expect(s.population).toBe(500);
    expect(s.reachablePopulation).toBe(400);
    expect(s.unreachablePopulation).toBe(100);
    expect(s.meanMinutes).toBeCloseTo((100 * 10 + 200 * 35 + 100 * 50) / 400, 12);
    // cumulative by time: 10→100, 35→300, 50→400, Inf→500; half = 250 → 35; 0.9·500 = 450 → Inf
    expect(s.medianMinutes).toBe(35);
    expect(s.p90Minutes).toBe(Infinity);
    expect(s.maxMinutes).toBe(50);
    expect(s.thresholds).toEqual([
      { minutes: 30, population: 100, share: 0.2 },
      { minutes: 45, population: 300, share: 0.6 },
      { minutes: 60, population: 400, share: 0.8 },
    ]);
    expect(s.unreachable).toEqual(["z3"]);
  });

  it("accepts a record keyed by zone id, and the weighted median lands exactly at the q boundary", () => {
    const s = accessSummary(m, { z1: 250, z2: 250, z3: 0, z4: 0 });
    expect(s.medianMinutes).toBe(10);
    expect(s.p90Minutes).toBe(35);
    expect(s.maxMinutes).toBe(35);
    expect(s.thresholds.map((t) => t.minutes)).toEqual([30, 45, 60]);
  });

  it("accessSummary(m, pop, { among }) measures to the chosen sites only", () => {
    const s = accessSummary(m, [100, 200, 100, 100], { among: ["b"], thresholdsMinutes: [30] });
    // nearest among b: 20, 35, ∞, 60
    expect(s.meanMinutes).toBeCloseTo((100 * 20 + 200 * 35 + 100 * 60) / 400, 12);
    expect(s.thresholds).toEqual([{ minutes: 30, population: 100, share: 0.2 }]);
    expect(() => accessSummary(m, [1, 1, 1, 1], { among: ["zz"] })).toThrowError(UnknownIdError);
  });

  it("returns null statistics (not NaN) for zero population", () => {
    const s = accessSummary(m, [0, 0, 0, 0]);
    expect([s.meanMinutes, s.medianMinutes, s.p90Minutes, s.maxMinutes, s.thresholds[0].share]).toEqual([null, null, null, null, null]);
    expect(s.warnings.some((w) => w.includes("total population is 0"))).toBe(true);
  });

  it("throws coded errors for misaligned, unknown, missing, negative and NaN populations", () => {
    expect(() => accessSummary(m, [1, 2, 3])).toThrowError(NotAlignedError);
    expect(() => accessSummary(m, { z1: 1, z2: 1, z3: 1, z4: 1, z9: 1 })).toThrowError(UnknownIdError);
    expect(() => accessSummary(m, { z1: 1, z2: 1, z3: 1 })).toThrowError(NotAlignedError);
    expect(() => accessSummary(m, { z1: 1, z2: 1, z3: 1 })).toThrowError(/no value for "z4"/);
    expect(() => accessSummary(m, [1, -2, 3, 4])).toThrowErrorMatchingInlineSnapshot(`[InvalidInputError: accessSummary: invalid input (1 problem): population[1]: value for "z2" must be a non-negative finite number (got -2).]`);
    expect(() => accessSummary(m, [1, Number.NaN, 3, 4])).toThrowError(/population\[1\].*NaN/);
    expect(() => accessSummary(m, [1, 1, 1, 1], { thresholdsMinutes: [-5] })).toThrowError(InvalidInputError);
  });
});

function oracleQuantile(minutes: number[], pop: number[], q: number): number | null {
  const total = pop.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const candidates = [...new Set(minutes)].sort((a, b) => a - b);
  for (const c of candidates) {
    const within = minutes.reduce((acc, t, i) => acc + (t <= c ? pop[i] : 0), 0);
    if (within >= q * total) return c;
  }
  return Infinity;
}

test.prop([arbMatrixCase()])("accessSummary quantiles and shares match a brute-force oracle; populations are conserved", ({ matrix, population }) => {
  const s = accessSummary(matrix, population, { thresholdsMinutes: [0, 30, 60] });
  const cols = matrix.destinations.length;
  const nearest = matrix.origins.map((_, i) => Math.min(...Array.from(matrix.minutes.subarray(i * cols, (i + 1) * cols))));
  // oracle over zones with positive population only
  const mins = nearest.filter((_, i) => population[i] > 0);
  const pops = population.filter((p) => p > 0);
  expect(s.medianMinutes).toBe(oracleQuantile(mins, pops, 0.5));
  expect(s.p90Minutes).toBe(oracleQuantile(mins, pops, 0.9));
  expect(s.reachablePopulation + s.unreachablePopulation).toBe(s.population);
  for (const row of s.thresholds) {
    expect(row.population).toBe(nearest.reduce((acc, t, i) => acc + (t <= row.minutes ? population[i] : 0), 0));
  }
  if (s.medianMinutes !== null && s.p90Minutes !== null) expect(s.medianMinutes).toBeLessThanOrEqual(s.p90Minutes);
});

test.prop([arbMatrixCase(), fc.integer({ min: 2, max: 7 })])("scaling every population by k leaves minutes and shares unchanged", ({ matrix, population }, k) => {
  const a = accessSummary(matrix, population);
  const b = accessSummary(matrix, population.map((p) => p * k));
  expect(b.medianMinutes).toBe(a.medianMinutes);
  expect(b.p90Minutes).toBe(a.p90Minutes);
  expect(b.thresholds.map((t) => t.share)).toEqual(a.thresholds.map((t) => t.share));
});
