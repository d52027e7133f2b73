// The incremental path (one cache across scenarios: reused columns, legs routed with hub
// columns, memoised pieces) must give byte-identical results to evaluating from scratch.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { kentMedway } from "../../src/kent-medway/index.js";
import { createRouter, createScenarioCache, evaluate, type ChangeInput, type ScenarioInput, type ServiceNetwork } from "../../src/index.js";
import { testNetwork } from "../support/scenario-fixtures.js";

const baseline: ScenarioInput = { id: "baseline", name: "Baseline" };
const scenario = (id: string, ...changes: ChangeInput[]): ScenarioInput => ({ id, name: id, changes });

/** From scratch: a new cache (so every column, leg and piece is computed afresh). */
const fresh = (network: ServiceNetwork, s: ScenarioInput) => JSON.stringify(evaluate(network, s, { cache: createScenarioCache(createRouter(network.graph!)) }));

describe("incremental evaluate equals evaluate from scratch", () => {
  it("on the test network: close, open and move a spoke; close, open and move a hub", () => {
    const network = testNetwork();
    const cache = createScenarioCache(createRouter(network.graph!));
    evaluate(network, baseline, { cache });
    const options = [
      scenario("close-spoke", { type: "closeSite", siteId: "spoke-2" }),
      scenario("open-spoke", { type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-b" }),
      scenario("move-spoke", { type: "moveSite", siteId: "spoke-1", location: [0.0137, 51.0004] }),
      scenario("close-hub", { type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }),
      scenario("open-hub", { type: "openSite", siteId: "cand-x", as: "hub" }, { type: "setBeds", siteId: "cand-x", beds: { adultAcute: 3, pici: 1 } }),
      scenario("move-hub", { type: "moveSite", siteId: "hub-a", location: [0.0061, 51.0003] }),
    ];
    for (const s of options) expect(JSON.stringify(evaluate(network, s, { cache }))).toBe(fresh(network, s));
    // and again, now served from the memo
    for (const s of options) expect(JSON.stringify(evaluate(network, s, { cache }))).toBe(fresh(network, s));
  });

  const lon = fc.double({ min: -0.002, max: 0.042, noNaN: true });
  const lat = fc.double({ min: 50.999, max: 51.001, noNaN: true });
  const arbChange: fc.Arbitrary<ChangeInput[]> = fc.oneof(
    fc.constantFrom<ChangeInput[]>(
      [{ type: "closeSite", siteId: "spoke-1" }],
      [{ type: "closeSite", siteId: "spoke-2" }],
      [{ type: "closeSite", siteId: "hub-a", reassignSpokesTo: "hub-b" }],
      [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }],
      [{ type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-a" }],
      [{ type: "reassignSpoke", siteId: "spoke-2", hub: "hub-a" }],
      [{ type: "scaleDemand", factor: 1.5 }],
    ),
    fc.tuple(lon, lat, fc.constantFrom("hub-a", "hub-b", "spoke-1", "spoke-2")).map(([x, y, siteId]): ChangeInput[] => [{ type: "moveSite", siteId, location: [x, y] }]),
    fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3 })).map(([a, p]): ChangeInput[] => [
      { type: "openSite", siteId: "cand-x", as: "hub" },
      { type: "setBeds", siteId: "cand-x", beds: { adultAcute: a, pici: p } },
    ]),
    fc.integer({ min: 0, max: 15 }).map((a): ChangeInput[] => [{ type: "setBeds", siteId: "hub-a", beds: { adultAcute: a } }]),
    fc.tuple(fc.constantFrom("spoke-1", "spoke-2"), fc.integer({ min: 0, max: 8 })).map(([siteId, n]): ChangeInput[] => [
      { type: "setStaffing", siteId, staffWte: n },
      { type: "setCrisisSlots", siteId, crisisSlotsPerDay: n % 4 },
      { type: "setRunningCost", siteId, runningCostPerYear: 1000 * n },
    ]),
    fc.double({ min: 5, max: 40, noNaN: true }).map((v): ChangeInput[] => [{ type: "setAssumption", path: "wards.adultAcute.meanLengthOfStayDays.value", value: v }]),
    fc.double({ min: 1, max: 30, noNaN: true }).map((v): ChangeInput[] => [{ type: "setAssumption", path: "community.contactsPerWtePerWeek.value", value: v }]),
  );

  test.prop([fc.array(fc.array(arbChange, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.boolean()], { numRuns: 40 })(
    "any sequence of options through one cache gives each option's from-scratch result",
    (options, singleSource) => {
      const network = testNetwork();
      const cache = createScenarioCache(createRouter(network.graph!));
      evaluate(network, baseline, { cache, singleSource });
      // an invalid combination (e.g. closing both hubs) must throw the same error both ways
      const outcome = (run: () => unknown) => {
        try {
          return JSON.stringify(run());
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      };
      options.forEach((changes, k) => {
        const s = scenario(`option-${k}`, ...changes.flat());
        const got = outcome(() => evaluate(network, s, { cache, singleSource }));
        expect(got).toBe(outcome(() => evaluate(network, s, { cache: createScenarioCache(createRouter(network.graph!)), singleSource })));
      });
    },
  );

  it("on Kent & Medway: each change type, first evaluation after the baseline, routing one column at most", () => {
    const network = kentMedway();
    const router = createRouter(network.graph!);
    const cache = createScenarioCache(router);
    evaluate(network, baseline, { cache });
    const maidstone = network.sites.find((s) => s.id === "hub-maidstone")!;
    const spoke = network.sites.find((s) => s.id === "cmht_me141ey")!;
    // [scenario, columns routed, router calls (columns batch + leg searches)]
    const cases: [ScenarioInput, number, number][] = [
      [scenario("close-spoke", { type: "closeSite", siteId: "cmht_tn231pd" }), 0, 0],
      // a candidate's leg to every hub was timed with the hub columns
      [scenario("open-spoke", { type: "openSite", siteId: "cand-rxy78", as: "spoke", hub: "hub-maidstone" }), 1, 1],
      // a moved spoke is a new place: one leg search to its hub
      [scenario("move-spoke", { type: "moveSite", siteId: spoke.id, location: [spoke.location[0] + 0.021, spoke.location[1] - 0.013] }), 1, 2],
      [scenario("close-hub", { type: "closeSite", siteId: "hub-canterbury", reassignSpokesTo: "hub-maidstone" }), 0, 0],
      [scenario("open-hub", { type: "openSite", siteId: "cand-ryyc3", as: "hub" }, { type: "setBeds", siteId: "cand-ryyc3", beds: { adultAcute: 18, olderAdult: 6, pici: 2 } }), 1, 1],
      // the moved hub's column times its spokes' legs too
      [scenario("move-hub", { type: "moveSite", siteId: maidstone.id, location: [maidstone.location[0] + 0.034, maidstone.location[1] + 0.012] }), 1, 1],
    ];
    for (const [s, columns, calls] of cases) {
      const before = cache.stats();
      const got = JSON.stringify(evaluate(network, s, { cache }));
      const after = cache.stats();
      expect([s.id, after.computed - before.computed, after.routerCalls - before.routerCalls]).toEqual([s.id, columns, calls]);
      expect(got).toBe(JSON.stringify(evaluate(network, s, { router })));
    }
  }, 300_000);
});
