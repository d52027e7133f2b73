// Capacitated assignment at Kent & Medway scale: 1,100 zones × 60 sites, seeded synthetic
// geography (mulberry32), Euclidean-ish minutes. Baseline measured in the same run: the
// uncapacitated nearest-site pass over the same matrix (a lower bound on any assignment's
// work). Run: node --import tsx --expose-gc bench/capacity.bench.ts
import os from "node:os";
import { performance } from "node:perf_hooks";
import { bedsRequired, capacitatedAssignment, createCostMatrix, crisisSlots, erlangB } from "../src/index.js";
import { mulberry32 } from "../src/internal/random.js";


function instance(zones: number, sites: number, seed: number, fill: number) {
  const rand = mulberry32(seed);
  const zx = Array.from({ length: zones }, () => [rand() * 100, rand() * 60]);
  const sx = Array.from({ length: sites }, () => [rand() * 100, rand() * 60]);
  const minutes = new Float64Array(zones * sites);
  for (let i = 0; i < zones; i++) {
    for (let j = 0; j < sites; j++) {
      const dx = zx[i][0] - sx[j][0];
      const dy = zx[i][1] - sx[j][1];
      minutes[i * sites + j] = Math.round(Math.hypot(dx, dy) * 1.3 * 10) / 10 + 2;
    }
  }
  const demand = Array.from({ length: zones }, () => 0.2 + rand() * 1.8);
  const total = demand.reduce((a, b) => a + b, 0);
  // capacity = fill × demand, spread unevenly so many sites fill up and displace demand
  const weights = Array.from({ length: sites }, () => 0.3 + rand());
  const wsum = weights.reduce((a, b) => a + b, 0);
  const capacity = weights.map((w) => Math.round(((total * fill * w) / wsum) * 10) / 10);
  const matrix = createCostMatrix(
    Array.from({ length: zones }, (_, i) => `Z${String(i).padStart(4, "0")}`),
    Array.from({ length: sites }, (_, j) => `S${String(j).padStart(2, "0")}`),
    minutes,
  );
  return { matrix, demand, capacity };
}

// Wall time and this process's CPU time (user + system): on a shared machine the CPU time is
// the steadier figure, the wall time what a user waits.
function time<T>(label: string, runs: number, fn: () => T): { ms: number; out: T } {
  let out = fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  const ms = cpu[mid];
  process.stdout.write(
    `${label.padEnd(58)} cpu median ${cpu[mid].toFixed(2)} ms (min ${cpu[0].toFixed(2)}); wall median ${wall[mid].toFixed(2)} ms (min ${wall[0].toFixed(2)}), ${runs} runs\n`,
  );
  return { ms, out };
}
process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores\n`);

const ooa = { name: "Out of area", minutes: 180, costPerBedDay: 650 };
for (const fill of [1.5, 1.0, 0.9]) {
  const { matrix, demand, capacity } = instance(1100, 60, 42, fill);
  const n = matrix.origins.length;
  const m = matrix.destinations.length;
  const base = time(`nearest-site baseline 1100×60`, 15, () => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < m; j++) if (matrix.minutes[i * m + j] < best) best = matrix.minutes[i * m + j];
      s += demand[i] * best;
    }
    return s;
  });
  const cap = time(`capacitatedAssignment 1100×60, capacity ${fill}× demand`, 15, () =>
    capacitatedAssignment(matrix, demand, capacity, { outOfArea: ooa }),
  );
  const r = cap.out;
  const displaced = r.zones.filter((z) => z.status === "displaced").length;
  process.stdout.write(
    `  → ratio to baseline ${(cap.ms / base.ms).toFixed(0)}×; out of area ${r.outOfArea?.demand.toFixed(1)} beds; ${displaced} zones displaced; person-minutes ${r.totalPersonMinutes.toFixed(0)} vs nearest ${base.out.toFixed(0)}\n`,
  );
}
for (const fill of [1.2, 1.0]) {
  const { matrix, demand, capacity } = instance(1100, 60, 7, fill);
  const r = time(`capacitatedAssignment 1100×60 single-source, capacity ${fill}×`, 5, () =>
    capacitatedAssignment(matrix, demand, capacity, { outOfArea: ooa, singleSource: true }),
  ).out;
  process.stdout.write(
    `  → method ${r.method}; gap to split-allowed bound ${r.gap === null ? "n/a (more out of area than the bound)" : `${(r.gap * 100).toFixed(3)} %`}; out of area ${r.outOfArea?.demand.toFixed(1)} beds\n`,
  );
}
time("erlangB(2000, 1900) ×1000", 15, () => {
  let s = 0;
  for (let k = 0; k < 1000; k++) s += erlangB(2000, 1900);
  return s;
});
time("bedsRequired(500, { targetBlocking: 0.01 }) ×1000", 15, () => {
  let s = 0;
  for (let k = 0; k < 1000; k++) s += bedsRequired(500, { targetBlocking: 0.01 }).beds;
  return s;
});
time("crisisSlots 60 spokes, λ up to 500/day", 15, () =>
  crisisSlots(Array.from({ length: 60 }, (_, j) => ({ id: `S${j}`, meanPerDay: 5 + j * 8, slotsPerDay: 10 + j * 8 }))),
);
