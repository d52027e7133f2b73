import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { buildRoadGraph, parseMaxspeed, validateRoadGraph } from "../../src/network/index.js";
import { InvalidInputError } from "../../src/errors.js";

const line = (coordinates: number[][], properties: Record<string, unknown>) => ({
  type: "Feature" as const,
  properties,
  geometry: { type: "LineString" as const, coordinates },
});
const fc_ = (...features: ReturnType<typeof line>[]) => ({ type: "FeatureCollection" as const, features });

describe("buildRoadGraph", () => {
  it("buildRoadGraph(T-junction) shares the middle vertex and keeps intermediate vertices", () => {
    const g = buildRoadGraph(
      fc_(
        line([[0, 51], [0.005, 51], [0.01, 51], [0.02, 51]], { highway: "primary" }),
        line([[0.01, 51], [0.01, 51.01]], { highway: "residential" }),
      ),
    );
    expect(g.order).toBe(4);
    expect(g.size).toBe(6);
    const e = g.getEdgeAttributes("r0.0");
    expect(e.coordinates).toEqual([[0.005, 51]]);
    expect(e.highway).toBe("primary");
    // 0.01° of longitude at 51°N ≈ 699.8 m; rural primary 65 km/h
    expect(e.metres).toBeCloseTo(699.77, 1);
    expect(e.minutes).toBeCloseTo((699.77 / 65000) * 60, 3);
    expect(g.getEdgeAttributes("r0.0~r").coordinates).toEqual([[0.005, 51]]);
  });

  it("buildRoadGraph respects oneway yes / -1 and the implied motorway rule", () => {
    const g = buildRoadGraph(
      fc_(
        line([[0, 51], [0.01, 51]], { highway: "primary", oneway: "yes" }),
        line([[0.01, 51], [0.02, 51]], { highway: "primary", oneway: -1 }),
        line([[0.02, 51], [0.03, 51]], { highway: "motorway" }),
        line([[0.03, 51], [0.04, 51]], { highway: "motorway", oneway: "no" }),
      ),
    );
    expect(g.hasEdge("r0.0")).toBe(true);
    expect(g.hasEdge("r0.0~r")).toBe(false);
    expect(g.hasEdge("r1.0")).toBe(false);
    expect(g.hasEdge("r1.0~r")).toBe(true);
    expect(g.hasEdge("r2.0~r")).toBe(false);
    expect(g.size).toBe(5);
  });

  it("buildRoadGraph joins ends closer than the tolerance and picks urban speeds", () => {
    const g = buildRoadGraph(
      fc_(
        line([[0, 51], [0.01, 51]], { highway: "primary", urban: true }),
        line([[0.0100001, 51.0000001], [0.02, 51]], { highway: "primary", urbanRural: "Rural village" }),
      ),
    );
    expect(g.order).toBe(3);
    expect(g.getEdgeAttribute("r0.0", "speedKmh")).toBe(40);
    expect(g.getEdgeAttribute("r1.0", "speedKmh")).toBe(65);
  });

  it("buildRoadGraph lets a posted maxspeed slow a class (min rule)", () => {
    const g = buildRoadGraph(fc_(line([[0, 51], [0.01, 51]], { highway: "primary", maxspeed: "30 mph" })));
    expect(g.getEdgeAttribute("r0.0", "speedKmh")).toBeCloseTo(48.28, 2);
    expect(parseMaxspeed("national")).toBeCloseTo(96.56, 2);
    expect(parseMaxspeed("50")).toBe(50);
    expect(parseMaxspeed("signals")).toBeUndefined();
  });

  it("buildRoadGraph skips unknown classes with a warning, or rejects them on request", () => {
    const roads = fc_(line([[0, 51], [0.01, 51]], { highway: "footway" }), line([[0, 51], [0, 51.01]], { highway: "primary" }));
    const g = buildRoadGraph(roads);
    expect(g.size).toBe(2);
    expect(g.getAttribute("warnings")).toEqual([
      'buildRoadGraph: skipped 1 feature(s) of road class "footway", which the speed profile does not list',
    ]);
    expect(() => buildRoadGraph(roads, { unknownClass: "error" })).toThrowError(InvalidInputError);
    expect(() => buildRoadGraph(roads, { unknownClass: "error" })).toThrowError(/features\[0\]\.properties\.highway/);
  });

  it("buildRoadGraph rejects malformed GeoJSON and bad options", () => {
    expect(() => buildRoadGraph({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [0, 0] } }] })).toThrowError(InvalidInputError);
    expect(() => buildRoadGraph(fc_(), { joinToleranceMetres: -1 } as never)).toThrowError(/joinToleranceMetres/);
  });

  test.prop([
    fc.array(
      fc.record({
        a: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
        b: fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
        oneway: fc.constantFrom(undefined, "yes", "-1", "no"),
      }),
      { maxLength: 15 },
    ),
  ])("buildRoadGraph: every edge has positive finite minutes and the graph validates", (segs) => {
    const feats = segs
      .filter((s) => s.a[0] !== s.b[0] || s.a[1] !== s.b[1])
      .map((s) => line([[s.a[0] * 0.01, 51 + s.a[1] * 0.01], [s.b[0] * 0.01, 51 + s.b[1] * 0.01]], { highway: "tertiary", oneway: s.oneway }));
    const g = buildRoadGraph(fc_(...feats));
    let expected = 0;
    for (const f of feats) expected += f.properties.oneway === "yes" || f.properties.oneway === "-1" ? 1 : 2;
    expect(g.size).toBe(expected);
    g.forEachEdge((_k, a) => expect(a.minutes > 0 && Number.isFinite(a.minutes)).toBe(true));
    expect(validateRoadGraph(g)).toEqual({ ok: true, issues: [] });
  });
});

describe("validateRoadGraph", () => {
  it("validateRoadGraph names bad edges and nodes without throwing", () => {
    const g = buildRoadGraph(fc_(line([[0, 51], [0.01, 51]], { highway: "primary" })));
    g.setEdgeAttribute("r0.0", "minutes", Number.NaN);
    g.setNodeAttribute("n0", "lat", 95);
    const r = validateRoadGraph(g);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      { path: "nodes.n0.lat", message: "expected a latitude in [-90, 90] (got 95)" },
      { path: "edges.r0.0.minutes", message: "expected finite minutes >= 0 (got NaN)" },
    ]);
    expect(validateRoadGraph(42).ok).toBe(false);
  });
});
