import { describe, expect, it } from "vitest";
import { DirectedGraph, MultiDirectedGraph, UndirectedGraph } from "graphology";
import { buildRoadGraph } from "../../src/network/index.js";
import {
  createRouter,
  euclideanProvider,
  largestStronglyConnectedComponent,
  matrixProvider,
  snapToGraph,
  travelTimes,
} from "../../src/routing/index.js";
import { GraphChangedError, InvalidGraphError, UnknownIdError } from "../../src/errors.js";
import type { RoadGraph } from "../../src/model/types.js";

/** a→b 10, b→c 5, a→c 20, c→a 1 (one-way ring), d isolated. */
function abc(): RoadGraph {
  const g = new DirectedGraph();
  for (const k of ["a", "b", "c", "d"]) g.addNode(k, { lon: 0, lat: 51 });
  g.addEdgeWithKey("ab", "a", "b", { minutes: 10 });
  g.addEdgeWithKey("bc", "b", "c", { minutes: 5 });
  g.addEdgeWithKey("ac", "a", "c", { minutes: 20 });
  g.addEdgeWithKey("ca", "c", "a", { minutes: 1 });
  return g as unknown as RoadGraph;
}

/** A straight east–west road: two-way 0→0.01→0.02 (a vertex at 0.015), then one-way 0.02→0.03. 60 km/h. */
function road(): RoadGraph {
  return buildRoadGraph(
    {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { highway: "primary" }, geometry: { type: "LineString", coordinates: [[0, 51], [0.01, 51]] } },
        { type: "Feature", properties: { highway: "primary" }, geometry: { type: "LineString", coordinates: [[0.01, 51], [0.015, 51], [0.02, 51]] } },
        { type: "Feature", properties: { highway: "primary", oneway: "yes" }, geometry: { type: "LineString", coordinates: [[0.02, 51], [0.03, 51]] } },
      ],
    },
    { profile: { primary: { urban: 60, rural: 60 } } },
  );
}

describe("createRouter on node keys", () => {
  it("router.travelTimes(['a','c'], ['a','b','c','d']) follows one-way links and reports Infinity", () => {
    const r = createRouter(abc());
    const m = r.travelTimes(["a", "c"], ["a", "b", "c", "d"]);
    expect(Array.from(m.minutes)).toEqual([0, 10, 15, Infinity, 1, 11, 0, Infinity]);
    expect(m.provenance?.engine).toBe("hubspoke-router");
    expect(m.provenance?.inputs?.graph).toMatch(/^fnv1a32:[0-9a-f]{8}$/);
    expect(Array.from(r.travelTimes(["a", "c"], ["a", "b", "c", "d"], { direction: "forward" }).minutes)).toEqual(Array.from(m.minutes));
  });

  it("router.travelTimes with cutoffMinutes turns longer trips into Infinity", () => {
    const m = createRouter(abc()).travelTimes(["a"], ["b", "c"], { cutoffMinutes: 12 });
    expect(Array.from(m.minutes)).toEqual([10, Infinity]);
  });

  it("router.nearest picks the closest destination, ties by input order, null when unreachable", () => {
    const r = createRouter(abc());
    expect(r.nearest(["a", "c", "d"], ["c", "b"])).toEqual([
      { origin: "a", destination: "b", minutes: 10 },
      { origin: "c", destination: "c", minutes: 0 },
      { origin: "d", destination: null, minutes: Infinity },
    ]);
  });

  it("router.route returns the node sequence and minutes", () => {
    const r = createRouter(abc());
    const route = r.route("a", "c");
    expect(route?.minutes).toBe(15);
    expect(route?.nodes).toEqual(["a", "b", "c"]);
    expect(r.route("a", "d")).toBeNull();
  });

  it("router.minutesFrom gives per-node minutes in graph.nodes() order, forward and reverse", () => {
    const r = createRouter(abc());
    expect(Array.from(r.minutesFrom("b"))).toEqual([6, 0, 5, Infinity]);
    expect(Array.from(r.minutesFrom("b", { reverse: true }))).toEqual([10, 0, 11, Infinity]);
    expect(Array.from(r.minutesFrom("b", { cutoffMinutes: 5 }))).toEqual([Infinity, 0, 5, Infinity]);
  });

  it("createRouter routes undirected edges both ways", () => {
    const g = new UndirectedGraph();
    g.addNode("x");
    g.addNode("y");
    g.addEdge("x", "y", { minutes: 3 });
    const m = createRouter(g as unknown as RoadGraph).travelTimes(["x", "y"], ["x", "y"]);
    expect(Array.from(m.minutes)).toEqual([0, 3, 3, 0]);
  });
});

