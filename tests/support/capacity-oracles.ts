import loadHighs from "highs";

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs | undefined;

/** Load HiGHS once per test file. */
export async function getHighs(): Promise<Highs> {
  if (highs === undefined) highs = await loadHighs();
  return highs;
}

/**
 * Minimum of Σ cost·x subject to Σ_j x_ij = supply_i, Σ_i x_ij ≤ capacity_j, x ≥ 0
 * (x_ij ∈ {0,1}·supply_i when `integer`) by HiGHS; `null` if infeasible.
 * cost is row-major rows × cols; Infinity pairs are left out.
 */
export function transportLp(
  h: Highs,
  rows: number,
  cols: number,
  cost: ArrayLike<number>,
  supply: ArrayLike<number>,
  capacity: ArrayLike<number>,
  integer = false,
): number | null {
  const terms: string[] = [];
  const rowTerms: string[][] = Array.from({ length: rows }, () => []);
  const colTerms: string[][] = Array.from({ length: cols }, () => []);
  const names: string[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = cost[i * cols + j];
      if (c === Infinity) continue;
      const v = `x_${i}_${j}`;
      names.push(v);
      // single-source: x is the 0/1 choice, weighted by supply
      const w = integer ? c * supply[i] : c;
      terms.push(`${w} ${v}`);
      rowTerms[i].push(integer ? `1 ${v}` : `1 ${v}`);
      colTerms[j].push(integer ? `${supply[i]} ${v}` : `1 ${v}`);
    }
  }
  const lines = ["Minimize", ` obj: ${terms.length > 0 ? terms.join(" + ") : "0"}`, "Subject To"];
  for (let i = 0; i < rows; i++) {
    if (rowTerms[i].length === 0) {
      if (supply[i] > 0) return null;
      continue;
    }
    lines.push(` r${i}: ${rowTerms[i].join(" + ")} = ${integer ? 1 : supply[i]}`);
  }
  for (let j = 0; j < cols; j++) {
    if (colTerms[j].length > 0 && capacity[j] !== Infinity) lines.push(` c${j}: ${colTerms[j].join(" + ")} <= ${capacity[j]}`);
  }
  if (integer) {
    lines.push("Binary");
    lines.push(` ${names.join(" ")}`);
  }
  lines.push("End");
  // a MIP must be solved to proven optimality, not HiGHS's default 0.01 % gap
  const sol = h.solve(lines.join("\n"), integer ? { mip_rel_gap: 0, mip_abs_gap: 0 } : {});
  if (sol.Status !== "Optimal") return null;
  return sol.ObjectiveValue;
}

/** Erlang B from its definition, (aⁿ/n!) / Σ_k aᵏ/k!, summed in log space. */
export function erlangBDefinition(n: number, a: number): number {
  if (a === 0) return n === 0 ? 1 : 0;
  const logs: number[] = [];
  let lf = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) lf += Math.log(k);
    logs.push(k * Math.log(a) - lf);
  }
  const max = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - max);
  return Math.exp(logs[n] - max) / s;
}
