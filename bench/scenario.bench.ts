// Scenario benchmark: node --import tsx --expose-gc bench/scenario.bench.ts [--sweep 100] [--draws 20]
// On the bundled Kent & Medway network (1,107 zones, 3 hubs, 20 spokes, 62.6k-node road graph):
// cold vs warm evaluate, incremental site changes, a seeded sweep of redesign options, the share
// of time spent in capacitatedAssignment, and uncertainty() per draw. Baseline in the same run:
// the same scenarios evaluated without a shared cache (every column routed afresh).
import { capacitatedAssignment } from "../src/capacity/index.js";
import { kentMedway } from "../src/kent-medway/index.js";
import { selectDestinations } from "../src/model/index.js";
import { createRouter } from "../src/routing/index.js";
import { createScenarioCache, evaluate, uncertainty, type ChangeInput, type ScenarioInput } from "../src/scenario/index.js";
import { mulberry32 } from "../src/internal/random.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const SWEEP = arg("sweep", 100);
const DRAWS = arg("draws", 20);


const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

let t0 = performance.now();
const network = kentMedway();
const loadMs = ms(t0);
t0 = performance.now();
const router = createRouter(network.graph!);
const routerMs = ms(t0);
const cache = createScenarioCache(router);
const baseline: ScenarioInput = { id: "baseline", name: "Baseline" };

t0 = performance.now();
evaluate(network, baseline, { cache });
const coldMs = ms(t0);

const hubs = network.sites.filter((s) => s.kind === "hub").map((s) => s.id);
const spokes = network.sites.filter((s) => s.kind === "spoke").map((s) => s.id);
const candidates = network.sites.filter((s) => s.kind === "candidate");
const single: Record<string, ChangeInput[]> = {
  "close a spoke": [{ type: "closeSite", siteId: spokes[4] }],
  "close a hub": [{ type: "closeSite", siteId: "hub-canterbury", reassignSpokesTo: "hub-maidstone" }],
  "open a candidate hub": [{ type: "openSite", siteId: candidates[1].id, as: "hub" }, { type: "setBeds", siteId: candidates[1].id, beds: { adultAcute: 20 } }],
  "move a hub": [{ type: "moveSite", siteId: "hub-maidstone", location: [0.55, 51.3] }],
};

const rows: string[] = [];
for (const [label, changes] of Object.entries(single)) {
  const before = cache.stats().computed;
  const solvedBefore = cache.results.size;
  gc();
  let t = performance.now();
  evaluate(network, { id: label, name: label, changes }, { cache });
  const first = ms(t);
  const routed = cache.stats().computed - before;
  const solved = cache.results.size - solvedBefore;
  const times: number[] = [];
  for (let k = 0; k < 9; k++) {
    t = performance.now();
    evaluate(network, { id: label, name: label, changes }, { cache });
    times.push(ms(t));
  }
  process.stdout.write(`${label}: ${fmt(first)} ms first\n`);
  rows.push(`  ${label.padEnd(22)} first ${fmt(first).padStart(6)} ms (columns routed ${routed}, new solves cached ${solved}); repeat median ${fmt(median(times))} ms, min ${fmt(Math.min(...times))} ms`);
}

// time of the exact capacitated assignments evaluate solves when hubs or beds change (3 wards)
const probe = evaluate(network, baseline, { cache });
const matrix = selectDestinations(cache.matrix(network.zones, network.sites.filter((s) => s.kind === "hub")), hubs);
const assignTimes: number[] = [];
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  for (const w of probe.capacity.wards) {
    const load = w.assignment.zones.map((z) => z.demand);
    capacitatedAssignment(matrix, load, w.hubs.map((h) => h.usableLoad), { outOfArea: { name: "Out of area", minutes: 120, costPerBedDay: 600 } });
  }
  assignTimes.push(ms(t));
}
const evalTimes: number[] = [];
for (let k = 0; k < 9; k++) {
  const t = performance.now();
  evaluate(network, baseline, { cache });
  evalTimes.push(ms(t));
}

