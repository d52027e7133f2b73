import { describe, expect, it } from "vitest";
import { test } from "@fast-check/vitest";
import { fc } from "@fast-check/vitest";
import { accessByGroup, accessSummary } from "../../src/access/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("accessByGroup", () => {
  const m = createCostMatrix(["z1", "z2", "z3", "z4"], ["hub"], [10, 40, 20, Infinity]);

  it("accessByGroup(m, pop, deciles) sorts numeric labels and summarises each group", () => {
    const r = accessByGroup(m, [100, 300, 100, 50], [10, 1, 10, 1], { thresholdsMinutes: [30] });
    expect(r.order).toBe("numeric");
    expect(r.groups.map((g) => g.group)).toEqual([1, 10]);
    expect(r.groups[0]).toMatchObject({ population: 350, unreachablePopulation: 50, meanMinutes: 40, medianMinutes: 40, p90Minutes: Infinity, unreachable: ["z4"] });
    expect(r.groups[1]).toMatchObject({ population: 200, meanMinutes: 15, medianMinutes: 10, p90Minutes: 20 });
    expect(r.groups[1].thresholds).toEqual([{ minutes: 30, population: 200, share: 1 }]);
    expect(r.overall.population).toBe(550);
  });

  it("keeps string labels in order of first appearance and accepts records", () => {
    const r = accessByGroup(m, { z1: 1, z2: 1, z3: 1, z4: 1 }, { z1: "urban", z2: "rural", z3: "urban", z4: "rural" });
    expect(r.order).toBe("first-appearance");
    expect(r.groups.map((g) => g.group)).toEqual(["urban", "rural"]);
  });

  it("throws for misaligned, unknown or empty labels", () => {
    expect(() => accessByGroup(m, [1, 1, 1, 1], ["a", "b"])).toThrowError(NotAlignedError);
    expect(() => accessByGroup(m, [1, 1, 1, 1], { z1: "a", z2: "a", z3: "a", z5: "a" })).toThrowError(UnknownIdError);
    expect(() => accessByGroup(m, [1, 1, 1, 1], ["a", "", "a", "a"])).toThrowError(InvalidInputError);
    expect(() => accessByGroup(m, [1, 1, 1, 1], ["a", null, "a", "a"] as never)).toThrowError(/groups\[1\]/);
  });
});

test.prop([arbMatrixCase(), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 })])(
  "each group equals accessSummary over its own zones; group populations sum to the total",
  ({ matrix, population }, rawLabels) => {
    const labels = matrix.origins.map((_, i) => rawLabels[i]);
    const r = accessByGroup(matrix, population, labels);
    expect(r.groups.reduce((a, g) => a + g.population, 0)).toBe(r.overall.population);
    for (const g of r.groups) {
      const keep = matrix.origins.map((_, i) => labels[i] === g.group);
      const pop = population.map((p, i) => (keep[i] ? p : 0));
      const alone = accessSummary(matrix, pop);
      expect(g.medianMinutes).toBe(alone.medianMinutes);
      expect(g.p90Minutes).toBe(alone.p90Minutes);
      expect(g.population).toBe(alone.population);
    }
  },
);
