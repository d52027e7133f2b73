import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DuplicateIdError, InvalidInputError, crisisSlots } from "../../src/index.js";

/** P(X > s) for X ~ Poisson(λ) by a plain log-space sum with cumulative ln k! (oracle). */
function tailOracle(lambda: number, s: number): number {
  if (lambda === 0) return 0;
  let lf = 0;
  let below = 0;
  const logs: number[] = [];
  for (let k = 0; k <= s; k++) {
    if (k > 0) lf += Math.log(k);
    logs.push(-lambda + k * Math.log(lambda) - lf);
  }
  for (const l of logs) below += Math.exp(l);
  return Math.max(0, 1 - below);
}

describe("crisisSlots", () => {
  it("crisisSlots([{ meanPerDay: 4, slotsPerDay: 6 }]) gives P(short) ≈ 0.1107 and 8 slots for 5 %", () => {
    const r = crisisSlots([{ id: "a", meanPerDay: 4, slotsPerDay: 6 }]);
    const s = r.spokes[0];
    // 1 − e^{-4} Σ_{k≤6} 4^k / k! = 1 − 0.889326…
    expect(s.probabilityShort).toBeCloseTo(0.110674, 6);
    expect(s.slotsForTarget).toBe(8);
    expect(s.probabilityShortAtTarget).toBeCloseTo(0.021363, 6);
    expect(s.slotGap).toBe(2);
    expect(r.target).toBe(0.05);
    expect(r.warnings[0]).toMatch(/spoke "a": crisis demand exceeds 6 slots on 11.1 % of days/);
  });

  it("expected unmet demand matches the definition; one slot at λ = 1 leaves 1/e unmet per day", () => {
    // E[(X−1)+] = λ − 1 + P(X=0) = e^{-1}
    const r = crisisSlots([{ id: "a", meanPerDay: 1, slotsPerDay: 1 }]);
    expect(r.spokes[0].expectedUnmetPerDay).toBeCloseTo(Math.exp(-1), 12);
  });

  it("zero demand needs zero slots; no slots given reports nulls", () => {
    const r = crisisSlots([{ id: "a", meanPerDay: 0 }]);
    expect(r.spokes[0]).toEqual({
      spoke: "a",
      meanPerDay: 0,
      slotsPerDay: null,
      probabilityShort: null,
      expectedUnmetPerDay: null,
      slotsForTarget: 0,
      probabilityShortAtTarget: 0,
      slotGap: null,
    });
  });

  it("stays finite and accurate at λ in the hundreds (no factorial overflow)", () => {
    const r = crisisSlots([{ id: "big", meanPerDay: 800, slotsPerDay: 850 }], { target: 0.01 });
    const s = r.spokes[0];
    expect(s.probabilityShort).toBeCloseTo(tailOracle(800, 850), 10);
    // normal approximation: 800 + 2.326·√800 ≈ 866
    expect(Math.abs(s.slotsForTarget - 866)).toBeLessThanOrEqual(2);
  });

  it("rejects bad input with coded errors naming the path and value", () => {
    expect(() => crisisSlots([{ id: "a", meanPerDay: -1 }])).toThrowError(InvalidInputError);
    expect(() => crisisSlots([{ id: "a", meanPerDay: Number.NaN }])).toThrowError(/spokes\[0\]\.meanPerDay/);
    expect(() => crisisSlots([{ id: "a", meanPerDay: 2, slotsPerDay: 1.5 }])).toThrowError(/slotsPerDay/);
    expect(() => crisisSlots([{ id: "a", meanPerDay: 2 }], { target: 1 })).toThrowError(/options.target.*strictly between 0 and 1/);
    expect(() => crisisSlots([{ id: "a", meanPerDay: 2 }, { id: "a", meanPerDay: 3 }])).toThrowError(DuplicateIdError);
  });
});

test.prop([fc.double({ min: 0.01, max: 300, noNaN: true }), fc.integer({ min: 0, max: 400 })])(
  "P(short) matches a log-space oracle sum",
  (lambda, slots) => {
    const r = crisisSlots([{ id: "a", meanPerDay: lambda, slotsPerDay: slots }]);
    expect(Math.abs((r.spokes[0].probabilityShort as number) - tailOracle(lambda, slots))).toBeLessThan(1e-9);
  },
);

test.prop([fc.double({ min: 0, max: 300, noNaN: true }), fc.integer({ min: 0, max: 400 }), fc.double({ min: 0.001, max: 0.5, noNaN: true })])(
  "more slots never raise the shortfall probability; slotsForTarget is the smallest meeting the target",
  (lambda, slots, target) => {
    const r = crisisSlots(
      [
        { id: "a", meanPerDay: lambda, slotsPerDay: slots },
        { id: "b", meanPerDay: lambda, slotsPerDay: slots + 1 },
      ],
      { target },
    );
    expect(r.spokes[1].probabilityShort as number).toBeLessThanOrEqual(r.spokes[0].probabilityShort as number);
    expect(r.spokes[1].expectedUnmetPerDay as number).toBeLessThanOrEqual((r.spokes[0].expectedUnmetPerDay as number) + 1e-12);
    const need = r.spokes[0].slotsForTarget;
    expect(r.spokes[0].probabilityShortAtTarget).toBeLessThanOrEqual(target);
    if (need > 0) {
      const below = crisisSlots([{ id: "a", meanPerDay: lambda, slotsPerDay: need - 1 }], { target });
      expect(below.spokes[0].probabilityShort as number).toBeGreaterThan(target);
    }
  },
);
