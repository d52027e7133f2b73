// Internal Dijkstra kernels over CSR typed arrays. The kernels are self-contained (no imports
// used at run time, no closures, no module state) because the node worker pool ships their
// source text to worker threads: keep them that way. What they need from other code (the heap,
// the other kernel) comes in as a parameter. Their arguments are plain data and typed arrays
// (structured-clone friendly), grouped: the graph (`Csr`), what to search (a plan) and scratch.
import { HEAP_OPS, type HeapOps, type IndexedHeap } from "./internal/heap.js";

export type { HeapOps } from "./internal/heap.js";
/** The heap operations the kernels take as a parameter (see {@link runDijkstra}). */
export const heapOps: HeapOps = HEAP_OPS;

/** A compiled graph as compressed sparse rows: node v's edges are `offsets[v]..offsets[v+1]-1`. */
export interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
}

/** Seeds of one search: node `nodes[s]` starts at `costs[s]` minutes, for `s` in `from..to-1`. */
export interface SearchSeeds {
  readonly nodes: Int32Array;
  readonly costs: Float64Array;
  readonly from: number;
  readonly to: number;
  /** Nodes beyond this many minutes stay unreached. */
  readonly cutoff: number;
}

/** What {@link runDijkstra} searches from, and where it writes. */
export interface DijkstraPlan extends SearchSeeds {
  /** Seed labels (with `label`): each seed's destination index. */
  readonly labels: Int32Array | null;
  /** Out: minutes per node (Infinity = unreached or beyond `cutoff`). */
  readonly dist: Float64Array;
  /** Out, optional: the edge each node was reached by (-1 for seeds and unreached nodes). */
  readonly predEdge: Int32Array | null;
  /** Out, optional: the label of the seed each node was reached from (ties: smaller label). */
  readonly label: Int32Array | null;
}

/** Heap scratch of {@link runDijkstra} (length n each). */
export interface HeapScratch {
  readonly heapNodes: Int32Array;
  readonly heapKeys: Float64Array;
  readonly pos: Int32Array;
}

/**
 * Multi-seed Dijkstra with an indexed binary heap (decrease-key, so the heap never exceeds n).
 * `pos[v]`: -1 unseen, -2 settled, else heap slot. With `plan.label`, ties on minutes go to the
 * smaller label (lexicographic order, so the nearest-destination label is exact).
 * Fills `plan.dist` (Infinity = unreached or beyond `cutoff`). Returns the number of settled
 * nodes. `heap` is {@link heapOps} (a parameter so that worker threads pass their own copy).
 */
export function runDijkstra(csr: Csr, plan: DijkstraPlan, scratch: HeapScratch, heap: HeapOps): number {
  // hot path
  const { offsets, targets, weights } = csr;
  const { nodes: seedNodes, costs: seedCosts, labels: seedLabels, cutoff, dist, predEdge, label } = plan;
  const { heapNodes, heapKeys, pos } = scratch;
  const h: IndexedHeap = { nodes: heapNodes, keys: heapKeys, pos, tie: label };
  const up = heap.up;
  const down = heap.down;
  dist.fill(Infinity);
  pos.fill(-1);
  if (predEdge !== null) predEdge.fill(-1);
  let size = 0;
  let settled = 0;
  for (let s = plan.from; s < plan.to; s++) {
    const w = seedNodes[s];
    const t = seedCosts[s];
    if (!(t <= cutoff)) continue;
    const lw = label === null || seedLabels === null ? 0 : seedLabels[s];
    if (t < dist[w] || (label !== null && t === dist[w] && lw < label[w])) {
      dist[w] = t;
      if (label !== null) label[w] = lw;
      up(h, pos[w] === -1 ? size++ : pos[w], w, t);
    }
  }
  while (size > 0) {
    const v = heapNodes[0];
    const d = heapKeys[0];
    pos[v] = -2;
    settled++;
    size--;
    if (size > 0) down(h, size, 0, heapNodes[size], heapKeys[size]);
    const lv = label === null ? 0 : label[v];
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      const pw = pos[w];
      if (pw === -2) continue;
      const t = d + weights[e];
      if (t > cutoff) continue;
      if (t < dist[w] || (label !== null && t === dist[w] && lv < label[w])) {
        dist[w] = t;
        if (label !== null) label[w] = lv;
        if (predEdge !== null) predEdge[w] = e;
        up(h, pw === -1 ? size++ : pw, w, t);
      }
    }
  }
  return settled;
}

