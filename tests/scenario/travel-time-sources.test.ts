// evaluate() on any travel-time source: a network without a graph plus a router, a router on
// another graph, an imported table (matrixProvider) and the straight-line provider.
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  createRouter,
  createScenarioCache,
  euclideanProvider,
  evaluate,
  matrixProvider,
  type ChangeInput,
  type ScenarioResult,
  type ServiceNetwork,
} from "../../src/index.js";
import { testGraph, testNetwork, testSites, testZones, thrown } from "../support/scenario-fixtures.js";

const baseline = { id: "baseline", name: "Baseline" };
const scenario = (id: string, ...changes: ChangeInput[]) => ({ id, name: id, changes });
const metrics = (r: ScenarioResult) => r.metrics.map((m) => [m.key, m.value]);

/** The router's own matrix as an imported table: zones and sites (for spoke → hub legs) × sites. */
function routerTable(network: ServiceNetwork, options: { siteRows?: boolean; drop?: string } = {}) {
  const router = createRouter(network.graph!);
  const sites = network.sites.filter((s) => s.id !== options.drop);
  const origins = [...network.zones, ...(options.siteRows === false ? [] : network.sites)];
  const m = router.travelTimes(origins, sites, { direction: "reverse" });
  return matrixProvider({ origins: m.origins, destinations: m.destinations, minutes: m.minutes, provenance: { engine: "imported-test" } });
}

