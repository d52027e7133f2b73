// Routing benchmark: node --import tsx --expose-gc bench/routing.bench.ts
// ROUTING_BENCH=c runs only the 1M-edge graph's (c) measurements (skips (a)/(b) and the smaller graphs).
// Seeded road-like graphs (jittered grid of two-way local roads, a sparse fast overlay, a few
// one-way links) at ~10k, ~100k and ~1M directed edges.
import { MultiDirectedGraph } from "graphology";
import { singleSource } from "graphology-shortest-path/dijkstra";
import { cpus, loadavg } from "node:os";
import { createRouter } from "../src/routing/index.js";
import { coreOf } from "../src/routing/router-core.js";
import { compiledBytes } from "../src/routing/compile.js";
import { heapOps, runDijkstra } from "../src/routing/kernel.js";
import { parallelTravelTimes } from "../src/node/index.js";
import type { RoadGraph } from "../src/model/types.js";
import { mulberry32 } from "../src/internal/random.js";


function roadLike(side: number, seed: number): MultiDirectedGraph {
  const rnd = mulberry32(seed);
  const g = new MultiDirectedGraph();
  const key = (i: number, j: number) => `${i}:${j}`;
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) g.addNode(key(i, j), { lon: 0.3 + j * 0.005 + (rnd() - 0.5) * 0.002, lat: 51 + i * 0.003 + (rnd() - 0.5) * 0.0012 });
  const link = (a: string, b: string, kmh: number, oneway: boolean) => {
    const A = g.getNodeAttributes(a);
    const B = g.getNodeAttributes(b);
    const metres = Math.hypot((A.lon - B.lon) * 70000, (A.lat - B.lat) * 111000);
    const minutes = (metres / 1000 / kmh) * 60;
    g.addEdge(a, b, { minutes, metres });
    if (!oneway) g.addEdge(b, a, { minutes, metres });
  };
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      if (j + 1 < side) link(key(i, j), key(i, j + 1), 30, rnd() < 0.02);
      if (i + 1 < side) link(key(i, j), key(i + 1, j), 30, rnd() < 0.02);
      // fast overlay: every 10th row/column, links spanning 10 cells
      if (i % 10 === 0 && j % 10 === 0 && j + 10 < side) link(key(i, j), key(i, j + 10), 90, false);
      if (i % 10 === 0 && j % 10 === 0 && i + 10 < side) link(key(i, j), key(i + 10, j), 90, false);
    }
  return g;
}

