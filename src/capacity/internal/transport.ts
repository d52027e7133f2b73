import { DidNotConvergeError } from "../../errors.js";

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
//
// Progress. Let eps = 1e-12 · max(1, total supply). Rows with supply ≤ eps are served before
// the solve (each to its cheapest column with room) and never enter the heaps; a flow that
// would fall to ≤ eps moves whole; spare ≤ eps counts as none; a column's excess ≤ eps counts
// as drained. So every augmentation moves more than eps and strictly lowers the excess being
// drained (eps is above its rounding unit). An augmentation that moves nothing, or more
// augmentations than MAX_AUGMENTATIONS(n, m), ends with a DidNotConvergeError instead of a loop.

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

/** Flows at or below this are rounding residue: 1e-12 · max(1, total supply). */
export function residueTolerance(supply: Float64Array): number {
  let total = 0;
  for (let i = 0; i < supply.length; i++) total += supply[i];
  return 1e-12 * (total > 1 ? total : 1);
}

/** The most augmentations a solve may take before it stops with a DidNotConvergeError. */
export function maxAugmentations(rows: number, cols: number): number {
  return 4 * (rows + cols) * cols + 10_000;
}

/**
 * Rows with supply in (0, eps] go before the solve to their cheapest column with room (ties:
 * lowest index; the uncapacitated last column always has room), so they never bottleneck an
 * augmenting path. Returns the problem left for the solve (those rows' supply 0, capacities
 * reduced) and their flows, or `flow: null` when there is no such row.
 */
export function serveTinyRows(problem: TransportProblem, eps: number): { problem: TransportProblem; flow: Float64Array | null } {
  const { rows: n, cols: m, cost, supply } = problem;
  let flow: Float64Array | null = null;
  let rest: Float64Array | null = null;
  let room: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const q = supply[i];
    if (!(q > 0 && q <= eps)) continue;
    if (flow === null || rest === null || room === null) {
      flow = new Float64Array(n * m);
      rest = Float64Array.from(supply);
      room = Float64Array.from(problem.capacity);
    }
    let best = -1;
    for (let b = 0; b < m; b++) {
      const c = cost[i * m + b];
      if (c !== Infinity && room[b] >= q && (best < 0 || c < cost[i * m + best])) best = b;
    }
    flow[i * m + best] = q;
    room[best] -= q;
    rest[i] = 0;
  }
  if (flow === null || rest === null || room === null) return { problem, flow: null };
  return { problem: { rows: n, cols: m, cost, supply: rest, capacity: room }, flow };
}

/** Run `core` on the problem left after {@link serveTinyRows}, and add the tiny rows' flows back. */
export function withTinyRowsServed(problem: TransportProblem, core: (problem: TransportProblem, eps: number) => TransportSolution): TransportSolution {
  const eps = residueTolerance(problem.supply);
  const tiny = serveTinyRows(problem, eps);
  const solved = core(tiny.problem, eps);
  if (tiny.flow === null) return solved;
  const flow = solved.flow;
  for (let k = 0; k < flow.length; k++) flow[k] += tiny.flow[k];
  return { flow, augmentations: solved.augmentations };
}

/** Solve to optimality (within the residue tolerance); see the header for the method and its progress guarantee. */
export function solveTransport(problem: TransportProblem): TransportSolution {
  return withTinyRowsServed(problem, solveCore);
}

/** The stop for a solve that runs past its augmentation budget or moves nothing. */
export function notConverging(augmentations: number, rows: number, cols: number, what: string): DidNotConvergeError {
  return new DidNotConvergeError(
    "capacitatedAssignment",
    `the transport solver ${what} after ${augmentations} augmentations (${rows} zones × ${cols - 1} sites). This should not happen on finite inputs; please report it with the inputs, or round demand and capacity to fewer significant digits.`,
  );
}

/**
 * Per column pair (a, b): W[a,b] and its row via[a,b], the minimum of (c[i,b] − c[i,a], i) over
 * the rows i of column a (ties to the lower row). Each pair keeps a binary min-heap of its
 * candidate rows with lazy deletion: a row that leaves column a stays in the heap until it
 * reaches the top, where it is dropped. So a row leaving costs O(m log n) instead of rescanning
 * the column's rows for every b, and W/via are exactly what a rescan would give.
 */