const options: ChangeInput[][] = [
  [],
  [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }],
  [{ type: "closeSite", siteId: "spoke-1" }],
  [{ type: "openSite", siteId: "cand-x", as: "hub" }, { type: "setBeds", siteId: "cand-x", beds: { adultAcute: 4 } }],
  [{ type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-b" }],
  [{ type: "reassignSpoke", siteId: "spoke-1", hub: "hub-b" }],
  [{ type: "scaleDemand", factor: 1.5 }],
];

describe("evaluate on a network without a graph", () => {
  it("uses the router's graph when the network has none, metric for metric", () => {
    const withGraph = testNetwork();
    const noGraph = testNetwork({ graph: false });
    const router = createRouter(testGraph());
    for (const changes of options) {
      const s = scenario("s", ...changes);
      expect(metrics(evaluate(noGraph, s, { router }))).toEqual(metrics(evaluate(withGraph, s)));
    }
    // road changes apply to the router's graph (copied, never mutated)
    const roads = scenario("slow", { type: "setRoadSpeed", factors: { primary: 0.5 } });
    expect(metrics(evaluate(noGraph, roads, { router }))).toEqual(metrics(evaluate(withGraph, roads)));
    // a cache over a router works the same way
    const cache = createScenarioCache(router);
    expect(metrics(evaluate(noGraph, baseline, { cache }))).toEqual(metrics(evaluate(withGraph, baseline)));
  });

  it("a router or cache built on another graph than network.graph is a GRAPH_MISMATCH error", () => {
    const network = testNetwork();
    const other = createRouter(testGraph());
    const e = thrown(() => evaluate(network, baseline, { router: other }));
    expect(e.code).toBe("GRAPH_MISMATCH");
    expect(e.name).toBe("GraphMismatchError");
    expect(e.message).toMatch(/options\.router was built on another road graph than network\.graph/);
    expect(thrown(() => evaluate(network, baseline, { cache: createScenarioCache(other) })).code).toBe("GRAPH_MISMATCH");
  });
});

describe("evaluate with a travel-time provider", () => {
  it("a table holding exactly the router's own matrix gives the router's results, metric for metric", () => {
    const network = testNetwork();
    const provider = routerTable(network);
    const cache = createScenarioCache(provider);
    for (const changes of options) {
      const s = scenario("s", ...changes);
      const byRouter = evaluate(network, s);
      const byTable = evaluate(network, s, { provider });
      expect(metrics(byTable)).toEqual(metrics(byRouter));
      expect(byTable.zones).toEqual(byRouter.zones);
      expect(byTable.catchments).toEqual(byRouter.catchments);
      expect(byTable.capacity).toEqual(byRouter.capacity);
      expect(byTable.community).toEqual(byRouter.community);
      expect(byTable.provenance.travelTimes).toBe("imported-test");
      expect(metrics(evaluate(network, s, { cache }))).toEqual(metrics(byRouter));
    }
    // the network needs no graph at all
    expect(metrics(evaluate(testNetwork({ graph: false }), baseline, { provider }))).toEqual(metrics(evaluate(network, baseline)));
  });

  test.prop([fc.subarray(options.flat().filter((c) => c.type === "closeSite" || c.type === "scaleDemand"))], { seed: 13, numRuns: 15 })(
    "property: table-fed and router-fed evaluations agree for any set of closures and demand changes",
    (changes) => {
      const network = testNetwork();
      const s = scenario("p", ...changes);
      expect(metrics(evaluate(network, s, { provider: routerTable(network) }))).toEqual(metrics(evaluate(network, s)));
    },
  );

  it("a fixed table refuses what it cannot time, naming the change and how to supply it", () => {
    const network = testNetwork();
    const provider = routerTable(network, { drop: "cand-x" });
    const open = thrown(() => evaluate(network, scenario("open", { type: "setBeds", siteId: "hub-a", beds: { adultAcute: 1 } }, { type: "openSite", siteId: "cand-x", as: "hub" }), { provider }));
    expect(open.code).toBe("NOT_COVERED");
    expect(open.issues![0].path).toBe("changes[1]");
    expect(open.message).toMatch(/changes\[1\] \(openSite "cand-x"\) needs travel times for mode "car".*Supply a table that covers it/);
    const move = thrown(() => evaluate(network, scenario("move", { type: "moveSite", siteId: "hub-a", location: [0.001, 51] }), { provider }));
    expect(move.code).toBe("NOT_COVERED");
    expect(move.issues![0].path).toBe("changes[0].location");
    expect(move.message).toMatch(/fixed table keyed by site id/);
    const road = thrown(() => evaluate(network, scenario("road", { type: "closeRoad", name: "Mill Lane" }), { provider }));
    expect(road.code).toBe("NOT_COVERED");
    expect(road.message).toMatch(/changes\[0\] \(closeRoad\) changes the roads.*Use a router/);
    const added = thrown(() =>
      evaluate(network, scenario("add", { type: "addSite", site: { id: "new-hub", name: "New", kind: "hub", location: [0.02, 51] } }), { provider }),
    );
    expect(added.code).toBe("NOT_COVERED");
    expect(added.message).toMatch(/addSite "new-hub"/);
    const zoneless = matrixProvider({ origins: ["z1"], destinations: testSites.map((s) => s.id), minutes: [[0, 1, 2, 3, 4]], provenance: { engine: "tiny" } });
    const zone = thrown(() => evaluate(network, baseline, { provider: zoneless }));
    expect(zone.code).toBe("NOT_COVERED");
    expect(zone.message).toMatch(/no origin \(zone or site\) "z2"/);
    expect(thrown(() => evaluate(network, baseline, { provider, router: createRouter(network.graph!) })).code).toBe("INVALID_INPUT");
    expect(thrown(() => evaluate(network, baseline, { provider: {} as never })).code).toBe("INVALID_INPUT");
  });

  it("a table without site rows leaves spoke → hub legs unknown, with a warning, and the headline metrics unchanged", () => {
    const network = testNetwork();
    const r = evaluate(network, baseline, { provider: routerTable(network, { siteRows: false }) });
    expect(r.warnings.some((w) => /no spoke → hub rows/.test(w))).toBe(true);
    expect(metrics(r)).toEqual(metrics(evaluate(network, baseline)));
  });

  it("the straight-line provider times moved and new sites where they are", () => {
    const network = testNetwork({ graph: false });
    const provider = euclideanProvider({ speedKmh: 30, circuity: 1 });
    const base = evaluate(network, baseline, { provider });
    const moved = evaluate(network, scenario("move", { type: "moveSite", siteId: "hub-b", location: [0.02, 51] }), { provider });
    expect(base.zones.map((z) => z.hub)).toEqual(["hub-a", "hub-a", "hub-b", "hub-b"]);
    // z4 at lon 0.04 is now 0.02° (about 1.4 km) from hub-b: about 2.8 minutes at 30 km/h
    expect(moved.zones[3].hubMinutes).toBeGreaterThan(base.zones[3].hubMinutes);
    expect(moved.zones[3].hubMinutes).toBeCloseTo((1.3993 * 60) / 30, 1);
    expect(moved.provenance.travelTimes).toBe("euclidean");
    expect(thrown(() => evaluate(network, scenario("r", { type: "setRoadSpeed", factors: { primary: 2 } }), { provider })).code).toBe("NOT_COVERED");
    expect(testZones.length).toBe(4);
  });
});