function pick(g: MultiDirectedGraph, count: number, rnd: () => number): string[] {
  const nodes = g.nodes();
  const out = new Set<string>();
  while (out.size < count) out.add(nodes[Math.floor(rnd() * nodes.length)]);
  return [...out];
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/** Process CPU milliseconds (user + system, all threads) since `from`. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");

function graphologyMatrix(reversed: MultiDirectedGraph, zones: string[], sites: string[]): Float64Array {
  const out = new Float64Array(zones.length * sites.length).fill(Infinity);
  sites.forEach((s, j) => {
    const paths = singleSource(reversed, s, "minutes");
    zones.forEach((z, i) => {
      const p = paths[z];
      if (p === undefined) return;
      let total = 0;
      for (let k = 1; k < p.length; k++) {
        let best = Infinity;
        reversed.forEachOutEdge(p[k - 1], p[k], (_e, a) => {
          if ((a.minutes as number) < best) best = a.minutes as number;
        });
        total += best;
      }
      out[i * sites.length + j] = total;
    });
  });
  return out;
}

const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const onlyC = process.env.ROUTING_BENCH === "c";
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version} (shared); load average ${load()}`);
const graphs = [
  ["~10k edges", 50, 50],
  ["~100k edges", 158, 50],
  ["~1M edges", 500, 5],
] as const;
for (const [label, side, baselineSites] of onlyC ? graphs.slice(2) : graphs) {
  const rnd = mulberry32(side);
  const g = roadLike(side, side * 7 + 1);
  const c0 = process.cpuUsage();
  const [router, compileMs] = time(() => createRouter(g as unknown as RoadGraph));
  const compileCpu = cpuMs(c0);
  const mem = compiledBytes(coreOf(router)!.c);
  const zones = pick(g, 1000, rnd);
  const sites = pick(g, 50, rnd);
  router.travelTimes(zones.slice(0, 10), sites.slice(0, 2)); // warm-up
  console.log(`${label}: ${g.order} nodes, ${g.size} edges; compile ${f(compileMs)} (CPU ${f(compileCpu)}), compiled memory ${(mem / 1e6).toFixed(1)} MB`);
  if (!onlyC) {
    const [ours, oursMs] = time(() => router.travelTimes(zones, sites));
    const reversed = g.copy();
    reversed.clearEdges();
    g.forEachEdge((_k, a, s, t) => reversed.addEdge(t, s, a));
    const bSites = sites.slice(0, baselineSites);
    const [theirs, theirsRawMs] = time(() => graphologyMatrix(reversed, zones, bSites));
    const theirsMs = theirsRawMs * (sites.length / bSites.length);
    let maxDiff = 0;
    for (let i = 0; i < zones.length; i++)
      for (let j = 0; j < bSites.length; j++) maxDiff = Math.max(maxDiff, Math.abs(theirs[i * bSites.length + j] - ours.minutes[i * sites.length + j]) || 0);
    console.log(
      `  (a) 1,000 × 50 ours ${f(oursMs)} | (b) graphology-shortest-path ${f(theirsMs)}${bSites.length < sites.length ? ` (extrapolated from ${bSites.length} sites)` : ""}` +
        ` | ratio (b)/(a) ${(theirsMs / oursMs).toFixed(1)}× | max |diff| ${maxDiff.toExponential(1)} min`,
    );
  }
  if (side === 500) {
    const zones10k = pick(g, 10000, rnd);
    const sites500 = pick(g, 500, rnd);
    const core = coreOf(router)!;
    const c = core.c;
    // per-search CPU on the same 20 sites, alternated 3 times, best of 3:
    //  previous = general runDijkstra, full search, on the graph's input numbering (the old router)
    //  previous kernel, BFS numbering = general runDijkstra on the compiled (renumbered) CSR
    //  random numbering = general runDijkstra after a random relabelling (a badly ordered graph)
    //  now = router.travelTimes (bucket matrix kernel with early stop, BFS numbering)
    const relabel = (newId: Int32Array) => {
      // newId[compiled index] -> index in the relabelled CSR
      const old = new Int32Array(c.n);
      for (let v = 0; v < c.n; v++) old[newId[v]] = v;
      const off = new Int32Array(c.n + 1);
      for (let u = 0; u < c.n; u++) off[u + 1] = off[u] + c.rOffsets[old[u] + 1] - c.rOffsets[old[u]];
      const tgt = new Int32Array(c.m);
      const w = new Float64Array(c.m);
      for (let u = 0; u < c.n; u++) for (let e = c.rOffsets[old[u]], at = off[u]; e < c.rOffsets[old[u] + 1]; e++, at++) {
        tgt[at] = newId[c.rTargets[e]];
        w[at] = c.rMinutes[e];
      }
      return { off, tgt, w, newId };
    };
    const inputId = new Int32Array(c.n);
    for (let i = 0; i < c.n; i++) inputId[c.graphOrder[i]] = i;
    const rndPerm = Int32Array.from({ length: c.n }, (_, i) => i);
    for (let i = c.n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rndPerm[i], rndPerm[j]] = [rndPerm[j], rndPerm[i]];
    }
    const identity = Int32Array.from({ length: c.n }, (_, i) => i);
    const layouts = { input: relabel(inputId), bfs: { off: c.rOffsets, tgt: c.rTargets, w: c.rMinutes, newId: identity }, random: relabel(rndPerm) };
    const probe = sites500.slice(0, 20);
    const zoneNodes = zones10k.map((z) => c.nodeIndex.get(z)!);
    const dist = new Float64Array(c.n);
    const general = (L: { off: Int32Array; tgt: Int32Array; w: Float64Array; newId: Int32Array }) => (): void => {
      const zs = Int32Array.from(zoneNodes, (v) => L.newId[v]);
      for (const s of probe) {
        const plan = { nodes: Int32Array.of(L.newId[c.nodeIndex.get(s)!]), costs: Float64Array.of(0), labels: null, from: 0, to: 1, cutoff: Infinity, dist, predEdge: null, label: null };
        runDijkstra({ offsets: L.off, targets: L.tgt, weights: L.w }, plan, core, heapOps);
        let sum = 0;
        for (let k = 0; k < zs.length; k++) sum += dist[zs[k]];
        if (sum < 0) throw new Error("unreachable");
      }
    };
    const variants: [string, () => void][] = [
      ["previous (input numbering, general kernel)", general(layouts.input)],
      ["random numbering, general kernel", general(layouts.random)],
      ["BFS numbering, general kernel", general(layouts.bfs)],
      ["now (BFS numbering, bucket matrix kernel + early stop)", () => void router.travelTimes(zones10k, probe)],
    ];
    const best = new Map<string, number>();
    for (let rep = 0; rep < 3; rep++)
      for (const [name, run] of variants) {
        const t = process.cpuUsage();
        run();
        const ms = cpuMs(t) / probe.length;
        best.set(name, Math.min(best.get(name) ?? Infinity, ms));
      }
    const before = best.get(variants[0][0])!;
    console.log(`  per-search CPU, 10,000 zones, best of 3 × 20 sites (load ${load()}):`);
    for (const [name] of variants) console.log(`    ${name}: ${best.get(name)!.toFixed(1)} ms (${(before / best.get(name)!).toFixed(2)}× vs previous)`);
    const results: Float64Array[] = [];
    for (const workers of [2, 1]) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const m = await parallelTravelTimes(router, zones10k, sites500, { workers });
      const wall = performance.now() - t0;
      const cpu = cpuMs(cpu0);
      results.push(m.minutes);
      // workers: 1 runs router.travelTimes' path on the main thread
      console.log(`  (c) 10,000 × 500, ${workers === 1 ? "single thread" : `${workers} workers`}: wall ${f(wall)} | process CPU ${f(cpu)} (${(cpu / 500).toFixed(1)} ms per search) | load ${load()}`);
    }
    let same = true;
    for (let k = 0; k < results[0].length; k++) if (!Object.is(results[0][k], results[1][k])) same = false;
    const mu = process.memoryUsage();
    console.log(
      `  2-worker matrix identical to single thread: ${same} | rss ${(mu.rss / 1e6).toFixed(0)} MB, heap ${(mu.heapUsed / 1e6).toFixed(0)} MB, array buffers ${(mu.arrayBuffers / 1e6).toFixed(0)} MB`,
    );
  }
  (globalThis as { gc?: () => void }).gc?.();
}