describe("createRouter errors", () => {
  it.each([
    ["missing", undefined, "missing"],
    ["NaN", Number.NaN, "NaN"],
    ["negative", -2, "-2"],
    ["infinite", Infinity, "Infinity"],
    ["string", "5", '"5"'],
  ])("createRouter rejects %s minutes, naming the edge", (_name, value, shown) => {
    const g = new MultiDirectedGraph();
    g.addNode("a");
    g.addNode("b");
    g.addEdgeWithKey("ok", "a", "b", { minutes: 1 });
    g.addEdgeWithKey("bad-link", "b", "a", value === undefined ? {} : { minutes: value });
    expect(() => createRouter(g as unknown as RoadGraph)).toThrowError(InvalidGraphError);
    expect(() => createRouter(g as unknown as RoadGraph)).toThrowError(`edge "bad-link" has minutes ${shown}`);
  });

  it("createRouter's full message for a NaN weight", () => {
    const g = new DirectedGraph();
    g.addNode("a");
    g.addNode("b");
    g.addEdgeWithKey("a-b", "a", "b", { minutes: Number.NaN });
    expect(() => createRouter(g as unknown as RoadGraph)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidGraphError: createRouter: edge "a-b" has minutes NaN; every edge needs a finite, non-negative "minutes" attribute. Set it (e.g. with buildRoadGraph) instead of relying on a default]`,
    );
  });

  it("a router throws GraphChangedError after the graph changes", () => {
    const g = abc();
    const r = createRouter(g);
    g.addNode("e", { lon: 0, lat: 51 });
    expect(() => r.travelTimes(["a"], ["b"])).toThrowError(GraphChangedError);
  });

  it("router.travelTimes throws UnknownIdError for an unknown node key", () => {
    expect(() => createRouter(abc()).travelTimes(["zz"], ["a"])).toThrowError(UnknownIdError);
  });

  it("snapping a graph without coordinates is an InvalidGraphError naming the node", () => {
    const g = new DirectedGraph();
    g.addNode("p");
    g.addNode("q", { lon: 0, lat: 51 });
    g.addEdge("p", "q", { minutes: 1 });
    expect(() => snapToGraph(g as unknown as RoadGraph, [{ id: "z", location: [0, 51] }])).toThrowError(/node "p" has no valid lon\/lat/);
  });
});

describe("snapping and phantom nodes", () => {
  // 0.01° lon at 51°N ≈ 699.77 m ≈ 0.6998 min at 60 km/h
  const edgeMin = (699.7733132174285 / 60000) * 60;

  it("snapToGraph finds the nearest point on the nearest edge, with fraction and connector", () => {
    const g = road();
    const res = snapToGraph(g, [
      { id: "p", location: [0.0025, 51.0009] }, // ~100 m north of a quarter of the first edge
      { id: "far", location: [0.5, 51.5] },
    ]);
    expect(res.unsnapped.map((u) => u.id)).toEqual(["far"]);
    expect(res.unsnapped[0].nearestMetres).toBeGreaterThan(2000);
    const p = res.snapped[0];
    expect(p.edge).toEqual(["n0", "n1"]);
    expect(p.fraction).toBeCloseTo(0.25, 3);
    expect(p.snapMetres).toBeCloseTo(100.08, 0);
    expect(p.connectorMinutes).toBeCloseTo((p.snapMetres / 20000) * 60, 9);
    expect(p.snapped[1]).toBeCloseTo(51, 9);
    expect(p.component).toBe("main");
  });

  it("phantom origins leave both ways on a two-way edge and only forward on a one-way edge", () => {
    const g = road();
    const r = createRouter(g, { accessSpeedKmh: 1e9 });
    const pts = [
      { id: "q1", location: [0.0025, 51] as [number, number] }, // two-way, fraction 0.25
      { id: "q3", location: [0.0275, 51] as [number, number] }, // one-way, fraction 0.75
    ];
    const m = r.travelTimes(pts, ["n0", "n2", "n3"]);
    const [q1n0, q1n2, q1n3, q3n0, q3n2, q3n3] = Array.from(m.minutes);
    expect(q1n0).toBeCloseTo(0.25 * edgeMin, 6);
    expect(q1n2).toBeCloseTo(1.75 * edgeMin, 6);
    expect(q1n3).toBeCloseTo(2.75 * edgeMin, 6);
    expect(q3n3).toBeCloseTo(0.25 * edgeMin, 6);
    expect(q3n0).toBe(Infinity);
    expect(q3n2).toBe(Infinity);
    // points on n2→n3 can reach the one-way tail only: they are islands of the SCC
    expect(m.snapping.islands).toEqual(["q3", "n3"]);
  });

  it("origin and destination on the same edge are routed along it exactly", () => {
    const r = createRouter(road(), { accessSpeedKmh: 1e9 });
    const a = { id: "a", location: [0.022, 51] as [number, number] };
    const b = { id: "b", location: [0.028, 51] as [number, number] };
    const m = r.travelTimes([a, b], [a, b]);
    const v = Array.from(m.minutes);
    expect(v[0]).toBe(0);
    expect(v[1]).toBeCloseTo(0.6 * edgeMin, 6);
    expect(v[2]).toBe(Infinity); // cannot go backwards on the one-way edge
    expect(v[3]).toBe(0);
    const two = r.travelTimes([{ id: "c", location: [0.008, 51] }], [{ id: "d", location: [0.002, 51] }]);
    expect(two.minutes[0]).toBeCloseTo(0.6 * edgeMin, 6);
    const route = r.route({ id: "c", location: [0.008, 51] }, { id: "d", location: [0.002, 51] });
    expect(route?.nodes).toEqual([]);
    expect(route?.metres).toBeCloseTo(0.6 * 699.77, 0);
    expect(route?.geometry.coordinates[0][0]).toBeCloseTo(0.008, 9);
    expect(route?.geometry.coordinates.at(-1)?.[0]).toBeCloseTo(0.002, 9);
  });

  it("unsnapped located items get Infinity rows and columns, never dropped", () => {
    const m = createRouter(road()).travelTimes([{ id: "far", location: [1, 52] }, "n0"], ["n1", { id: "far2", location: [1, 52] }]);
    expect(m.origins).toEqual(["far", "n0"]);
    expect(Array.from(m.minutes)).toEqual([Infinity, Infinity, m.minutes[2], Infinity]);
    expect(m.minutes[2]).toBeCloseTo(edgeMin, 9);
    expect(m.snapping.unsnapped).toEqual(["far", "far2"]);
  });

  it("router.route geometry follows the road through nodes with intermediate vertices", () => {
    const r = createRouter(road(), { accessSpeedKmh: 1e9 });
    const route = r.route({ id: "a", location: [0.005, 51] }, { id: "b", location: [0.025, 51] });
    expect(route?.nodes).toEqual(["n1", "n2"]);
    expect(route?.minutes).toBeCloseTo(2 * edgeMin, 6);
    expect(route?.geometry.coordinates.map((c) => Math.round(c[0] * 1000) / 1000)).toEqual([0.005, 0.005, 0.01, 0.015, 0.02, 0.025, 0.025]);
  });

  it("largestStronglyConnectedComponent excludes the one-way tail", () => {
    expect(largestStronglyConnectedComponent(road())).toEqual(["n0", "n1", "n2"]);
  });
});

describe("providers", () => {
  it("euclideanProvider: haversine × circuity ÷ speed", () => {
    const p = euclideanProvider({ speedKmh: 60, circuity: 1.5 });
    const m = travelTimes(p, [{ id: "z", location: [0, 51] }], [{ id: "s", location: [0.01, 51] }]);
    expect(m.minutes[0]).toBeCloseTo((699.7733 * 1.5) / 1000, 4);
    expect(m.provenance?.engine).toBe("euclidean");
    expect(() => euclideanProvider({ circuity: 0.5 })).toThrowError(/circuity/);
  });

  it("matrixProvider answers subsets by id and keeps provenance", () => {
    const p = matrixProvider({
      origins: ["z1", "z2"],
      destinations: ["h1", "h2"],
      minutes: [[10, null], [5, 7]],
      provenance: { engine: "osrm", profile: "car" },
    });
    const m = travelTimes(p, ["z2", "z1"], ["h2"]);
    expect(m.origins).toEqual(["z2", "z1"]);
    expect(Array.from(m.minutes)).toEqual([7, Infinity]);
    expect(m.provenance).toEqual({ engine: "osrm", profile: "car" });
    expect(() => travelTimes(p, ["z9"], ["h1"])).toThrowError(UnknownIdError);
    expect(() => matrixProvider({ origins: ["a"], destinations: ["b"], minutes: [Number.NaN], provenance: { engine: "x" } })).toThrowError(/minutes/);
  });

  it("travelTimes(graph, …) builds a one-shot router", () => {
    expect(Array.from(travelTimes(abc(), ["a"], ["c"]).minutes)).toEqual([15]);
    expect(() => travelTimes({} as never, ["a"], ["c"])).toThrowError(/expected a road graph or a travel-time provider/);
  });
});
