// Internal: one-to-many queries on a contraction hierarchy by (R)PHAST sweeps (Delling,
// Goldberg, Nowatzyk & Werneck 2011; RPHAST: Delling, Goldberg & Werneck 2011). A search runs
// an upward Dijkstra from its seeds, then one linear sweep over the nodes in descending rank,
// restricted to the nodes the targets depend on. Every function here is self-contained (no
// imports, no closures, no module state) because the node worker pool ships their source
// text to worker threads: keep them that way (what they need comes in as a parameter).
import type { Csr, HeapOps } from "../kernel.js";

/** Inputs of {@link runChSearches}: the hierarchy's arrays, a restricted sweep and a plan. */
export interface ChSearchJob {
  /** Upward-search CSR over CH ids (the hierarchy's down lists for distances to a seed). */
  readonly upOffsets: Int32Array;
  readonly upTargets: Int32Array;
  readonly upWeights: Float64Array;
  /** Sweep CSR over local ids 0..nLocal-1 (descending rank); targets are smaller local ids. */
  readonly sweepOffsets: Int32Array;
  readonly sweepTargets: Int32Array;
  readonly sweepWeights: Float64Array;
  /** Local id of each CH id, -1 outside the restricted set. */
  readonly localOf: Int32Array;
  readonly nLocal: number;
  readonly searches: number;
  /** Searches per sweep (distance labels interleaved, so one edge read serves all of them). */
  readonly batch: number;
  /** Search s's seeds: CH ids and costs at `seedStart[s]..seedStart[s+1]`. */
  readonly seedStart: Int32Array;
  readonly seedNodes: Int32Array;
  readonly seedCosts: Float64Array;
  /** Target t's exits: local ids and costs at `exitStart[t]..exitStart[t+1]`. */
  readonly exitStart: Int32Array;
  readonly exitLocal: Int32Array;
  readonly exitCosts: Float64Array;
  readonly cutoff: number;
  /** Search s, target t writes `out[t * tStride + s * sStride]`. */
  readonly out: Float64Array;
  readonly tStride: number;
  readonly sStride: number;
}

/** Seeds of one upward search: CH ids `nodes[s]` at `costs[s]` minutes, `s` in `from..to-1`. */
export interface ChSeeds {
  readonly nodes: Int32Array;
  readonly costs: Float64Array;
  readonly from: number;
  readonly to: number;
}

/** The kernels {@link runChSearches} runs, as parameters so the worker pool can pass its own copies. */
export interface ChKernels {
  readonly upward: typeof chUpward;
  readonly sweep: typeof chSweep;
  readonly heap: HeapOps;
}

/** Scratch of one thread: `dist`, `pos` (length n; Infinity and -1 between searches), heap, touched list, labels. */
export interface ChScratch {
  readonly dist: Float64Array;
  readonly pos: Int32Array;
  readonly heapNodes: Int32Array;
  readonly heapKeys: Float64Array;
  readonly touched: Int32Array;
  /** nLocal × batch labels. */
  labels: Float64Array;
}

/**
 * Multi-seed Dijkstra over an upward CSR. `dist`/`pos` must be Infinity/-1 for every node on
 * entry; the caller resets the returned number of `touched` nodes afterwards. `heap` is the
 * routing kernels' heap (a parameter so that worker threads pass their own copy).
 */
export function chUpward(csr: Csr, seeds: ChSeeds, scratch: ChScratch, heap: HeapOps): number {
  // hot path
  const { offsets, targets, weights } = csr;
  const { dist, pos, heapNodes, heapKeys, touched } = scratch;
  const h = { nodes: heapNodes, keys: heapKeys, pos, tie: null };
  const up = heap.up;
  const down = heap.down;
  let nt = 0;
  let size = 0;
  for (let s = seeds.from; s < seeds.to; s++) {
    const w = seeds.nodes[s];
    const t = seeds.costs[s];
    if (!(t < dist[w])) continue;
    if (dist[w] === Infinity) touched[nt++] = w;
    dist[w] = t;
    up(h, pos[w] === -1 ? size++ : pos[w], w, t);
  }
  while (size > 0) {
    const v = heapNodes[0];
    const d = heapKeys[0];
    pos[v] = -2;
    size--;
    if (size > 0) down(h, size, 0, heapNodes[size], heapKeys[size]);
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const w = targets[e];
      const pw = pos[w];
      if (pw === -2) continue;
      const t = d + weights[e];
      if (!(t < dist[w])) continue;
      if (dist[w] === Infinity) touched[nt++] = w;
      dist[w] = t;
      up(h, pw === -1 ? size++ : pw, w, t);
    }
  }
  return nt;
}

/**
 * The PHAST sweep: for local ids x = 0..nLocal-1 (descending rank), for each of the `batch`
 * interleaved searches, `labels[x] = min(labels[x], weight + labels[y])` over x's sweep edges
 * (y < x, already final).
 */
