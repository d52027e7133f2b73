import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createRouter, createScenarioCache } from "../../src/index.js";
import { testGraph, testSites, testZones } from "../support/scenario-fixtures.js";
import { cacheInternals } from "../../src/scenario/create-scenario-cache.js";
import { memoSlot } from "../../src/scenario/internal/memo.js";

const zones = testZones.map((z) => ({ id: z.id, location: [z.location[0], z.location[1]] as [number, number] }));
const sites = testSites.map((s) => ({ id: s.id, location: [s.location[0], s.location[1]] as [number, number] }));

describe("createScenarioCache", () => {
  it("createScenarioCache(router).matrix(zones, sites) equals the router's matrix and reuses columns", () => {
    const router = createRouter(testGraph());
    const cache = createScenarioCache(router);
    const direct = router.travelTimes(zones, sites);
    const first = cache.matrix(zones, sites);
    expect(Array.from(first.minutes)).toEqual(Array.from(direct.minutes));
    expect(first.destinations).toEqual(sites.map((s) => s.id));
    expect(cache.stats()).toEqual({ computed: 5, reused: 0, routerCalls: 1, legRowsComputed: 0 });
    const subset = cache.matrix(zones, [sites[3], sites[0]]);
    expect(cache.stats()).toEqual({ computed: 5, reused: 2, routerCalls: 1, legRowsComputed: 0 });
    for (let i = 0; i < zones.length; i++) {
      expect(subset.minutes[i * 2]).toBe(direct.minutes[i * 5 + 3]);
      expect(subset.minutes[i * 2 + 1]).toBe(direct.minutes[i * 5]);
    }
  });

  it("a moved site is a new column; covers() is true only for the router's graph", () => {
    const graph = testGraph();
    const cache = createScenarioCache(createRouter(graph));
    cache.matrix(zones, sites);
    const moved = cache.matrix(zones, [{ id: "hub-a", location: [0.04, 51] }]);
    expect(cache.stats().computed).toBe(6);
    expect(Array.from(moved.minutes).map((m) => Math.round(m * 1e6) / 1e6)).toEqual([12, 10, 4, 0]);
    expect(cache.covers(graph)).toBe(true);
    expect(cache.covers(graph.copy())).toBe(false);
    expect(cache.covers(undefined)).toBe(false);
    const { memo } = cacheInternals(cache);
    const slot = memoSlot<number>("test");
    memo.result(slot, ["k"], () => 1);
    memo.derived(slot, zones, ["k"], () => 1);
    expect(memo.resultCount()).toBe(1);
    cache.clear();
    expect(memo.resultCount()).toBe(0);
    expect(memo.derived(slot, zones, ["k"], () => 2)).toBe(2); // derived values forgotten too
    cache.matrix(zones, sites);
    expect(cache.stats().computed).toBe(11);
  });

  it("legMatrix memoises per cell and routes only rows with a missing cell", () => {
    const router = createRouter(testGraph());
    const cache = createScenarioCache(router);
    const spokes = [sites[2], sites[3]];
    const hubs = [sites[0], sites[1]];
    const leg = cache.legMatrix(spokes, hubs);
    expect(Array.from(leg.minutes)).toEqual(Array.from(router.travelTimes(spokes, hubs).minutes));
    cache.legMatrix([sites[3]], hubs);
    expect(cache.stats().legRowsComputed).toBe(2);
    cache.legMatrix(spokes, [...hubs, sites[4]]);
    expect(cache.stats().legRowsComputed).toBe(4);
  });

  test.prop([fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }), fc.subarray([0, 1, 2, 3, 4], { minLength: 1 })], { numRuns: 25 })(
    "any sequence of requests gives the same matrix as routing from scratch",
    (first, second) => {
      const router = createRouter(testGraph());
      const cache = createScenarioCache(router);
      cache.matrix(zones, first.map((j) => sites[j]));
      const pick = second.map((j) => sites[j]);
      expect(Array.from(cache.matrix(zones, pick).minutes)).toEqual(Array.from(router.travelTimes(zones, pick).minutes));
    },
  );
});
