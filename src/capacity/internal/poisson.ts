// Poisson probabilities without factorial overflow: the pmf is anchored at the mode in log
// space (ln p(k) = −λ + k ln λ − ln k!) and extended both ways by p(k+1) = p(k)·λ/(k+1);
// upper tails are summed from the far end (small terms first).

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

export interface PoissonTable {
  readonly lambda: number;
  /** pmf[k], k = 0..K. */
  readonly pmf: Float64Array;
  /** upper[k] = P(X ≥ k), k = 0..K+1 (upper[K+1] = 0: the mass beyond K is below 1e-40). */
  readonly upper: Float64Array;
}

export function poissonTable(lambda: number): PoissonTable {
  const K = Math.ceil(lambda + 14 * Math.sqrt(lambda) + 30);
  const pmf = new Float64Array(K + 1);
  if (lambda === 0) {
    pmf[0] = 1;
  } else {
    const mode = Math.floor(lambda);
    pmf[mode] = Math.exp(-lambda + mode * Math.log(lambda) - logGamma(mode + 1));
    for (let k = mode; k < K; k++) pmf[k + 1] = (pmf[k] * lambda) / (k + 1);
    for (let k = mode; k > 0; k--) pmf[k - 1] = (pmf[k] * k) / lambda;
  }
  const upper = new Float64Array(K + 2);
  for (let k = K; k >= 0; k--) upper[k] = upper[k + 1] + pmf[k];
  // normalise away the rounding of the anchor so P(X ≥ 0) = 1 exactly
  const total = upper[0];
  for (let k = 0; k <= K; k++) {
    upper[k] /= total;
    pmf[k] /= total;
  }
  return { lambda, pmf, upper };
}

/** P(X > s). */
export function tailAbove(table: PoissonTable, s: number): number {
  const k = s + 1;
  return k < table.upper.length ? table.upper[k] : 0;
}

/** E[(X − s)⁺] = λ·P(X ≥ s) − s·P(X > s). */
export function expectedExcess(table: PoissonTable, s: number): number {
  const atLeast = s < table.upper.length ? table.upper[s] : 0;
  return Math.max(0, table.lambda * atLeast - s * tailAbove(table, s));
}
