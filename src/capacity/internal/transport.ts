// Exact min-cost transportation by successive shortest paths with node potentials
// (Ahuja, Magnanti & Orlin 1993, §9.7), specialised to the bipartite zone → site network.
//
// Start: every row sends all its supply to its cheapest column (the uncapacitated optimum, so
// every reduced cost is already non-negative with zero potentials); columns loaded beyond
// capacity hold an excess. Each augmentation moves excess from an overloaded column to a
// column with spare capacity (the super-sink t) along a shortest path in the residual network.
// A row is only ever passed through (column a → row i backwards along its flow, then row i →
// column b), so the search runs on columns alone: arc a → b costs W[a,b] = min over rows i
// with flow on (i, a) of c[i,b] − c[i,a] (ties to the lower row; one lazy-deletion min-heap of
// rows per pair (a, b), so a column gaining or losing a row costs O(m log n)), and a → t costs 0
// while a has spare capacity. Column potentials p keep every
// reduced arc cost W[a,b] + p[a] − p[b] non-negative; each search is a dense Dijkstra over the
// columns, stops when t is settled (distance D) and sets p[v] += d[v] − D on settled columns.
// Overloaded columns are drained in index order, so the result is a deterministic function
// of the (caller-canonicalised) input. Time: O(n·m) to start, then O(A · m²) for A
// augmentations (≈ displaced rows + saturations) plus O(m log n) per row gained or lost.
// Memory O(n·m) (the heaps hold each row once per column pair it can move along, plus re-entries). The last column must be uncapacitated with a finite cost for every row.

export interface TransportProblem {
  readonly rows: number;
  readonly cols: number;
  /** Row-major `rows × cols`; Infinity = no arc. Every finite cost must be ≥ 0. */
  readonly cost: Float64Array;
  readonly supply: Float64Array;
  /** Per column; Infinity allowed. */
  readonly capacity: Float64Array;
}

export interface TransportSolution {
  /** Row-major `rows × cols` flows. */
  readonly flow: Float64Array;
  readonly augmentations: number;
}