interface PairHeaps {
  readonly n: number;
  readonly m: number;
  readonly cost: Float64Array;
  readonly W: Float64Array;
  readonly via: Int32Array;
  /** Per column: the rows with positive flow (swap-remove lists of `n` slots per column). */
  readonly members: Int32Array;
  readonly memberCount: Int32Array;
  readonly memberPos: Int32Array;
  /** Per pair k = a × m + b: its heap of rows (grown on demand) and size. */
  readonly heaps: Int32Array[];
  readonly heapSize: Int32Array;
}

function createPairHeaps(n: number, m: number, cost: Float64Array): PairHeaps {
  return {
    n,
    m,
    cost,
    W: new Float64Array(m * m).fill(Infinity),
    via: new Int32Array(m * m).fill(-1),
    members: new Int32Array(n * m),
    memberCount: new Int32Array(m),
    memberPos: new Int32Array(n * m).fill(-1),
    heaps: new Array<Int32Array>(m * m),
    heapSize: new Int32Array(m * m),
  };
}

/** (w, i) of row i for pair (a, b) strictly before (w, k) of row k. */
function before(ph: PairHeaps, i: number, k: number, a: number, b: number): boolean {
  const { cost, m } = ph;
  const wi = cost[i * m + b] - cost[i * m + a];
  const wk = cost[k * m + b] - cost[k * m + a];
  return wi < wk || (wi === wk && i < k);
}

function siftDown(ph: PairHeaps, h: Int32Array, size: number, at: number, a: number, b: number): void {
  const x = h[at];
  let i = at;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    let c = l;
    if (l + 1 < size && before(ph, h[l + 1], h[l], a, b)) c = l + 1;
    if (!before(ph, h[c], x, a, b)) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = x;
}

function push(ph: PairHeaps, i: number, a: number, b: number): void {
  const k = a * ph.m + b;
  let h = ph.heaps[k];
  const size = ph.heapSize[k];
  if (size === h.length) {
    const grown = new Int32Array(Math.max(8, 2 * size));
    grown.set(h);
    ph.heaps[k] = h = grown;
  }
  let at = size;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(ph, i, h[parent], a, b)) break;
    h[at] = h[parent];
    at = parent;
  }
  h[at] = i;
  ph.heapSize[k] = size + 1;
}

function readTop(ph: PairHeaps, a: number, b: number): void {
  const { cost, m } = ph;
  const k = a * m + b;
  if (ph.heapSize[k] === 0) {
    ph.W[k] = Infinity;
    ph.via[k] = -1;
  } else {
    const i = ph.heaps[k][0];
    ph.W[k] = cost[i * m + b] - cost[i * m + a];
    ph.via[k] = i;
  }
}

function addMember(ph: PairHeaps, i: number, a: number): void {
  const { m, n } = ph;
  ph.memberPos[i * m + a] = ph.memberCount[a];
  ph.members[a * n + ph.memberCount[a]++] = i;
}

function removeMember(ph: PairHeaps, i: number, a: number): void {
  const { m, n, members, memberPos } = ph;
  const k = i * m + a;
  const pos = memberPos[k];
  const last = members[a * n + --ph.memberCount[a]];
  members[a * n + pos] = last;
  memberPos[last * m + a] = pos;
  memberPos[k] = -1;
}

/** Row i joined column a: a candidate for every pair (a, b). */
function addCandidate(ph: PairHeaps, i: number, a: number): void {
  const { cost, m, W, via } = ph;
  const base = i * m;
  const ca = cost[base + a];
  for (let b = 0; b < m; b++) {
    if (b === a) continue;
    const cb = cost[base + b];
    if (cb === Infinity) continue;
    const w = cb - ca;
    const k = a * m + b;
    push(ph, i, a, b);
    if (w < W[k] || (w === W[k] && i < via[k])) {
      W[k] = w;
      via[k] = i;
    }
  }
}

/** After rows left column a: drop heap tops that are no longer rows of a, and read W/via off the tops. */
function refreshRow(ph: PairHeaps, a: number): void {
  const { m, memberPos } = ph;
  for (let b = 0; b < m; b++) {
    if (b === a) continue;
    const k = a * m + b;
    const h = ph.heaps[k];
    let size = ph.heapSize[k];
    while (size > 0 && memberPos[h[0] * m + a] < 0) {
      size--;
      if (size > 0) {
        h[0] = h[size];
        siftDown(ph, h, size, 0, a, b);
      }
    }
    ph.heapSize[k] = size;
    readTop(ph, a, b);
  }
}

