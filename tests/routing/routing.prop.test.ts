import { expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createRouter } from "../../src/routing/index.js";
import { arbSmallGraph, toGraph } from "../support/routing-arbitraries.js";
import { floydWarshall, graphologyMinutes } from "../support/routing-oracles.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i));

test.prop([arbSmallGraph()])("router.travelTimes equals Floyd–Warshall, in both search directions", (g) => {
  const r = createRouter(toGraph(g));
  const oracle = Array.from(floydWarshall(g.n, g.edges));
  expect(Array.from(r.travelTimes(ids(g.n), ids(g.n), { direction: "reverse" }).minutes)).toEqual(oracle);
  expect(Array.from(r.travelTimes(ids(g.n), ids(g.n), { direction: "forward" }).minutes)).toEqual(oracle);
});

test.prop([arbSmallGraph()])("router.minutesFrom equals graphology-shortest-path", (g) => {
  const graph = toGraph(g);
  const r = createRouter(graph);
  for (const s of ids(g.n)) {
    const ours = r.minutesFrom(s);
    const theirs = graphologyMinutes(graph, s);
    graph.nodes().forEach((k, i) => expect(ours[i]).toBe(theirs.get(k) ?? Infinity));
  }
});

test.prop([arbSmallGraph()])("travel times satisfy the triangle inequality", (g) => {
  const m = createRouter(toGraph(g)).travelTimes(ids(g.n), ids(g.n)).minutes;
  const n = g.n;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) expect(m[i * n + j]).toBeLessThanOrEqual(m[i * n + k] + m[k * n + j]);
});

test.prop([arbSmallGraph(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 20 })])(
  "adding an edge never lengthens a trip",
  (g, a, b, w) => {
    const before = createRouter(toGraph(g)).travelTimes(ids(g.n), ids(g.n)).minutes;
    const bigger = { n: g.n, edges: [...g.edges, { from: a % g.n, to: b % g.n, minutes: w }] };
    const after = createRouter(toGraph(bigger)).travelTimes(ids(g.n), ids(g.n)).minutes;
    for (let k = 0; k < before.length; k++) expect(after[k]).toBeLessThanOrEqual(before[k]);
  },
);

test.prop([arbSmallGraph(), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.nat()])(
  "router.nearest equals the matrix argmin (ties by order); removing a destination never shortens anyone's nearest",
  (g, picks, drop) => {
    const r = createRouter(toGraph(g));
    const dests = [...new Set(picks.map((p) => String(p % g.n)))];
    const origins = ids(g.n);
    const near = r.nearest(origins, dests);
    const m = r.travelTimes(origins, dests).minutes;
    origins.forEach((o, i) => {
      let best = Infinity;
      let bj = -1;
      dests.forEach((_, j) => {
        if (m[i * dests.length + j] < best) {
          best = m[i * dests.length + j];
          bj = j;
        }
      });
      expect(near[i]).toEqual({ origin: o, destination: bj < 0 ? null : dests[bj], minutes: best });
    });
    if (dests.length > 1) {
      const fewer = dests.filter((_, j) => j !== drop % dests.length);
      const after = r.nearest(origins, fewer);
      after.forEach((x, i) => expect(x.minutes).toBeGreaterThanOrEqual(near[i].minutes));
    }
  },
);

test.prop([arbSmallGraph(7, 16), fc.array(fc.tuple(fc.double({ min: 0.4995, max: 0.5205, noNaN: true }), fc.double({ min: 50.9995, max: 51.0205, noNaN: true })), { minLength: 1, maxLength: 5 })])(
  "phantom-node matrices: forward and reverse searches agree, and nearest matches the matrix",
  (g, pts) => {
    const graph = toGraph(g);
    if (g.edges.length === 0) return;
    const r = createRouter(graph, { maxSnapMetres: 1e6 });
    const items = pts.map((p, i) => ({ id: `p${i}`, location: p as [number, number] }));
    const f = r.travelTimes(items, items, { direction: "forward" }).minutes;
    const b = r.travelTimes(items, items, { direction: "reverse" }).minutes;
    for (let k = 0; k < f.length; k++) {
      if (f[k] === Infinity) expect(b[k]).toBe(Infinity);
      else expect(b[k]).toBeCloseTo(f[k], 9);
    }
    for (let i = 0; i < items.length; i++) expect(f[i * items.length + i]).toBe(0);
  },
);