/** Solve to optimality. */
export function solveTransport(problem: TransportProblem): TransportSolution {
  const { rows: n, cols: m, cost, supply, capacity } = problem;
  const T = m;
  const flow = new Float64Array(n * m);
  const spare = Float64Array.from(capacity);
  const p = new Float64Array(m + 1);
  const W = new Float64Array(m * m).fill(Infinity);
  const via = new Int32Array(m * m).fill(-1);
  // per column: the rows with positive flow (swap-remove lists)
  const members = new Int32Array(n * m);
  const memberCount = new Int32Array(m);
  const memberPos = new Int32Array(n * m).fill(-1);
  const dist = new Float64Array(m + 1);
  const pred = new Int32Array(m + 1);
  const done = new Uint8Array(m + 1);
  const hopFrom = new Int32Array(m + 1);
  const hopTo = new Int32Array(m + 1);
  const hopRow = new Int32Array(m + 1);
  const dirty = new Uint8Array(m);
  let augmentations = 0;
  // Flows below eps are rounding residue: left in place they bounce between columns in
  // ever-smaller augmentations and the loop never ends, so they are moved whole.
  let totalSupply = 0;
  for (let i = 0; i < n; i++) totalSupply += supply[i];
  const eps = 1e-12 * (totalSupply > 1 ? totalSupply : 1);

  // W[a,b] and its row via[a,b] are the minimum of (c[i,b] − c[i,a], i) over the rows i of
  // column a (ties to the lower row). Each pair keeps a binary min-heap of its candidate rows
  // with lazy deletion: a row that leaves column a stays in the heap until it reaches the top,
  // where it is dropped. So a row leaving costs O(m log n) instead of rescanning the column's
  // rows for every b, and W/via are exactly what a rescan would give (same minimum, same tie).
  const heaps: Int32Array[] = new Array<Int32Array>(m * m);
  const heapSize = new Int32Array(m * m);
  // (w, i) of row i for pair (a, b) strictly before (w, k) of row k
  const before = (i: number, k: number, a: number, b: number): boolean => {
    const wi = cost[i * m + b] - cost[i * m + a];
    const wk = cost[k * m + b] - cost[k * m + a];
    return wi < wk || (wi === wk && i < k);
  };
  const siftDown = (h: Int32Array, size: number, at: number, a: number, b: number): void => {
    const x = h[at];
    let i = at;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let c = l;
      if (l + 1 < size && before(h[l + 1], h[l], a, b)) c = l + 1;
      if (!before(h[c], x, a, b)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = x;
  };
  const push = (k: number, i: number, a: number, b: number): void => {
    let h = heaps[k];
    const size = heapSize[k];
    if (size === h.length) {
      const grown = new Int32Array(Math.max(8, 2 * size));
      grown.set(h);
      heaps[k] = h = grown;
    }
    let at = size;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(i, h[parent], a, b)) break;
      h[at] = h[parent];
      at = parent;
    }
    h[at] = i;
    heapSize[k] = size + 1;
  };
  const addCandidate = (i: number, a: number): void => {
    const base = i * m;
    const ca = cost[base + a];
    const row = a * m;
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      const cb = cost[base + b];
      if (cb === Infinity) continue;
      const w = cb - ca;
      const k = row + b;
      push(k, i, a, b);
      if (w < W[k] || (w === W[k] && i < via[k])) {
        W[k] = w;
        via[k] = i;
      }
    }
  };
  // after rows left column a: drop heap tops that are no longer rows of a, and read W/via off the tops
  const refreshRow = (a: number): void => {
    const row = a * m;
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      const k = row + b;
      const h = heaps[k];
      let size = heapSize[k];
      while (size > 0 && memberPos[h[0] * m + a] < 0) {
        size--;
        if (size > 0) {
          h[0] = h[size];
          siftDown(h, size, 0, a, b);
        }
      }
      heapSize[k] = size;
      if (size === 0) {
        W[k] = Infinity;
        via[k] = -1;
      } else {
        const i = h[0];
        W[k] = cost[i * m + b] - cost[i * m + a];
        via[k] = i;
      }
    }
  };
  // initial heaps: every row of column a with a finite cost to b, heapified
  const buildRow = (a: number): void => {
    const row = a * m;
    const start = a * n;
    const count = memberCount[a];
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      const k = row + b;
      const h = new Int32Array(Math.max(8, count + (count >> 2)));
      let size = 0;
      for (let q = 0; q < count; q++) {
        const i = members[start + q];
        if (cost[i * m + b] !== Infinity) h[size++] = i;
      }
      for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(h, size, at, a, b);
      heaps[k] = h;
      heapSize[k] = size;
      if (size === 0) {
        W[k] = Infinity;
        via[k] = -1;
      } else {
        W[k] = cost[h[0] * m + b] - cost[h[0] * m + a];
        via[k] = h[0];
      }
    }
  };
  const addMember = (i: number, a: number): void => {
    const k = i * m + a;
    memberPos[k] = memberCount[a];
    members[a * n + memberCount[a]++] = i;
  };
  const removeMember = (i: number, a: number): void => {
    const k = i * m + a;
    const pos = memberPos[k];
    const last = members[a * n + --memberCount[a]];
    members[a * n + pos] = last;
    memberPos[last * m + a] = pos;
    memberPos[k] = -1;
  };

  // start from the uncapacitated optimum: each row whole to its cheapest column (ties: lowest index)
  const load = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    if (supply[i] === 0) continue;
    const base = i * m;
    let best = -1;
    for (let b = 0; b < m; b++) {
      const c = cost[base + b];
      if (c !== Infinity && (best < 0 || c < cost[base + best])) best = b;
    }
    flow[base + best] = supply[i];
    load[best] += supply[i];
    addMember(i, best);
  }
  for (let a = 0; a < m; a++) buildRow(a);
  const excess = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    if (load[a] > capacity[a]) excess[a] = load[a] - capacity[a];
    spare[a] = load[a] >= capacity[a] ? 0 : capacity[a] - load[a];
  }

  for (let s = 0; s < m; s++) {
    const tol = excess[s] * 1e-12;
    while (excess[s] > tol) {
      // hot path: dense Dijkstra over columns on reduced costs, from overloaded column s
      for (let b = 0; b <= m; b++) {
        dist[b] = Infinity;
        pred[b] = -1;
        done[b] = 0;
      }
      dist[s] = 0;
      for (;;) {
        let u = -1;
        let du = Infinity;
        for (let v = 0; v <= m; v++) {
          if (done[v] === 0 && dist[v] < du) {
            du = dist[v];
            u = v;
          }
        }
        if (u < 0) break;
        done[u] = 1;
        if (u === T) break;
        const pu = p[u];
        if (spare[u] > 0) {
          let nd = du + pu - p[T];
          if (nd < du) nd = du; // rounding can push a zero reduced cost below zero
          if (nd < dist[T]) {
            dist[T] = nd;
            pred[T] = u;
          }
        }
        const row = u * m;
        for (let b = 0; b < m; b++) {
          if (done[b] === 1) continue;
          const w = W[row + b];
          if (w === Infinity) continue;
          let nd = du + w + pu - p[b];
          if (nd < du) nd = du;
          if (nd < dist[b]) {
            dist[b] = nd;
            pred[b] = u;
          }
        }
      }
      if (done[T] === 0) break; // cannot happen with an uncapacitated last column
      const D = dist[T];
      for (let v = 0; v <= m; v++) if (done[v] === 1) p[v] += dist[v] - D;
      // path: s → … → last column → t
      const last = pred[T];
      let delta = excess[s] < spare[last] ? excess[s] : spare[last];
      let hops = 0;
      let v = last;
      while (v !== s) {
        const u = pred[v];
        const i = via[u * m + v];
        hopFrom[hops] = u;
        hopTo[hops] = v;
        hopRow[hops] = i;
        hops++;
        const f = flow[i * m + u];
        if (f < delta) delta = f;
        v = u;
      }
      spare[last] -= delta;
      if (spare[last] <= eps) spare[last] = 0;
      for (let h = 0; h < hops; h++) {
        const u = hopFrom[h];
        const b = hopTo[h];
        const i = hopRow[h];
        const kOut = i * m + u;
        const f = flow[kOut] - delta;
        let moved = delta;
        if (f <= eps) {
          moved = flow[kOut];
          flow[kOut] = 0;
          removeMember(i, u);
          dirty[u] = 1;
        } else flow[kOut] = f;
        const kIn = i * m + b;
        if (flow[kIn] === 0) {
          addMember(i, b);
          addCandidate(i, b);
        }
        flow[kIn] += moved;
      }
      for (let h = 0; h < hops; h++) {
        const u = hopFrom[h];
        if (dirty[u] === 1) {
          refreshRow(u);
          dirty[u] = 0;
        }
      }
      excess[s] -= delta;
      augmentations++;
    }
  }
  return { flow, augmentations };
}
