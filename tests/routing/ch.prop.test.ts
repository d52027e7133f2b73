import { expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createRouter } from "../../src/routing/index.js";
import { coreOf } from "../../src/routing/router-core.js";
import { unpackEdge } from "../../src/routing/ch/contract.js";
import { arbSmallGraph, toGraph } from "../support/routing-arbitraries.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i));

/** Equal, or both finite and within 1e-9 relative (shortcut sums round in another order). */
function close(a: number, b: number): boolean {
  return a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));
}

// fractional weights make sums round; a denser, larger graph gives real shortcuts
const arbCase = fc.record({
  g: arbSmallGraph(16, 60, 30),
  frac: fc.boolean(),
  cutoff: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 60 })),
  located: fc.array(fc.record({ lon: fc.double({ min: 0.49, max: 0.53, noNaN: true }), lat: fc.double({ min: 50.99, max: 51.06, noNaN: true }) }), { maxLength: 5 }),
});

test.prop([arbCase], { seed: 1717, numRuns: 150 })(
  "createRouter(graph, { preprocess: 'ch' }).travelTimes equals the default router's within 1e-9, both directions, with phantom points and cutoffs",
  ({ g, frac, cutoff, located }) => {
    const spec = frac ? { n: g.n, edges: g.edges.map((e, k) => ({ ...e, minutes: e.minutes / 3 + (k % 7) * 0.1 })) } : g;
    const graph = toGraph(spec);
    const plain = createRouter(graph);
    const ch = createRouter(graph, { preprocess: "ch" });
    const points = located.map((p, i) => ({ id: `p${i}`, location: [p.lon, p.lat] as [number, number] }));
    const ends = [...ids(g.n), ...(spec.edges.length > 0 ? points : [])];
    const opts = Number.isFinite(cutoff) ? { cutoffMinutes: cutoff } : {};
    for (const direction of ["forward", "reverse"] as const) {
      const a = plain.travelTimes(ends, ends, { direction, ...opts }).minutes;
      const b = ch.travelTimes(ends, ends, { direction, ...opts }).minutes;
      for (let k = 0; k < a.length; k++) {
        // at the cutoff itself a last-bit difference may flip a cell to Infinity
        if (Number.isFinite(cutoff) && (Math.abs(a[k] - cutoff) < 1e-9 * cutoff || Math.abs(b[k] - cutoff) < 1e-9 * cutoff)) continue;
        expect(close(a[k], b[k]), `cell ${k}: ${a[k]} vs ${b[k]}`).toBe(true);
      }
    }
  },
);

test.prop([arbSmallGraph(16, 60, 30)], { seed: 1718, numRuns: 100 })(
  "every contraction-hierarchy edge unpacks to original edges whose minutes sum to its weight, in travel order",
  (g) => {
    const core = coreOf(createRouter(toGraph(g), { preprocess: "ch" }));
    const h = core!.ch!.h;
    const c = core!.c;
    for (let e = 0; e < h.edgeCsr.length; e++) {
      const path: number[] = [];
      unpackEdge(h, e, path);
      let sum = 0;
      for (let i = 0; i < path.length; i++) {
        sum += c.minutes[path[i]];
        if (i > 0) expect(c.sources[path[i]]).toBe(c.targets[path[i - 1]]);
      }
      expect(Math.abs(sum - weightOf(h, e))).toBeLessThanOrEqual(1e-9 * Math.max(1, sum));
    }
  },
);

function weightOf(h: NonNullable<ReturnType<typeof coreOf>>["ch"] extends infer T ? (T extends { h: infer H } ? H : never) : never, e: number): number {
  for (let k = 0; k < h.upEdge.length; k++) if (h.upEdge[k] === e) return h.upWeights[k];
  for (let k = 0; k < h.downEdge.length; k++) if (h.downEdge[k] === e) return h.downWeights[k];
  return NaN;
}
