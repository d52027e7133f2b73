// p-median kernels on a candidate-major cost array `c[j * n + r]` (weight × minutes, finite;
// pairs that cannot be used carry a penalty larger than any feasible total). Internal.
//
// Pieces: greedy + vertex substitution (Teitz & Bart 1968, with the fast swap evaluation of
// Whitaker 1983 / Resende & Werneck 2003), Lagrangian relaxation of the assignment
// constraints solved by subgradient optimisation (Beasley 1993; Daskin 2013 ch. 6), exact
// enumeration with a suffix-minimum bound for small p, and a depth-first branch and bound
// on the site variables with Lagrangian bounds and reduction tests (exact: every pruned
// node has a valid lower bound ≥ incumbent·(1 − tolerance)).
import { mulberry32 } from "../internal/random.js";
import { neumaierSum } from "../internal/summation.js";
import { Budget } from "./prepare.js";

export interface PMedianKernelOptions {
  seed: number;
  restarts: number;
  maxNodes: number;
  timeLimitMs?: number;
  gapTolerance: number;
  /** Largest combinations × zones for which exact enumeration is used. */
  enumerationWork: number;
  /** A feasible starting set (local indices, length p) to seed the incumbent. */
  initial?: Int32Array;
}

export interface PMedianKernelResult {
  open: Int32Array;
  value: number;
  lowerBound: number;
  proven: boolean;
  method: "exact-enumeration" | "lagrangian-heuristic" | "branch-and-bound" | "trivial";
  nodes: number;
  iterations: number;
}

/** Sum over zones of the cheapest open site's cost. */
// hot path
export function evaluateSet(c: Float64Array, n: number, open: ArrayLike<number>, k: number, scratch: Float64Array): number {
  scratch.fill(Infinity);
  for (let s = 0; s < k; s++) {
    const o = open[s] * n;
    for (let r = 0; r < n; r++) {
      const v = c[o + r];
      if (v < scratch[r]) scratch[r] = v;
    }
  }
  // scratch holds exactly n entries (callers allocate it so)
  return neumaierSum(scratch);
}

function sortedCopy(a: ArrayLike<number>): Int32Array {
  return Int32Array.from(a).sort();
}

