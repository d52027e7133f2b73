// Wide edge-weight ranges (issue: a closed-road penalty, a slowed road class):
// node --import tsx --expose-gc bench/wide-weights.bench.ts
// Kent & Medway, router.travelTimes(zones, sites) including createRouter and snapping, for the
// graph as bundled (the baseline, same run), one edge set to 1e9 minutes, and motorways at
// 1e-6 km/h through a setRoadSpeed scenario. Medians of 3 runs; CPU is this process's.
import { loadavg } from "node:os";
import { kentMedway } from "../src/kent-medway/index.js";
import { createRouter } from "../src/routing/index.js";
import { coreOf } from "../src/routing/router-core.js";
import { applyScenario } from "../src/scenario/index.js";
import type { RoadGraph } from "../src/model/types.js";
import type { LocatedItem } from "../src/routing/types.js";

const say = (s: string): void => void process.stdout.write(`${s}\n`);
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(" ");

function timeMatrix(graph: RoadGraph, zones: readonly LocatedItem[], sites: readonly LocatedItem[]): { wall: number; cpu: number; kernel: string } {
  const runs: { wall: number; cpu: number }[] = [];
  let kernel = "";
  for (let r = 0; r < 3; r++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const router = createRouter(graph);
    router.travelTimes(zones, sites);
    const u = process.cpuUsage(c0);
    runs.push({ wall: performance.now() - t0, cpu: (u.user + u.system) / 1000 });
    const core = coreOf(router);
    if (core === undefined) throw new Error("not a router");
    kernel = core.bucketCount === 0 ? `heap search (Δ ${core.bucketDelta.toPrecision(3)} min, no ring)` : `bucket kernel (Δ ${core.bucketDelta.toPrecision(3)} min, ${core.bucketCount} buckets)`;
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1];
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), kernel };
}

const network = kentMedway();
const graph = network.graph as RoadGraph;
const zones = network.zones;
const sites = network.sites;

const penalised = graph.copy() as RoadGraph;
const edge = penalised.edges()[Math.floor(penalised.size / 2)];
penalised.setEdgeAttribute(edge, "minutes", 1e9);

const slowed = applyScenario(network, { id: "slow", name: "motorways 1e-6 × as fast", changes: [{ type: "setRoadSpeed", factors: { motorway: 1e-6 } }] }).graph as RoadGraph;

say(`Kent & Medway: ${graph.order} nodes, ${graph.size} edges; ${zones.length} zones × ${sites.length} sites; load ${load()}`);
const base = timeMatrix(graph, zones, sites);
say(`| graph | wall | CPU | ratio to bundled (CPU) | search |`);
say(`| --- | --- | --- | --- | --- |`);
const row = (name: string, t: ReturnType<typeof timeMatrix>): void => say(`| ${name} | ${(t.wall / 1000).toFixed(2)} s | ${(t.cpu / 1000).toFixed(2)} s | ${(t.cpu / base.cpu).toFixed(2)}× | ${t.kernel} |`);
row("as bundled (baseline)", base);
row("one edge set to 1e9 minutes", timeMatrix(penalised, zones, sites));
row("setRoadSpeed { motorway: 1e-6 }", timeMatrix(slowed, zones, sites));
say(`load after: ${load()}`);
