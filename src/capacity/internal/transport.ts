// Exact min-cost transportation by successive shortest paths with node potentials
// (Ahuja, Magnanti & Orlin 1993, §9.7), specialised to the bipartite zone → site network.
//
// Nodes: rows 0..n-1, columns n..n+m-1, super-sink t = n+m. Residual arcs:
//   row i → column j     cost c[i,j] (uncapacitated; absent when c is Infinity)
//   column j → row i     cost −c[i,j], residual = flow[i,j] (only when flow > 0)
//   column j → t         cost 0, residual = spare[j]
// Invariant: reduced cost c(u,v) + p[u] − p[v] ≥ 0 on every residual arc. Each augmentation
// runs Dijkstra from one row with remaining supply, stops when t is settled (distance D), moves
// flow along the path, and sets p[v] += d[v] − D for settled nodes (others keep p: equivalent
// to p += min(d, D) − D), which preserves the invariant. Rows are served in the given order,
// so the result is a deterministic function of the (caller-canonicalised) input.
// Time: O(A · (E log V)) for A augmentations (≈ rows + saturations); memory O(n·m).

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

class IndexHeap {
  ids: Int32Array;
  keys: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }
  clear(): void {
    this.length = 0;
  }
  push(id: number, key: number): void {
    if (this.length === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    let pos = this.length++;
    const ids = this.ids;
    const keys = this.keys;
    // ties broken by node index so the search order never depends on push order
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && ids[parent] < id)) break;
      ids[pos] = ids[parent];
      keys[pos] = pk;
      pos = parent;
    }
    ids[pos] = id;
    keys[pos] = key;
  }
  /** Key of the top; call before pop. */
  peekKey(): number {
    return this.keys[0];
  }
  pop(): number {
    const ids = this.ids;
    const keys = this.keys;
    const top = ids[0];
    const n = --this.length;
    if (n > 0) {
      const id = ids[n];
      const key = keys[n];
      let pos = 0;
      const half = n >> 1;
      while (pos < half) {
        let child = 2 * pos + 1;
        const right = child + 1;
        if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && ids[right] < ids[child]))) child = right;
        const ck = keys[child];
        if (key < ck || (key === ck && id < ids[child])) break;
        ids[pos] = ids[child];
        keys[pos] = ck;
        pos = child;
      }
      ids[pos] = id;
      keys[pos] = key;
    }
    return top;
  }
}

/** Solve to optimality; rows are served in index order. */
export function solveTransport(problem: TransportProblem): TransportSolution {
  const { rows: n, cols: m, cost, supply, capacity } = problem;
  const N = n + m + 1;
  const t = n + m;
  const flow = new Float64Array(n * m);
  const unmet = new Float64Array(n);
  const spare = Float64Array.from(capacity);
  const p = new Float64Array(N);
  const dist = new Float64Array(N).fill(Infinity);
  const pred = new Int32Array(N).fill(-1);
  const done = new Uint8Array(N);
  const touched = new Int32Array(N);
  // per column: the rows with positive flow (swap-remove lists)
  const members = new Int32Array(n * m);
  const memberCount = new Int32Array(m);
  const memberPos = new Int32Array(n * m).fill(-1);
  const heap = new IndexHeap(N * 2);
  let augmentations = 0;

  for (let s = 0; s < n; s++) {
    let remaining = supply[s];
    const tol = remaining * 1e-12;
    while (remaining > tol) {
      // hot path: Dijkstra on reduced costs from row s, stopping when t is settled
      let nTouched = 0;
      heap.clear();
      dist[s] = 0;
      touched[nTouched++] = s;
      heap.push(s, 0);
      while (heap.length > 0) {
        const d = heap.peekKey();
        const u = heap.pop();
        if (done[u] === 1 || d > dist[u]) continue;
        done[u] = 1;
        if (u === t) break;
        const pu = p[u];
        if (u < n) {
          const base = u * m;
          for (let j = 0; j < m; j++) {
            const c = cost[base + j];
            if (c === Infinity) continue;
            const v = n + j;
            if (done[v] === 1) continue;
            let nd = d + c + pu - p[v];
            if (nd < d) nd = d; // rounding can push a zero reduced cost below zero
            if (nd < dist[v]) {
              if (dist[v] === Infinity) touched[nTouched++] = v;
              dist[v] = nd;
              pred[v] = u;
              heap.push(v, nd);
            }
          }
        } else {
          const j = u - n;
          if (spare[j] > 0 && done[t] === 0) {
            let nd = d + pu - p[t];
            if (nd < d) nd = d;
            if (nd < dist[t]) {
              if (dist[t] === Infinity) touched[nTouched++] = t;
              dist[t] = nd;
              pred[t] = u;
              heap.push(t, nd);
            }
          }
          const start = j * n;
          const count = memberCount[j];
          for (let k = 0; k < count; k++) {
            const v = members[start + k];
            if (done[v] === 1) continue;
            let nd = d - cost[v * m + j] + pu - p[v];
            if (nd < d) nd = d;
            if (nd < dist[v]) {
              if (dist[v] === Infinity) touched[nTouched++] = v;
              dist[v] = nd;
              pred[v] = u;
              heap.push(v, nd);
            }
          }
        }
      }
      const reached = done[t] === 1;
      const D = dist[t];
      if (reached) {
        for (let k = 0; k < nTouched; k++) {
          const v = touched[k];
          if (done[v] === 1) p[v] += dist[v] - D;
        }
        // bottleneck along the path t ← column ← row ← column … ← s
        let delta = remaining;
        let v = pred[t];
        if (spare[v - n] < delta) delta = spare[v - n];
        while (v !== s) {
          const u = pred[v];
          if (u >= n) {
            // v is a row reached backwards from column u: limited by that flow
            const f = flow[v * m + (u - n)];
            if (f < delta) delta = f;
          }
          v = u;
        }
        spare[pred[t] - n] -= delta;
        v = pred[t];
        while (v !== s) {
          const u = pred[v];
          if (u < n) {
            const k = u * m + (v - n);
            if (flow[k] === 0) {
              const j = v - n;
              memberPos[k] = memberCount[j];
              members[j * n + memberCount[j]++] = u;
            }
            flow[k] += delta;
          } else {
            const j = u - n;
            const k = v * m + j;
            const f = flow[k] - delta;
            if (f <= 0) {
              flow[k] = 0;
              const pos = memberPos[k];
              const last = members[j * n + --memberCount[j]];
              members[j * n + pos] = last;
              memberPos[last * m + j] = pos;
              memberPos[k] = -1;
            } else flow[k] = f;
          }
          v = u;
        }
        remaining -= delta;
        augmentations++;
      }
      for (let k = 0; k < nTouched; k++) {
        const v = touched[k];
        dist[v] = Infinity;
        done[v] = 0;
        pred[v] = -1;
      }
      if (!reached) break;
    }
    unmet[s] = remaining > tol ? remaining : 0;
  }
  return { flow, unmet, augmentations };
}
