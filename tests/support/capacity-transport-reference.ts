// Test oracle: the transport solver as it was before the heap-kept W rows (each W row rebuilt
// from its column's rows when one leaves). The current solver must give bit-identical flows.
import { withTinyRowsServed } from "../../src/capacity/internal/transport.js";

interface TransportProblem {
  readonly rows: number;
  readonly cols: number;
  /** Row-major `rows × cols`; Infinity = no arc. Every finite cost must be ≥ 0. */
  readonly cost: Float64Array;
  readonly supply: Float64Array;
  /** Per column; Infinity allowed. */
  readonly capacity: Float64Array;
}

interface TransportSolution {
  /** Row-major `rows × cols` flows. */
  readonly flow: Float64Array;
  readonly augmentations: number;
}

/** Solve to optimality (reference implementation), with the same handling of tiny rows. */
export function referenceSolveTransport(problem: TransportProblem): TransportSolution {
  return withTinyRowsServed(problem, referenceCore);
}

function referenceCore(problem: TransportProblem, eps: number): TransportSolution {
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
  for (let a = 0; a < m; a++) rebuildRow(a);
  const excess = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    if (load[a] > capacity[a]) excess[a] = load[a] - capacity[a];
    spare[a] = load[a] >= capacity[a] || capacity[a] - load[a] <= eps ? 0 : capacity[a] - load[a];
  }

  for (let s = 0; s < m; s++) {
    const tol = Math.max(excess[s] * 1e-12, eps);
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
          rebuildRow(u);
          dirty[u] = 0;
        }
      }
      excess[s] -= delta;
      augmentations++;
    }
  }
  return { flow, augmentations };
}
