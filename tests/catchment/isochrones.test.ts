import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import Graph from "graphology";
import { area, booleanClockwise, booleanPointInPolygon } from "@turf/turf";
import { isochrones } from "../../src/catchment/index.js";
import { HubspokeError, InvalidInputError, UnknownIdError } from "../../src/errors.js";
import type { RoadGraph } from "../../src/model/types.js";
import { fakeRouter, gridGraph } from "../support/catchment-fake-router.js";

const graph = gridGraph(13, 1);
const router = fakeRouter(graph);
const site = "n6_6";
const zones = graph.mapNodes((key, a) => ({ id: key, location: [a.lon, a.lat] as [number, number], population: 10 }));
const options = { zones, maxConnectorMetres: 300, connectorKmh: 20, cellMetres: 150 };

describe("isochrones", () => {
  const r = isochrones(router, site, [2, 4, 6], options);
  const hops = (key: string) => {
    const [row, col] = key.slice(1).split("_").map(Number);
    return Math.abs(row - 6) + Math.abs(col - 6);
  };

  it("isochrones(router, node, [2, 4, 6]) draws one polygon per band holding exactly the nodes within that time", () => {
    expect(r.site).toBe(site);
    expect(r.direction).toBe("to");
    expect(r.bands.features.map((f) => f.properties.minutes)).toEqual([2, 4, 6]);
    for (const f of r.bands.features) {
      const b = f.properties.minutes;
      graph.forEachNode((key, a) => {
        const inside = booleanPointInPolygon([a.lon, a.lat], f.geometry);
        // a node at exactly b minutes lies on the contour; grid discretisation may leave it just outside
        if (hops(key) <= b - 1) expect(inside).toBe(true);
        if (hops(key) >= b + 1) expect(inside).toBe(false);
      });
    }
  });

  it("counts population inside each band from zone centroids inside its polygon", () => {
    const diamond = (h: number) => 2 * h * h + 2 * h + 1; // nodes within h hops
    for (const f of r.bands.features) {
      const b = f.properties.minutes;
      const inside = zones.filter((z) => booleanPointInPolygon(z.location, f.geometry)).length;
      expect(f.properties.zones).toBe(inside);
      expect(f.properties.population).toBe(10 * inside);
      expect(inside).toBeGreaterThanOrEqual(diamond(b - 1));
      expect(inside).toBeLessThanOrEqual(diamond(b));
    }
    expect(isochrones(router, site, [3], { cellMetres: 150 }).bands.features[0].properties).toEqual({ minutes: 3, population: null, zones: null });
  });

  it("returns nested, counter-clockwise, JSON-serialisable bands", () => {
    const areas = r.bands.features.map((f) => area(f));
    expect(areas[0]).toBeGreaterThan(0);
    expect(areas[0]).toBeLessThan(areas[1]);
    expect(areas[1]).toBeLessThan(areas[2]);
    for (const f of r.bands.features) for (const poly of f.geometry.coordinates) expect(booleanClockwise(poly[0])).toBe(false);
    expect(JSON.parse(JSON.stringify(r.bands))).toEqual(r.bands);
  });

  it("fills holes between roads below maxHoleSquareMetres, and keeps them with 0", () => {
    const ringsOf = (res: typeof r) => res.bands.features.flatMap((f) => f.geometry.coordinates.map((p) => p.length));
    // blocks are ~1.1 km square and only 300 m either side of a road is reachable: ~0.25 km² gaps
    expect(Math.max(...ringsOf(isochrones(router, site, [4, 6], { ...options, maxHoleSquareMetres: 0 })))).toBeGreaterThan(1);
    const filled = isochrones(router, site, [4, 6], options);
    expect(Math.max(...ringsOf(filled))).toBe(1);
    expect(filled.warnings.some((w) => w.includes("holes"))).toBe(true);
  });

  it("follows one-way roads: 'from' reaches downstream, 'to' upstream", () => {
    const g = new Graph({ type: "directed" }) as unknown as RoadGraph;
    for (let k = 0; k < 6; k++) g.addNode(`p${k}`, { lon: 0.5 + k * 0.02, lat: 51.3 });
    for (let k = 0; k < 5; k++) g.addDirectedEdge(`p${k}`, `p${k + 1}`, { minutes: 1 });
    const line = fakeRouter(g);
    const pts = g.mapNodes((key, a) => ({ id: key, location: [a.lon, a.lat] as [number, number], population: 1 }));
    const out = isochrones(line, "p2", [2.5], { direction: "from", zones: pts, maxConnectorMetres: 200 });
    const into = isochrones(line, "p2", [2.5], { direction: "to", zones: pts, maxConnectorMetres: 200 });
    const inside = (res: typeof out) => pts.filter((p) => booleanPointInPolygon(p.location, res.bands.features[0].geometry)).map((p) => p.id);
    expect(inside(out)).toEqual(["p2", "p3", "p4"]);
    expect(inside(into)).toEqual(["p0", "p1", "p2"]);
  });

  it("follows an edge's intermediate coordinates, not the straight line between its ends", () => {
    const g = new Graph({ type: "directed" }) as unknown as RoadGraph;
    g.addNode("A", { lon: 0.5, lat: 51.3 });
    g.addNode("B", { lon: 0.52, lat: 51.3 });
    g.addDirectedEdge("A", "B", { minutes: 10, coordinates: [[0.51, 51.33]] });
    const res = isochrones(fakeRouter(g), "A", [10], { direction: "from", maxConnectorMetres: 200, cellMetres: 50 });
    const band = res.bands.features[0].geometry;
    expect(booleanPointInPolygon([0.51, 51.33], band)).toBe(true);
    expect(booleanPointInPolygon([0.51, 51.3], band)).toBe(false);
  });

  it("gives an isolated site a band around itself, and empty bands when nothing is reached", () => {
    const g = new Graph({ type: "directed" }) as unknown as RoadGraph;
    g.addNode("lonely", { lon: 0.5, lat: 51.3 });
    g.addNode("other", { lon: 0.6, lat: 51.3 });
    const res = isochrones(fakeRouter(g), "lonely", [5], { cellMetres: 100 });
    // the site itself is reached at 0 minutes, so the band is a small disc around it
    expect(res.bands.features[0].geometry.coordinates.length).toBe(1);
    const nothing = { ...fakeRouter(g), minutesFrom: () => new Float64Array([Infinity, Infinity]) };
    const empty = isochrones(nothing, { id: "site", location: [0.5, 51.3] }, [5, 10], { zones: [{ id: "z", location: [0.5, 51.3], population: 7 }] });
    expect(empty.site).toBe("site");
    expect(empty.bands.features.map((f) => [f.geometry.coordinates.length, f.properties.population])).toEqual([[0, 0], [0, 0]]);
    expect(empty.warnings).toHaveLength(1);
  });

  it("throws on bad bands, unknown sites and a bad router", () => {
    expect(() => isochrones(router, site, [30, 15])).toThrowError(/strictly increasing \(got 15 after 30\)/);
    expect(() => isochrones(router, site, [15, 15])).toThrowError(InvalidInputError);
    expect(() => isochrones(router, site, [0, 15])).toThrowError(/bands\[0\]/);
    expect(() => isochrones(router, site, [])).toThrowError(InvalidInputError);
    expect(() => isochrones(router, site, [Number.NaN])).toThrowError(InvalidInputError);
    expect(() => isochrones(router, "nowhere", [15])).toThrowError(UnknownIdError);
    expect(() => isochrones({} as never, site, [15])).toThrowError(/expected a Router/);
    expect(() => isochrones(router, site, [15], { maxConnectorMetres: -1 })).toThrowError(InvalidInputError);
  });
});