function lexLess(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Greedy adding (Kuehn & Hamburger 1963) from the fixed sites; ties by index. */
function greedy(c: Float64Array, m: number, n: number, p: number, fixed: Int32Array): Int32Array {
  const open = new Int32Array(p);
  const isOpen = new Uint8Array(m);
  const best = new Float64Array(n).fill(Infinity);
  let k = 0;
  for (; k < fixed.length; k++) {
    open[k] = fixed[k];
    isOpen[fixed[k]] = 1;
    const o = fixed[k] * n;
    for (let r = 0; r < n; r++) if (c[o + r] < best[r]) best[r] = c[o + r];
  }
  for (; k < p; k++) {
    let bj = -1;
    let bv = Infinity;
    for (let j = 0; j < m; j++) {
      if (isOpen[j] === 1) continue;
      const o = j * n;
      let s = 0;
      for (let r = 0; r < n; r++) {
        const v = c[o + r];
        s += v < best[r] ? v : best[r];
      }
      if (s < bv) {
        bv = s;
        bj = j;
      }
    }
    open[k] = bj;
    isOpen[bj] = 1;
    const o = bj * n;
    for (let r = 0; r < n; r++) if (c[o + r] < best[r]) best[r] = c[o + r];
  }
  return open;
}

/**
 * Vertex substitution: repeatedly swap a closed candidate for the open, non-fixed site whose
 * removal costs least, while that strictly lowers the total. Improves `open` in place.
 */
function interchange(
  c: Float64Array,
  m: number,
  n: number,
  open: Int32Array,
  isFixed: Uint8Array,
  order: Int32Array,
): number {
  const p = open.length;
  const best1 = new Float64Array(n);
  const best2 = new Float64Array(n);
  const near = new Int32Array(n);
  const extra = new Float64Array(p);
  const isOpen = new Uint8Array(m);
  for (let s = 0; s < p; s++) isOpen[open[s]] = 1;
  const refresh = (): number => {
    best1.fill(Infinity);
    best2.fill(Infinity);
    for (let s = 0; s < p; s++) {
      const o = open[s] * n;
      for (let r = 0; r < n; r++) {
        const v = c[o + r];
        if (v < best1[r]) {
          best2[r] = best1[r];
          best1[r] = v;
          near[r] = s;
        } else if (v < best2[r]) best2[r] = v;
      }
    }
    let sum = 0;
    for (let r = 0; r < n; r++) sum += best1[r];
    return sum;
  };
  let value = refresh();
  let sinceImprove = 0;
  let idx = 0;
  // stop after a full pass over the candidates without an improving swap. Terminates: every
  // accepted swap strictly lowers the recomputed total (checked below), so no open set recurs,
  // and there are finitely many sets.
  while (sinceImprove < order.length) {
    const j = order[idx];
    idx = idx + 1 === order.length ? 0 : idx + 1;
    sinceImprove++;
    if (isOpen[j] === 1) continue;
    // hot path
    const o = j * n;
    let base = 0;
    extra.fill(0);
    for (let r = 0; r < n; r++) {
      const v = c[o + r];
      const b1 = best1[r];
      if (v < b1) base += v - b1;
      else extra[near[r]] += (v < best2[r] ? v : best2[r]) - b1;
    }
    let bs = -1;
    let bd = Infinity;
    for (let s = 0; s < p; s++) {
      if (isFixed[open[s]] === 1) continue;
      const d = base + extra[s];
      if (d < bd) {
        bd = d;
        bs = s;
      }
    }
    if (bs >= 0 && bd < -1e-10 * Math.max(1, Math.abs(value))) {
      const out = open[bs];
      isOpen[out] = 0;
      open[bs] = j;
      isOpen[j] = 1;
      const next = refresh();
      if (!(next < value)) {
        // the estimate promised a gain that rounding took away: undo and stop here
        isOpen[j] = 0;
        open[bs] = out;
        isOpen[out] = 1;
        return refresh();
      }
      value = next;
      sinceImprove = 0;
    }
  }
  return value;
}

function shuffle(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[k];
    a[k] = t;
  }
}

/** Greedy + interchange, then `restarts − 1` seeded random starts; best total wins (ties: lexicographic set). */
export function pMedianHeuristic(
  c: Float64Array,
  m: number,
  n: number,
  p: number,
  fixed: Int32Array,
  seed: number,
  restarts: number,
  initial?: Int32Array,
): { open: Int32Array; value: number } {
  const rng = mulberry32(seed);
  const isFixed = new Uint8Array(m);
  for (let k = 0; k < fixed.length; k++) isFixed[fixed[k]] = 1;
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (isFixed[j] === 0) free.push(j);
  let bestOpen: Int32Array | null = null;
  let bestValue = Infinity;
  const consider = (open: Int32Array, value: number): void => {
    const sorted = sortedCopy(open);
    // the first start always counts, so an overflowing (Infinity) total still leaves a set
    if (bestOpen === null || value < bestValue || (value === bestValue && lexLess(sorted, bestOpen))) {
      bestValue = value;
      bestOpen = sorted;
    }
  };
  const order = new Int32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  const starts: Int32Array[] = [greedy(c, m, n, p, fixed)];
  if (initial !== undefined) starts.push(Int32Array.from(initial));
  for (let t = 1; t < restarts; t++) {
    const pool = Int32Array.from(free);
    shuffle(pool, rng);
    const open = new Int32Array(p);
    open.set(fixed);
    open.set(pool.subarray(0, p - fixed.length), fixed.length);
    starts.push(open);
  }
  for (let t = 0; t < starts.length; t++) {
    if (t > 0) shuffle(order, rng);
    const open = starts[t];
    const value = interchange(c, m, n, open, isFixed, order);
    consider(open, value);
  }
  const open = bestOpen as unknown as Int32Array;
  return { open, value: evaluateSet(c, n, open, p, new Float64Array(n)) };
}

