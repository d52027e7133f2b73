// Brute-force oracles for site selection on tiny instances: enumerate every site set.
import type { CostMatrix } from "../../src/model/index.js";

export function combinations(m: number, k: number): number[][] {
  const out: number[][] = [];
  const pick: number[] = [];
  const rec = (start: number): void => {
    if (pick.length === k) {
      out.push([...pick]);
      return;
    }
    for (let j = start; j < m; j++) {
      pick.push(j);
      rec(j + 1);
      pick.pop();
    }
  };
  rec(0);
  return out;
}

function nearest(matrix: CostMatrix, i: number, set: number[]): number {
  let b = Infinity;
  for (const j of set) b = Math.min(b, matrix.minutes[i * matrix.destinations.length + j]);
  return b;
}

function feasibleSets(matrix: CostMatrix, p: number, fixed: string[] = [], exclude: string[] = []): number[][] {
  const f = fixed.map((id) => matrix.destinations.indexOf(id));
  const x = new Set(exclude.map((id) => matrix.destinations.indexOf(id)));
  return combinations(matrix.destinations.length, p).filter((s) => f.every((j) => s.includes(j)) && s.every((j) => !x.has(j)));
}

/** Minimum Σ w·d over every p-set (Infinity when no set reaches every weighted zone). */
export function bruteMedian(matrix: CostMatrix, w: number[], p: number, fixed?: string[], exclude?: string[]): number {
  let best = Infinity;
  for (const s of feasibleSets(matrix, p, fixed, exclude)) {
    let sum = 0;
    for (let i = 0; i < matrix.origins.length; i++) {
      if (w[i] === 0) continue;
      sum += w[i] * nearest(matrix, i, s);
    }
    best = Math.min(best, sum);
  }
  return best;
}

/** Minimum over p-sets of the worst weighted zone's minutes. */
export function bruteCenter(matrix: CostMatrix, w: number[], p: number, fixed?: string[], exclude?: string[]): number {
  let best = Infinity;
  for (const s of feasibleSets(matrix, p, fixed, exclude)) {
    let worst = 0;
    for (let i = 0; i < matrix.origins.length; i++) if (w[i] > 0) worst = Math.max(worst, nearest(matrix, i, s));
    best = Math.min(best, worst);
  }
  return best;
}

/** Maximum covered weight over p-sets. */
export function bruteCoverage(matrix: CostMatrix, w: number[], p: number, radius: number, fixed?: string[]): number {
  let best = 0;
  for (const s of feasibleSets(matrix, p, fixed)) {
    let sum = 0;
    for (let i = 0; i < matrix.origins.length; i++) if (nearest(matrix, i, s) <= radius) sum += w[i];
    best = Math.max(best, sum);
  }
  return best;
}

/** Fewest sites covering every weighted zone within radius (Infinity if impossible). */
export function bruteSetCover(matrix: CostMatrix, w: number[], radius: number): number {
  for (let k = 0; k <= matrix.destinations.length; k++) {
    for (const s of combinations(matrix.destinations.length, k)) {
      let ok = true;
      for (let i = 0; i < matrix.origins.length && ok; i++) if (w[i] > 0 && !(nearest(matrix, i, s) <= radius)) ok = false;
      if (ok) return k;
    }
  }
  return Infinity;
}
