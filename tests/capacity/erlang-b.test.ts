import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError, erlangB } from "../../src/index.js";
import { erlangBDefinition } from "../support/capacity-oracles.js";

describe("erlangB", () => {
  it("erlangB(2, 1) is 0.2 and erlangB(1, 1) is 0.5 (hand-checked)", () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // (3³/3!) / (1 + 3 + 9/2 + 27/6) = 4.5 / 13
    expect(erlangB(3, 3)).toBeCloseTo(4.5 / 13, 15);
    expect(erlangB(0, 7)).toBe(1);
    expect(erlangB(5, 0)).toBe(0);
  });

  it("erlangB stays finite for thousands of beds and loads (no factorial overflow)", () => {
    const b = erlangB(2000, 1900);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.02);
    expect(b).toBeCloseTo(erlangBDefinition(2000, 1900), 12);
  });

  it("erlangB rejects bad servers and loads with a coded error naming the argument", () => {
    expect(() => erlangB(-1, 2)).toThrowError(InvalidInputError);
    expect(() => erlangB(2.5, 2)).toThrowError(/servers must be a non-negative integer \(got 2.5\)/);
    expect(() => erlangB(3, Number.NaN)).toThrowError(/offeredLoad must be .* \(got NaN\)/);
    expect(() => erlangB(3, -1)).toThrowError(/offeredLoad/);
    try {
      erlangB(3, Infinity);
    } catch (e) {
      expect((e as InvalidInputError).code).toBe("INVALID_INPUT");
      expect((e as InvalidInputError).issues[0].path).toBe("offeredLoad");
    }
  });
});

test.prop([fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 500, noNaN: true })])(
  "erlangB matches the definition (log-space) and its own recursion to 1e-12",
  (n, a) => {
    const b = erlangB(n, a);
    expect(Math.abs(b - erlangBDefinition(n, a))).toBeLessThan(1e-12);
    if (n > 0) {
      const prev = erlangB(n - 1, a);
      expect(Math.abs(b - (a * prev) / (n + a * prev))).toBeLessThan(1e-12);
    }
  },
);

test.prop([fc.integer({ min: 0, max: 300 }), fc.double({ min: 0.01, max: 300, noNaN: true })])(
  "erlangB decreases as beds grow and increases with load",
  (n, a) => {
    const b = erlangB(n, a);
    // strictly smaller until the value underflows to 0
    if (b > 1e-300) expect(erlangB(n + 1, a)).toBeLessThan(b);
    else expect(erlangB(n + 1, a)).toBeLessThanOrEqual(b);
    expect(erlangB(n, a * 1.1)).toBeGreaterThanOrEqual(erlangB(n, a));
  },
);