interface LagrangianState {
  lambda: Float64Array;
  rho: Float64Array;
  sel: Int32Array;
  order: Int32Array;
  grad: Float64Array;
  isSel: Uint8Array;
  /** Zone-major candidate lists sorted by cost: `zc[r * m + k]`, `zj[r * m + k]`. */
  zc: Float64Array;
  zj: Int32Array;
}

function sortedZoneLists(c: Float64Array, m: number, n: number): { zc: Float64Array; zj: Int32Array } {
  const zc = new Float64Array(n * m);
  const zj = new Int32Array(n * m);
  const idx = new Int32Array(m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) idx[j] = j;
    idx.sort((a, b) => c[a * n + r] - c[b * n + r] || a - b);
    for (let k = 0; k < m; k++) {
      zj[r * m + k] = idx[k];
      zc[r * m + k] = c[idx[k] * n + r];
    }
  }
  return { zc, zj };
}

interface NodeBound {
  bound: number;
  chosen: Int32Array;
  /** Free candidates sorted by rho at the best multipliers. */
  freeOrder: Int32Array;
  rho: Float64Array;
  nFree: number;
  q: number;
}

/** Insertion sort of indices by key, ties by index (nearly sorted between iterations: ~O(m)). */
function sortByKey(a: Int32Array, key: Float64Array): void {
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    const kv = key[v];
    let k = i - 1;
    while (k >= 0 && (key[a[k]] > kv || (key[a[k]] === kv && a[k] > v))) {
      a[k + 1] = a[k];
      k--;
    }
    a[k + 1] = v;
  }
}

// hot path: ρ_j = Σ_r min(0, c_jr − λ_r), reading only each zone's candidates cheaper than λ_r
function reducedCosts(st: LagrangianState, m: number, n: number): number {
  const { lambda, rho, zc, zj } = st;
  rho.fill(0);
  let lamSum = 0;
  for (let r = 0; r < n; r++) {
    const lam = lambda[r];
    lamSum += lam;
    const o = r * m;
    for (let k = 0; k < m; k++) {
      const v = zc[o + k] - lam;
      if (v >= 0) break;
      rho[zj[o + k]] += v;
    }
  }
  return lamSum;
}

/** The compact instance: `m` candidates, `n` zones, `p` sites to open, costs `c[j * n + r]`. */
interface Instance {
  readonly c: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly p: number;
}

/** Iteration limit, stopping gap and initial step factor of one subgradient run. */
interface SubgradientLimits {
  readonly maxIter: number;
  readonly tolerance: number;
  readonly beta0: number;
}

/** The best site set found so far; `offer` evaluates a set and keeps it if it is cheaper. */
class Incumbent {
  open: Int32Array;
  value: number;
  private readonly inst: Instance;
  private readonly scratch: Float64Array;

  constructor(inst: Instance, open: Int32Array, value: number) {
    this.inst = inst;
    this.open = open;
    this.value = value;
    this.scratch = new Float64Array(inst.n);
  }

  readonly offer = (set: Int32Array, k: number): void => {
    const v = evaluateSet(this.inst.c, this.inst.n, set, k, this.scratch);
    if (v < this.value) {
      this.value = v;
      this.open = sortedCopy(set.subarray(0, k));
    }
  };

  /** Keep `set` (length p, total `value` from a local search) if `value` beats the incumbent. */
  replaceIfBelow(set: Int32Array, value: number): void {
    if (value < this.value) {
      this.value = evaluateSet(this.inst.c, this.inst.n, set, this.inst.p, this.scratch);
      this.open = sortedCopy(set);
    }
  }
}

