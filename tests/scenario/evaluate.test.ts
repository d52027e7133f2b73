import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  InvalidInputError,
  UnknownIdError,
  createRouter,
  createScenarioCache,
  evaluate,
  type ChangeInput,
  type ScenarioResult,
} from "../../src/index.js";
import { testNetwork, thrown } from "../support/scenario-fixtures.js";
import { cacheInternals } from "../../src/scenario/create-scenario-cache.js";

const baseline = { id: "baseline", name: "Baseline" };
const scenario = (id: string, ...changes: ChangeInput[]) => ({ id, name: id, changes });
const value = (r: ScenarioResult, key: string) => r.metrics.find((m) => m.key === key)?.value;
const minutesOf = (r: ScenarioResult, field: "hubMinutes" | "spokeMinutes") => r.zones.map((z) => z[field]);

describe("evaluate", () => {
  it("evaluate(network, baseline) gives hand-checked nearest-hub times and access", () => {
    const r = evaluate(testNetwork(), baseline);
    // z1 at hub-a (0), z2 one primary hop from hub-a (2), z3 one residential hop from hub-b (4), z4 at hub-b (0)
    expect(minutesOf(r, "hubMinutes").map((m) => Math.round(m * 1e6) / 1e6)).toEqual([0, 2, 4, 0]);
    expect(r.zones.map((z) => z.hub)).toEqual(["hub-a", "hub-a", "hub-b", "hub-b"]);
    expect(r.zones.map((z) => z.hierarchicalHub)).toEqual(["hub-a", "hub-a", "hub-b", "hub-b"]);
    expect(value(r, "access.hub.meanMinutes")).toBeCloseTo((2000 * 2 + 1500 * 4) / 5000, 9);
    expect(value(r, "estate.runningCostPerYear")).toBe(2_080_000);
    expect(r.sites).toEqual({ hubs: ["hub-a", "hub-b"], spokes: ["spoke-1", "spoke-2"], unsnapped: [], islands: [] });
    expect(r.warnings).toEqual([]);
  });

  it("closing a hub sends its zones to the other hub and shows in access and equity", () => {
    const r = evaluate(testNetwork(), scenario("close-b", { type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }));
    // z3: n3→n0 = 4 + 2 + 2 = 8; z4: 12
    expect(minutesOf(r, "hubMinutes").map((m) => Math.round(m * 1e6) / 1e6)).toEqual([0, 2, 8, 12]);
    expect(value(r, "access.hub.meanMinutes")).toBeCloseTo((2000 * 2 + 1500 * 8 + 500 * 12) / 5000, 9);
    expect(value(r, "equity.leastDeprived.meanMinutes")).toBeCloseTo(12, 9);
    expect(value(r, "estate.openHubs")).toBe(2 - 1);
    expect(value(r, "estate.runningCostPerYear")).toBe(2_080_000 - 900_000);
  });

  it("capacity: with no beds every bed-day goes out of area at the assumed cost", () => {
    const r = evaluate(
      testNetwork(),
      scenario("no-beds", { type: "setBeds", siteId: "hub-a", beds: { adultAcute: 0, pici: 0 } }, { type: "setBeds", siteId: "hub-b", beds: { adultAcute: 0 } }),
    );
    // adult acute: 5,000 people × 200 / 100,000 = 10 admissions × 30 days = 300 bed-days; PICU: 1 × 10 = 10
    expect(value(r, "capacity.adultAcute.outOfAreaBedDays")).toBeCloseTo(300, 6);
    expect(value(r, "capacity.outOfAreaBedDays")).toBeCloseTo(310, 6);
    expect(value(r, "capacity.outOfAreaCost")).toBeCloseTo(310 * 600, 3);
    expect(value(r, "capacity.adultAcute.bedShortfall")).toBe(1);
    const base = evaluate(testNetwork(), baseline);
    expect(value(base, "capacity.outOfAreaBedDays")).toBe(0);
    expect(base.capacity.wards[0].hubs.map((h) => h.usableLoad)).toEqual([10 * 0.85, 8 * 0.85]);
  });

  it("community: caseload, staff travel and contact shortfall are hand-checkable, and staffing changes move them", () => {
    const r = evaluate(testNetwork(), baseline);
    // caseload 10 per 1,000 → 50; WTE 4 + 3
    expect(value(r, "community.caseload")).toBeCloseTo(50, 9);
    expect(value(r, "community.caseloadPerWte")).toBeCloseTo(50 / 7, 9);
    // home visits: z1 (10 people × 7/14 × 0.5 = 2.5/week, 4-min round trip) + z4 (1.25/week, 8-min round trip) = 20 min/week
    expect(value(r, "community.staffTravelMinutesPerWeek")).toBeCloseTo(20, 6);
    expect(value(r, "community.contactShortfall")).toBe(0);
    const cut = evaluate(testNetwork(), scenario("cut-staff", { type: "setStaffing", siteId: "spoke-1", staffWte: 0 }, { type: "setCrisisSlots", siteId: "spoke-2", crisisSlotsPerDay: 0 }));
    // spoke-1 holds 30 people → 15 contacts/week, none deliverable without staff
    expect(value(cut, "community.contactShortfall")).toBeCloseTo(15, 6);
    expect(value(cut, "community.crisisShortfallWorst")!).toBeGreaterThan(value(r, "community.crisisShortfallWorst")!);
    const policy = evaluate(testNetwork(), scenario("weekly", { type: "setContactPolicy", maxDaysBetweenContacts: 7 }));
    expect(value(policy, "community.staffTravelMinutesPerWeek")).toBeCloseTo(40, 6);
  });

  it("road changes route on the changed graph", () => {
    const r = evaluate(testNetwork(), scenario("slow-a-roads", { type: "setRoadSpeed", factors: { primary: 0.5 } }));
    expect(r.zones[1].hubMinutes).toBeCloseTo(4, 9);
    const closed = evaluate(testNetwork(), scenario("cut", { type: "closeRoad", edges: ["e2-3", "e3-2"] }));
    expect(closed.zones[2].spoke).toBe("spoke-2");
    expect(closed.zones.map((z) => z.hierarchicalHub)).toEqual(["hub-a", "hub-a", "hub-b", "hub-b"]);
  });

  it("the same inputs give a byte-identical result, with or without a cache", () => {
    const net = testNetwork();
    const s = scenario("move", { type: "moveSite", siteId: "hub-b", location: [0.03, 51] }, { type: "scaleDemand", factor: 1.2 });
    const a = JSON.stringify(evaluate(net, s));
    const cache = createScenarioCache(createRouter(net.graph!));
    evaluate(net, baseline, { cache });
    expect(JSON.stringify(evaluate(net, s, { cache }))).toBe(a);
    expect(JSON.stringify(evaluate(testNetwork(), s))).toBe(a);
    const r = JSON.parse(a) as ScenarioResult;
    expect(r.provenance.library).toMatch(/^hubspoke@\d+\.\d+\.\d+/);
    expect(r.provenance.network).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(r.provenance.scenario).not.toBe(evaluate(net, baseline).provenance.scenario);
  });

  it("an empty scenario evaluates exactly as the baseline", () => {
    const net = testNetwork();
    const a = evaluate(net, baseline);
    const b = evaluate(net, { id: "baseline", name: "Baseline", changes: [] });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("incremental: closing reuses columns, opening or moving computes one, road changes leave the cache alone", () => {
    const net = testNetwork();
    const cache = createScenarioCache(createRouter(net.graph!));
    evaluate(net, baseline, { cache });
    const start = cache.stats().computed;
    const solved = cacheInternals(cache).memo.resultCount();
    evaluate(net, scenario("close", { type: "closeSite", siteId: "spoke-1" }), { cache });
    expect(cache.stats().computed).toBe(start);
    // hubs, loads and beds unchanged: the capacitated assignments are reused, not solved again
    expect(cacheInternals(cache).memo.resultCount()).toBe(solved);
    evaluate(net, scenario("open", { type: "openSite", siteId: "cand-x", as: "hub" }), { cache });
    expect(cache.stats().computed).toBe(start + 1);
    evaluate(net, scenario("move", { type: "moveSite", siteId: "hub-a", location: [0.001, 51] }), { cache });
    expect(cache.stats().computed).toBe(start + 2);
    const before = cache.stats();
    evaluate(net, scenario("roads", { type: "setRoadSpeed", factors: { residential: 2 } }), { cache });
    expect(cache.stats()).toEqual(before);
  });

  it("errors: no graph or router, bad options, and scenario rule errors with the change path", () => {
    const noGraph = testNetwork({ graph: false });
    const e = thrown(() => evaluate(noGraph, baseline));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toMatch(/^evaluate: .*no road graph/);
    expect(thrown(() => evaluate(testNetwork(), baseline, { thresholdMinutes: [30] } as never)).code).toBe("INVALID_INPUT");
    const rule = thrown(() => evaluate(testNetwork(), scenario("bad", { type: "closeSite", siteId: "hub-q" })));
    expect(rule).toBeInstanceOf(UnknownIdError);
    expect(rule.issues![0].path).toBe("changes[0].siteId");
  });
});

describe("evaluate properties", () => {
  const edgeMinutes = fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 4, maxLength: 4 });
  const closable: ChangeInput[] = [
    { type: "closeSite", siteId: "hub-a", reassignSpokesTo: "hub-b" },
    { type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" },
    { type: "closeSite", siteId: "spoke-1" },
    { type: "closeSite", siteId: "spoke-2" },
  ];

  test.prop([edgeMinutes, fc.constantFrom(...closable)], { numRuns: 40 })(
    "closing a site never shortens anyone's nearest-hub or nearest-spoke time",
    (minutes, close) => {
      const net = testNetwork();
      const graph = net.graph!;
      ["e0-1", "e1-2", "e2-3", "e3-4"].forEach((key, k) => {
        const [a, b] = key.slice(1).split("-");
        graph.setEdgeAttribute(key, "minutes", minutes[k]);
        graph.setEdgeAttribute(`e${b}-${a}`, "minutes", minutes[k]);
      });
      const cache = createScenarioCache(createRouter(graph));
      const before = evaluate(net, baseline, { cache });
      const after = evaluate(net, scenario("close", close), { cache });
      after.zones.forEach((z, i) => {
        expect(z.hubMinutes).toBeGreaterThanOrEqual(before.zones[i].hubMinutes);
        expect(z.spokeMinutes).toBeGreaterThanOrEqual(before.zones[i].spokeMinutes);
      });
    },
  );
});

describe("evaluate with a contraction-hierarchy router", () => {
  const strip = (r: ReturnType<typeof evaluate>) => JSON.parse(JSON.stringify({ ...r, provenance: { ...r.provenance, travelTimes: "" } }));
  const near = (a: unknown, b: unknown): void => {
    if (typeof a === "number" && typeof b === "number") {
      expect(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))).toBe(true);
      return;
    }
    if (a !== null && typeof a === "object") {
      expect(Object.keys(a as object)).toEqual(Object.keys(b as object));
      for (const k of Object.keys(a as object)) near((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      return;
    }
    expect(a).toEqual(b);
  };

  it("gives the default router's results, says so in provenance, and falls back to Dijkstra for road changes", () => {
    const net = testNetwork();
    const ch = createRouter(net.graph!, { preprocess: "ch" });
    const base = scenario("base");
    const a = evaluate(net, base);
    const b = evaluate(net, base, { router: ch });
    near(strip(b), strip(a));
    expect(a.provenance.travelTimes).toBe("hubspoke-router");
    expect(b.provenance.travelTimes).toMatch(/contraction hierarchy/);
    const cache = createScenarioCache(ch);
    const moved = scenario("closed", { type: "closeSite", siteId: "spoke-2" });
    near(strip(evaluate(net, moved, { cache })), strip(evaluate(net, moved)));
    const roads = scenario("slow", { type: "setRoadSpeed", factors: { primary: 0.5 } });
    const viaCh = evaluate(net, roads, { cache });
    expect(viaCh.provenance.travelTimes).toMatch(/Dijkstra on the changed roads/);
    expect(strip(viaCh)).toEqual(strip(evaluate(net, roads)));
  });
});
