// Compensated (Neumaier) summation: Kahan–Babuška with the branch that also handles a term
// larger than the running sum. Used for population-weighted sums, where 10^3–10^5 terms of
// very different sizes would otherwise lose low-order digits (d3-array's `fsum` does the same).

/** A running compensated sum (allocation-free after construction). */
export class NeumaierSum {
  private sum = 0;
  private comp = 0;

  add(x: number): this {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.comp += this.sum - t + x;
    else this.comp += x - t + this.sum;
    this.sum = t;
    return this;
  }

  valueOf(): number {
    return this.sum + this.comp;
  }

  reset(): void {
    this.sum = 0;
    this.comp = 0;
  }
}

/**
 * Add `x` to the `k`-th of many parallel compensated sums held in two typed arrays
 * (`sums[k]` running total, `comps[k]` compensation); read back with `sums[k] + comps[k]`.
 */
export function neumaierAddAt(sums: Float64Array, comps: Float64Array, k: number, x: number): void {
  const s = sums[k];
  const t = s + x;
  if (Math.abs(s) >= Math.abs(x)) comps[k] += s - t + x;
  else comps[k] += x - t + s;
  sums[k] = t;
}

/** Compensated sum of an array-like of numbers. */
export function neumaierSum(values: ArrayLike<number>): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) comp += sum - t + x;
    else comp += x - t + sum;
    sum = t;
  }
  return sum + comp;
}
