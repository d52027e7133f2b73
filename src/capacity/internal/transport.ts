// Exact min-cost transportation by successive shortest paths with node potentials
// (Ahuja, Magnanti & Orlin 1993, §9.7), specialised to the bipartite zone → site network.
//
// The residual network has rows (zones), columns (sites) and a super-sink t. A row with flow
// is only ever passed through (column a → row i backwards, then row i → column b), so the
// search runs on columns alone: the arc a → b costs W[a,b] = min over rows i with flow on
// (i, a) of c[i,b] − c[i,a] (kept per row of W, updated when a column gains or loses a row),
// and a → t costs 0 while a has spare capacity. Column potentials p keep every reduced arc
// cost W[a,b] + p[a] − p[b] non-negative; each augmentation is a dense Dijkstra over the
// columns from one row with supply, stops when t is settled (distance D), sets
// p[v] += d[v] − D on settled columns, and moves flow along the path. Rows are served in
// index order, so the result is a deterministic function of the (caller-canonicalised) input.
// Time: O(A · m²) for A augmentations (≈ rows + saturations) plus O(|row list| · m) per row of
// W rebuilt; memory O(n·m).

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
  /** Supply each row could not place (no reachable column with room). */
  readonly unmet: Float64Array;
  readonly augmentations: number;
}

/** Solve to optimality; rows are served in index order. */
export function solveTransport(problem: TransportProblem): TransportSolution {
  const { rows: n, cols: m, cost, supply, capacity } = problem;
  const T = m;
  const flow = new Float64Array(n * m);
  const unmet = new Float64Array(n);
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
      if (w < W[k] || (w === W[k] && i < via[k])) {
        W[k] = w;
        via[k] = i;
      }
    }
  };
  const rebuildRow = (a: number): void => {
    const row = a * m;
    for (let b = 0; b < m; b++) {
      W[row + b] = Infinity;
      via[row + b] = -1;
    }
    const start = a * n;
    for (let k = 0, count = memberCount[a]; k < count; k++) addCandidate(members[start + k], a);
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

  for (let s = 0; s < n; s++) {
    let remaining = supply[s];
    const tol = remaining * 1e-12;
    const base = s * m;
    while (remaining > tol) {
      // hot path: dense Dijkstra over columns on reduced costs
      let shift = Infinity;
      for (let b = 0; b < m; b++) {
        const c = cost[base + b];
        if (c !== Infinity && c - p[b] < shift) shift = c - p[b];
      }
      if (shift === Infinity) break; // the row reaches no column
      for (let b = 0; b < m; b++) {
        const c = cost[base + b];
        dist[b] = c === Infinity ? Infinity : Math.max(0, c - p[b] - shift);
        pred[b] = -1;
        done[b] = 0;
      }
      dist[T] = Infinity;
      pred[T] = -1;
      done[T] = 0;
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
      if (done[T] === 0) break; // every reachable column is full
      const D = dist[T];
      for (let v = 0; v <= m; v++) if (done[v] === 1) p[v] += dist[v] - D;
      // path: s → first column → … → last column → t
      const last = pred[T];
      let delta = remaining < spare[last] ? remaining : spare[last];
      let hops = 0;
      let v = last;
      while (pred[v] >= 0) {
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
      const first = v;
      spare[last] -= delta;
      // first arc s → first column
      if (flow[base + first] === 0) {
        addMember(s, first);
        addCandidate(s, first);
      }
      flow[base + first] += delta;
      for (let h = 0; h < hops; h++) {
        const u = hopFrom[h];
        const b = hopTo[h];
        const i = hopRow[h];
        const kOut = i * m + u;
        const f = flow[kOut] - delta;
        if (f <= 0) {
          flow[kOut] = 0;
          removeMember(i, u);
          dirty[u] = 1;
        } else flow[kOut] = f;
        const kIn = i * m + b;
        if (flow[kIn] === 0) {
          addMember(i, b);
          addCandidate(i, b);
        }
        flow[kIn] += delta;
      }
      for (let h = 0; h < hops; h++) {
        const u = hopFrom[h];
        if (dirty[u] === 1) {
          rebuildRow(u);
          dirty[u] = 0;
        }
      }
      remaining -= delta;
      augmentations++;
    }
    unmet[s] = remaining > tol ? remaining : 0;
  }
  return { flow, unmet, augmentations };
}
