// Internal Dijkstra kernels over CSR typed arrays. Both functions are self-contained (no
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

/**
 * Run searches `searchFrom..searchTo-1`; search s is seeded with
 * `seedNodes/seedCosts[seedStart[s]..seedStart[s+1]]`, and target t's value is
 * `min_k exitCosts[k] + dist[exitNodes[k]]` over `exitStart[t]..exitStart[t+1]`, written to
 * `out[t * tStride + s * sStride]` (Infinity when above `cutoff`).
 */
export function runSearches(
  dijkstra: typeof runDijkstra,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  searchFrom: number,
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
  dist: Float64Array,
  heapNodes: Int32Array,
  heapKeys: Float64Array,
  pos: Int32Array,
): void {
  const nTargets = exitStart.length - 1;
  for (let s = searchFrom; s < searchTo; s++) {
    dijkstra(offsets, targets, weights, seedNodes, seedCosts, null, seedStart[s], seedStart[s + 1], cutoff, dist, heapNodes, heapKeys, pos, null, null);
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
}
