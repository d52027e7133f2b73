import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { decay, isDecay } from "../../src/access/index.js";
import { InvalidInputError } from "../../src/errors.js";

describe("decay factories", () => {
  it("decay.step({ 10: 1, 20: 0.68, 30: 0.22 }) picks the smallest bound at or above t", () => {
    const w = decay.step({ 10: 1, 20: 0.68, 30: 0.22 });
    expect([w(0), w(10), w(15), w(20), w(29.9), w(30), w(31), w(Infinity)]).toEqual([1, 1, 0.68, 0.68, 0.22, 0.22, 0, 0]);
    expect(w.kind).toBe("step");
    expect(w.parameters).toEqual({ 10: 1, 20: 0.68, 30: 0.22 });
    expect(w.logWeight(15)).toBeCloseTo(Math.log(0.68), 12);
    expect(w.logWeight(40)).toBe(-Infinity);
  });

  it("decay.linear, decay.gaussian, decay.power and decay.exponential match their formulas", () => {
    expect(decay.linear({ maxMinutes: 60 })(15)).toBe(0.75);
    expect(decay.linear({ maxMinutes: 60 })(90)).toBe(0);
    expect(decay.gaussian({ sigmaMinutes: 20 })(20)).toBeCloseTo(Math.exp(-0.5), 14);
    expect(decay.power({ beta: 2 })(10)).toBeCloseTo(0.01, 14);
    expect(decay.power({ beta: 2 })(0)).toBe(1);
    expect(decay.power({ beta: 1, minMinutes: 5 })(2)).toBeCloseTo(0.2, 14);
    expect(decay.exponential({ beta: 0.1 })(10)).toBeCloseTo(Math.exp(-1), 14);
    for (const w of [decay.gaussian({ sigmaMinutes: 5 }), decay.power({ beta: 1 }), decay.exponential({ beta: 1 }), decay.linear({ maxMinutes: 5 })]) {
      expect(w(Infinity)).toBe(0);
      expect(isDecay(w)).toBe(true);
    }
    expect(isDecay((t: number) => t)).toBe(false);
  });

  it("rejects non-positive parameters, bad bounds and increasing step weights", () => {
    expect(() => decay.gaussian({ sigmaMinutes: 0 })).toThrowError(InvalidInputError);
    expect(() => decay.power({ beta: -1 })).toThrowError(/decay\.power: .*beta/);
    expect(() => decay.exponential({ beta: Number.NaN })).toThrowError(InvalidInputError);
    expect(() => decay.linear({ maxMinutes: -5 })).toThrowError(InvalidInputError);
    expect(() => decay.step({})).toThrowError(InvalidInputError);
    expect(() => decay.step({ abc: 1 })).toThrowError(/bound must be a positive number/);
    expect(() => decay.step({ 10: 0.5, 20: 0.8 })).toThrowError(/must not increase/);
    expect(() => decay.step({ 10: 1.5 })).toThrowError(InvalidInputError);
    expect(() => decay.gaussian({ sigmaMinutes: -1 })).toThrowErrorMatchingInlineSnapshot(`[InvalidInputError: decay.gaussian: invalid input (1 problem): sigmaMinutes: must be positive (got -1).]`);
  });
});

test.prop([fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true })])(
  "every decay is in [0, 1] for t ≥ minMinutes and never increases with time",
  (beta, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    for (const w of [decay.power({ beta }), decay.exponential({ beta }), decay.gaussian({ sigmaMinutes: beta * 10 }), decay.linear({ maxMinutes: beta * 30 })]) {
      expect(w(lo)).toBeGreaterThanOrEqual(w(hi));
      expect(w(lo)).toBeLessThanOrEqual(1);
      expect(w(hi)).toBeGreaterThanOrEqual(0);
    }
  },
);