/** Most buckets in the matrix kernel's ring; wider weight ranges use the heap search. */
export const MAX_BUCKETS = 1 << 16;

/**
 * Bucket width and ring size for {@link runMatrixBuckets} on a graph with these edge weights.
 * Width = the mean of the positive weights up to 64 × their median (a mean that one huge
 * "closed road" weight cannot drag up; 1 if there is no positive weight); ring = ceil(max /
 * width) + 2 buckets. When that ring would exceed {@link MAX_BUCKETS}, the width grows to fit
 * if it need not grow more than 4×; otherwise `buckets` is 0 and every search uses the heap
 * (whose cost does not depend on the weights). So a few huge weights (a 1e9-minute penalty,
 * a road class slowed a million-fold) cost a heap search, never a walk over billions of buckets
 * or a bucket holding the whole graph.
 */
export function bucketParameters(weights: Float64Array): { delta: number; buckets: number } {
  let count = 0;
  let max = 0;
  for (let e = 0; e < weights.length; e++) if (weights[e] > 0) count++;
  if (count === 0) return { delta: 1, buckets: 2 };
  const positive = new Float64Array(count);
  count = 0;
  for (let e = 0; e < weights.length; e++) {
    const w = weights[e];
    if (w > 0) {
      positive[count++] = w;
      if (w > max) max = w;
    }
  }
  positive.sort();
  const ceiling = 64 * positive[count >> 1];
  let sum = 0;
  let used = 0;
  for (let k = 0; k < count && positive[k] <= ceiling; k++) {
    sum += positive[k];
    used++;
  }
  let delta = sum / used;
  if (max / delta > MAX_BUCKETS - 4) {
    const wide = max / (MAX_BUCKETS - 4);
    if (wide > 4 * delta) return { delta, buckets: 0 };
    delta = wide;
  }
  return { delta, buckets: Math.ceil(max / delta) + 2 };
}

/**
 * Matrix search: Dijkstra with a ring of buckets instead of a heap
 * (sequential Δ-stepping, Meyer & Sanders 2003; Dial 1969 when Δ ≤ the smallest weight): node v
 * waits in bucket `floor(dist[v] / delta)`; the lowest non-empty bucket is emptied in any order,
 * re-inserting nodes it improves, so a node may be scanned more than once when an edge is
 * shorter than `delta`. Once a bucket is empty every node below its upper bound is final, since
 * later buckets only hold larger distances. `heads.length` buckets must exceed
 * `maxWeight / delta + 1` (see {@link bucketParameters}).
 *
 * Exactness: at the end every edge satisfies `dist[w] <= fl(dist[v] + weight)` and every
 * `dist[w]` is such a sum, so `dist` solves `dist[w] = min over in-edges of fl(dist[v] + w)`.
 * With non-negative weights that system has one solution (take the nodes in order of the
 * solution: each is fixed by smaller ones), so any finishing order, label-setting or
 * label-correcting, gives {@link runDijkstra}'s minutes bit for bit. On return `dist` is exact
 * for every node scanned; a target never scanned is beyond `cutoff` or unreachable; callers
 * read `dist` of target nodes only.
 *
 * Early stop: targets (`isTarget[v] === 1`) are counted on their first scan; once all have been
 * scanned the current bucket is finished and the search stops. `popped` (length >= nTargets)
 * lists them so their marks are restored. Scratch: `next`, `prev`, `slot` (length n), `heads`.
 * Returns the number of scans, or -1 when the ring is empty or too small for the seeds' costs,
 * or when the search has done more than `4 n + 4 K + 64` steps (scans and empty buckets) —
 * label-correcting rescans or long empty stretches on a graph with a wide weight range;
 * callers then use {@link runDijkstra}, so a search never costs more than a constant times
 * the heap search.
 */