test.prop([fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 4 }).map((xs) => [...new Set(xs)].sort((a, b) => a - b)), fc.integer({ min: 0, max: 12 })], { numRuns: 30 })(
  "bands nest: every node inside a band is inside every wider band",
  (bands, col) => {
    fc.pre(bands.length >= 2);
    const res = isochrones(router, `n3_${col}`, bands, { maxConnectorMetres: 400, cellMetres: 200 });
    const polys = res.bands.features.map((f) => f.geometry);
    graph.forEachNode((_k, a) => {
      for (let k = 0; k + 1 < polys.length; k++) {
        if (booleanPointInPolygon([a.lon, a.lat], polys[k])) expect(booleanPointInPolygon([a.lon, a.lat], polys[k + 1])).toBe(true);
      }
    });
  },
);

describe("isochrones guard rails", () => {
  it("refuses a grid finer than its cell cap with a coded error naming cellMetres", () => {
    let caught: unknown;
    try {
      isochrones(router, site, [6], { cellMetres: 0.5 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).issues[0].path).toBe("options.cellMetres");
    expect((caught as InvalidInputError).message).toMatch(/more than 4000000/);
  });
});

// Random small road graphs with arbitrary finite coordinates, minutes and site times, grids from
// one cell to a few thousand: every band comes back closed and nested, or a coded error (never a
// hang or a bare Error). The grid's border is held at 2 × the widest band, so every contour
// closes inside the grid.
const arbRoads = fc.record({
  nodes: fc.array(fc.tuple(fc.double({ min: 0.3, max: 0.32, noNaN: true }), fc.double({ min: 51.2, max: 51.22, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })), { minLength: 1, maxLength: 8 }),
  edges: fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.double({ min: 0, max: 10, noNaN: true })), { maxLength: 12 }),
  bands: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }).map((xs) => xs.sort((a, b) => a - b)),
  cellMetres: fc.oneof(fc.constant(undefined), fc.double({ min: 20, max: 3000, noNaN: true })),
  maxConnectorMetres: fc.double({ min: 1, max: 2000, noNaN: true }),
});

test.prop([arbRoads], { seed: 1914, numRuns: 60 })("isochrones on arbitrary finite inputs: closed nested rings or a coded error", (c) => {
  const g = new Graph({ multi: true, type: "directed" }) as unknown as RoadGraph;
  c.nodes.forEach(([lon, lat], i) => g.addNode(`n${i}`, { lon, lat }));
  for (const [a, b, minutes] of c.edges) if (a < c.nodes.length && b < c.nodes.length) g.addEdge(`n${a}`, `n${b}`, { minutes });
  const times = Float64Array.from(c.nodes, (n) => n[2]);
  const r = { ...fakeRouter(g), minutesFrom: () => times };
  let res;
  try {
    res = isochrones(r, "n0", c.bands, { cellMetres: c.cellMetres, maxConnectorMetres: c.maxConnectorMetres, maxHoleSquareMetres: 0 });
  } catch (e) {
    expect(e).toBeInstanceOf(HubspokeError);
    return;
  }
  expect(res.bands.features).toHaveLength(c.bands.length);
  for (const f of res.bands.features) {
    for (const poly of f.geometry.coordinates) {
      for (const ring of poly) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const p of ring) expect(p.every(Number.isFinite)).toBe(true);
      }
    }
  }
});
