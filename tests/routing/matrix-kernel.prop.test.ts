import { expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { type BucketScratch, bucketParameters, type Csr, heapOps, MAX_BUCKETS, runDijkstra, runMatrixBuckets, runSearches, type SearchScratch } from "../../src/routing/kernel.js";

const KERNELS = { dijkstra: runDijkstra, buckets: runMatrixBuckets, heap: heapOps };

/** The bucket kernel's view of a search scratch. */
function bucketScratch(s: SearchScratch): BucketScratch {
  return { dist: s.dist, next: s.next, prev: s.prev, slot: s.pos, heads: s.heads, isTarget: s.isTarget, popped: s.popped };
}

/** One bucket search from seeds `nodes`/`costs` with width `delta` towards `nTargets` marked targets. */
function buckets(g: Csr, seeds: { nodes: Int32Array; costs: Float64Array }, delta: number, s: SearchScratch, nTargets = 1): number {
  return runMatrixBuckets(g, { nodes: seeds.nodes, costs: seeds.costs, from: 0, to: seeds.nodes.length, cutoff: Infinity, delta, nTargets }, bucketScratch(s));
}
import { arbSmallGraph } from "../support/routing-arbitraries.js";

// CSR of a small graph (edges in input order within each source)
function csr(n: number, edges: readonly { from: number; to: number; minutes: number }[]) {
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[e.from + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(edges.length);
  const weights = new Float64Array(edges.length);
  for (const e of edges) {
    const at = fill[e.from]++;
    targets[at] = e.to;
    weights[at] = e.minutes;
  }
  return { offsets, targets, weights };
}

const arbCase = arbSmallGraph(12, 40).chain((g) =>
  fc.record({
    g: fc.constant(g),
    // per search 0..3 seeds (node, cost); per target 0..3 exits (node, cost)
    seeds: fc.array(fc.array(fc.tuple(fc.nat(g.n - 1), fc.double({ min: 0, max: 30, noNaN: true })), { maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    exits: fc.array(fc.array(fc.tuple(fc.nat(g.n - 1), fc.double({ min: 0, max: 30, noNaN: true })), { maxLength: 3 }), { maxLength: 8 }),
    cutoff: fc.oneof(fc.constant(Infinity), fc.double({ min: 0, max: 60, noNaN: true })),
    weightsFrac: fc.boolean(),
    order: fc.boolean(),
    // bucket width: the router's rule, an arbitrary width (many re-scans or many empty buckets),
    // or a ring too small for the seeds (runDijkstra takes over)
    bucket: fc.oneof(fc.constant<"rule" | "tiny-ring">("rule"), fc.constant<"rule" | "tiny-ring">("tiny-ring"), fc.double({ min: 1e-3, max: 50, noNaN: true })),
  }),
);

function scratchFor(n: number, buckets: number): SearchScratch {
  return {
    dist: new Float64Array(n),
    heapNodes: new Int32Array(n),
    heapKeys: new Float64Array(n),
    pos: new Int32Array(n),
    isTarget: new Uint8Array(n),
    next: new Int32Array(n),
    prev: new Int32Array(n),
    popped: new Int32Array(n),
    heads: new Int32Array(buckets),
  };
}

function pack(lists: readonly (readonly [number, number])[][]) {
  const start = new Int32Array(lists.length + 1);
  const nodes: number[] = [];
  const costs: number[] = [];
  lists.forEach((l, i) => {
    for (const [v, c] of l) {
      nodes.push(v);
      costs.push(c);
    }
    start[i + 1] = nodes.length;
  });
  return { start, nodes: Int32Array.from(nodes), costs: Float64Array.from(costs) };
}

test.prop([arbCase])(
  "early-stopping bucket kernel (or its runDijkstra fallback) equals full runDijkstra searches bit for bit, in any search order",
  ({ g, seeds, exits, cutoff, weightsFrac, order, bucket }) => {
    const n = g.n;
    // fractional weights exercise floating-point sums (ties and rounding)
    const edges = weightsFrac ? g.edges.map((e, k) => ({ ...e, minutes: e.minutes / 3 + (k % 7) * 0.1 })) : g.edges;
    const { offsets, targets, weights } = csr(n, edges);
    const S = pack(seeds);
    const X = pack(exits);
    const nS = seeds.length;
    const nT = exits.length;
    // reference: the general kernel, full search, then min over exits
    const expected = new Float64Array(nT * nS);
    const dist = new Float64Array(n);
    for (let s = 0; s < nS; s++) {
      const plan = { nodes: S.nodes, costs: S.costs, labels: null, from: S.start[s], to: S.start[s + 1], cutoff, dist, predEdge: null, label: null };
      runDijkstra({ offsets, targets, weights }, plan, { heapNodes: new Int32Array(n), heapKeys: new Float64Array(n), pos: new Int32Array(n) }, heapOps);
      for (let t = 0; t < nT; t++) {
        let best = Infinity;
        for (let k = X.start[t]; k < X.start[t + 1]; k++) best = Math.min(best, X.costs[k] + dist[X.nodes[k]]);
        expected[t * nS + s] = best <= cutoff ? best : Infinity;
      }
    }
    const out = new Float64Array(nT * nS).fill(-1);
    const rule = bucketParameters(weights);
    let maxW = 0;
    for (const w of weights) maxW = Math.max(maxW, w);
    const delta = typeof bucket === "number" ? bucket : rule.delta;
    const ring = bucket === "rule" ? rule.buckets : bucket === "tiny-ring" ? 2 : Math.ceil(maxW / delta) + 2;
    const scratch = scratchFor(n, ring);
    const sequence = Array.from({ length: nS }, (_, i) => (order ? nS - 1 - i : i));
    let k = 0;
    const next = () => (k < nS ? sequence[k++] : nS);
    const plan = { searches: nS, seedStart: S.start, seedNodes: S.nodes, seedCosts: S.costs, exitStart: X.start, exitNodes: X.nodes, exitCosts: X.costs, cutoff, out, tStride: nS, sStride: 1, delta };
    runSearches(KERNELS, { offsets, targets, weights }, plan, scratch, next);
    for (let i = 0; i < out.length; i++) expect(Object.is(out[i], expected[i]), `cell ${i}: ${out[i]} vs ${expected[i]}`).toBe(true);
    expect(scratch.isTarget.every((b) => b === 0)).toBe(true);
  },
);

test("bucket kernel: hand-checkable chain, early stop after the target's bucket, and a seed spread too wide for the ring", () => {
  // chain 0 → 1 → 2 → 3 → 4, 1 minute each; one target at node 1; width 1 → one node per bucket
  const { offsets, targets, weights } = csr(5, [0, 1, 2, 3].map((i) => ({ from: i, to: i + 1, minutes: 1 })));
  const s = scratchFor(5, 3);
  s.isTarget[1] = 1;
  const g = { offsets, targets, weights };
  const scans = buckets(g, { nodes: Int32Array.of(0), costs: Float64Array.of(0) }, 1, s);
  expect(scans).toBe(2);
  expect(Array.from(s.dist.slice(0, 3))).toEqual([0, 1, 2]);
  expect(s.dist[3]).toBe(Infinity);
  expect(s.isTarget[1]).toBe(1); // mark restored
  // seeds 0 and 10 minutes apart need 11 buckets of width 1: a 3-bucket ring declines
  const declined = buckets(g, { nodes: Int32Array.of(0, 2), costs: Float64Array.of(0, 10) }, 1, s);
  expect(declined).toBe(-1);
});

test("bucketParameters: mean positive weight, ring covers the longest edge, all-zero graphs get width 1", () => {
  expect(bucketParameters(Float64Array.of(0, 1, 3))).toEqual({ delta: 2, buckets: 4 });
  expect(bucketParameters(Float64Array.of(0, 0))).toEqual({ delta: 1, buckets: 2 });
  // a weight range the ring cannot cover: no buckets, every search uses the heap
  const huge = bucketParameters(Float64Array.of(1e-9, 1e-9, 1e-9, 1e6));
  expect(huge.buckets).toBe(0);
  // a moderate range: the width grows (at most 4×) so the ring covers the longest edge
  const wide = bucketParameters(Float64Array.of(1, 1, 1, 3 * MAX_BUCKETS));
  expect(wide.buckets).toBeLessThanOrEqual(MAX_BUCKETS);
  expect(wide.delta * (wide.buckets - 2)).toBeGreaterThanOrEqual(3 * MAX_BUCKETS);
  // one "closed road" penalty does not drag the width up: the mean is taken up to 64 × the median
  const closed = bucketParameters(Float64Array.of(0.1, 0.2, 0.3, 0.2, 1e9));
  expect(closed.delta).toBeCloseTo(0.2, 12);
  expect(closed.buckets).toBe(0);
});

test("bucket kernel: declines with no ring, and hands over to the heap once its work exceeds 4n + 4K + 64 steps", () => {
  const { offsets, targets, weights } = csr(20, Array.from({ length: 19 }, (_, i) => ({ from: i, to: i + 1, minutes: 1 })));
  const none = scratchFor(20, 0);
  const g = { offsets, targets, weights };
  expect(buckets(g, { nodes: Int32Array.of(0), costs: Float64Array.of(0) }, 1, none)).toBe(-1);
  // width 1e-3 on a 19-minute chain: 19,000 bucket steps, beyond the budget of 4·20 + 4·1003 + 64
  const s = scratchFor(20, 1003);
  s.isTarget[19] = 1;
  const scans = buckets(g, { nodes: Int32Array.of(0), costs: Float64Array.of(0) }, 1e-3, s);
  expect(scans).toBe(-1);
  expect(s.isTarget[19]).toBe(1); // marks restored
  // and runSearches then answers with the heap search, exactly
  const out = new Float64Array(1);
  s.isTarget[19] = 0;
  let k = 0;
  const plan = { searches: 1, seedStart: Int32Array.of(0, 1), seedNodes: Int32Array.of(0), seedCosts: Float64Array.of(0), exitStart: Int32Array.of(0, 1), exitNodes: Int32Array.of(19), exitCosts: Float64Array.of(0), cutoff: Infinity, out, tStride: 1, sStride: 1, delta: 1e-3 };
  runSearches(KERNELS, g, plan, s, () => k++);
  expect(out[0]).toBe(19);
});
