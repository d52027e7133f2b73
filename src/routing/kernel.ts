// Internal Dijkstra kernels over CSR typed arrays. All functions are self-contained (no
// imports, no closures, no module state) because the node worker pool ships their source text
// to worker threads: keep them that way.

/**
 * Multi-seed Dijkstra with an indexed binary heap (decrease-key, so the heap never exceeds n).
 * `pos[v]`: -1 unseen, -2 settled, else heap slot. With `label`, ties on minutes go to the
 * smaller label (lexicographic order, so the nearest-destination label is exact).
 * Fills `dist` (Infinity = unreached or beyond `cutoff`). Returns the number of settled nodes.
 */
export function runDijkstra(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  seedNodes: Int32Array,
  seedCosts: Float64Array,
  seedLabels: Int32Array | null,
  seedFrom: number,
  seedTo: number,
  cutoff: number,
  dist: Float64Array,
  heapNodes: Int32Array,
  heapKeys: Float64Array,
  pos: Int32Array,
  predEdge: Int32Array | null,
  label: Int32Array | null,
): number {
  // hot path
  dist.fill(Infinity);
  pos.fill(-1);
  if (predEdge !== null) predEdge.fill(-1);
  let size = 0;
  let settled = 0;
  for (let s = seedFrom; s < seedTo; s++) {
    const w = seedNodes[s];
    const t = seedCosts[s];
    if (!(t <= cutoff)) continue;
    const lw = label === null || seedLabels === null ? 0 : seedLabels[s];
    if (t < dist[w] || (label !== null && t === dist[w] && lw < label[w])) {
      dist[w] = t;
      if (label !== null) label[w] = lw;
      let i = pos[w] === -1 ? size++ : pos[w];
      while (i > 0) {
        const p = (i - 1) >> 1;
        const pn = heapNodes[p];
        const pk = heapKeys[p];
        if (pk < t || (pk === t && (label === null || label[pn] <= lw))) break;
        heapNodes[i] = pn;
        heapKeys[i] = pk;
        pos[pn] = i;
        i = p;
      }
      heapNodes[i] = w;
      heapKeys[i] = t;
      pos[w] = i;
    }
  }
  while (size > 0) {
    const v = heapNodes[0];
    const d = heapKeys[0];
    pos[v] = -2;
    settled++;
    size--;
    if (size > 0) {
      const x = heapNodes[size];
      const kx = heapKeys[size];
      const lx = label === null ? 0 : label[x];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        let c = l;
        const r = l + 1;
        if (r < size) {
          const kr = heapKeys[r];
          const kl = heapKeys[l];
          if (kr < kl || (kr === kl && label !== null && label[heapNodes[r]] < label[heapNodes[l]])) c = r;
        }
        const kc = heapKeys[c];
        if (kc > kx || (kc === kx && (label === null || label[heapNodes[c]] >= lx))) break;
        const cn = heapNodes[c];
        heapNodes[i] = cn;
        heapKeys[i] = kc;
        pos[cn] = i;
        i = c;
      }
      heapNodes[i] = x;
      heapKeys[i] = kx;
      pos[x] = i;
    }
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
        let i = pw === -1 ? size++ : pw;
        while (i > 0) {
          const p = (i - 1) >> 1;
          const pn = heapNodes[p];
          const pk = heapKeys[p];
          if (pk < t || (pk === t && (label === null || label[pn] <= lv))) break;
          heapNodes[i] = pn;
          heapKeys[i] = pk;
          pos[pn] = i;
          i = p;
        }
        heapNodes[i] = w;
        heapKeys[i] = t;
        pos[w] = i;
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
 * lists them so their marks are restored. Scratch: `next`, `prev`, `where` (length n), `heads`.
 * Returns the number of scans, or -1 when the ring is empty or too small for the seeds' costs,
 * or when the search has done more than `4 n + 4 K + 64` steps (scans and empty buckets) —
 * label-correcting rescans or long empty stretches on a graph with a wide weight range;
 * callers then use {@link runDijkstra}, so a search never costs more than a constant times
 * the heap search.
 */
export function runMatrixBuckets(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  seedNodes: Int32Array,
  seedCosts: Float64Array,
  seedFrom: number,
  seedTo: number,
  cutoff: number,
  delta: number,
  dist: Float64Array,
  next: Int32Array,
  prev: Int32Array,
  where: Int32Array,
  heads: Int32Array,
  isTarget: Uint8Array,
  nTargets: number,
  popped: Int32Array,
): number {
  // hot path
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
  where.fill(-1);
  heads.fill(-1);
  for (let s = seedFrom; s < seedTo; s++) {
    const t = seedCosts[s];
    if (t <= cutoff && t < dist[seedNodes[s]]) dist[seedNodes[s]] = t;
  }
  // link each seeded node once, at its best seed cost
  let count = 0;
  for (let s = seedFrom; s < seedTo; s++) {
    const w = seedNodes[s];
    if (where[w] >= 0 || dist[w] === Infinity) continue;
    const b = Math.floor(dist[w] * inv) % K;
    const h = heads[b];
    next[w] = h;
    prev[w] = -1;
    if (h >= 0) prev[h] = w;
    heads[b] = w;
    where[w] = b;
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
    where[v] = -1;
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
        const old = where[w];
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
        where[w] = b;
      }
    }
  }
  for (let k = 0; k < nPopped; k++) isTarget[popped[k]] = 1;
  return scans;
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

/**
 * Run searches `s = next()` until it returns `>= searchTo` (`next` hands out search indices,
 * e.g. a shared atomic counter in the worker pool, or a plain counter on one thread); search s
 * is seeded with `seedNodes/seedCosts[seedStart[s]..seedStart[s+1]]`, and target t's value is
 * `min_k exitCosts[k] + dist[exitNodes[k]]` over `exitStart[t]..exitStart[t+1]`, written to
 * `out[t * tStride + s * sStride]` (Infinity when above `cutoff`). Each search runs
 * `buckets` (with bucket width `delta`), or a full `general` search when `buckets` declines
 * (kernels are parameters so the worker pool can pass its own copies). Returns the number of
 * scanned nodes, summed.
 */
export function runSearches(
  general: typeof runDijkstra,
  buckets: typeof runMatrixBuckets,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  delta: number,
  next: () => number,
  searchTo: number,
  seedStart: Int32Array,
  seedNodes: Int32Array,
  seedCosts: Float64Array,
  exitStart: Int32Array,
  exitNodes: Int32Array,
  exitCosts: Float64Array,
  cutoff: number,
  out: Float64Array,
  tStride: number,
  sStride: number,
  scratch: SearchScratch,
): number {
  const { dist, isTarget } = scratch;
  const nTargets = exitStart.length - 1;
  let distinct = 0;
  for (let k = 0; k < exitNodes.length; k++) {
    if (isTarget[exitNodes[k]] === 0) {
      isTarget[exitNodes[k]] = 1;
      distinct++;
    }
  }
  let settled = 0;
  for (let s = next(); s < searchTo; s = next()) {
    const from = seedStart[s];
    const to = seedStart[s + 1];
    let scanned = buckets(offsets, targets, weights, seedNodes, seedCosts, from, to, cutoff, delta, dist, scratch.next, scratch.prev, scratch.pos, scratch.heads, isTarget, distinct, scratch.popped);
    if (scanned < 0) scanned = general(offsets, targets, weights, seedNodes, seedCosts, null, from, to, cutoff, dist, scratch.heapNodes, scratch.heapKeys, scratch.pos, null, null);
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
