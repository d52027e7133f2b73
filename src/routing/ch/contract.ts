// Internal: contraction hierarchy preprocessing (Geisberger, Sanders, Schultes & Delling 2008)
// over a compiled graph. Node order by a priority queue on 2 × edge difference + deleted
// neighbours with lazy updates (re-simulating every neighbour after each contraction cost 2.4×
// the time on Kent & Medway for the same shortcut count); bounded witness searches;
// every shortcut keeps its two child edges (its middle node is the first child's target), so a
// route over shortcuts unpacks to original CSR edges.
import type { CompiledGraph } from "../compile.js";
import { createIndexedHeap, heapDown, heapUp, type IndexedHeap } from "../internal/heap.js";

/**
 * A contraction hierarchy. Nodes are renumbered by descending rank (`id 0` = contracted last),
 * so the PHAST sweep visits ids 0..n-1 in memory order. Every CH edge is stored once, at its
 * lower-ranked end: `up*` holds x → y with rank y > rank x at x, `down*` holds y → x with
 * rank y > rank x at x (the `Sources` are the higher ends). Memory: `(n + 1) × 8 + n × 8`
 * bytes of offsets and maps plus 16 bytes per CH edge in the CSRs and 24 per CH edge for
 * unpacking (`edge*`).
 */
export interface ContractionHierarchy {
  readonly n: number;
  /** CH id of each compiled node index. */
  readonly chId: Int32Array;
  /** Compiled node index of each CH id. */
  readonly nodeOf: Int32Array;
  readonly upOffsets: Int32Array;
  readonly upTargets: Int32Array;
  readonly upWeights: Float64Array;
  readonly upEdge: Int32Array;
  readonly downOffsets: Int32Array;
  readonly downSources: Int32Array;
  readonly downWeights: Float64Array;
  readonly downEdge: Int32Array;
  /** Per CH edge: its first and second child edge (-1 for an original edge). */
  readonly edgeFirst: Int32Array;
  readonly edgeSecond: Int32Array;
  /** Per CH edge: the compiled CSR edge it stands for (-1 for a shortcut). */
  readonly edgeCsr: Int32Array;
  readonly shortcuts: number;
  readonly originalEdges: number;
}

/** Witness-search limits: settled nodes per search when simulating and when contracting. */
export interface ContractOptions {
  readonly simulateSettled: number;
  readonly contractSettled: number;
}

export const DEFAULT_CONTRACT_OPTIONS: ContractOptions = { simulateSettled: 30, contractSettled: 200 };

/** Adjacency lists of edge ids per node, as blocks in one growable pool. */
interface Lists {
  start: Int32Array;
  len: Int32Array;
  cap: Int32Array;
  pool: Int32Array;
  top: number;
}

interface State {
  readonly n: number;
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  first: Int32Array;
  second: Int32Array;
  csr: Int32Array;
  edges: number;
  readonly out: Lists;
  readonly inc: Lists;
  readonly contracted: Uint8Array;
  readonly deleted: Int32Array;
  // witness search scratch
  readonly dist: Float64Array;
  readonly touched: Int32Array;
  readonly heapNodes: Int32Array;
  readonly heapKeys: Float64Array;
  readonly pos: Int32Array;
  /** The three arrays above as one heap. */
  readonly heap: IndexedHeap;
  readonly targetMark: Int32Array;
  stamp: number;
  // pending shortcuts of one contraction
  scFrom: Int32Array;
  scTo: Int32Array;
  scWeight: Float64Array;
  scFirst: Int32Array;
  scSecond: Int32Array;
  scCount: number;
}

function makeLists(n: number, degree: (v: number) => number): Lists {
  const start = new Int32Array(n);
  const cap = new Int32Array(n);
  let top = 0;
  for (let v = 0; v < n; v++) {
    const c = Math.max(2, degree(v));
    start[v] = top;
    cap[v] = c;
    top += c;
  }
  return { start, len: new Int32Array(n), cap, pool: new Int32Array(Math.max(16, top + (top >> 1))), top };
}

function listPush(l: Lists, v: number, e: number): void {
  if (l.len[v] === l.cap[v]) {
    const cap = l.cap[v] * 2;
    if (l.top + cap > l.pool.length) {
      const grown = new Int32Array(Math.max(l.pool.length * 2, l.top + cap));
      grown.set(l.pool.subarray(0, l.top));
      l.pool = grown;
    }
    l.pool.copyWithin(l.top, l.start[v], l.start[v] + l.len[v]);
    l.start[v] = l.top;
    l.cap[v] = cap;
    l.top += cap;
  }
  l.pool[l.start[v] + l.len[v]++] = e;
}

