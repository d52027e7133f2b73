// Access and catchment kernels on seeded synthetic matrices, against naive baselines measured
// in the same run (array-of-arrays, closures, plain sums). Run:
//   node --import tsx --expose-gc bench/access.bench.ts
import { accessSummary, decay, twoStepFloatingCatchment } from "../src/access/index.js";
import { huffCatchments, nearestCatchments } from "../src/catchment/index.js";
import { createCostMatrix } from "../src/model/index.js";
import { mulberry32 } from "../src/internal/random.js";


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

// Polygons: a 33 × 33 tiling of ~1 km squares (1,089 zones, Kent-like count) into 3 sites.
{
  const { catchmentPolygons } = await import("../src/catchment/index.js");
  const n = 33;
  const zones: { id: string; population: number; geometry: { type: "Polygon"; coordinates: number[][][] } }[] = [];
  const assignment: Record<string, string> = {};
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const x = 0.2 + c * 0.015;
      const y = 51 + r * 0.009;
      zones.push({ id: `q${r}_${c}`, population: 1500, geometry: { type: "Polygon" as const, coordinates: [[[x, y], [x + 0.015, y], [x + 0.015, y + 0.009], [x, y + 0.009], [x, y]]] } });
      assignment[`q${r}_${c}`] = c < 11 ? "west" : r < 16 ? "south-east" : "north-east";
    }
  }
  process.stdout.write(`\ncatchmentPolygons: ${zones.length} square zones → 3 sites\n`);
  time("catchmentPolygons (union, rewind)", 3, () => catchmentPolygons(zones, assignment));
}

// Isochrones: a 150 × 150 two-way grid (22,500 nodes, 89,400 edges, 0.5 min per edge); the
// search is stubbed with exact grid times so only the polygon method is timed.
{
  const { isochrones } = await import("../src/catchment/index.js");
  const { default: Graph } = await import("graphology");
  const n = 150;
  const g = new Graph({ type: "directed" });
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) g.addNode(`${r}_${c}`, { lon: 0.2 + c * 0.006, lat: 51 + r * 0.0036 });
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (c + 1 < n) {
        g.addDirectedEdge(`${r}_${c}`, `${r}_${c + 1}`, { minutes: 0.5 });
        g.addDirectedEdge(`${r}_${c + 1}`, `${r}_${c}`, { minutes: 0.5 });
      }
      if (r + 1 < n) {
        g.addDirectedEdge(`${r}_${c}`, `${r + 1}_${c}`, { minutes: 0.5 });
        g.addDirectedEdge(`${r + 1}_${c}`, `${r}_${c}`, { minutes: 0.5 });
      }
    }
  }
  const times = Float64Array.from(g.nodes(), (k) => {
    const [r, c] = k.split("_").map(Number);
    return 0.5 * (Math.abs(r - 75) + Math.abs(c - 75));
  });
  const router = { graph: g, minutesFrom: () => times } as unknown as Parameters<typeof isochrones>[0];
  const zones = g.mapNodes((k, a) => ({ id: k, location: [a.lon, a.lat] as [number, number], population: 100 })).filter((_, i) => i % 20 === 0);
  process.stdout.write(`\nisochrones: ${g.order} nodes, ${g.size} edges, bands [15, 30, 45, 60], ${zones.length} zones\n`);
  time("isochrones (default grid ≤ 40,000 cells)", 3, () => isochrones(router, "75_75", [15, 30, 45, 60], { zones }));
}