/** Initial heaps: every row of column a with a finite cost to b, heapified. */
function buildRow(ph: PairHeaps, a: number): void {
  const { cost, m, n, members } = ph;
  const start = a * n;
  const count = ph.memberCount[a];
  for (let b = 0; b < m; b++) {
    if (b === a) continue;
    const k = a * m + b;
    const h = new Int32Array(Math.max(8, count + (count >> 2)));
    let size = 0;
    for (let q = 0; q < count; q++) {
      const i = members[start + q];
      if (cost[i * m + b] !== Infinity) h[size++] = i;
    }
    for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(ph, h, size, at, a, b);
    ph.heaps[k] = h;
    ph.heapSize[k] = size;
    readTop(ph, a, b);
  }
}

/**
 * Dense Dijkstra over the columns on reduced costs, from overloaded column s to the sink T = m
 * (reached from any column with spare); updates the potentials p on settled columns. Returns
 * false when T is unreachable (cannot happen with an uncapacitated last column).
 */
export function searchToSink(
  m: number,
  s: number,
  W: Float64Array,
  p: Float64Array,
  spare: Float64Array,
  dist: Float64Array,
  pred: Int32Array,
  done: Uint8Array,
): boolean {
  // hot path
  const T = m;
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
  if (done[T] === 0) return false;
  const D = dist[T];
  for (let v = 0; v <= m; v++) if (done[v] === 1) p[v] += dist[v] - D;
  return true;
}

/** Successive shortest paths on a problem with no tiny rows; `eps` from {@link residueTolerance}. */
function solveCore(problem: TransportProblem, eps: number): TransportSolution {
  const { rows: n, cols: m, cost, supply, capacity } = problem;
  const flow = new Float64Array(n * m);
  const spare = new Float64Array(m);
  const p = new Float64Array(m + 1);
  const dist = new Float64Array(m + 1);
  const pred = new Int32Array(m + 1);
  const done = new Uint8Array(m + 1);
  const hopFrom = new Int32Array(m + 1);
  const hopTo = new Int32Array(m + 1);
  const hopRow = new Int32Array(m + 1);
  const dirty = new Uint8Array(m);
  const heaps = createPairHeaps(n, m, cost);
  const { W, via } = heaps;
  const limit = maxAugmentations(n, m);
  let augmentations = 0;

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
    addMember(heaps, i, best);
  }
  for (let a = 0; a < m; a++) buildRow(heaps, a);
  const excess = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    if (load[a] > capacity[a]) excess[a] = load[a] - capacity[a];
    spare[a] = load[a] >= capacity[a] || capacity[a] - load[a] <= eps ? 0 : capacity[a] - load[a];
  }

  for (let s = 0; s < m; s++) {
    const tol = Math.max(excess[s] * 1e-12, eps);
    while (excess[s] > tol) {
      if (!searchToSink(m, s, W, p, spare, dist, pred, done)) break;
      // path: s → … → last column → t
      const last = pred[m];
      let delta = excess[s] < spare[last] ? excess[s] : spare[last];
      let hops = 0;
      for (let v = last; v !== s; v = pred[v]) {
        const u = pred[v];
        const i = via[u * m + v];
        hopFrom[hops] = u;
        hopTo[hops] = v;
        hopRow[hops] = i;
        hops++;
        const f = flow[i * m + u];
        if (f < delta) delta = f;
      }
      if (!(delta > 0) || excess[s] - delta === excess[s]) throw notConverging(augmentations, n, m, "made no progress");
      if (++augmentations > limit) throw notConverging(augmentations, n, m, "did not finish");
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
          // a flow of at most eps left behind would bottleneck later paths: move it whole
          moved = flow[kOut];
          flow[kOut] = 0;
          removeMember(heaps, i, u);
          dirty[u] = 1;
        } else flow[kOut] = f;
        const kIn = i * m + b;
        if (flow[kIn] === 0) {
          addMember(heaps, i, b);
          addCandidate(heaps, i, b);
        }
        flow[kIn] += moved;
      }
      for (let h = 0; h < hops; h++) {
        const u = hopFrom[h];
        if (dirty[u] === 1) {
          refreshRow(heaps, u);
          dirty[u] = 0;
        }
      }
      excess[s] -= delta;
    }
  }
  return { flow, augmentations };
}
