// Routing benchmark: node --import tsx --expose-gc bench/routing.bench.ts
// Seeded road-like graphs (jittered grid of two-way local roads, a sparse fast overlay, a few
// one-way links) at ~10k, ~100k and ~1M directed edges.
import { MultiDirectedGraph } from "graphology";
import { singleSource } from "graphology-shortest-path/dijkstra";
import { cpus } from "node:os";
import { createRouter } from "../src/routing/index.js";
import { coreOf } from "../src/routing/router-core.js";
import { compiledBytes } from "../src/routing/compile.js";
import { parallelTravelTimes } from "../src/node/index.js";
import type { RoadGraph } from "../src/model/types.js";

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
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version} (shared, loaded machine)`);
for (const [label, side, baselineSites] of [
  ["~10k edges", 50, 50],
  ["~100k edges", 158, 50],
  ["~1M edges", 500, 5],
] as const) {
  const rnd = mulberry32(side);
  const g = roadLike(side, side * 7 + 1);
  const [router, compileMs] = time(() => createRouter(g as unknown as RoadGraph));
  const mem = compiledBytes(coreOf(router)!.c);
  const zones = pick(g, 1000, rnd);
  const sites = pick(g, 50, rnd);
  router.travelTimes(zones.slice(0, 10), sites.slice(0, 2)); // warm-up
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
    `${label}: ${g.order} nodes, ${g.size} edges; compile ${f(compileMs)}, compiled memory ${(mem / 1e6).toFixed(1)} MB` +
      `\n  (a) 1,000 × 50 ours ${f(oursMs)} | (b) graphology-shortest-path ${f(theirsMs)}${bSites.length < sites.length ? ` (extrapolated from ${bSites.length} sites)` : ""}` +
      ` | ratio (b)/(a) ${(theirsMs / oursMs).toFixed(1)}× | max |diff| ${maxDiff.toExponential(1)} min`,
  );
  if (side === 500) {
    const zones10k = pick(g, 10000, rnd);
    const sites500 = pick(g, 500, rnd);
    const t0 = performance.now();
    const par = await parallelTravelTimes(router, zones10k, sites500, { workers: 2 });
    const parMs = performance.now() - t0;
    const [single, singleMs] = time(() => router.travelTimes(zones10k, sites500));
    let same = true;
    for (let k = 0; k < par.minutes.length; k++) if (!Object.is(par.minutes[k], single.minutes[k])) same = false;
    console.log(`  (c) 10,000 × 500: 2 workers ${f(parMs)} | single thread ${f(singleMs)} | identical: ${same}`);
  }
  (globalThis as { gc?: () => void }).gc?.();
}