function listRemove(l: Lists, v: number, e: number): void {
  const s = l.start[v];
  const last = s + l.len[v] - 1;
  for (let i = s; i <= last; i++) {
    if (l.pool[i] === e) {
      l.pool[i] = l.pool[last];
      l.len[v]--;
      return;
    }
  }
}

function growEdges(st: State): void {
  const cap = st.from.length * 2;
  const gi = (a: Int32Array): Int32Array => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  st.from = gi(st.from);
  st.to = gi(st.to);
  st.first = gi(st.first);
  st.second = gi(st.second);
  st.csr = gi(st.csr);
  const w = new Float64Array(cap);
  w.set(st.weight);
  st.weight = w;
}

/** Add edge u → w, or lower the weight of the existing one (parallel edges keep the minimum). */
function addEdge(st: State, u: number, w: number, weight: number, first: number, second: number, csr: number): void {
  const out = st.out;
  for (let i = out.start[u], end = i + out.len[u]; i < end; i++) {
    const e = out.pool[i];
    if (st.to[e] !== w) continue;
    if (weight < st.weight[e]) {
      st.weight[e] = weight;
      st.first[e] = first;
      st.second[e] = second;
      st.csr[e] = csr;
    }
    return;
  }
  if (st.edges === st.from.length) growEdges(st);
  const e = st.edges++;
  st.from[e] = u;
  st.to[e] = w;
  st.weight[e] = weight;
  st.first[e] = first;
  st.second[e] = second;
  st.csr[e] = csr;
  listPush(out, u, e);
  listPush(st.inc, w, e);
}

function initState(c: CompiledGraph): State {
  const n = c.n;
  const m = Math.max(16, c.m * 2);
  const outDeg = (v: number): number => c.offsets[v + 1] - c.offsets[v];
  const inDeg = (v: number): number => c.rOffsets[v + 1] - c.rOffsets[v];
  const heap = createIndexedHeap(n);
  const st: State = {
    n,
    from: new Int32Array(m),
    to: new Int32Array(m),
    weight: new Float64Array(m),
    first: new Int32Array(m),
    second: new Int32Array(m),
    csr: new Int32Array(m),
    edges: 0,
    out: makeLists(n, outDeg),
    inc: makeLists(n, inDeg),
    contracted: new Uint8Array(n),
    deleted: new Int32Array(n),
    dist: new Float64Array(n).fill(Infinity),
    touched: new Int32Array(n),
    heapNodes: heap.nodes,
    heapKeys: heap.keys,
    pos: heap.pos,
    heap,
    targetMark: new Int32Array(n),
    stamp: 0,
    scFrom: new Int32Array(64),
    scTo: new Int32Array(64),
    scWeight: new Float64Array(64),
    scFirst: new Int32Array(64),
    scSecond: new Int32Array(64),
    scCount: 0,
  };
  for (let v = 0; v < n; v++) {
    for (let e = c.offsets[v], end = c.offsets[v + 1]; e < end; e++) {
      const w = c.targets[e];
      // a self-loop never shortens a trip with non-negative weights
      if (w !== v) addEdge(st, v, w, c.minutes[e], -1, -1, e);
    }
  }
  return st;
}

/**
 * Bounded Dijkstra from `source` over uncontracted nodes, skipping `avoid`, until every marked
 * target is settled, the distance passes `maxDist`, or `limit` nodes are settled. Leaves
 * distances in `st.dist` (tentative ones are upper bounds); returns the touched count.
 */
function witnessSearch(st: State, source: number, avoid: number, maxDist: number, limit: number, nTargets: number): number {
  // hot path
  const { dist, touched, heapNodes, heapKeys, pos, targetMark, contracted, weight, to } = st;
  const h = st.heap;
  const pool = st.out.pool;
  const oStart = st.out.start;
  const oLen = st.out.len;
  const stamp = st.stamp;
  let nt = 0;
  let size = 1;
  let settled = 0;
  let remaining = nTargets;
  dist[source] = 0;
  touched[nt++] = source;
  heapNodes[0] = source;
  heapKeys[0] = 0;
  pos[source] = 0;
  // bounded: at most `limit` settled nodes (the witness budget), each settled once
  while (size > 0 && settled < limit && remaining > 0) {
    const v = heapNodes[0];
    const d = heapKeys[0];
    if (d > maxDist) break;
    pos[v] = -2;
    settled++;
    if (targetMark[v] === stamp) remaining--;
    size--;
    if (size > 0) heapDown(h, size, 0, heapNodes[size], heapKeys[size]);
    for (let i = oStart[v], end = i + oLen[v]; i < end; i++) {
      const e = pool[i];
      const w = to[e];
      if (w === avoid || contracted[w] === 1) continue;
      const pw = pos[w];
      if (pw === -2) continue;
      const t = d + weight[e];
      if (t > maxDist || !(t < dist[w])) continue;
      if (dist[w] === Infinity) touched[nt++] = w;
      dist[w] = t;
      heapUp(h, pw === -1 ? size++ : pw, w, t);
    }
  }
  return nt;
}

