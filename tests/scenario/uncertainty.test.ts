import { describe, expect, it, vi } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createRouter, createScenarioCache, evaluate, uncertainty, type UncertaintyResult } from "../../src/index.js";
import { testNetwork, thrown } from "../support/scenario-fixtures.js";

const baseline = { id: "baseline", name: "Baseline" };
const tight = { id: "tight", name: "Fewer beds", changes: [{ type: "setBeds" as const, siteId: "hub-a", beds: { adultAcute: 0 } }, { type: "setBeds" as const, siteId: "hub-b", beds: { adultAcute: 1 } }] };
const get = (u: UncertaintyResult, key: string) => u.intervals.find((i) => i.key === key)!;

describe("uncertainty", () => {
  it("uncertainty(network, scenario, { vary: {} }) collapses to the deterministic evaluation", () => {
    const net = testNetwork();
    const u = uncertainty(net, tight, { draws: 5, vary: {} });
    const e = evaluate(net, tight);
    const oa = get(u, "capacity.outOfAreaBedDays");
    expect([oa.low, oa.median, oa.high]).toEqual([oa.mean, oa.mean, oa.mean]);
    expect(oa.mean).toBeCloseTo(e.capacity.outOfArea.bedDaysPerYear, 6);
    expect(get(u, "capacity.adultAcute.bedsNeeded").mean).toBe(e.capacity.wards[0].bedsNeeded);
    expect(get(u, "access.hub.meanMinutes").mean).toBeCloseTo(e.metrics.find((m) => m.key === "access.hub.meanMinutes")!.value!, 9);
    // out-of-area admissions = bed-days ÷ length of stay (30 days for adult acute)
    expect(get(u, "capacity.adultAcute.outOfAreaAdmissions").mean).toBeCloseTo(get(u, "capacity.adultAcute.outOfAreaBedDays").mean / 30, 9);
  });

  it("same seed, same answer; another seed, another answer", () => {
    const net = testNetwork();
    const cache = createScenarioCache(createRouter(net.graph!));
    const a = uncertainty(net, tight, { draws: 50, seed: 7, cache });
    const b = uncertainty(net, tight, { draws: 50, seed: 7 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = uncertainty(net, tight, { draws: 50, seed: 8 });
    expect(get(c, "factor.demand").mean).not.toBe(get(a, "factor.demand").mean);
    expect(uncertainty(net, { ...tight, seed: 7 }, { draws: 50 }).intervals).toEqual(a.intervals);
  });

  it("uses common random numbers: two scenarios with one seed see the same factor draws", () => {
    const net = testNetwork();
    const a = uncertainty(net, baseline, { draws: 30, seed: 3, includeDraws: true });
    const b = uncertainty(net, tight, { draws: 30, seed: 3, includeDraws: true });
    expect(get(b, "factor.travelTime").draws).toEqual(get(a, "factor.travelTime").draws);
    expect(get(b, "factor.demand").draws).toEqual(get(a, "factor.demand").draws);
  });

  it("uniform and triangular factors stay within their bounds; lognormal has mean near 1", () => {
    const net = testNetwork();
    const u = uncertainty(net, baseline, {
      draws: 400,
      seed: 11,
      vary: { demand: { distribution: "uniform", min: 0.9, max: 1.2 }, lengthOfStay: { distribution: "triangular", min: 0.8, mode: 1, max: 1.5 }, travelTime: { distribution: "lognormal", cv: 0.1 } },
    });
    const d = get(u, "factor.demand");
    expect(d.low).toBeGreaterThanOrEqual(0.9);
    expect(d.high).toBeLessThanOrEqual(1.2);
    expect(d.mean).toBeCloseTo(1.05, 1);
    const los = get(u, "factor.lengthOfStay");
    expect(los.low).toBeGreaterThanOrEqual(0.8);
    expect(los.high).toBeLessThanOrEqual(1.5);
    expect(los.mean).toBeCloseTo((0.8 + 1 + 1.5) / 3, 1);
    expect(get(u, "factor.travelTime").mean).toBeCloseTo(1, 1);
  });

  it("errors: too few draws, a bad triangular, an unknown option", () => {
    const net = testNetwork();
    expect(thrown(() => uncertainty(net, baseline, { draws: 1 })).issues![0].path).toBe("options.draws");
    expect(thrown(() => uncertainty(net, baseline, { vary: { demand: { distribution: "triangular", min: 1, mode: 3, max: 2 } } })).code).toBe("INVALID_INPUT");
    expect(thrown(() => uncertainty(net, baseline, { samples: 3 } as never)).code).toBe("INVALID_INPUT");
  });

  test.prop([fc.integer(), fc.double({ min: 0.5, max: 0.99, noNaN: true })], { numRuns: 15 })("every interval is ordered low ≤ median ≤ high", (seed, level) => {
    const u = uncertainty(testNetwork(), tight, { draws: 20, seed, level });
    for (const i of u.intervals) {
      expect(i.low).toBeLessThanOrEqual(i.median);
      expect(i.median).toBeLessThanOrEqual(i.high);
    }
  });
});

describe("uncertainty: progress and time limit", () => {
  it("onProgress is called after every draw with (done, total)", () => {
    const calls: [number, number][] = [];
    const u = uncertainty(testNetwork(), tight, { draws: 4, seed: 2, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect([u.draws, u.drawsRequested, u.complete]).toEqual([4, 4, true]);
  });

  it("timeLimitMs: DID_NOT_CONVERGE naming the draws done, or the draws done so far with onTimeLimit 'partial'", () => {
    const net = testNetwork();
    // a fake clock that moves 30 ms per draw: the 200 ms limit trips after the 7th draw on any
    // machine, however loaded (a real clock made the count depend on the machine's speed)
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const slow = () => void vi.advanceTimersByTime(30);
      const e = thrown(() => uncertainty(net, tight, { draws: 100_000, timeLimitMs: 200, onProgress: slow }));
      expect(e.code).toBe("DID_NOT_CONVERGE");
      expect(e.message).toMatch(/of 100000 draws/);
      expect(e.issues![0].path).toBe("options.timeLimitMs");
      const u = uncertainty(net, tight, { draws: 100_000, seed: 5, timeLimitMs: 200, onTimeLimit: "partial", onProgress: slow, includeDraws: true });
      expect(u.complete).toBe(false);
      expect(u.drawsRequested).toBe(100_000);
      expect(u.draws).toBe(7);
      expect(get(u, "factor.demand").draws).toHaveLength(u.draws);
      expect(u.warnings.some((w) => w.includes(`after ${u.draws} of 100000 draws`))).toBe(true);
      // the draws done are the first draws of the full run (same seed, same stream)
      const full = uncertainty(net, tight, { draws: u.draws, seed: 5, includeDraws: true });
      expect(get(full, "factor.demand").draws).toEqual(get(u, "factor.demand").draws);
      expect(full.intervals.map((i) => i.mean)).toEqual(u.intervals.map((i) => i.mean));
    } finally {
      vi.useRealTimers();
    }
  });

  it("a partial run with fewer than 2 draws is an error; bad option shapes are INVALID_INPUT", () => {
    const net = testNetwork();
    const slow = () => {
      const until = Date.now() + 30;
      while (Date.now() < until);
    };
    expect(thrown(() => uncertainty(net, tight, { draws: 10, timeLimitMs: 1, onTimeLimit: "partial", onProgress: slow })).code).toBe("DID_NOT_CONVERGE");
    expect(thrown(() => uncertainty(net, tight, { onProgress: 3 as never })).issues![0].path).toBe("options.onProgress");
    expect(thrown(() => uncertainty(net, tight, { timeLimitMs: -1 })).issues![0].path).toBe("options.timeLimitMs");
    expect(thrown(() => uncertainty(net, tight, { onTimeLimit: "ignore" as never })).code).toBe("INVALID_INPUT");
  });
});
