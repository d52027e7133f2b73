// Covering kernels: exact set-cover decision by branch and bound, and maximal coverage by
// branch and bound with a submodular bound. Internal; indices only.
import { Budget } from "./prepare.js";

/** Which zones each candidate covers, and which candidates cover each zone (CSR). */
export interface Coverage {
  m: number;
  n: number;
  candStart: Int32Array;
  candZones: Int32Array;
  zoneStart: Int32Array;
  zoneCands: Int32Array;
}

/** Pairs with `dist[j * n + r] <= radius` (candidate-major distances). */
export function buildCoverage(dist: Float64Array, m: number, n: number, radius: number): Coverage {
  const candStart = new Int32Array(m + 1);
  const zoneCount = new Int32Array(n);
  let total = 0;
  for (let j = 0; j < m; j++) {
    candStart[j] = total;
    const o = j * n;
    for (let r = 0; r < n; r++) {
      if (dist[o + r] <= radius) {
        total++;
        zoneCount[r]++;
      }
    }
  }
  candStart[m] = total;
  const candZones = new Int32Array(total);
  const zoneStart = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) zoneStart[r + 1] = zoneStart[r] + zoneCount[r];
  const fill = zoneStart.slice(0, n);
  const zoneCands = new Int32Array(total);
  let k = 0;
  for (let j = 0; j < m; j++) {
    const o = j * n;
    for (let r = 0; r < n; r++) {
      if (dist[o + r] <= radius) {
        candZones[k++] = r;
        zoneCands[fill[r]++] = j;
      }
    }
  }
  return { m, n, candStart, candZones, zoneStart, zoneCands };
}

export type CoverOutcome = { status: "found"; open: number[] } | { status: "none" } | { status: "unknown" };

/**
 * Can at most `k` more sites (not `banned`) cover every zone with `need[r] = 1` not yet covered
 * by `open0`? Exact depth-first search: branch on the uncovered zone with fewest covering
 * candidates (every cover must contain one of them), ban a candidate once its branch is
 * exhausted, and prune when k × (largest remaining gain) < uncovered zones.
 */
export function coverDecision(cov: Coverage, need: Uint8Array, open0: readonly number[], k: number, budget: Budget): CoverOutcome {
  const { m, n, candStart, candZones, zoneStart, zoneCands } = cov;
  const count = new Int32Array(n);
  const banned = new Uint8Array(m);
  let uncovered = 0;
  const add = (j: number, delta: number): void => {
    for (let e = candStart[j]; e < candStart[j + 1]; e++) {
      const r = candZones[e];
      if (need[r] === 0) continue;
      if (delta > 0 && count[r] === 0) uncovered--;
      count[r] += delta;
      if (delta < 0 && count[r] === 0) uncovered++;
    }
  };
  for (let r = 0; r < n; r++) if (need[r] === 1) uncovered++;
  for (const j of open0) {
    add(j, 1);
    banned[j] = 1;
  }
  const picked: number[] = [];
  const gain = new Int32Array(m);
  let aborted = false;
  // terminates: every inner node ticks the budget; the depth is at most k
  const dfs = (left: number): boolean => {
    if (uncovered === 0) return true;
    if (left === 0) return false;
    if (!budget.tick()) {
      aborted = true;
      return false;
    }
    if (left === 1) {
      // one site must cover every uncovered zone: try the options of the first uncovered zone
      // (one exists: uncovered > 0 above, so the scan below stops inside the array)
      let r0 = 0;
      while (need[r0] === 0 || count[r0] > 0) r0++;
      for (let e = zoneStart[r0]; e < zoneStart[r0 + 1]; e++) {
        const j = zoneCands[e];
        if (banned[j] === 1) continue;
        let g = 0;
        for (let f = candStart[j]; f < candStart[j + 1]; f++) {
          const r = candZones[f];
          if (need[r] === 1 && count[r] === 0) g++;
        }
        if (g === uncovered) {
          add(j, 1);
          picked.push(j);
          return true;
        }
      }
      return false;
    }
    // hot path: gains of the allowed candidates and the most constrained zone
    let maxGain = 0;
    for (let j = 0; j < m; j++) {
      if (banned[j] === 1) {
        gain[j] = 0;
        continue;
      }
      let g = 0;
      for (let e = candStart[j]; e < candStart[j + 1]; e++) {
        const r = candZones[e];
        if (need[r] === 1 && count[r] === 0) g++;
      }
      gain[j] = g;
      if (g > maxGain) maxGain = g;
    }
    if (maxGain * left < uncovered) return false;
    let bz = -1;
    let bc = Infinity;
    for (let r = 0; r < n; r++) {
      if (need[r] === 0 || count[r] > 0) continue;
      let c = 0;
      for (let e = zoneStart[r]; e < zoneStart[r + 1]; e++) if (banned[zoneCands[e]] === 0) c++;
      if (c < bc) {
        bc = c;
        bz = r;
        if (c <= 1) break;
      }
    }
    if (bc === 0) return false;
    const options: number[] = [];
    for (let e = zoneStart[bz]; e < zoneStart[bz + 1]; e++) if (banned[zoneCands[e]] === 0) options.push(zoneCands[e]);
    options.sort((a, b) => gain[b] - gain[a] || a - b);
    const newlyBanned: number[] = [];
    let ok = false;
    for (const j of options) {
      add(j, 1);
      banned[j] = 1;
      picked.push(j);
      if (dfs(left - 1)) {
        ok = true;
        break;
      }
      picked.pop();
      add(j, -1);
      newlyBanned.push(j);
      if (aborted) break;
    }
    if (!ok) for (const j of newlyBanned) banned[j] = 0;
    return ok;
  };
  const found = dfs(k);
  if (found) return { status: "found", open: [...open0, ...picked].sort((a, b) => a - b) };
  return aborted ? { status: "unknown" } : { status: "none" };
}