/**
 * Subgradient optimisation of the Lagrangian dual at one node (status: 1 open, −1 closed,
 * 0 free). L(λ) = Σ_r λ_r + Σ_{j open} ρ_j, ρ_j = Σ_r min(0, c_jr − λ_r), with the p sites
 * taken as the forced-open ones plus the q free ones of smallest ρ. Any λ gives a valid
 * lower bound. Feasible sets met on the way update the incumbent through `onSet`.
 */
function lagrangianBound(inst: Instance, status: Int8Array, st: LagrangianState, incumbent: Incumbent, limits: SubgradientLimits): NodeBound {
  const { m, n, p } = inst;
  const { maxIter, tolerance, beta0 } = limits;
  const upper = (): number => incumbent.value;
  const onSet = incumbent.offer;
  const { lambda, rho, sel, order, grad, isSel, zc, zj } = st;
  let nOpen = 0;
  let nFree = 0;
  for (let j = 0; j < m; j++) {
    if (status[j] === 1) sel[nOpen++] = j;
    else if (status[j] === 0) order[nFree++] = j;
  }
  const q = p - nOpen;
  const bestLambda = Float64Array.from(lambda);
  let best = -Infinity;
  let beta = beta0;
  let stall = 0;
  const freeOrder = new Int32Array(nFree);
  const prevSel = new Int32Array(p).fill(-1);
  // bounded: at most maxIter subgradient steps (3000 at the root, 150 per node)
  for (let it = 0; it < maxIter; it++) {
    const lamSum = reducedCosts(st, m, n);
    const fo = order.subarray(0, nFree);
    sortByKey(fo, rho);
    let L = lamSum;
    for (let k = 0; k < nOpen; k++) L += rho[sel[k]];
    for (let k = 0; k < q; k++) {
      sel[nOpen + k] = fo[k];
      L += rho[fo[k]];
    }
    let changed = false;
    for (let k = 0; k < p; k++) if (sel[k] !== prevSel[k]) changed = true;
    if (changed) {
      prevSel.set(sel);
      onSet(sel, p);
    }
    if (best === -Infinity || L > best + 1e-12 * Math.abs(best)) {
      best = L;
      bestLambda.set(lambda);
      freeOrder.set(fo);
      stall = 0;
    } else if (++stall >= 15) {
      beta /= 2;
      stall = 0;
    }
    const ub = upper();
    if (ub - best <= tolerance * Math.abs(ub) || beta < 1e-5) break;
    // subgradient of the relaxed assignment rows: 1 − (number of open sites cheaper than λ_r)
    isSel.fill(0);
    for (let k = 0; k < p; k++) isSel[sel[k]] = 1;
    let norm = 0;
    for (let r = 0; r < n; r++) {
      const lam = lambda[r];
      const o = r * m;
      let g = 1;
      for (let k = 0; k < m; k++) {
        if (zc[o + k] >= lam) break;
        g -= isSel[zj[o + k]];
      }
      grad[r] = g;
      norm += g * g;
    }
    if (norm === 0) break;
    const step = (beta * (ub - L)) / norm;
    for (let r = 0; r < n; r++) lambda[r] += step * grad[r];
  }
  lambda.set(bestLambda);
  reducedCosts(st, m, n);
  sortByKey(freeOrder, rho);
  const chosen = new Int32Array(p);
  chosen.set(sel.subarray(0, nOpen));
  chosen.set(freeOrder.subarray(0, q), nOpen);
  return { bound: best, chosen, freeOrder, rho: Float64Array.from(rho), nFree, q };
}

export function binomial(nn: number, kk: number): number {
  if (kk < 0 || kk > nn) return 0;
  let r = 1;
  for (let i = 1; i <= kk; i++) r = (r * (nn - kk + i)) / i;
  return Math.round(r);
}