function resetWitness(st: State, nt: number): void {
  for (let k = 0; k < nt; k++) {
    const x = st.touched[k];
    st.dist[x] = Infinity;
    st.pos[x] = -1;
  }
}

function pushShortcut(st: State, u: number, w: number, weight: number, e1: number, e2: number): void {
  if (st.scCount === st.scFrom.length) {
    const cap = st.scCount * 2;
    const gi = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    st.scFrom = gi(st.scFrom);
    st.scTo = gi(st.scTo);
    st.scFirst = gi(st.scFirst);
    st.scSecond = gi(st.scSecond);
    const b = new Float64Array(cap);
    b.set(st.scWeight);
    st.scWeight = b;
  }
  const k = st.scCount++;
  st.scFrom[k] = u;
  st.scTo[k] = w;
  st.scWeight[k] = weight;
  st.scFirst[k] = e1;
  st.scSecond[k] = e2;
}

/**
 * The shortcuts contracting v needs: u → v → w for every in-neighbour u and out-neighbour
 * w ≠ u with no witness path u ⇝ w avoiding v of at most the same minutes. With `record`,
 * they are collected in `st.sc*`; returns their count.
 */
function shortcutsFor(st: State, v: number, limit: number, record: boolean): number {
  const { inc, out, from, to, weight, dist, targetMark } = st;
  st.scCount = 0;
  let count = 0;
  const oS = out.start[v];
  const oE = oS + out.len[v];
  for (let i = inc.start[v], iEnd = i + inc.len[v]; i < iEnd; i++) {
    const e1 = inc.pool[i];
    const u = from[e1];
    const w1 = weight[e1];
    let maxDist = -Infinity;
    const stamp = ++st.stamp;
    let nTargets = 0;
    for (let j = oS; j < oE; j++) {
      const e2 = out.pool[j];
      const w = to[e2];
      if (w === u) continue;
      if (targetMark[w] !== stamp) {
        targetMark[w] = stamp;
        nTargets++;
      }
      const t = w1 + weight[e2];
      if (t > maxDist) maxDist = t;
    }
    if (nTargets === 0) continue;
    const nt = witnessSearch(st, u, v, maxDist, limit, nTargets);
    for (let j = oS; j < oE; j++) {
      const e2 = out.pool[j];
      const w = to[e2];
      if (w === u) continue;
      const t = w1 + weight[e2];
      if (dist[w] <= t) continue;
      count++;
      if (record) pushShortcut(st, u, w, t, e1, e2);
    }
    resetWitness(st, nt);
  }
  return count;
}

function priority(st: State, v: number, limit: number): number {
  const added = shortcutsFor(st, v, limit, false);
  const ed = added - st.inc.len[v] - st.out.len[v];
  return 2 * ed + st.deleted[v];
}

/** Contract v: add its shortcuts and detach it from its (higher-ranked) neighbours. */
function contractNode(st: State, v: number, limit: number): void {
  shortcutsFor(st, v, limit, true);
  for (let k = 0; k < st.scCount; k++) addEdge(st, st.scFrom[k], st.scTo[k], st.scWeight[k], st.scFirst[k], st.scSecond[k], -1);
  st.contracted[v] = 1;
  const { out, inc } = st;
  for (let i = out.start[v], end = i + out.len[v]; i < end; i++) {
    const e = out.pool[i];
    listRemove(inc, st.to[e], e);
    st.deleted[st.to[e]]++;
  }
  for (let i = inc.start[v], end = i + inc.len[v]; i < end; i++) {
    const e = inc.pool[i];
    listRemove(out, st.from[e], e);
    st.deleted[st.from[e]]++;
  }
}

/** Indexed min-heap of nodes by (priority, node id), for the contraction order. */
class NodeQueue {
  private readonly h: IndexedHeap;
  size = 0;
  constructor(n: number) {
    this.h = createIndexedHeap(n, Int32Array.from({ length: n }, (_, v) => v));
  }
  /** Queue v with `key`, or move it there (the key may have risen or fallen). */
  set(v: number, key: number): void {
    const at = this.h.pos[v];
    if (at < 0) {
      heapUp(this.h, this.size++, v, key);
      return;
    }
    heapUp(this.h, at, v, key);
    heapDown(this.h, this.size, this.h.pos[v], v, key);
  }
  topKey(): number {
    return this.h.keys[0];
  }
  has(v: number): boolean {
    return this.h.pos[v] >= 0;
  }
  pop(): number {
    const { nodes, keys, pos } = this.h;
    const v = nodes[0];
    pos[v] = -2;
    const size = --this.size;
    if (size > 0) heapDown(this.h, size, 0, nodes[size], keys[size]);
    return v;
  }
}

