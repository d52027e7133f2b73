import { expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createRouter, roadGraphFromArrays } from "../../src/routing/index.js";
import { InvalidGraphError, InvalidInputError } from "../../src/errors.js";
import { arbSmallGraph, toGraph } from "../support/routing-arbitraries.js";

function arrays(n: number, edges: readonly { from: number; to: number; minutes: number }[]) {
  return {
    lon: Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 3) * 0.01),
    lat: Float64Array.from({ length: n }, (_, i) => 51 + Math.floor(i / 3) * 0.01),
    from: Int32Array.from(edges.map((e) => e.from)),
    to: Int32Array.from(edges.map((e) => e.to)),
    minutes: Float64Array.from(edges.map((e) => e.minutes)),
  };
}

it("roadGraphFromArrays: a two-way road of 7 minutes routes by node keys, snapped points and a CH", () => {
  const g = roadGraphFromArrays({ ...arrays(2, [{ from: 0, to: 1, minutes: 7 }, { from: 1, to: 0, minutes: 7 }]), profile: "test" });
  expect(g.order).toBe(2);
  const r = createRouter(g, { preprocess: "ch" });
  expect(Array.from(r.travelTimes(["0"], ["1"]).minutes)).toEqual([7]);
  expect(r.travelTimes(["0"], ["1"]).provenance?.profile).toBe("test");
  // a point a quarter of the way along: 1.75 min back to node 0 (plus a zero connector)
  const m = r.travelTimes([{ id: "p", location: [0.5025, 51] }], ["0", "1"]).minutes;
  expect(m[0]).toBeCloseTo(1.75, 9);
  expect(m[1]).toBeCloseTo(5.25, 9);
  expect(r.route("0", "1")?.nodes).toEqual(["0", "1"]);
});

it("roadGraphFromArrays rejects wrong types, lengths and node indices; the router rejects bad minutes", () => {
  const ok = arrays(2, [{ from: 0, to: 1, minutes: 1 }]);
  expect(() => roadGraphFromArrays({ ...ok, from: [0] as never })).toThrowError(InvalidInputError);
  expect(() => roadGraphFromArrays({ ...ok, lat: new Float64Array(3) })).toThrowError(/lat/);
  expect(() => roadGraphFromArrays({ ...ok, to: Int32Array.of(2) })).toThrowError(/arrays\.to\[0\]/);
  expect(() => roadGraphFromArrays(null as never)).toThrowError(InvalidInputError);
  const bad = roadGraphFromArrays({ ...ok, minutes: Float64Array.of(Number.NaN) });
  expect(() => createRouter(bad)).toThrowError(InvalidGraphError);
});

test.prop([arbSmallGraph()], { seed: 1719, numRuns: 60 })("a router over roadGraphFromArrays equals one over the same graphology graph", (g) => {
  const ids = Array.from({ length: g.n }, (_, i) => String(i));
  const a = createRouter(roadGraphFromArrays(arrays(g.n, g.edges))).travelTimes(ids, ids).minutes;
  const b = createRouter(toGraph(g)).travelTimes(ids, ids).minutes;
  expect(Array.from(a)).toEqual(Array.from(b));
  void fc;
});
