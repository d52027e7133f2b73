/**
 * Where should three inpatient hubs be? `npx tsx examples/optimise-hub-locations.ts`
 *
 * On the bundled Kent & Medway network (real roads, 1,107 LSOAs), routes every zone to every
 * hub and candidate site, then compares today's three hubs with:
 * - the best 3 sites among hubs + candidates (p-median: least population-weighted minutes),
 * - the same with today's hubs fixed and one, two or three more sites,
 * - the best 3 for the worst-off zone (p-center) and for people within 45 minutes (MCLP),
 * - the fewest sites putting everyone within 60 minutes (LSCP).
 */
import { KENT_MEDWAY_ATTRIBUTION, kentMedway } from "../src/kent-medway/index.js";
import { createRouter } from "../src/routing/index.js";
import { maximalCoverage, pCenter, pMedian, setCover } from "../src/optimise/index.js";
import type { CostMatrix } from "../src/model/index.js";

const network = kentMedway({ boundaries: false });
if (network.graph === undefined) throw new Error("the bundled network has no road graph");
const router = createRouter(network.graph);
const hubs = network.sites.filter((s) => s.kind === "hub");
const candidates = network.sites.filter((s) => s.kind === "hub" || s.kind === "candidate");
const t0 = performance.now();
const matrix: CostMatrix = router.travelTimes(network.zones, candidates);
const routedMs = performance.now() - t0;
const population = network.zones.map((z) => z.population);
const hubIds = hubs.map((h) => h.id);
const name = (id: string): string => network.sites.find((s) => s.id === id)?.name ?? id;

function describe(label: string, chosen: string[]): void {
  const cols = chosen.map((id) => matrix.destinations.indexOf(id));
  const n = matrix.origins.length;
  const m = matrix.destinations.length;
  let sum = 0;
  let total = 0;
  let worst = 0;
  let within45 = 0;
  for (let i = 0; i < n; i++) {
    let b = Infinity;
    for (const j of cols) b = Math.min(b, matrix.minutes[i * m + j]);
    if (b === Infinity) continue;
    sum += population[i] * b;
    total += population[i];
    worst = Math.max(worst, b);
    if (b <= 45) within45 += population[i];
  }
  process.stdout.write(
    `${label}\n  ${chosen.map(name).join("; ")}\n  mean ${(sum / total).toFixed(1)} min, worst ${worst.toFixed(1)} min, within 45 min ${((100 * within45) / total).toFixed(1)}%\n`,
  );
}

process.stdout.write(`Kent & Medway: ${matrix.origins.length} zones × ${matrix.destinations.length} sites (${hubs.length} hubs + ${candidates.length - hubs.length} candidates), routed in ${routedMs.toFixed(0)} ms\n`);
const snapping = (matrix as { snapping?: { unsnapped: readonly string[]; islands: readonly string[] } }).snapping;
if (snapping !== undefined && (snapping.unsnapped.length > 0 || snapping.islands.length > 0)) {
  process.stdout.write(`  snapping: ${snapping.unsnapped.length} unsnapped, ${snapping.islands.length} on islands\n`);
}
process.stdout.write("\n");
describe("Today's three hubs", hubIds);

const opts = { weights: population, allowUnreachable: true };
const timed = async <T,>(run: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await run();
  return [r, performance.now() - t];
};
const [best3, ms3] = await timed(() => pMedian(matrix, { ...opts, p: 3 }));
describe(`Best 3 hubs (p-median, ${best3.method}, proven ${best3.proven}, gap ${best3.gap.toExponential(1)}, ${ms3.toFixed(0)} ms)`, best3.chosen);
for (const extra of [1, 2, 3]) {
  const [r, ms] = await timed(() => pMedian(matrix, { ...opts, p: 3 + extra, fixed: hubIds }));
  describe(`Today's hubs fixed + ${extra} more (p-median, proven ${r.proven}, ${ms.toFixed(0)} ms)`, r.chosen);
}
const [center, msC] = await timed(() => pCenter(matrix, { ...opts, p: 3 }));
describe(`Best 3 for the worst-off zone (p-center, proven ${center.proven}, ${msC.toFixed(0)} ms)`, center.chosen);
const [cover, msM] = await timed(() => maximalCoverage(matrix, { weights: population, p: 3, coverMinutes: 45 }));
describe(`Best 3 for people within 45 min (MCLP, proven ${cover.proven}, ${msM.toFixed(0)} ms)`, cover.chosen);
try {
  const [lscp, msL] = await timed(() => setCover(matrix, { weights: population, coverMinutes: 60 }));
  describe(`Fewest sites with everyone within 60 min: ${lscp.objective} (LSCP, proven ${lscp.proven}, ${msL.toFixed(0)} ms)`, lscp.chosen);
} catch (error) {
  process.stdout.write(`LSCP 60 min: ${(error as Error).message}\n`);
}
process.stdout.write(`\n${KENT_MEDWAY_ATTRIBUTION.join("\n")}\n`);