export function runMatrixBuckets(csr: Csr, plan: BucketPlan, scratch: BucketScratch): number {
  // hot path
  const { offsets, targets, weights } = csr;
  const { nodes: seedNodes, costs: seedCosts, from: seedFrom, to: seedTo, cutoff, delta, nTargets } = plan;
  const { dist, next, prev, slot, heads, isTarget, popped } = scratch;
  const K = heads.length;
  if (K < 3) return -1;
  const inv = 1 / delta;
  const budget = 4 * (offsets.length - 1) + 4 * K + 64;
  let work = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = seedFrom; s < seedTo; s++) {
    const t = seedCosts[s];
    if (!(t <= cutoff)) continue;
    const b = Math.floor(t * inv);
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  if (hi - lo > K - 2) return -1;
  dist.fill(Infinity);
  slot.fill(-1);
  heads.fill(-1);
  for (let s = seedFrom; s < seedTo; s++) {
    const t = seedCosts[s];
    if (t <= cutoff && t < dist[seedNodes[s]]) dist[seedNodes[s]] = t;
  }
  // link each seeded node once, at its best seed cost
  let count = 0;
  for (let s = seedFrom; s < seedTo; s++) {
    const w = seedNodes[s];
    if (slot[w] >= 0 || dist[w] === Infinity) continue;
    const b = Math.floor(dist[w] * inv) % K;
    const h = heads[b];
    next[w] = h;
    prev[w] = -1;
    if (h >= 0) prev[h] = w;
    heads[b] = w;
    slot[w] = b;
    count++;
  }
  let i = lo === Infinity ? 0 : lo % K;
  let scans = 0;
  let remaining = nTargets;
  let nPopped = 0;
  while (count > 0) {
    if (++work > budget) {
      for (let k = 0; k < nPopped; k++) isTarget[popped[k]] = 1;
      return -1;
    }
    const v = heads[i];
    if (v < 0) {
      if (remaining === 0) break;
      i = i + 1 === K ? 0 : i + 1;
      continue;
    }
    const q0 = next[v];
    heads[i] = q0;
    if (q0 >= 0) prev[q0] = -1;
    slot[v] = -1;
    count--;
    scans++;
    if (isTarget[v] === 1) {
      isTarget[v] = 2;
      popped[nPopped++] = v;
      remaining--;
    }
    const d = dist[v];
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      const t = d + weights[e];
      if (t < dist[w] && t <= cutoff) {
        dist[w] = t;
        const b = Math.floor(t * inv) % K;
        const old = slot[w];
        if (old === b) continue;
        if (old >= 0) {
          const p = prev[w];
          const q = next[w];
          if (p >= 0) next[p] = q;
          else heads[old] = q;
          if (q >= 0) prev[q] = p;
        } else count++;
        const h = heads[b];
        next[w] = h;
        prev[w] = -1;
        if (h >= 0) prev[h] = w;
        heads[b] = w;
        slot[w] = b;
      }
    }
  }
  for (let k = 0; k < nPopped; k++) isTarget[popped[k]] = 1;
  return scans;
}

/** What {@link runMatrixBuckets} searches: seeds, bucket width and the number of distinct targets. */
export interface BucketPlan extends SearchSeeds {
  readonly delta: number;
  readonly nTargets: number;
}

/** Scratch of {@link runMatrixBuckets}: `dist` (out), `next`/`prev`/`slot` (length n), the ring `heads`, target marks. */
export interface BucketScratch {
  readonly dist: Float64Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** Bucket of each queued node, -1 when not queued. */
  readonly slot: Int32Array;
  readonly heads: Int32Array;
  readonly isTarget: Uint8Array;
  readonly popped: Int32Array;
}

