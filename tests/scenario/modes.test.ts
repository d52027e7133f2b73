// Named travel modes: car from the roads plus other modes from imported tables; per-mode
// access and equity metrics, and the mode people without a car use.
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createScenarioCache, evaluate, matrixProvider, type ChangeInput, type ScenarioResult } from "../../src/index.js";
import { testNetwork, testSites, testZones, thrown } from "../support/scenario-fixtures.js";

const baseline = { id: "baseline", name: "Baseline" };
const scenario = (id: string, ...changes: ChangeInput[]) => ({ id, name: id, changes });
const zoneIds = testZones.map((z) => z.id);
const siteIds = testSites.map((s) => s.id);
const table = (engine: string, minutes: number[][], sites: readonly string[] = siteIds) => matrixProvider({ origins: zoneIds, destinations: [...sites], minutes, provenance: { engine } });
const value = (r: ScenarioResult, key: string) => r.metrics.find((m) => m.key === key)?.value;
const label = (r: ScenarioResult, key: string) => r.metrics.find((m) => m.key === key)?.label;

// public transport: zone i to site j takes 10 + 5|i - j'| minutes (site positions 0, 4, 1, 3, 2)
const position = [0, 4, 1, 3, 2];
const zonePosition = [0, 1, 3, 4];
const ptMinutes = zonePosition.map((zi) => position.map((sj) => 10 + 5 * Math.abs(zi - sj)));
const pt = table("r5r", ptMinutes);

describe("evaluate with several modes", () => {
  it("reports access and equity per mode, labelled, next to car; car figures unchanged", () => {
    const network = testNetwork();
    const carOnly = evaluate(network, baseline);
    const both = evaluate(network, baseline, { modes: { "public transport": pt }, noCarMode: "public transport" });
    // car: same values, labels now say the mode
    for (const m of carOnly.metrics) if (!m.key.startsWith("equity.noCar")) expect(value(both, m.key)).toEqual(m.value);
    expect(label(both, "access.hub.meanMinutes")).toBe("Mean minutes to nearest hub (population-weighted), car");
    expect(label(both, "access.hub.meanMinutes@public transport")).toBe("Mean minutes to nearest hub (population-weighted), public transport");
    // public transport: nearest hub is 10 minutes for zones at a hub's position (z1, z4), 15 for z2 and z3
    expect(value(both, "access.hub.meanMinutes@public transport")).toBeCloseTo((1000 * 10 + 2000 * 15 + 1500 * 15 + 500 * 10) / 5000, 9);
    expect(value(both, "access.spoke.meanMinutes@public transport")).toBeCloseTo((1000 * 15 + 2000 * 10 + 1500 * 10 + 500 * 15) / 5000, 9);
    expect(value(both, "equity.deprivationGapMinutes@public transport")).toBeCloseTo(10 - 10, 9);
    // no-car metrics use public transport and say so
    expect(label(both, "equity.noCar.meanMinutes")).toBe("Mean minutes to hub, households without a car (by public transport)");
    expect(value(both, "equity.noCar.meanMinutes")).toBeCloseTo((100 * 10 + 80 * 15 + 30 * 15 + 10 * 10) / 220, 9);
    expect(label(carOnly, "equity.noCar.meanMinutes")).toBe("Mean minutes to hub, households without a car (by car)");
    expect(both.modes).toMatchObject({ primary: "car", noCar: "public transport", others: [{ mode: "public transport", engine: "r5r" }] });
    expect(both.modes!.others[0].zones.map((z) => z.hub)).toEqual(["hub-a", "hub-a", "hub-b", "hub-b"]);
    expect(carOnly.modes).toBeUndefined();
    // without noCarMode, a warning says which mode was used
    const unmarked = evaluate(network, baseline, { modes: { "public transport": pt } });
    expect(unmarked.warnings.some((w) => /households without a car are measured by car; set noCarMode/.test(w))).toBe(true);
  });

  it("scenarios re-time other modes from their own source; a cache per mode is reused", () => {
    const network = testNetwork();
    const cache = createScenarioCache(pt);
    const closed = evaluate(network, scenario("close-b", { type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }), { modes: { "public transport": cache } });
    // without hub-b, z4 (position 4) goes to hub-a (position 0): 30 minutes
    expect(closed.modes!.others[0].zones[3]).toMatchObject({ hub: "hub-a", hubMinutes: 30 });
    evaluate(network, baseline, { modes: { "public transport": cache } });
    expect(cache.stats().computed).toBe(4); // hub-a, spoke-1, spoke-2, then hub-b
  });

  const minutesArb = fc.array(fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 });
  test.prop([minutesArb, minutesArb, fc.constantFrom<"car" | "pt">("car", "pt"), fc.constantFrom(...[[], [{ type: "closeSite", siteId: "spoke-2" }], [{ type: "openSite", siteId: "cand-x", as: "hub" }]] as ChangeInput[][])], { seed: 13, numRuns: 25 })(
    "property: adding a mode never changes another mode's metrics",
    (ptTable, walkTable, noCar, changes) => {
      const network = testNetwork();
      const s = scenario("p", ...changes);
      const noCarMode = noCar === "pt" ? "public transport" : "car";
      const one = evaluate(network, s, { modes: { "public transport": table("pt", ptTable) }, noCarMode });
      const two = evaluate(network, s, { modes: { "public transport": table("pt", ptTable), walk: table("walk", walkTable) }, noCarMode });
      const notWalk = two.metrics.filter((m) => !m.key.endsWith("@walk"));
      expect(notWalk).toEqual(one.metrics);
      expect(two.modes!.others[0]).toEqual(one.modes!.others[0]);
      expect(two.metrics.some((m) => m.key === "access.hub.meanMinutes@walk")).toBe(true);
    },
  );

  it("errors: unknown no-car mode, a mode named like the primary, tables that lack a site, road changes", () => {
    const network = testNetwork();
    const e = thrown(() => evaluate(network, baseline, { modes: { "public transport": pt }, noCarMode: "bus" }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(/options\.noCarMode: "bus" is not a mode \(modes: "car", "public transport"\)/);
    expect(thrown(() => evaluate(network, baseline, { modes: { car: pt } })).code).toBe("INVALID_INPUT");
    expect(thrown(() => evaluate(network, baseline, { modes: { pt: 42 as never } })).code).toBe("INVALID_INPUT");
    const proto = thrown(() => evaluate(network, baseline, { modes: Object.fromEntries([["__proto__", pt]]) }));
    expect(proto.code).toBe("INVALID_INPUT");
    expect(proto.message).toMatch(/"__proto__" is not allowed|mode name "__proto__" is reserved/); // refused at the boundary, before any mode lookup
    const partial = table("r5r", ptMinutes.map((r) => r.slice(0, 4)), siteIds.slice(0, 4));
    const open = thrown(() => evaluate(network, scenario("open", { type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-a" }), { modes: { "public transport": partial } }));
    expect(open.code).toBe("NOT_COVERED");
    expect(open.message).toMatch(/changes\[0\] \(openSite "cand-x"\) needs travel times for mode "public transport"/);
    const road = thrown(() => evaluate(network, scenario("r", { type: "setRoadSpeed", factors: { primary: 0.5 } }), { modes: { "public transport": pt } }));
    expect(road.code).toBe("NOT_COVERED");
    expect(road.message).toMatch(/public transport/);
  });
});
