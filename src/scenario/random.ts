// Seeded random numbers for uncertainty(): sfc32 (Doty-Humphrey's Small Fast Counting
// generator, as in PractRand) seeded through splitmix32, Box–Muller normals.

/** A seeded uniform generator on [0, 1). */
export type Uniform = () => number;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededUniform(seed: number): Uniform {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let k = 0; k < 12; k++) next();
  return () => next() / 4294967296;
}

/** A standard normal draw (Box–Muller; consumes two uniforms). */
export function standardNormal(uniform: Uniform): number {
  const u1 = 1 - uniform(); // (0, 1]
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Linear-interpolation quantile (Hyndman & Fan type 7) of sorted values. */
export function quantileSorted(sorted: Float64Array | readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo];
  const b = sorted[hi];
  if (a === b) return a;
  return a + (h - lo) * (b - a);
}