/** Scratch buffers of one thread's matrix searches (all of length n except `heads`). */
export interface SearchScratch {
  readonly dist: Float64Array;
  readonly heapNodes: Int32Array;
  readonly heapKeys: Float64Array;
  readonly pos: Int32Array;
  /** All zero on entry and on return of {@link runSearches}. */
  readonly isTarget: Uint8Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly popped: Int32Array;
  /** Bucket ring; length from {@link bucketParameters}. */
  readonly heads: Int32Array;
}

/** The kernels {@link runSearches} runs, as parameters so the worker pool can pass its own copies. */
export interface SearchKernels {
  readonly dijkstra: typeof runDijkstra;
  readonly buckets: typeof runMatrixBuckets;
  readonly heap: HeapOps;
}

/**
 * A matrix's searches as plain data (structured-clone friendly): search s is seeded with
 * `seedNodes/seedCosts[seedStart[s]..seedStart[s+1]]`; target t's value is
 * `min_k exitCosts[k] + dist[exitNodes[k]]` over `exitStart[t]..exitStart[t+1]`, written to
 * cell `t * tStride + s * sStride` (Infinity when above `cutoff`).
 */
export interface SearchLayout {
  readonly searches: number;
  readonly seedStart: Int32Array;
  readonly seedNodes: Int32Array;
  readonly seedCosts: Float64Array;
  readonly exitStart: Int32Array;
  readonly exitNodes: Int32Array;
  readonly exitCosts: Float64Array;
  readonly cutoff: number;
  readonly tStride: number;
  readonly sStride: number;
}

/** A {@link SearchLayout} with its output array and the bucket width for {@link runMatrixBuckets}. */
export interface MatrixSearchPlan extends SearchLayout {
  readonly out: Float64Array;
  readonly delta: number;
}

/**
 * Run searches `s = next()` until it returns `>= plan.searches` (`next` hands out search
 * indices, e.g. a shared atomic counter in the worker pool, or a plain counter on one thread).
 * Each search runs `kernels.buckets`, or a full `kernels.dijkstra` search when the buckets
 * decline (kernels are parameters so the worker pool can pass its own copies). Returns the
 * number of scanned nodes, summed.
 */
export function runSearches(kernels: SearchKernels, csr: Csr, plan: MatrixSearchPlan, scratch: SearchScratch, next: () => number): number {
  const { dist, isTarget } = scratch;
  const { seedStart, seedNodes, seedCosts, exitStart, exitNodes, exitCosts, cutoff, out, tStride, sStride } = plan;
  const nTargets = exitStart.length - 1;
  let distinct = 0;
  for (let k = 0; k < exitNodes.length; k++) {
    if (isTarget[exitNodes[k]] === 0) {
      isTarget[exitNodes[k]] = 1;
      distinct++;
    }
  }
  const bucketScratch: BucketScratch = { dist, next: scratch.next, prev: scratch.prev, slot: scratch.pos, heads: scratch.heads, isTarget, popped: scratch.popped };
  let settled = 0;
  for (let s = next(); s < plan.searches; s = next()) {
    const from = seedStart[s];
    const to = seedStart[s + 1];
    let scanned = kernels.buckets(csr, { nodes: seedNodes, costs: seedCosts, from, to, cutoff, delta: plan.delta, nTargets: distinct }, bucketScratch);
    if (scanned < 0) {
      const general = { nodes: seedNodes, costs: seedCosts, from, to, cutoff, labels: null, dist, predEdge: null, label: null };
      scanned = kernels.dijkstra(csr, general, scratch, kernels.heap);
    }
    settled += scanned;
    // hot path
    for (let t = 0; t < nTargets; t++) {
      let best = Infinity;
      for (let k = exitStart[t], end = exitStart[t + 1]; k < end; k++) {
        const v = exitCosts[k] + dist[exitNodes[k]];
        if (v < best) best = v;
      }
      out[t * tStride + s * sStride] = best <= cutoff ? best : Infinity;
    }
  }
  for (let k = 0; k < exitNodes.length; k++) isTarget[exitNodes[k]] = 0;
  return settled;
}
