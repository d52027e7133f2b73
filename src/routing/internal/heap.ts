// Internal: the one indexed binary min-heap of the routing kernels (Dijkstra, Δ-stepping's
// fallback, CH witness searches and node order, PHAST upward searches). Plain typed arrays, so
// a heap is structured-clone friendly; `heapUp` and `heapDown` are self-contained (no imports,
// no closures, no module state) because the node worker pool ships their source text to
// worker threads: keep them that way. The caller owns the size (a local in its hot loop).

/**
 * An indexed min-heap of node ids by key: `nodes`/`keys` hold the heap (slots 0..size-1),
 * `pos[v]` is v's slot (callers use -1 for "never queued" and -2 for "popped"). Equal keys go
 * by `tie[v]`, smaller first, when `tie` is non-null (e.g. a nearest-destination label, or the
 * node id itself for a deterministic order); otherwise equal keys keep no particular order.
 */
export interface IndexedHeap {
  readonly nodes: Int32Array;
  readonly keys: Float64Array;
  readonly pos: Int32Array;
  readonly tie: Int32Array | null;
}

/** The heap operations, passed to kernels as a parameter (see the file comment). */
export interface HeapOps {
  readonly up: typeof heapUp;
  readonly down: typeof heapDown;
}

/** A heap over typed arrays for `n` nodes; every `pos` is -1 (never queued). */
export function createIndexedHeap(n: number, tie: Int32Array | null = null): IndexedHeap {
  return { nodes: new Int32Array(n), keys: new Float64Array(n), pos: new Int32Array(n).fill(-1), tie };
}

/**
 * Put node `v` with `key` at slot `at` (its current slot after a decrease, or `size` for a new
 * entry, the caller then counting it) and sift it up to its place.
 */
export function heapUp(h: IndexedHeap, at: number, v: number, key: number): void {
  // hot path
  const { nodes, keys, pos, tie } = h;
  const tv = tie === null ? 0 : tie[v];
  let i = at;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pn = nodes[p];
    const pk = keys[p];
    if (pk < key || (pk === key && (tie === null || tie[pn] <= tv))) break;
    nodes[i] = pn;
    keys[i] = pk;
    pos[pn] = i;
    i = p;
  }
  nodes[i] = v;
  keys[i] = key;
  pos[v] = i;
}

/**
 * Put node `v` with `key` at slot `at` of a heap of `size` entries and sift it down to its
 * place. Popping the top is: read `nodes[0]`/`keys[0]`, mark it, `size--`, then
 * `heapDown(h, size, 0, nodes[size], keys[size])` when `size > 0`.
 */
export function heapDown(h: IndexedHeap, size: number, at: number, v: number, key: number): void {
  // hot path
  const { nodes, keys, pos, tie } = h;
  const tv = tie === null ? 0 : tie[v];
  let i = at;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    let c = l;
    const r = l + 1;
    if (r < size) {
      const kr = keys[r];
      const kl = keys[l];
      if (kr < kl || (kr === kl && tie !== null && tie[nodes[r]] < tie[nodes[l]])) c = r;
    }
    const kc = keys[c];
    if (kc > key || (kc === key && (tie === null || tie[nodes[c]] >= tv))) break;
    const cn = nodes[c];
    nodes[i] = cn;
    keys[i] = kc;
    pos[cn] = i;
    i = c;
  }
  nodes[i] = v;
  keys[i] = key;
  pos[v] = i;
}

/** The heap operations as one object, to pass to kernels. */
export const HEAP_OPS: HeapOps = { up: heapUp, down: heapDown };