/** Exact enumeration of the q free sites, pruning with Σ_r min(best_r, min over later sites). */
function enumerate(
  c: Float64Array,
  m: number,
  n: number,
  p: number,
  fixed: Int32Array,
  incumbent: { open: Int32Array; value: number },
): { open: Int32Array; value: number; nodes: number } {
  const isFixed = new Uint8Array(m);
  for (let k = 0; k < fixed.length; k++) isFixed[fixed[k]] = 1;
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (isFixed[j] === 0) free.push(j);
  const F = free.length;
  const q = p - fixed.length;
  // suffix minima over free candidates f..F-1
  const suffix = new Float64Array((F + 1) * n).fill(Infinity);
  for (let f = F - 1; f >= 0; f--) {
    const o = free[f] * n;
    const so = f * n;
    const no = (f + 1) * n;
    for (let r = 0; r < n; r++) {
      const v = c[o + r];
      const w = suffix[no + r];
      suffix[so + r] = v < w ? v : w;
    }
  }
  const levels = new Float64Array((q + 1) * n).fill(Infinity);
  for (let k = 0; k < fixed.length; k++) {
    const o = fixed[k] * n;
    for (let r = 0; r < n; r++) if (c[o + r] < levels[r]) levels[r] = c[o + r];
  }
  let bestValue = incumbent.value;
  let bestOpen = incumbent.open;
  const pick = new Int32Array(q);
  let nodes = 0;
  const tieTol = 1e-12;
  const recurse = (level: number, start: number): void => {
    const lo = level * n;
    if (level === q - 1) {
      // hot path: leaf sites
      for (let f = start; f < F; f++) {
        const o = free[f] * n;
        let s = 0;
        for (let r = 0; r < n; r++) {
          const v = c[o + r];
          const b = levels[lo + r];
          s += v < b ? v : b;
        }
        nodes++;
        if (s <= bestValue * (1 + tieTol)) {
          pick[level] = free[f];
          const set = new Int32Array(p);
          set.set(fixed);
          set.set(pick, fixed.length);
          set.sort();
          if (s < bestValue * (1 - tieTol) || lexLess(set, bestOpen)) {
            bestValue = Math.min(s, bestValue);
            bestOpen = set;
          }
        }
      }
      return;
    }
    for (let f = start; f <= F - (q - level); f++) {
      const o = free[f] * n;
      const no = (level + 1) * n;
      // bound for this subtree: current + this site + every later site open
      const so = (f + 1) * n;
      let bound = 0;
      for (let r = 0; r < n; r++) {
        const v = c[o + r];
        const b = levels[lo + r];
        const nv = v < b ? v : b;
        levels[no + r] = nv;
        const sv = suffix[so + r];
        bound += sv < nv ? sv : nv;
      }
      nodes++;
      if (bound > bestValue * (1 + tieTol)) continue;
      pick[level] = free[f];
      recurse(level + 1, f + 1);
    }
  };
  if (q > 0) recurse(0, 0);
  return { open: bestOpen, value: bestValue, nodes };
}

/** All sites fixed (q = 0) or every candidate needed (q = F): nothing to choose. */
function trivialSolution(inst: Instance, fixed: Int32Array, q: number): PMedianKernelResult {
  const { c, m, n, p } = inst;
  const open = new Int32Array(p);
  if (q === 0) open.set(fixed);
  else for (let j = 0; j < m; j++) open[j] = j;
  const value = evaluateSet(c, n, open, p, new Float64Array(n));
  return { open, value, lowerBound: value, proven: true, method: "trivial", nodes: 0, iterations: 0 };
}

/** The Lagrangian working arrays, λ starting at each zone's second-cheapest cost (a common warm start, Daskin 2013 §6.3). */
function initialLagrangianState(inst: Instance): LagrangianState {
  const { c, m, n, p } = inst;
  const st: LagrangianState = {
    lambda: new Float64Array(n),
    rho: new Float64Array(m),
    sel: new Int32Array(p),
    order: new Int32Array(m),
    grad: new Float64Array(n),
    isSel: new Uint8Array(m),
    ...sortedZoneLists(c, m, n),
  };
  for (let r = 0; r < n; r++) {
    let b1 = Infinity;
    let b2 = Infinity;
    for (let j = 0; j < m; j++) {
      const v = c[j * n + r];
      if (v < b1) {
        b2 = b1;
        b1 = v;
      } else if (v < b2) b2 = v;
    }
    st.lambda[r] = b2 === Infinity ? b1 : b2;
  }
  return st;
}