/** Greedy set cover (Chvátal 1979): most newly covered zones first, ties by index. */
export function greedyCover(cov: Coverage, need: Uint8Array, open0: readonly number[]): number[] | null {
  // terminates: each round opens one more candidate covering at least one new zone, or returns
  const { m, n, candStart, candZones } = cov;
  const covered = new Uint8Array(n);
  let left = 0;
  for (let r = 0; r < n; r++) if (need[r] === 1) left++;
  const open = [...open0];
  const mark = (j: number): void => {
    for (let e = candStart[j]; e < candStart[j + 1]; e++) {
      const r = candZones[e];
      if (need[r] === 1 && covered[r] === 0) {
        covered[r] = 1;
        left--;
      }
    }
  };
  const isOpen = new Uint8Array(m);
  for (const j of open0) {
    mark(j);
    isOpen[j] = 1;
  }
  while (left > 0) {
    let bj = -1;
    let bg = 0;
    for (let j = 0; j < m; j++) {
      if (isOpen[j] === 1) continue;
      let g = 0;
      for (let e = candStart[j]; e < candStart[j + 1]; e++) {
        const r = candZones[e];
        if (need[r] === 1 && covered[r] === 0) g++;
      }
      if (g > bg) {
        bg = g;
        bj = j;
      }
    }
    if (bj < 0) return null;
    isOpen[bj] = 1;
    open.push(bj);
    mark(bj);
  }
  return open.sort((a, b) => a - b);
}

/** Zones covered by an open set, counted with multiplicity, and the weight they carry. */
class CoverCount {
  value = 0;
  private readonly count: Int32Array;
  private readonly cov: Coverage;
  private readonly weight: Float64Array;

  constructor(cov: Coverage, weight: Float64Array) {
    this.cov = cov;
    this.weight = weight;
    this.count = new Int32Array(cov.n);
  }

  add(j: number): void {
    const { candStart, candZones } = this.cov;
    for (let e = candStart[j]; e < candStart[j + 1]; e++) {
      const r = candZones[e];
      if (this.count[r]++ === 0) this.value += this.weight[r];
    }
  }

  remove(j: number): void {
    const { candStart, candZones } = this.cov;
    for (let e = candStart[j]; e < candStart[j + 1]; e++) {
      const r = candZones[e];
      if (--this.count[r] === 0) this.value -= this.weight[r];
    }
  }

  /** Weight that opening `j` would add. */
  gainOf(j: number): number {
    const { candStart, candZones } = this.cov;
    let g = 0;
    for (let e = candStart[j]; e < candStart[j + 1]; e++) {
      const r = candZones[e];
      if (this.count[r] === 0) g += this.weight[r];
    }
    return g;
  }
}

/** Most rounds of improving 1-swaps for the maximal-coverage incumbent. */
function maxSwapRounds(candidates: number, q: number): number {
  return 4 * (candidates + q) + 16;
}

