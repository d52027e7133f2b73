// Access and catchment kernels on seeded synthetic matrices, against naive baselines measured
// in the same run (array-of-arrays, closures, plain sums). Run:
//   node --import tsx --expose-gc bench/access.bench.ts
import { accessSummary, decay, twoStepFloatingCatchment } from "../src/access/index.js";
import { huffCatchments, nearestCatchments } from "../src/catchment/index.js";
import { createCostMatrix } from "../src/model/index.js";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function time(label: string, runs: number, fn: () => unknown): number {
  let sink = 0;
  for (let k = 0; k < 2; k++) sink += JSON.stringify(fn()).length > 0 ? 1 : 0; // warm-up
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  for (let k = 0; k < runs; k++) {
    const out = fn() as { warnings?: unknown };
    sink += out === undefined ? 0 : 1;
  }
  const ms = (performance.now() - t0) / runs;
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms${sink < 0 ? "!" : ""}\n`);
  return ms;
}

for (const [rows, cols] of [[1107, 60], [20_000, 100]] as const) {
  const rand = mulberry32(42);
  const values = Array.from({ length: rows * cols }, () => (rand() < 0.02 ? Infinity : 5 + rand() * 115));
  const matrix = createCostMatrix(Array.from({ length: rows }, (_, i) => `z${i}`), Array.from({ length: cols }, (_, j) => `s${j}`), values);
  const population = Array.from({ length: rows }, () => Math.round(1000 + rand() * 2000));
  const supply = Array.from({ length: cols }, () => Math.round(rand() * 50));
  const nested = Array.from({ length: rows }, (_, i) => values.slice(i * cols, (i + 1) * cols));
  const runs = rows > 5000 ? 5 : 30;
  process.stdout.write(`\n${rows} zones × ${cols} sites (${runs} runs each)\n`);

  const naiveSummary = () => {
    const mins = nested.map((row) => Math.min(...row));
    const idx = mins.map((_, i) => i).sort((a, b) => mins[a] - mins[b] || a - b);
    const total = population.reduce((a, b) => a + b, 0);
    let cum = 0;
    let median = Infinity;
    for (const i of idx) {
      cum += population[i];
      if (cum >= total / 2) {
        median = mins[i];
        break;
      }
    }
    return { median, within: [30, 45, 60].map((t) => mins.reduce((a, m, i) => a + (m <= t ? population[i] : 0), 0)) };
  };
  const a = time("accessSummary", runs, () => accessSummary(matrix, population));
  const b = time("  baseline: naive nearest + sort", runs, naiveSummary);
  process.stdout.write(`  ratio baseline / ours: ${(b / a).toFixed(2)}\n`);

  const naive2sfca = () => {
    const w = (t: number) => (t <= 45 ? 1 : 0);
    const R = supply.map((s, j) => s / nested.reduce((acc, row, i) => acc + population[i] * w(row[j]), 0));
    return nested.map((row) => row.reduce((acc, t, j) => acc + (w(t) > 0 && Number.isFinite(R[j]) ? R[j] : 0), 0));
  };
  const c = time("twoStepFloatingCatchment (45 min)", runs, () => twoStepFloatingCatchment(matrix, population, supply, { catchmentMinutes: 45 }));
  const d = time("  baseline: nested arrays + closures", runs, naive2sfca);
  process.stdout.write(`  ratio baseline / ours: ${(d / c).toFixed(2)}\n`);
  time("twoStepFloatingCatchment (gaussian E2SFCA)", runs, () =>
    twoStepFloatingCatchment(matrix, population, supply, { catchmentMinutes: 60, decay: decay.gaussian({ sigmaMinutes: 20 }) }),
  );
  time("nearestCatchments (with population)", runs, () => nearestCatchments(matrix, { population }));
  time("huffCatchments (beta 2)", runs, () => huffCatchments(matrix, supply.map((s) => s + 1), { population }));
}