/**
 * Contract every node of `c` (in priority order) and build the hierarchy. Deterministic: the
 * same compiled graph always gives the same order and shortcuts. Terminates after n
 * contractions; each witness search settles at most `options.*Settled` nodes.
 */
export function contractGraph(c: CompiledGraph, options: ContractOptions = DEFAULT_CONTRACT_OPTIONS): ContractionHierarchy {
  const st = initState(c);
  const n = st.n;
  const originalEdges = st.edges;
  const queue = new NodeQueue(n);
  for (let v = 0; v < n; v++) queue.set(v, priority(st, v, options.simulateSettled));
  const rankOrder = new Int32Array(n);
  let r = 0;
  let lazy = 0;
  while (r < n) {
    const v = queue.pop();
    // lazy update: a node whose priority rose since it was queued goes back (at most
    // queue-size times in a row, so the loop always advances)
    if (queue.size > 0 && lazy <= queue.size) {
      const p = priority(st, v, options.simulateSettled);
      if (p > queue.topKey()) {
        queue.set(v, p);
        lazy++;
        continue;
      }
    }
    lazy = 0;
    rankOrder[r++] = v;
    contractNode(st, v, options.contractSettled);
  }
  return buildHierarchy(st, rankOrder, originalEdges);
}

/** Lay the contracted edges out as up/down CSRs keyed by CH id (descending rank). */
function buildHierarchy(st: State, rankOrder: Int32Array, originalEdges: number): ContractionHierarchy {
  const n = st.n;
  const chId = new Int32Array(n);
  const nodeOf = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const id = n - 1 - r;
    chId[rankOrder[r]] = id;
    nodeOf[id] = rankOrder[r];
  }
  const upOffsets = new Int32Array(n + 1);
  const downOffsets = new Int32Array(n + 1);
  // at contraction time a node's remaining lists hold exactly its edges to higher ranks
  for (let id = 0; id < n; id++) {
    const v = nodeOf[id];
    upOffsets[id + 1] = upOffsets[id] + st.out.len[v];
    downOffsets[id + 1] = downOffsets[id] + st.inc.len[v];
  }
  const upTargets = new Int32Array(upOffsets[n]);
  const upWeights = new Float64Array(upOffsets[n]);
  const upEdge = new Int32Array(upOffsets[n]);
  const downSources = new Int32Array(downOffsets[n]);
  const downWeights = new Float64Array(downOffsets[n]);
  const downEdge = new Int32Array(downOffsets[n]);
  for (let id = 0; id < n; id++) {
    const v = nodeOf[id];
    let k = upOffsets[id];
    for (let i = st.out.start[v], end = i + st.out.len[v]; i < end; i++, k++) {
      const e = st.out.pool[i];
      upTargets[k] = chId[st.to[e]];
      upWeights[k] = st.weight[e];
      upEdge[k] = e;
    }
    k = downOffsets[id];
    for (let i = st.inc.start[v], end = i + st.inc.len[v]; i < end; i++, k++) {
      const e = st.inc.pool[i];
      downSources[k] = chId[st.from[e]];
      downWeights[k] = st.weight[e];
      downEdge[k] = e;
    }
  }
  return {
    n,
    chId,
    nodeOf,
    upOffsets,
    upTargets,
    upWeights,
    upEdge,
    downOffsets,
    downSources,
    downWeights,
    downEdge,
    edgeFirst: st.first.slice(0, st.edges),
    edgeSecond: st.second.slice(0, st.edges),
    edgeCsr: st.csr.slice(0, st.edges),
    shortcuts: st.edges - originalEdges,
    originalEdges,
  };
}

/** Typed-array bytes held by a hierarchy. */
export function hierarchyBytes(h: ContractionHierarchy): number {
  let b = 0;
  for (const a of [h.chId, h.nodeOf, h.upOffsets, h.upTargets, h.upWeights, h.upEdge, h.downOffsets, h.downSources, h.downWeights, h.downEdge, h.edgeFirst, h.edgeSecond, h.edgeCsr]) {
    b += a.byteLength;
  }
  return b;
}

/** Append the compiled CSR edges CH edge `e` stands for, in travel order (iterative unpacking). */
export function unpackEdge(h: ContractionHierarchy, e: number, out: number[]): void {
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (h.edgeFirst[x] < 0) out.push(h.edgeCsr[x]);
    else {
      stack.push(h.edgeSecond[x]);
      stack.push(h.edgeFirst[x]);
    }
  }
}
