// Single-source capacitated assignment: every row goes whole to one column (a generalised
// assignment problem, NP-hard). The objective is lexicographic: first the supply sent to the
// sink column (out of area), then Σ supply × minutes. Small instances: depth-first branch and
// bound, rows by decreasing supply, bound = so far + each open row's cheapest column that
// still has room for it (capacity coupling among open rows relaxed). Otherwise, or when the
// node budget runs out: round the fractional optimum (split rows go whole to their cheapest
// column with room, largest first), then shift and swap moves until none improves.
// Column `sink` is uncapacitated and reachable from every row at `cost[i, sink]` minutes.

export interface SingleSourceResult {
  /** Column chosen for each row. */
  readonly choice: Int32Array;
  readonly outOfArea: number;
  readonly minutes: number;
  readonly method: "branch-and-bound" | "heuristic";
  readonly nodes: number;
}

interface Pair {
  outOfArea: number;
  minutes: number;
}

function better(a: Pair, b: Pair, tolO: number, tolM: number): boolean {
  if (a.outOfArea < b.outOfArea - tolO) return true;
  if (a.outOfArea > b.outOfArea + tolO) return false;
  return a.minutes < b.minutes - tolM;
}

function evaluate(n: number, m: number, sink: number, cost: Float64Array, supply: Float64Array, choice: Int32Array): Pair {
  let o = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const j = choice[i];
    if (j === sink) o += supply[i];
    t += supply[i] * cost[i * m + j];
  }
  return { outOfArea: o, minutes: t };
}