/** Local search from the Lagrangian site set, which can close the gap further. */
function polishFromRelaxation(inst: Instance, fixed: Int32Array, chosen: Int32Array, best: Incumbent): void {
  const { c, m, n } = inst;
  const isFixed = new Uint8Array(m);
  for (let k = 0; k < fixed.length; k++) isFixed[fixed[k]] = 1;
  const order = new Int32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  const open = Int32Array.from(chosen);
  const v = interchange(c, m, n, open, isFixed, order);
  best.replaceIfBelow(open, v);
}

/** One open node of the branch and bound: site statuses (1 open, −1 closed, 0 free), warm multipliers, parent bound. */
interface BranchNode {
  status: Int8Array;
  lambda: Float64Array;
  parentBound: number;
}

/** What the branch and bound shares between nodes. */
interface BranchSearch {
  readonly inst: Instance;
  readonly st: LagrangianState;
  readonly best: Incumbent;
  readonly tol: number;
  readonly stack: BranchNode[];
  minPruned: number;
  nodes: number;
  iterations: number;
}

/** Reduction tests (Beasley 1993): fix a free site when forcing it the other way costs at least the cutoff. */
function fixByReduction(nb: NodeBound, status: Int8Array, cutoff: number): void {
  const { freeOrder, rho, nFree, q: qq } = nb;
  if (!(qq > 0 && qq < nFree)) return;
  const lastIn = rho[freeOrder[qq - 1]];
  const firstOut = rho[freeOrder[qq]];
  for (let k = 0; k < nFree; k++) {
    const j = freeOrder[k];
    if (k < qq) {
      if (nb.bound - rho[j] + firstOut >= cutoff) status[j] = 1;
    } else if (nb.bound - lastIn + rho[j] >= cutoff) status[j] = -1;
  }
}

/** The most attractive free site of the relaxed solution (else the first free one by ρ). */
function branchingSite(nb: NodeBound, status: Int8Array): number {
  for (let k = 0; k < nb.chosen.length; k++) {
    const j = nb.chosen[k];
    if (status[j] === 0) return j;
  }
  return nb.freeOrder.find((j) => status[j] === 0) as number;
}

/** Bound one node; prune it, close it as a leaf, or push its two children. */
function expandNode(search: BranchSearch, node: BranchNode): void {
  const { inst, st, best, tol } = search;
  const { m, p } = inst;
  const cutoff = (): number => best.value - tol * Math.abs(best.value);
  if (node.parentBound >= cutoff()) {
    search.minPruned = Math.min(search.minPruned, node.parentBound);
    return;
  }
  st.lambda.set(node.lambda);
  const status = node.status;
  const nb = lagrangianBound(inst, status, st, best, { maxIter: 150, tolerance: tol, beta0: 2 });
  search.iterations++;
  const bound = Math.max(nb.bound, node.parentBound);
  if (bound >= cutoff()) {
    search.minPruned = Math.min(search.minPruned, bound);
    return;
  }
  fixByReduction(nb, status, cutoff());
  let nOpen = 0;
  let nFreeNow = 0;
  for (let j = 0; j < m; j++) {
    if (status[j] === 1) nOpen++;
    else if (status[j] === 0) nFreeNow++;
  }
  if (nOpen > p || nOpen + nFreeNow < p) {
    search.minPruned = Math.min(search.minPruned, best.value);
    return;
  }
  if (nOpen === p || nOpen + nFreeNow === p) {
    const set = new Int32Array(p);
    let k = 0;
    for (let j = 0; j < m; j++) if (status[j] === 1 || (nOpen < p && status[j] === 0)) set[k++] = j;
    best.offer(set, p);
    return;
  }
  const bj = branchingSite(nb, status);
  const closed = Int8Array.from(status);
  closed[bj] = -1;
  const opened = Int8Array.from(status);
  opened[bj] = 1;
  const lam = Float64Array.from(st.lambda);
  search.stack.push({ status: closed, lambda: lam, parentBound: bound });
  search.stack.push({ status: opened, lambda: lam, parentBound: bound });
}

