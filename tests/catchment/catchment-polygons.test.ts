import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { area, booleanClockwise, booleanValid, kinks, polygon } from "@turf/turf";
import type { Polygon, Position } from "geojson";
import { catchmentPolygons, nearestCatchments } from "../../src/catchment/index.js";
import { DuplicateIdError, InvalidInputError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";

const square = (x: number, y: number, s = 0.01): Polygon => ({
  type: "Polygon",
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});

function rings(g: Polygon | { type: "MultiPolygon"; coordinates: Position[][][] }): Position[][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/**
 * RFC 7946 / OGC validity per ring: closed, ≥ 4 positions, no self-intersection,
 * exterior counter-clockwise and holes clockwise. (turf's booleanValid also rejects
 * MultiPolygon parts and holes that touch at a single corner, which OGC allows.)
 */
function validParts(g: Polygon | { type: "MultiPolygon"; coordinates: Position[][][] }): boolean {
  return rings(g).every((poly) =>
    poly.every((ring, k) => {
      const closed = ring.length >= 4 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      return closed && booleanClockwise(ring) === (k > 0) && kinks(polygon([ring])).features.length === 0;
    }),
  );
}

describe("catchmentPolygons", () => {
  it("two adjacent squares of the same site give one polygon without a hole, counter-clockwise", () => {
    const zones = [
      { id: "a", geometry: square(0, 51), population: 10 },
      { id: "b", geometry: square(0.01, 51), population: 5 },
    ];
    const r = catchmentPolygons(zones, { a: "S", b: "S" });
    expect(r.polygons.features).toHaveLength(1);
    const f = r.polygons.features[0];
    expect(f.properties).toEqual({ site: "S", zones: 2, population: 15, method: "union" });
    expect(f.geometry.type).toBe("Polygon");
    const parts = rings(f.geometry);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toHaveLength(1); // no interior ring
    expect(booleanClockwise(parts[0][0])).toBe(false);
    expect(booleanValid(f)).toBe(true);
  });

  it("snaps near-coincident edges (1 cm gap) so no sliver or split remains", () => {
    const gap = 1e-7;
    const zones = [
      { id: "a", geometry: square(0, 51) },
      { id: "b", geometry: { type: "Polygon" as const, coordinates: [[[0.01 + gap, 51], [0.02, 51], [0.02, 51.01], [0.01 + gap, 51.01], [0.01 + gap, 51]]] } },
    ];
    const r = catchmentPolygons(zones, [{ zone: "a", site: "S" }, { zone: "b", site: "S" }]);
    expect(r.polygons.features[0].geometry.type).toBe("Polygon");
  });

  it("fills a tiny sliver hole between zones but keeps a real enclave", () => {
    // a ring of 8 squares around a centre square assigned elsewhere
    const zones = [];
    const assignment: Record<string, string> = {};
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const id = `q${r}${c}`;
        zones.push({ id, geometry: square(c * 0.01, 51 + r * 0.01) });
        assignment[id] = r === 1 && c === 1 ? "T" : "S";
      }
    }
    const r = catchmentPolygons(zones, assignment);
    const s = r.polygons.features.find((f) => f.properties.site === "S");
    expect(rings(s!.geometry)[0]).toHaveLength(2); // the enclave is a real hole (≈ 0.77 km²)
    const t = catchmentPolygons(zones, assignment, { maxSliverSquareMetres: 2e6 });
    expect(rings(t.polygons.features.find((f) => f.properties.site === "S")!.geometry)[0]).toHaveLength(1);
    expect(t.warnings.some((w) => w.includes("sliver"))).toBe(true);
  });

  it("removes long thin sliver holes and detached sliver parts by mean width, keeping the largest part", () => {
    // a 0.01° square with a ~700 m × 5.5 m slit inside (≈ 3,900 m², wider than the area rule)
    const slit = [[0.0015, 51.004], [0.0015, 51.00405], [0.0085, 51.00405], [0.0085, 51.004], [0.0015, 51.004]];
    const withSlit = { type: "Polygon" as const, coordinates: [square(0, 51).coordinates[0], slit] };
    // a detached thin strip (≈ 700 m × 5.5 m) belonging to the same site
    const strip = { type: "Polygon" as const, coordinates: [[[0.03, 51], [0.04, 51], [0.04, 51.00005], [0.03, 51.00005], [0.03, 51]]] };
    const zones = [{ id: "a", geometry: withSlit }, { id: "b", geometry: strip }];
    const kept = catchmentPolygons(zones, { a: "S", b: "S" }, { maxSliverWidthMetres: 0 });
    expect(kept.polygons.features[0].geometry.type).toBe("MultiPolygon");
    const cleaned = catchmentPolygons(zones, { a: "S", b: "S" });
    const g = cleaned.polygons.features[0].geometry;
    expect(g.type).toBe("Polygon");
    expect(rings(g)[0]).toHaveLength(1);
    expect(cleaned.warnings[0]).toMatch(/removed 1 sliver holes and 1 sliver parts/);
  });

  it("falls back to a hull of zone points, or a buffer for fewer than 3 points", () => {
    const zones = [
      { id: "a", location: [0, 51] as [number, number] },
      { id: "b", location: [0.1, 51] as [number, number] },
      { id: "c", location: [0.05, 51.1] as [number, number] },
      { id: "d", location: [1, 52] as [number, number] },
      { id: "e", location: [2, 52] as [number, number] },
    ];
    const r = catchmentPolygons(zones, { a: "S", b: "S", c: "S", d: "T", e: null });
    expect(r.polygons.features.map((f) => [f.properties.site, f.properties.method])).toEqual([["S", "hull"], ["T", "buffer"]]);
    expect(r.unassigned).toEqual(["e"]);
    for (const f of r.polygons.features) expect(validParts(f.geometry)).toBe(true);
    const t = r.polygons.features[1];
    expect(area(t)).toBeGreaterThan(0.7e6); // π·500² ≈ 0.785 km²
  });

  it("accepts a nearestCatchments result and keeps its site order", () => {
    const m = createCostMatrix(["a", "b", "c"], ["S", "T"], [5, 9, 9, 5, 5, 9]);
    const zones = [{ id: "a", geometry: square(0, 51) }, { id: "b", geometry: square(0.01, 51) }, { id: "c", geometry: square(0, 51.01) }];
    const r = catchmentPolygons(zones, nearestCatchments(m));
    expect(r.polygons.features.map((f) => [f.properties.site, f.properties.zones])).toEqual([["S", 2], ["T", 1]]);
    expect(JSON.parse(JSON.stringify(r.polygons))).toEqual(r.polygons);
  });

  it("throws on unknown zones, missing locations and malformed input", () => {
    const zones = [{ id: "a", location: [0, 51] as [number, number] }, { id: "b" }];
    expect(() => catchmentPolygons(zones, { x: "S" })).toThrowError(UnknownIdError);
    expect(() => catchmentPolygons(zones, { a: "S", b: "S" })).toThrowError(/zone "b" has neither geometry nor location/);
    expect(() => catchmentPolygons([{ id: "" }], {})).toThrowError(InvalidInputError);
    expect(() => catchmentPolygons(zones, 5 as never)).toThrowError(InvalidInputError);
    expect(() => catchmentPolygons(zones, { a: "S" }, { precision: 1 })).toThrowError(InvalidInputError);
    expect(() => catchmentPolygons([...zones, { id: "a" }], { a: "S" })).toThrowError(DuplicateIdError);
    expect(() => catchmentPolygons(zones, [{ zone: "a", site: "S" }, { zone: "a", site: "T" }])).toThrowError(/zone "a" is assigned twice/);
  });

  it("bounds the union's work: more boundary vertices than maxUnionVertices is DID_NOT_CONVERGE naming the site", () => {
    const zones = [
      { id: "a", geometry: square(0, 51) },
      { id: "b", geometry: square(0.01, 51) },
    ];
    const run = (max: number) => catchmentPolygons(zones, { a: "S", b: "S" }, { maxUnionVertices: max });
    expect(() => run(9)).toThrowError(expect.objectContaining({ code: "DID_NOT_CONVERGE", message: expect.stringMatching(/site "S" have 10 vertices, above maxUnionVertices \(9\)/) }));
    expect(run(10).polygons.features).toHaveLength(1);
    expect(() => run(0)).toThrowError(InvalidInputError);
  });
});

test.prop([fc.array(fc.array(fc.constantFrom("S", "T", "U"), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 })])(
  "a tiling's catchment polygons are valid, disjoint in area, and their areas sum to the tiling's",
  (labels) => {
    const zones = [];
    const assignment: Record<string, string> = {};
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        zones.push({ id: `q${r}${c}`, geometry: square(c * 0.01, 51 + r * 0.01), population: 1 });
        assignment[`q${r}${c}`] = labels[r][c];
      }
    }
    const out = catchmentPolygons(zones, assignment, { maxSliverSquareMetres: 0 });
    const total = zones.reduce((a, z) => a + area(polygon(z.geometry.coordinates)), 0);
    const sum = out.polygons.features.reduce((a, f) => a + area(f), 0);
    expect(sum / total).toBeCloseTo(1, 6);
    expect(out.polygons.features.reduce((a, f) => a + f.properties.population, 0)).toBe(16);
    for (const f of out.polygons.features) expect(validParts(f.geometry)).toBe(true);
  },
);
