import { describe, expect, it } from "vitest";
import { bedsRequired, erlangB } from "../../src/index.js";
import { MAX_OFFERED_LOAD } from "../../src/capacity/erlang-b.js";

// Progress guarantee of the Erlang functions: huge server counts and tiny targets finish at
// once; loads above the stated limit are a coded error, never a runaway loop.
const fast = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

describe("Erlang B and bedsRequired limits", () => {
  it("erlangB with 1e12 servers finishes at once (B underflows to 0 and stays there)", () => {
    expect(fast(() => expect(erlangB(1e12, 1)).toBe(0))).toBeLessThan(1_000);
    expect(erlangB(2e9, 500)).toBe(0);
  });

  it("a load above MAX_OFFERED_LOAD is an INVALID_INPUT naming offeredLoad", () => {
    expect(() => erlangB(1, 1e12)).toThrowError(/offeredLoad must be at most 10000000 erlangs/);
    expect(() => bedsRequired(1e12, { targetBlocking: 0.01 })).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(fast(() => bedsRequired(MAX_OFFERED_LOAD, { targetBlocking: 0.01 }))).toBeLessThan(10_000);
  });

  it("a tiny occupancy target answers ⌈a / target⌉ beds without stepping through them", () => {
    let r = bedsRequired(1, { targetOccupancy: 0.5 });
    const elapsed = fast(() => {
      r = bedsRequired(1, { targetOccupancy: 1e-12 });
    });
    expect(elapsed).toBeLessThan(1_000);
    expect(r.beds).toBe(1e12);
    expect(r.occupancy).toBeLessThanOrEqual(1e-12);
    expect(r.blocking).toBe(0);
  });

  it("targetBlocking 1 is met by 0 beds (every admission may be turned away); 0 and above 1 stay errors", () => {
    const r = bedsRequired(5, { targetBlocking: 1 });
    expect(r.beds).toBe(0);
    expect(r.blocking).toBe(1);
    expect(() => bedsRequired(5, { targetBlocking: 0 })).toThrowError(/above 0 and at most 1/);
    expect(() => bedsRequired(5, { targetBlocking: 1.5 })).toThrowError(/above 0 and at most 1/);
  });
});