/** Depth-first branch and bound on the site variables, from the root relaxation. */
function branchAndBound(
  search: BranchSearch,
  rootBound: number,
  budget: Budget,
): { lower: number; proven: boolean } {
  const { best, tol, stack } = search;
  let aborted = false;
  // terminates: every node ticks the budget (maxNodes, timeLimitMs); stopped early, the bound is stated
  while (stack.length > 0) {
    if (!budget.tick()) {
      aborted = true;
      break;
    }
    const node = stack.pop() as BranchNode;
    search.nodes++;
    expandNode(search, node);
  }
  const upper = best.value;
  let lower: number;
  if (aborted) {
    lower = Math.min(upper, search.minPruned);
    for (const node of stack) lower = Math.min(lower, node.parentBound);
    lower = Math.max(lower, rootBound);
  } else {
    lower = Math.max(rootBound, Math.min(upper, search.minPruned));
  }
  lower = Math.min(lower, upper);
  return { lower, proven: upper - lower <= tol * Math.abs(upper) };
}

/** Solve p-median on the compact cost array. */
export function solvePMedianKernel(
  c: Float64Array,
  m: number,
  n: number,
  p: number,
  fixed: Int32Array,
  opts: PMedianKernelOptions,
): PMedianKernelResult {
  const inst: Instance = { c, m, n, p };
  const q = p - fixed.length;
  const F = m - fixed.length;
  if (q === 0 || q === F) return trivialSolution(inst, fixed, q);
  const combos = binomial(F, q);
  const enumerable = combos * n <= opts.enumerationWork;
  const heur = pMedianHeuristic(c, m, n, p, fixed, opts.seed, enumerable ? 1 : opts.restarts, opts.initial);
  if (enumerable) {
    const res = enumerate(c, m, n, p, fixed, heur);
    const value = evaluateSet(c, n, res.open, p, new Float64Array(n));
    return { open: res.open, value, lowerBound: value, proven: true, method: "exact-enumeration", nodes: res.nodes, iterations: 0 };
  }
  const best = new Incumbent(inst, heur.open, heur.value);
  const tol = opts.gapTolerance;
  const st = initialLagrangianState(inst);
  const rootStatus = new Int8Array(m);
  for (let k = 0; k < fixed.length; k++) rootStatus[fixed[k]] = 1;
  const root = lagrangianBound(inst, rootStatus, st, best, { maxIter: 3000, tolerance: tol, beta0: 2 });
  polishFromRelaxation(inst, fixed, root.chosen, best);
  if (best.value - root.bound <= tol * Math.abs(best.value)) {
    const lowerBound = Math.min(root.bound, best.value);
    return { open: best.open, value: best.value, lowerBound, proven: true, method: "lagrangian-heuristic", nodes: 1, iterations: 0 };
  }
  const search: BranchSearch = {
    inst,
    st,
    best,
    tol,
    stack: [{ status: rootStatus, lambda: Float64Array.from(st.lambda), parentBound: root.bound }],
    minPruned: Infinity,
    nodes: 0,
    iterations: 0,
  };
  const { lower, proven } = branchAndBound(search, root.bound, new Budget(opts.maxNodes, opts.timeLimitMs));
  return { open: best.open, value: best.value, lowerBound: lower, proven, method: "branch-and-bound", nodes: search.nodes, iterations: search.iterations };
}