export function chSweep(offsets: Int32Array, targets: Int32Array, weights: Float64Array, labels: Float64Array, nLocal: number, batch: number): void {
  // hot path
  if (batch === 1) {
    for (let x = 0; x < nLocal; x++) {
      let best = labels[x];
      for (let e = offsets[x], end = offsets[x + 1]; e < end; e++) {
        const t = weights[e] + labels[targets[e]];
        if (t < best) best = t;
      }
      labels[x] = best;
    }
    return;
  }
  if (batch === 8) {
    // the usual batch: eight labels kept in registers while x's edges are read
    for (let x = 0; x < nLocal; x++) {
      const bx = x * 8;
      let d0 = labels[bx];
      let d1 = labels[bx + 1];
      let d2 = labels[bx + 2];
      let d3 = labels[bx + 3];
      let d4 = labels[bx + 4];
      let d5 = labels[bx + 5];
      let d6 = labels[bx + 6];
      let d7 = labels[bx + 7];
      for (let e = offsets[x], end = offsets[x + 1]; e < end; e++) {
        const w = weights[e];
        const y = targets[e] * 8;
        let t = w + labels[y];
        if (t < d0) d0 = t;
        t = w + labels[y + 1];
        if (t < d1) d1 = t;
        t = w + labels[y + 2];
        if (t < d2) d2 = t;
        t = w + labels[y + 3];
        if (t < d3) d3 = t;
        t = w + labels[y + 4];
        if (t < d4) d4 = t;
        t = w + labels[y + 5];
        if (t < d5) d5 = t;
        t = w + labels[y + 6];
        if (t < d6) d6 = t;
        t = w + labels[y + 7];
        if (t < d7) d7 = t;
      }
      labels[bx] = d0;
      labels[bx + 1] = d1;
      labels[bx + 2] = d2;
      labels[bx + 3] = d3;
      labels[bx + 4] = d4;
      labels[bx + 5] = d5;
      labels[bx + 6] = d6;
      labels[bx + 7] = d7;
    }
    return;
  }
  for (let x = 0; x < nLocal; x++) {
    const bx = x * batch;
    for (let e = offsets[x], end = offsets[x + 1]; e < end; e++) {
      const w = weights[e];
      const by = targets[e] * batch;
      for (let k = 0; k < batch; k++) {
        const t = w + labels[by + k];
        if (t < labels[bx + k]) labels[bx + k] = t;
      }
    }
  }
}

/**
 * Run batches `b = next()` until `b × batch >= job.searches`: for each search of the batch an
 * upward search seeds its labels, one sweep settles them all, and every target's value is
 * `min_k exitCosts[k] + label[exitLocal[k]]` (Infinity above `cutoff`). Returns the number of
 * upward-search nodes touched, summed.
 */
export function runChSearches(job: ChSearchJob, scratch: ChScratch, next: () => number, kernels: ChKernels): number {
  const { upward, sweep, heap } = kernels;
  const K = job.batch;
  const nLocal = job.nLocal;
  if (scratch.labels.length < nLocal * K) scratch.labels = new Float64Array(nLocal * K);
  const labels = scratch.labels;
  const { dist, pos, touched } = scratch;
  const { localOf, exitStart, exitLocal, exitCosts, out, cutoff } = job;
  const nTargets = exitStart.length - 1;
  const seeds = { nodes: job.seedNodes, costs: job.seedCosts, from: 0, to: 0 };
  const up: Csr = { offsets: job.upOffsets, targets: job.upTargets, weights: job.upWeights };
  let work = 0;
  for (let b = next(); b * K < job.searches; b = next()) {
    const s0 = b * K;
    const count = Math.min(K, job.searches - s0);
    labels.fill(Infinity, 0, nLocal * K);
    for (let k = 0; k < count; k++) {
      seeds.from = job.seedStart[s0 + k];
      seeds.to = job.seedStart[s0 + k + 1];
      const nt = upward(up, seeds, scratch, heap);
      work += nt;
      for (let i = 0; i < nt; i++) {
        const v = touched[i];
        const l = localOf[v];
        if (l >= 0) labels[l * K + k] = dist[v];
        dist[v] = Infinity;
        pos[v] = -1;
      }
    }
    sweep(job.sweepOffsets, job.sweepTargets, job.sweepWeights, labels, nLocal, K);
    // hot path
    // targets outer: in a zones × sites matrix a batch's cells of one zone are adjacent
    for (let t = 0; t < nTargets; t++) {
      const row = t * job.tStride;
      for (let k = 0; k < count; k++) {
        let best = Infinity;
        for (let q = exitStart[t], end = exitStart[t + 1]; q < end; q++) {
          const v = exitCosts[q] + labels[exitLocal[q] * K + k];
          if (v < best) best = v;
        }
        out[row + (s0 + k) * job.sStride] = best <= cutoff ? best : Infinity;
      }
    }
  }
  return work;
}