/** Incumbent: greedy by gain, then 1-swaps while they improve. Leaves the chosen sites added to `cover`. */
function greedyWithSwaps(cover: CoverCount, order: Int32Array, q: number, isIn: Uint8Array): number[] {
  const M = order.length;
  const chosen: number[] = [];
  for (let t = 0; t < q; t++) {
    let bj = -1;
    let bg = -1;
    for (let k = 0; k < M; k++) {
      const j = order[k];
      if (isIn[j] === 1) continue;
      const g = cover.gainOf(j);
      if (g > bg) {
        bg = g;
        bj = j;
      }
    }
    chosen.push(bj);
    isIn[bj] = 1;
    cover.add(bj);
  }
  // A swap needs a gain above a relative tolerance, so the coverage rises each round; with
  // floating-point weights that is not a proof (sums round), so the rounds are also capped.
  // This is only the incumbent: the branch and bound after it proves or bounds the answer.
  let improved = true;
  for (let round = 0; improved && round < maxSwapRounds(M, q); round++) {
    improved = false;
    for (let s = 0; s < chosen.length && !improved; s++) {
      const out = chosen[s];
      cover.remove(out);
      const base = cover.value;
      let bj = out;
      let bv = cover.gainOf(out);
      for (let k = 0; k < M; k++) {
        const j = order[k];
        if (isIn[j] === 1) continue;
        const g = cover.gainOf(j);
        if (g > bv + 1e-9 * Math.max(1, base)) {
          bv = g;
          bj = j;
        }
      }
      if (bj !== out) {
        isIn[out] = 0;
        isIn[bj] = 1;
        chosen[s] = bj;
        improved = true;
      }
      cover.add(chosen[s]);
    }
  }
  return chosen;
}

/**
 * Root upper bound: f(OPT) ≤ f(S) + Σ top-q gains w.r.t. the incumbent S, and ≤ the same from
 * the fixed sites alone. Removes the incumbent from `cover` on the way.
 */
function rootUpperBound(cover: CoverCount, order: Int32Array, chosen: readonly number[], isIn: Uint8Array, q: number): number {
  const M = order.length;
  const gains: number[] = [];
  for (let k = 0; k < M; k++) if (isIn[order[k]] === 0) gains.push(cover.gainOf(order[k]));
  gains.sort((a, b) => b - a);
  let rootUpper = cover.value;
  for (let t = 0; t < q && t < gains.length; t++) rootUpper += gains[t];
  for (const j of chosen) cover.remove(j);
  let empty = cover.value;
  const g = Array.from(order, (j) => cover.gainOf(j)).sort((a, b) => b - a);
  for (let t = 0; t < q && t < g.length; t++) empty += g[t];
  return Math.min(rootUpper, empty);
}

/** Depth-first branch and bound over the free sites in gain order, from the fixed sites' cover. */
function coverBranchAndBound(
  cover: CoverCount,
  order: Int32Array,
  q: number,
  budget: Budget,
  incumbent: { value: number; open: number[] },
): { value: number; open: number[]; aborted: boolean; nodes: number } {
  const M = order.length;
  let best = incumbent.value;
  let bestOpen = incumbent.open;
  const stack: number[] = [];
  let aborted = false;
  let nodes = 0;
  const gbuf = new Float64Array(M);
  // terminates: every inner node ticks the budget; the depth is at most q
  const dfs = (pos: number, left: number): void => {
    if (left === 0 || pos >= M) {
      if (cover.value > best + 1e-9 * Math.max(1, best)) {
        best = cover.value;
        bestOpen = [...stack];
      }
      return;
    }
    if (!budget.tick()) {
      aborted = true;
      return;
    }
    nodes++;
    for (let k = pos; k < M; k++) gbuf[k] = cover.gainOf(order[k]);
    for (let t = pos; t <= M - left; t++) {
      // bound: current + the `left` largest gains among positions ≥ t
      const top = Array.from(gbuf.subarray(t, M)).sort((a, b) => b - a);
      let bound = cover.value;
      for (let u = 0; u < left && u < top.length; u++) bound += top[u];
      if (bound <= best + 1e-9 * Math.max(1, best)) continue;
      const j = order[t];
      cover.add(j);
      stack.push(j);
      dfs(t + 1, left - 1);
      stack.pop();
      cover.remove(j);
      if (aborted) return;
    }
  };
  dfs(0, q);
  return { value: best, open: bestOpen, aborted, nodes };
}

/**
 * Maximal coverage: choose q more sites (besides `fixed`) maximising the covered weight.
 * Depth-first branch and bound over candidates ordered by initial gain; the bound adds the
 * q′ largest marginal gains to the current coverage, valid because coverage is submodular
 * (Nemhauser, Wolsey & Fisher 1978). Exact when it finishes within the budget.
 */
