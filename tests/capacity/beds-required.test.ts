import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError, bedsRequired, erlangB } from "../../src/index.js";

describe("bedsRequired", () => {
  it("bedsRequired(1, { targetBlocking: 0.25 }) is 2 beds (B(1) = 0.5, B(2) = 0.2)", () => {
    const r = bedsRequired(1, { targetBlocking: 0.25 });
    expect(r.beds).toBe(2);
    expect(r.blocking).toBeCloseTo(0.2, 15);
    expect(r.carriedLoad).toBeCloseTo(0.8, 15);
    expect(r.occupancy).toBeCloseTo(0.4, 15);
    expect(r.target).toEqual({ kind: "blocking", value: 0.25 });
  });

  it("bedsRequired(1, { targetOccupancy: 0.45 }) is 2 beds (1 bed: 0.5 > 0.45; 2 beds: 0.4)", () => {
    const r = bedsRequired(1, { targetOccupancy: 0.45 });
    expect(r.beds).toBe(2);
    expect(r.occupancy).toBeCloseTo(0.4, 15);
  });

  it("shows the pooling effect: one hub with load 100 needs fewer beds than two units with load 50", () => {
    const small = bedsRequired(50, { targetBlocking: 0.05 });
    const hub = bedsRequired(100, { targetBlocking: 0.05 });
    expect(small.beds).toBe(56);
    expect(hub.beds).toBe(105);
    expect(hub.beds).toBeLessThan(2 * small.beds);
    expect(hub.occupancy).toBeGreaterThan(small.occupancy);
  });

  it("zero load needs no beds", () => {
    expect(bedsRequired(0, { targetBlocking: 0.01 }).beds).toBe(0);
    expect(bedsRequired(0, { targetOccupancy: 0.85 }).beds).toBe(0);
  });

  it("bedsRequired rejects targets outside (0, 1), both or neither target, and bad loads", () => {
    expect(() => bedsRequired(10, { targetBlocking: 0 })).toThrowError(InvalidInputError);
    expect(() => bedsRequired(10, { targetBlocking: 1.01 })).toThrowError(/target.targetBlocking/);
    expect(() => bedsRequired(10, { targetOccupancy: 1.2 })).toThrowError(/must be strictly between 0 and 1/);
    expect(() => bedsRequired(10, { targetOccupancy: -0.1 })).toThrowError(InvalidInputError);
    expect(() => bedsRequired(10, { targetBlocking: 0.1, targetOccupancy: 0.8 } as never)).toThrowError(/not both/);
    expect(() => bedsRequired(10, {} as never)).toThrowError(
      "bedsRequired: invalid input (1 problem): target: give { targetBlocking } or { targetOccupancy }, each strictly between 0 and 1 (got neither).",
    );
    expect(() => bedsRequired(Number.NaN, { targetBlocking: 0.1 })).toThrowError(/offeredLoad .*NaN/);
  });
});

test.prop([fc.double({ min: 0.1, max: 400, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true })])(
  "bedsRequired (blocking) is the smallest bed count with erlangB ≤ target",
  (a, target) => {
    const r = bedsRequired(a, { targetBlocking: target });
    expect(r.blocking).toBeLessThanOrEqual(target);
    expect(Math.abs(r.blocking - erlangB(r.beds, a))).toBeLessThan(1e-12);
    if (r.beds > 0) expect(erlangB(r.beds - 1, a)).toBeGreaterThan(target);
  },
);

test.prop([fc.double({ min: 0.1, max: 400, noNaN: true }), fc.double({ min: 0.3, max: 0.99, noNaN: true })])(
  "bedsRequired (occupancy) is the smallest bed count with occupancy ≤ target, never above ⌈a / target⌉",
  (a, target) => {
    const r = bedsRequired(a, { targetOccupancy: target });
    expect(r.occupancy).toBeLessThanOrEqual(target);
    expect(r.beds).toBeLessThanOrEqual(Math.ceil(a / target));
    if (r.beds > 1) {
      const n = r.beds - 1;
      expect((a * (1 - erlangB(n, a))) / n).toBeGreaterThan(target);
    }
  },
);

test.prop([fc.double({ min: 1, max: 200, noNaN: true }), fc.double({ min: 0.005, max: 0.2, noNaN: true })])(
  "pooling: beds for the combined load never exceed the sum of beds for the parts",
  (a, target) => {
    const one = bedsRequired(a, { targetBlocking: target }).beds;
    const pooled = bedsRequired(2 * a, { targetBlocking: target }).beds;
    expect(pooled).toBeLessThanOrEqual(2 * one);
  },
);

describe("bedsRequired: every occupancy target terminates", () => {
  it("a target needing more than 2^53 beds is INVALID_INPUT naming target.targetOccupancy (n++ would stall there)", () => {
    expect(() => bedsRequired(12.5, { targetOccupancy: 3.9e-160 })).toThrowError(expect.objectContaining({ code: "INVALID_INPUT", issues: [expect.objectContaining({ path: "target.targetOccupancy" })] }));
    expect(bedsRequired(1, { targetOccupancy: 1e-12 }).beds).toBe(1e12);
  });
});
