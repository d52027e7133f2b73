import { fc, test } from "@fast-check/vitest";
import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { UnknownIdError } from "../../src/errors.js";
import { flowsToGeoJSON, normaliseGeoJSON, stringifyGeoJSON, toCsv, zonesToGeoJSON } from "../../src/io/index.js";
import { ringSignedArea } from "../../src/io/internal.js";
import type { DemandZone, Site } from "../../src/model/types.js";

const cw: Polygon = { type: "Polygon", coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]], [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]]] };
const zones: DemandZone[] = [
  { id: "z1", name: "Z1", location: [0.5, 0.5], population: 100, need: 1, geometry: cw },
  { id: "z2", name: "Z2", location: [0.123456789, 51.987654321], population: 50, need: 1 },
];
const sites: Site[] = [
  { id: "h", name: "Hub", kind: "hub", location: [1, 51], status: "open" },
  { id: "s", name: "Spoke", kind: "spoke", hub: "h", location: [1.2, 51.1], status: "open" },
];

/** RFC 7946 checks: types, 2D positions with ≤ 6 dp, closed rings, right-hand rule, no non-finite numbers. */
function checkRfc7946(text: string): void {
  const fcObj = JSON.parse(text);
  expect(fcObj.type).toBe("FeatureCollection");
  for (const f of fcObj.features) {
    expect(f.type).toBe("Feature");
    expect("properties" in f).toBe(true);
    const g = f.geometry;
    const positions = (c: unknown): number[][] => (typeof (c as unknown[])[0] === "number" ? [c as number[]] : (c as unknown[]).flatMap(positions));
    for (const p of positions(g.coordinates)) {
      expect(p.length).toBeGreaterThanOrEqual(2);
      for (const v of p) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
    }
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const rings of polys) {
      rings.forEach((ring: number[][], k: number) => {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        if (k === 0) expect(ringSignedArea(ring)).toBeGreaterThan(0);
        else expect(ringSignedArea(ring)).toBeLessThan(0);
      });
    }
  }
  expect(text).not.toMatch(/Infinity|NaN/);
}

describe("GeoJSON writers", () => {
  it("zonesToGeoJSON + stringifyGeoJSON write RFC 7946: CCW exteriors, 6 dp, Infinity as null", () => {
    const text = stringifyGeoJSON(zonesToGeoJSON(zones, { assignments: [{ origin: "z1", destination: "h", minutes: 12.5 }, { origin: "z2", destination: null, minutes: Infinity }] }));
    checkRfc7946(text);
    const out = JSON.parse(text);
    expect(out.features[0].geometry.coordinates[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
    expect(out.features[0].properties).toEqual({ id: "z1", name: "Z1", population: 100, site: "h", minutes: 12.5 });
    expect(out.features[1].geometry.coordinates).toEqual([0.123457, 51.987654]);
    expect(out.features[1].properties.minutes).toBeNull();
    expect(zones[0].geometry).toBe(cw); // input untouched
    expect(cw.coordinates[0][1]).toEqual([0, 1]);
  });

  it("flowsToGeoJSON draws each spoke to its hub", () => {
    const lines = flowsToGeoJSON(sites);
    expect(lines.features).toEqual([{ type: "Feature", geometry: { type: "LineString", coordinates: [[1.2, 51.1], [1, 51]] }, properties: { from: "s", to: "h" } }]);
    checkRfc7946(stringifyGeoJSON(lines));
    expect(() => flowsToGeoJSON(sites, { flows: [{ from: "s", to: "nowhere" }] })).toThrowError(UnknownIdError);
    expect(() => zonesToGeoJSON(zones, { assignments: [{ origin: "zz", destination: "h", minutes: 1 }] })).toThrowError(/zone "zz" is not in the network/);
  });

  it("toCsv writes unreachable as an empty cell and quotes commas", () => {
    expect(toCsv([{ zone: "z1", minutes: 12.5 }, { zone: "a, b", minutes: Infinity, tags: ["x", "y"] }])).toBe('\uFEFFzone,minutes,tags\nz1,12.5,\n"a, b",,x;y\n');
  });

  const arbRing = fc
    .array(fc.tuple(fc.double({ min: -170, max: 170, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true })), { minLength: 3, maxLength: 8 })
    .map((pts) => {
      // a star-shaped simple polygon: sort by angle around the mean
      const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
      const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
      const sorted = [...pts].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
      return [...sorted, sorted[0]];
    })
    .filter((ring) => Math.abs(ringSignedArea(ring)) > 1e-3);
  test.prop([arbRing, fc.boolean()])("normaliseGeoJSON always gives counter-clockwise exteriors and is idempotent", (ring, flip) => {
    const coords = flip ? [...ring].reverse() : ring;
    const fcIn = { type: "FeatureCollection" as const, features: [{ type: "Feature" as const, properties: { v: Infinity }, geometry: { type: "Polygon" as const, coordinates: [coords] } }] };
    const once = normaliseGeoJSON(fcIn);
    checkRfc7946(JSON.stringify(once));
    expect(normaliseGeoJSON(once)).toEqual(once);
  });
});
