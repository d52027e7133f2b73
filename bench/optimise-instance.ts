// Seeded synthetic instance shaped like Kent & Medway: 1,107 zones (populations ~1,000–3,000,
// clustered in towns), 60 candidate sites, minutes = road distance at ~50 km/h with circuity
// noise. Shared by bench/optimise.bench.ts.
import { createCostMatrix } from "../src/model/index.js";
import type { CostMatrix } from "../src/model/index.js";
import { mulberry32 } from "../src/internal/random.js";


export function kentLikeInstance(seed = 42, zones = 1107, candidates = 60): { matrix: CostMatrix; population: number[] } {
  const rng = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  // ~100 km × 60 km, with 14 towns
  const towns: [number, number, number][] = [];
  for (let t = 0; t < 14; t++) towns.push([rng() * 100, rng() * 60, 2 + rng() * 5]);
  const zx: number[] = [];
  const zy: number[] = [];
  const population: number[] = [];
  for (let i = 0; i < zones; i++) {
    if (rng() < 0.75) {
      const [x, y, s] = towns[Math.floor(rng() * towns.length)];
      zx.push(Math.min(100, Math.max(0, x + gauss() * s)));
      zy.push(Math.min(60, Math.max(0, y + gauss() * s)));
    } else {
      zx.push(rng() * 100);
      zy.push(rng() * 60);
    }
    population.push(Math.round(1000 + rng() * 2000));
  }
  const sx: number[] = [];
  const sy: number[] = [];
  for (let j = 0; j < candidates; j++) {
    const [x, y, s] = towns[j % towns.length];
    sx.push(x + gauss() * s * 0.7);
    sy.push(y + gauss() * s * 0.7);
  }
  const minutes = new Float64Array(zones * candidates);
  for (let i = 0; i < zones; i++) {
    for (let j = 0; j < candidates; j++) {
      const km = Math.hypot(zx[i] - sx[j], zy[i] - sy[j]);
      const circuity = 1.2 + 0.25 * rng();
      minutes[i * candidates + j] = 3 + (km * circuity * 60) / 50;
    }
  }
  const origins = Array.from({ length: zones }, (_, i) => `Z${String(i).padStart(4, "0")}`);
  const destinations = Array.from({ length: candidates }, (_, j) => `S${String(j).padStart(2, "0")}`);
  return { matrix: createCostMatrix(origins, destinations, minutes), population };
}