export function heuristicSingleSource(
  n: number,
  m: number,
  sink: number,
  cost: Float64Array,
  supply: Float64Array,
  capacity: Float64Array,
  fractional: Float64Array,
): { choice: Int32Array; outOfArea: number; minutes: number } {
  const spare = Float64Array.from(capacity);
  const choice = new Int32Array(n).fill(-1);
  const split: number[] = [];
  for (let i = 0; i < n; i++) {
    let used = -1;
    let parts = 0;
    for (let j = 0; j < m; j++) {
      if (fractional[i * m + j] > 0) {
        parts++;
        used = j;
      }
    }
    if (supply[i] === 0) {
      let best = sink;
      for (let j = 0; j < m; j++) if (j !== sink && cost[i * m + j] !== Infinity && (best === sink || cost[i * m + j] < cost[i * m + best])) best = j;
      choice[i] = best;
    } else if (parts === 1 && spare[used] >= supply[i]) {
      choice[i] = used;
      spare[used] -= supply[i];
    } else split.push(i);
  }
  split.sort((a, b) => supply[b] - supply[a] || a - b);
  for (const i of split) {
    let best = sink;
    for (let j = 0; j < m; j++) {
      if (j === sink || cost[i * m + j] === Infinity || spare[j] < supply[i]) continue;
      if (best === sink || cost[i * m + j] < cost[i * m + best]) best = j;
    }
    choice[i] = best;
    spare[best] -= supply[i];
  }
  const tol = 1e-9;
  // gain of moving supply d of row i from a to b: (Δ out of area, Δ minutes)
  // passes of every improving shift, then every improving swap, until a pass changes nothing
  // bounded: at most 50 passes of n·m shifts and n²/2 swaps
  let improved = true;
  let rounds = 0;
  while (improved && rounds < 50) {
    improved = false;
    rounds++;
    for (let i = 0; i < n; i++) {
      const d = supply[i];
      for (let j = 0; j < m; j++) {
        const a = choice[i];
        if (j === a || spare[j] < d || cost[i * m + j] === Infinity) continue;
        const dO = (j === sink ? d : 0) - (a === sink ? d : 0);
        const dM = d * (cost[i * m + j] - cost[i * m + a]);
        if (dO < -tol || (dO <= tol && dM < -tol * Math.max(1, Math.abs(d * cost[i * m + a])))) {
          spare[a] += d;
          spare[j] -= d;
          choice[i] = j;
          improved = true;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const di = supply[i];
      for (let k = i + 1; k < n; k++) {
        const a = choice[i];
        const b = choice[k];
        if (a === b) continue;
        const cib = cost[i * m + b];
        const cka = cost[k * m + a];
        if (cib === Infinity || cka === Infinity) continue;
        const dk = supply[k];
        // one of the two must gain, or the swap cannot lower minutes (or out-of-area demand)
        if (cib >= cost[i * m + a] && cka >= cost[k * m + b] && a !== sink && b !== sink) continue;
        if (spare[a] + di < dk || spare[b] + dk < di) continue;
        const dO = (b === sink ? di - dk : 0) + (a === sink ? dk - di : 0);
        const before = di * cost[i * m + a] + dk * cost[k * m + b];
        const after = di * cib + dk * cka;
        if (dO < -tol || (dO <= tol && after < before - tol * Math.max(1, before))) {
          spare[a] += di - dk;
          spare[b] += dk - di;
          choice[i] = b;
          choice[k] = a;
          improved = true;
        }
      }
    }
  }
  return { choice, ...evaluate(n, m, sink, cost, supply, choice) };
}

/** Most rows the depth-first branch and bound recurses through (one stack frame per row). */
const MAX_DEPTH = 2000;

export function branchAndBound(
  n: number,
  m: number,
  sink: number,
  cost: Float64Array,
  supply: Float64Array,
  capacity: Float64Array,
  incumbent: { choice: Int32Array; outOfArea: number; minutes: number },
  nodeLimit: number,
): SingleSourceResult {
  // Terminates: every call counts a node and the search stops past `nodeLimit`. The recursion is
  // one level per row, so rows beyond MAX_DEPTH keep the heuristic answer (no stack overflow).
  if (n > MAX_DEPTH) return { ...incumbent, choice: Int32Array.from(incumbent.choice), method: "heuristic", nodes: 0 };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => supply[b] - supply[a] || a - b);
  // in-area columns of each row by increasing cost (ties by index), the sink last
  const ranked: number[][] = order.map((i) => [
    ...Array.from({ length: m }, (_, j) => j)
      .filter((j) => j !== sink && cost[i * m + j] !== Infinity)
      .sort((a, b) => cost[i * m + a] - cost[i * m + b] || a - b),
    sink,
  ]);
  const spare = Float64Array.from(capacity);
  const current = new Int32Array(n);
  const best: Pair = { outOfArea: incumbent.outOfArea, minutes: incumbent.minutes };
  const bestChoice = Int32Array.from(incumbent.choice);
  let total = 0;
  for (let i = 0; i < n; i++) total += supply[i];
  const tolO = 1e-9 * Math.max(1, total);
  const tolM = 1e-9 * Math.max(1, incumbent.minutes);
  let nodes = 0;
  let exhausted = false;
  const bound: Pair = { outOfArea: 0, minutes: 0 };

  const search = (depth: number, o: number, t: number): void => {
    if (++nodes > nodeLimit) {
      exhausted = true;
      return;
    }
    bound.outOfArea = o;
    bound.minutes = t;
    for (let k = depth; k < n; k++) {
      const i = order[k];
      const cols = ranked[k];
      for (let c = 0; c < cols.length; c++) {
        const j = cols[c];
        if (spare[j] >= supply[i]) {
          if (j === sink) bound.outOfArea += supply[i];
          bound.minutes += supply[i] * cost[i * m + j];
          break;
        }
      }
    }
    if (!better(bound, best, tolO, tolM)) return;
    if (depth === n) {
      best.outOfArea = o;
      best.minutes = t;
      for (let k = 0; k < n; k++) bestChoice[order[k]] = current[k];
      return;
    }
    const i = order[depth];
    const cols = ranked[depth];
    for (let c = 0; c < cols.length; c++) {
      const j = cols[c];
      if (spare[j] < supply[i]) continue;
      spare[j] -= supply[i];
      current[depth] = j;
      search(depth + 1, j === sink ? o + supply[i] : o, t + supply[i] * cost[i * m + j]);
      spare[j] += supply[i];
      if (exhausted) return;
    }
  };
  search(0, 0, 0);
  return {
    choice: bestChoice,
    outOfArea: best.outOfArea,
    minutes: best.minutes,
    method: exhausted ? "heuristic" : "branch-and-bound",
    nodes,
  };
}