export function maximalCoverageKernel(
  cov: Coverage,
  weight: Float64Array,
  fixed: Int32Array,
  q: number,
  budget: Budget,
): { open: number[]; value: number; upper: number; proven: boolean; nodes: number } {
  const { m } = cov;
  const cover = new CoverCount(cov, weight);
  const isFixed = new Uint8Array(m);
  for (let k = 0; k < fixed.length; k++) {
    isFixed[fixed[k]] = 1;
    cover.add(fixed[k]);
  }
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (isFixed[j] === 0) free.push(j);
  const g0 = new Float64Array(m);
  for (const j of free) g0[j] = cover.gainOf(j);
  const order = Int32Array.from(free).sort();
  order.sort((a, b) => g0[b] - g0[a] || a - b);
  const isIn = new Uint8Array(m);
  const chosen = greedyWithSwaps(cover, order, q, isIn);
  const incumbent = { value: cover.value, open: [...chosen] };
  const rootUpper = rootUpperBound(cover, order, chosen, isIn, q);
  const bb = coverBranchAndBound(cover, order, q, budget, incumbent);
  const open = [...Array.from(fixed), ...bb.open].sort((a, b) => a - b);
  return { open, value: bb.value, upper: bb.aborted ? Math.max(bb.value, rootUpper) : bb.value, proven: !bb.aborted, nodes: bb.nodes };
}

/**
 * Exact p-center by enumerating the q free sites with early exit: zones are scanned hardest
 * first (largest nearest-candidate minutes) and a set is abandoned as soon as one zone is
 * already no better than the incumbent radius. For small C(free, q) only.
 */
export function centerEnumerate(dist: Float64Array, m: number, n: number, fixed: Int32Array, q: number): { open: number[]; radius: number; nodes: number } {
  const isFixed = new Uint8Array(m);
  for (let k = 0; k < fixed.length; k++) isFixed[fixed[k]] = 1;
  const free: number[] = [];
  for (let j = 0; j < m; j++) if (isFixed[j] === 0) free.push(j);
  const F = free.length;
  const nearest = new Float64Array(n).fill(Infinity);
  for (let j = 0; j < m; j++) for (let r = 0; r < n; r++) if (dist[j * n + r] < nearest[r]) nearest[r] = dist[j * n + r];
  const zoneOrder = Int32Array.from({ length: n }, (_, r) => r).sort((a, b) => nearest[b] - nearest[a] || a - b);
  // distances re-laid in zone order so the early-exit scan is contiguous
  const d = new Float64Array(m * n);
  for (let j = 0; j < m; j++) for (let k = 0; k < n; k++) d[j * n + k] = dist[j * n + zoneOrder[k]];
  const levels = new Float64Array((q + 1) * n).fill(Infinity);
  for (let k = 0; k < fixed.length; k++) {
    const o = fixed[k] * n;
    for (let r = 0; r < n; r++) if (d[o + r] < levels[r]) levels[r] = d[o + r];
  }
  let best = Infinity;
  let bestPick: number[] = [];
  const pick = new Int32Array(q);
  let nodes = 0;
  if (q === 0) {
    let worst = 0;
    for (let r = 0; r < n; r++) if (levels[r] > worst) worst = levels[r];
    return { open: Array.from(fixed), radius: n === 0 ? 0 : worst, nodes: 0 };
  }
  const recurse = (level: number, start: number): void => {
    const lo = level * n;
    if (level === q - 1) {
      // hot path: leaf sets with early exit
      for (let f = start; f < F; f++) {
        const o = free[f] * n;
        let worst = 0;
        let r = 0;
        for (; r < n; r++) {
          const v = d[o + r];
          const b = levels[lo + r];
          const x = v < b ? v : b;
          if (x > worst) {
            worst = x;
            if (worst >= best) break;
          }
        }
        nodes++;
        if (r === n && worst < best) {
          best = worst;
          pick[level] = free[f];
          bestPick = Array.from(pick);
        }
      }
      return;
    }
    const no = (level + 1) * n;
    for (let f = start; f <= F - (q - level); f++) {
      const o = free[f] * n;
      for (let r = 0; r < n; r++) {
        const v = d[o + r];
        const b = levels[lo + r];
        levels[no + r] = v < b ? v : b;
      }
      nodes++;
      pick[level] = free[f];
      recurse(level + 1, f + 1);
    }
  };
  recurse(0, 0);
  return { open: [...Array.from(fixed), ...bestPick].sort((a, b) => a - b), radius: best, nodes };
}
