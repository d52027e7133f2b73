import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { decay, gravityAccess } from "../../src/access/index.js";
import { InvalidInputError, NotAlignedError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("gravityAccess", () => {
  const m = createCostMatrix(["z1", "z2"], ["a", "b"], [10, 20, Infinity, Infinity]);

  it("gravityAccess(m, S, { decay: power β=1 }) sums supply / minutes (Hansen 1959)", () => {
    const r = gravityAccess(m, [100, 400], { decay: decay.power({ beta: 1 }) });
    expect(r.scores[0].score).toBeCloseTo(30, 12);
    expect(r.scores[1]).toEqual({ origin: "z2", score: 0 });
    expect(r.noSiteInReach).toEqual(["z2"]);
  });

  it("maxMinutes cuts off distant sites", () => {
    const r = gravityAccess(m, { a: 100, b: 400 }, { decay: decay.exponential({ beta: 0.1 }), maxMinutes: 15 });
    expect(r.scores[0].score).toBeCloseTo(100 * Math.exp(-1), 12);
  });

  it("throws without a decay, with bad supply or a non-positive maxMinutes", () => {
    expect(() => gravityAccess(m, [1, 2], {} as never)).toThrowError(InvalidInputError);
    expect(() => gravityAccess(m, [1], { decay: decay.power({ beta: 1 }) })).toThrowError(NotAlignedError);
    expect(() => gravityAccess(m, [1, -1], { decay: decay.power({ beta: 1 }) })).toThrowError(/supply\[1\]/);
    expect(() => gravityAccess(m, [1, 1], { decay: decay.power({ beta: 1 }), maxMinutes: -3 })).toThrowError(InvalidInputError);
  });
});

test.prop([arbMatrixCase(), fc.integer({ min: 2, max: 9 }), fc.double({ min: 0.1, max: 3, noNaN: true })])(
  "gravity scores are linear in supply and equal a direct double sum",
  ({ matrix, supply }, k, beta) => {
    const w = decay.power({ beta });
    const a = gravityAccess(matrix, supply, { decay: w });
    const b = gravityAccess(matrix, supply.map((s) => s * k), { decay: w });
    const cols = matrix.destinations.length;
    a.scores.forEach((s, i) => {
      let direct = 0;
      for (let j = 0; j < cols; j++) direct += supply[j] * w(matrix.minutes[i * cols + j]);
      expect(s.score).toBeCloseTo(direct, 9);
      expect(b.scores[i].score).toBeCloseTo(k * s.score, 8);
    });
  },
);
