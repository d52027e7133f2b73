import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { decay } from "../../src/access/index.js";
import { huffCatchments, nearestCatchments } from "../../src/catchment/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("huffCatchments", () => {
  const m = createCostMatrix(["z1", "z2"], ["a", "b"], [10, 20, Infinity, Infinity]);

  it("huffCatchments(m, A, { beta: 2 }) gives A·d^−β shares and reports unreachable zones", () => {
    const r = huffCatchments(m, [100, 100], { beta: 2, population: [1000, 50] });
    expect(r.probabilities[0]).toBeCloseTo(0.8, 14);
    expect(r.probabilities[1]).toBeCloseTo(0.2, 14);
    expect(Array.from(r.probabilities.subarray(2))).toEqual([0, 0]);
    expect(r.sites.map((s) => s.expectedPopulation)).toEqual([expect.closeTo(800, 9), expect.closeTo(200, 9)]);
    expect(r.mostLikely).toEqual([
      { zone: "z1", site: "a", probability: expect.closeTo(0.8, 12) },
      { zone: "z2", site: null, probability: 0 },
    ]);
    expect(r.unreachable).toEqual(["z2"]);
    expect(r.unreachablePopulation).toBe(50);
    expect(r.decay).toEqual({ kind: "power", parameters: { beta: 2, minMinutes: 1 } });
  });

  it("uses alpha on attractiveness, an exponential decay and a maximum travel time", () => {
    const r = huffCatchments(m, { a: 1, b: 4 }, { alpha: 0.5, decay: decay.exponential({ beta: 0.1 }) });
    const wa = 1 * Math.exp(-1);
    const wb = 2 * Math.exp(-2);
    expect(r.probabilities[0]).toBeCloseTo(wa / (wa + wb), 14);
    const capped = huffCatchments(m, [1, 1], { maxMinutes: 15 });
    expect(Array.from(capped.probabilities.subarray(0, 2))).toEqual([1, 0]);
    expect(huffCatchments(m, [1, 1], { among: ["b"] }).destinations).toEqual(["b"]);
  });

  it("throws on bad attractiveness and parameters", () => {
    expect(() => huffCatchments(m, [1])).toThrowError(NotAlignedError);
    expect(() => huffCatchments(m, [1, -2])).toThrowError(/attractiveness\[1\].*non-negative.*-2/);
    expect(() => huffCatchments(m, [1, Number.NaN])).toThrowError(InvalidInputError);
    // a site with no beds gets a share of 0
    const none = huffCatchments(m, [1, 0]);
    expect(Array.from(none.probabilities.subarray(0, 2))).toEqual([1, 0]);
    expect(() => huffCatchments(m, { a: 1, c: 2 })).toThrowError(UnknownIdError);
    expect(() => huffCatchments(m, [1, 1], { beta: 0 })).toThrowError(/options\.beta/);
    expect(() => huffCatchments(m, [1, 1], { alpha: -1 })).toThrowError(/options\.alpha/);
    expect(() => huffCatchments(m, [1, 1], { beta: 2, decay: decay.power({ beta: 2 }) })).toThrowError(/not both/);
  });
});

test.prop([arbMatrixCase(), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 5, maxLength: 5 }), fc.double({ min: 0.1, max: 4, noNaN: true })])(
  "Huff probabilities are in [0, 1], rows sum to 1 over reachable sites, expected populations conserve the reachable total",
  ({ matrix, population }, attr, beta) => {
    const A = matrix.destinations.map((_, j) => attr[j]);
    const r = huffCatchments(matrix, A, { beta, population });
    const k = r.destinations.length;
    let reachable = 0;
    matrix.origins.forEach((zone, i) => {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const p = r.probabilities[i * k + c];
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        sum += p;
      }
      if (r.unreachable.includes(zone)) expect(sum).toBe(0);
      else {
        expect(sum).toBeCloseTo(1, 12);
        reachable += population[i];
      }
    });
    expect(r.sites.reduce((a, s) => a + (s.expectedPopulation as number), 0)).toBeCloseTo(reachable, 6);
  },
);

test.prop([arbMatrixCase({ unreachable: false })])("with beta → ∞ Huff tends to the nearest site", ({ matrix }) => {
  const r = huffCatchments(matrix, matrix.destinations.map(() => 1), { beta: 1e6 });
  const near = nearestCatchments(matrix);
  const k = r.destinations.length;
  near.assignment.forEach((a, i) => {
    const row = Array.from(r.probabilities.subarray(i * k, (i + 1) * k));
    const best = Math.max(1, a.minutes);
    const ties = matrix.destinations.filter((_, j) => Math.max(1, matrix.minutes[i * k + j]) === best).length;
    expect(row[matrix.destinations.indexOf(a.site as string)]).toBeCloseTo(1 / ties, 9);
  });
});
