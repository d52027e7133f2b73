import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { decay, twoStepFloatingCatchment } from "../../src/access/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("twoStepFloatingCatchment", () => {
  const m = createCostMatrix(["z1", "z2", "z3"], ["a", "b", "c"], [10, 50, Infinity, 20, 15, Infinity, Infinity, Infinity, Infinity]);

  it("twoStepFloatingCatchment(m, D, S, { catchmentMinutes: 30 }) matches the hand calculation", () => {
    const r = twoStepFloatingCatchment(m, [1000, 3000, 500], [10, 20, 5], { catchmentMinutes: 30 });
    // R_a = 10 / 4000, R_b = 20 / 3000, R_c = 0 (no demand)
    expect(r.sites.map((s) => s.ratio)).toEqual([10 / 4000, 20 / 3000, 0]);
    expect(r.scores[0].score).toBeCloseTo(0.0025, 15);
    expect(r.scores[1].score).toBeCloseTo(0.0025 + 20 / 3000, 15);
    expect(r.scores[2]).toEqual({ origin: "z3", score: 0 });
    expect(r.noSiteInReach).toEqual(["z3"]);
    expect(r.sitesWithoutDemand).toEqual(["c"]);
    expect(r.warnings).toHaveLength(2);
  });

  it("with a step decay (E2SFCA) weights both steps", () => {
    const w = decay.step({ 15: 1, 30: 0.5 });
    const r = twoStepFloatingCatchment(m, [1000, 3000, 0], [10, 20, 0], { catchmentMinutes: 30, decay: w });
    // a: 1000·1 + 3000·0.5 = 2500 → R_a = 0.004; b: 3000·1 → R_b = 1/150
    expect(r.sites[0].weightedDemand).toBe(2500);
    expect(r.scores[0].score).toBeCloseTo(0.004, 15);
    expect(r.scores[1].score).toBeCloseTo(0.004 * 0.5 + 20 / 3000, 15);
  });

  it("throws on misaligned or invalid inputs and options", () => {
    expect(() => twoStepFloatingCatchment(m, [1, 2], [1, 2, 3], { catchmentMinutes: 30 })).toThrowError(NotAlignedError);
    expect(() => twoStepFloatingCatchment(m, [1, 2, 3], { a: 1, b: 2, x: 3 }, { catchmentMinutes: 30 })).toThrowError(UnknownIdError);
    expect(() => twoStepFloatingCatchment(m, [1, 2, 3], [1, Number.NaN, 3], { catchmentMinutes: 30 })).toThrowError(/supply\[1\].*NaN/);
    expect(() => twoStepFloatingCatchment(m, [1, 2, 3], [1, 2, 3], { catchmentMinutes: 0 })).toThrowError(InvalidInputError);
    expect(() => twoStepFloatingCatchment(m, [1, 2, 3], [1, 2, 3], { catchmentMinutes: 30, decay: ((t: number) => t) as never })).toThrowError(/expected a decay/);
  });
});

const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test.prop([arbMatrixCase({ unreachable: false })])("a catchment covering everything gives every zone total supply / total demand", ({ matrix, population, supply }) => {
  fc.pre(total(population) > 0);
  const r = twoStepFloatingCatchment(matrix, population, supply, { catchmentMinutes: 1000 });
  for (const s of r.scores) expect(s.score).toBeCloseTo(total(supply) / total(population), 12);
});

test.prop([arbMatrixCase(), fc.integer({ min: 5, max: 90 }), fc.boolean()])(
  "Σ demand·A = Σ supply over sites with demand in reach",
  ({ matrix, population, supply }, d0, gaussian) => {
    const options = gaussian ? { catchmentMinutes: d0, decay: decay.gaussian({ sigmaMinutes: d0 / 2 }) } : { catchmentMinutes: d0 };
    const r = twoStepFloatingCatchment(matrix, population, supply, options);
    const lhs = total(r.scores.map((s, i) => s.score * population[i]));
    const rhs = total(r.sites.filter((s) => s.weightedDemand > 0).map((s) => s.supply));
    expect(lhs).toBeCloseTo(rhs, 8);
  },
);

test.prop([arbMatrixCase(), fc.integer({ min: 2, max: 9 })])("scaling all supply by k scales all scores by k", ({ matrix, population, supply }, k) => {
  const a = twoStepFloatingCatchment(matrix, population, supply, { catchmentMinutes: 45 });
  const b = twoStepFloatingCatchment(matrix, population, supply.map((s) => s * k), { catchmentMinutes: 45 });
  a.scores.forEach((s, i) => expect(b.scores[i].score).toBeCloseTo(k * s.score, 10));
});