// seeded sweep of redesign options
const rnd = mulberry32(20261125);
const options: ScenarioInput[] = [];
for (let k = 0; k < SWEEP; k++) {
  const changes: ChangeInput[] = [];
  const r = rnd();
  if (r < 0.3) changes.push({ type: "closeSite", siteId: spokes[Math.floor(rnd() * spokes.length)] });
  else if (r < 0.55) {
    const c = candidates[Math.floor(rnd() * candidates.length)];
    changes.push({ type: "openSite", siteId: c.id, as: "spoke", hub: hubs[Math.floor(rnd() * hubs.length)] });
  } else if (r < 0.8) {
    const s = spokes[Math.floor(rnd() * spokes.length)];
    const site = network.sites.find((x) => x.id === s)!;
    changes.push({ type: "moveSite", siteId: s, location: [site.location[0] + (rnd() - 0.5) * 0.1, site.location[1] + (rnd() - 0.5) * 0.06] });
  } else {
    const c = candidates[Math.floor(rnd() * candidates.length)];
    changes.push({ type: "openSite", siteId: c.id, as: "hub" }, { type: "setBeds", siteId: c.id, beds: { adultAcute: 10 + Math.floor(rnd() * 20) } });
  }
  options.push({ id: `option-${k}`, name: `Option ${k}`, changes });
}
process.stdout.write(`assignment probe ${fmt(median(assignTimes))} ms; warm baseline ${fmt(median(evalTimes))} ms\n`);
gc();
const sweepStats0 = cache.stats();
t0 = performance.now();
const perOption: number[] = [];
for (const o of options) {
  const t = performance.now();
  evaluate(network, o, { cache });
  perOption.push(ms(t));
  if (process.env.BENCH_VERBOSE) process.stdout.write(`  ${o.id} ${fmt(perOption[perOption.length - 1])} ms\n`);
}
const sweepMs = ms(t0);
const sweepStats = cache.stats();
process.stdout.write(`sweep ${fmt(sweepMs)} ms, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);

// baseline in the same run: no shared cache (each call routes every column)
const uncachedTimes: number[] = [];
for (const o of options.slice(0, 5)) {
  const t = performance.now();
  evaluate(network, o, { router });
  uncachedTimes.push(ms(t));
}

t0 = performance.now();
uncertainty(network, { id: "u", name: "u", changes: single["close a hub"] }, { cache, draws: DRAWS, seed: 1 });
const uncertaintyMs = ms(t0);

process.stdout.write(
  [
    `Kent & Medway: ${network.zones.length} zones, ${hubs.length} hubs, ${spokes.length} spokes, ${candidates.length} candidates; graph ${network.graph!.order} nodes, ${network.graph!.size} edges`,
    `  load kentMedway() ${fmt(loadMs)} ms; createRouter ${fmt(routerMs)} ms`,
    `  cold baseline evaluate (snap zones, route 23 columns, hash graph + network): ${fmt(coldMs)} ms`,
    ...rows,
    `  warm baseline evaluate (all memo hits) median ${fmt(median(evalTimes))} ms, min ${fmt(Math.min(...evalTimes))} ms`,
    `  capacitatedAssignment for 3 wards (solved when hubs, beds or demand change) median ${fmt(median(assignTimes))} ms`,
    `  sweep of ${SWEEP} options with one cache: ${fmt(sweepMs)} ms total, ${fmt(sweepMs / SWEEP)} ms per option; columns routed ${sweepStats.computed - sweepStats0.computed}, reused ${sweepStats.reused - sweepStats0.reused}`,
    `  same options without a shared cache (first 5): median ${fmt(median(uncachedTimes))} ms per option -> cache speed-up x${(median(uncachedTimes) / (sweepMs / SWEEP)).toFixed(1)}`,
    `  uncertainty(${DRAWS} draws): ${fmt(uncertaintyMs)} ms (${fmt(uncertaintyMs / DRAWS)} ms per draw)`,
    "",
  ].join("\n"),
);
