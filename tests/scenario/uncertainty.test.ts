import { describe, expect, it } from "vitest";
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
