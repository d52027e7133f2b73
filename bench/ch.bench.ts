// Contraction-hierarchy benchmark: node --import tsx --expose-gc bench/ch.bench.ts
// CH_BENCH=km runs only Kent & Medway; CH_BENCH=england only the England-size graph;
// ENGLAND_TILES (default 49 = 7 × 7), ENGLAND_SAMPLE (default-router sites, default 8).
// Both routers are measured in the same run; CPU is process CPU (all threads), with the load
// average printed beside every figure.
import { loadavg } from "node:os";
import { kentMedway } from "../src/kent-medway/index.js";
import { createRouter, roadGraphFromArrays } from "../src/routing/index.js";
import { coreOf } from "../src/routing/router-core.js";
import { compiledBytes, compileGraph, stronglyConnectedComponents } from "../src/routing/compile.js";
import { parallelTravelTimes } from "../src/node/index.js";
import { haversineMetres } from "../src/internal/geo.js";
import type { Router } from "../src/routing/types.js";

const which = process.env.CH_BENCH ?? "all";
const load = (): string => loadavg().map((x) => x.toFixed(1)).join(" ");
const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);
const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
const say = (s: string): void => void process.stdout.write(`${s}\n`);

interface Timed<T> {
  value: T;
  wall: number;
  cpu: number;
}
function timed<T>(f: () => T): Timed<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const u = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (u.user + u.system) / 1000 };
}
async function timedAsync<T>(f: () => Promise<T>): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const u = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (u.user + u.system) / 1000 };
}

/** Max relative difference over cells, and whether finiteness agrees everywhere. */
function compare(a: Float64Array, b: Float64Array, cell: (k: number) => number = (k) => k): { maxRel: number; identical: number; finiteAgree: boolean } {
  let maxRel = 0;
  let identical = 0;
  let finiteAgree = true;
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    const y = b[cell(k)];
    if (x === y) identical++;
    else if (!Number.isFinite(x) || !Number.isFinite(y)) finiteAgree = false;
    else maxRel = Math.max(maxRel, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  }
  return { maxRel, identical, finiteAgree };
}

function kentMedwayPart(): void {
  say(`\n## Kent & Medway (load ${load()})`);
  const network = kentMedway();
  const graph = network.graph!;
  const plain = timed(() => createRouter(graph));
  const ch = timed(() => createRouter(graph, { preprocess: "ch" }));
  const core = coreOf(ch.value)!;
  const h = core.ch!.h;
  say(`graph ${graph.order} nodes, ${core.c.m} directed edges; default router (compile) ${fmt(plain.wall)} (CPU ${fmt(plain.cpu)})`);
  say(
    `CH router ${fmt(ch.wall)} (CPU ${fmt(ch.cpu)}), of which contraction ${fmt(core.ch!.preprocessMs)}; ${h.shortcuts} shortcuts ` +
      `(${(h.shortcuts / h.originalEdges).toFixed(2)} per original edge); hierarchy ${mb(core.ch!.bytes())} (load ${load()})`,
  );
  const zones = plain.value.snap(network.zones.map((z) => ({ id: z.id, location: z.location }))).snapped;
  const sites = plain.value.snap(network.sites.map((s) => ({ id: s.id, location: s.location }))).snapped;
  const rounds = 5;
  const best = (r: Router): Timed<Float64Array> => {
    let b: Timed<Float64Array> | null = null;
    for (let i = 0; i < rounds; i++) {
      const t = timed(() => r.travelTimes(zones, sites).minutes);
      if (b === null || t.cpu < b.cpu) b = t;
    }
    return b!;
  };
  const first = timed(() => ch.value.travelTimes(zones, sites).minutes);
  // alternate the two routers so load changes hit both
  const a = best(plain.value);
  const b = best(ch.value);
  const a2 = best(plain.value);
  const b2 = best(ch.value);
  const A = a.cpu < a2.cpu ? a : a2;
  const B = b.cpu < b2.cpu ? b : b2;
  const cmp = compare(A.value, B.value);
  say(`${zones.length} zones × ${sites.length} sites (snapped points), best of 2 × ${rounds} rounds (load ${load()}):`);
  say(`  default router ${fmt(A.wall)} wall, CPU ${fmt(A.cpu)}`);
  say(`  CH router      ${fmt(B.wall)} wall, CPU ${fmt(B.cpu)} (first call, which also builds this router's snap index and the RPHAST selection: ${fmt(first.wall)})`);
  say(`  speed-up ${(A.cpu / B.cpu).toFixed(1)}× by CPU, ${(A.wall / B.wall).toFixed(1)}× by wall`);
  say(`  cells bit-identical ${cmp.identical} of ${A.value.length}; max relative difference ${cmp.maxRel.toExponential(2)}; finiteness agrees: ${cmp.finiteAgree}`);
  // scenario-cache pattern: one column (one site) at a time over the same zones
  const col = (r: Router): Timed<number> =>
    timed(() => {
      let s = 0;
      for (let j = 0; j < sites.length; j++) s += r.travelTimes(zones, [sites[j]], { direction: "reverse" }).minutes[0];
      return s;
    });
  col(ch.value);
  const ca = col(plain.value);
  const cb = col(ch.value);
  say(
    `  one column at a time (${sites.length} calls): default ${fmt(ca.wall)} (${fmt(ca.wall / sites.length)} per column), ` +
      `CH ${fmt(cb.wall)} (${fmt(cb.wall / sites.length)} per column), ${(ca.cpu / cb.cpu).toFixed(1)}× by CPU (load ${load()})`,
  );
}

interface Tiled {
  lon: Float64Array;
  lat: Float64Array;
  from: Int32Array;
  to: Int32Array;
  minutes: Float64Array;
  zoneNodes: number[];
  siteNodes: number[];
  links: number;
}

/**
 * England-size graph: the Kent & Medway network copied onto a `side × side` grid of tiles
 * (offset in lon/lat so tiles do not overlap), each tile joined to its east and south
 * neighbours by three two-way 110 km/h motorway links between edge nodes of the main component.
 * Zones and sites are the copies' snapped nodes, spread evenly over the tiles.
 */
export function buildEngland(tiles: number, zoneCount: number, siteCount: number): Tiled {
  const network = kentMedway();
  const graph = network.graph!;
  const c = compileGraph("bench", graph);
  const n0 = c.n;
  const m0 = c.m;
  const lon0 = new Float64Array(n0);
  const lat0 = new Float64Array(n0);
  for (let v = 0; v < n0; v++) {
    const a = graph.getNodeAttributes(c.nodeKeys[v]) as { lon: number; lat: number };
    lon0[v] = a.lon;
    lat0[v] = a.lat;
  }
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (let v = 0; v < n0; v++) {
    minLon = Math.min(minLon, lon0[v]); maxLon = Math.max(maxLon, lon0[v]);
    minLat = Math.min(minLat, lat0[v]); maxLat = Math.max(maxLat, lat0[v]);
  }
  const dLon = maxLon - minLon + 0.1;
  const dLat = maxLat - minLat + 0.05;
  const { comp, largest } = stronglyConnectedComponents(c);
  // edge nodes in three bands: east/west (by latitude band), south/north (by longitude band)
  const bands = 3;
  const extreme = (pick: (v: number) => number, band: (v: number) => number): Int32Array => {
    const best = new Int32Array(bands).fill(-1);
    for (let v = 0; v < n0; v++) {
      if (comp[v] !== largest) continue;
      const b = Math.min(bands - 1, Math.max(0, band(v)));
      if (best[b] < 0 || pick(v) > pick(best[b])) best[b] = v;
    }
    return best;
  };
  const latBand = (v: number): number => Math.floor(((lat0[v] - minLat) / (maxLat - minLat)) * bands);
  const lonBand = (v: number): number => Math.floor(((lon0[v] - minLon) / (maxLon - minLon)) * bands);
  const east = extreme((v) => lon0[v], latBand);
  const west = extreme((v) => -lon0[v], latBand);
  const south = extreme((v) => -lat0[v], lonBand);
  const north = extreme((v) => lat0[v], lonBand);
  const side = Math.round(Math.sqrt(tiles));
  const T = side * side;
  const n = T * n0;
  const linkCount = 2 * bands * 2 * side * (side - 1);
  const m = T * m0 + linkCount;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const minutes = new Float64Array(m);
  let e = 0;
  for (let t = 0; t < T; t++) {
    const ox = (t % side) * dLon;
    const oy = -Math.floor(t / side) * dLat;
    const base = t * n0;
    for (let v = 0; v < n0; v++) {
      lon[base + v] = lon0[v] + ox;
      lat[base + v] = lat0[v] + oy;
      for (let k = c.offsets[v]; k < c.offsets[v + 1]; k++) {
        from[e] = base + v;
        to[e] = base + c.targets[k];
        minutes[e++] = c.minutes[k];
      }
    }
  }
  const link = (a: number, b: number): void => {
    const mins = (haversineMetres(lon[a], lat[a], lon[b], lat[b]) / 1000 / 110) * 60;
    from[e] = a; to[e] = b; minutes[e++] = mins;
    from[e] = b; to[e] = a; minutes[e++] = mins;
  };
  for (let r = 0; r < side; r++)
    for (let q = 0; q < side; q++) {
      const t = r * side + q;
      for (let b = 0; b < bands; b++) {
        if (q + 1 < side) link(t * n0 + east[b], (t + 1) * n0 + west[b]);
        if (r + 1 < side) link(t * n0 + south[b], (t + side) * n0 + north[b]);
      }
    }
  // zones and sites: the node at the nearer end of each snapped edge, copied per tile
  const router = createRouter(graph);
  const nodeOf = (p: { edge: readonly [string, string]; fraction: number }): number => c.nodeIndex.get(p.fraction < 0.5 ? p.edge[0] : p.edge[1])!;
  const z0 = router.snap(network.zones.map((z) => ({ id: z.id, location: z.location }))).snapped.map(nodeOf);
  const s0 = router.snap(network.sites.map((s) => ({ id: s.id, location: s.location }))).snapped.map(nodeOf);
  // endpoints must be distinct: a node already taken moves to the next free index (breadth-first
  // numbering keeps it nearby)
  const taken = new Uint8Array(n);
  const spread = (per: number[], count: number): number[] => {
    const total = per.length * T;
    return Array.from({ length: count }, (_, k) => {
      const p = Math.floor((k * total) / count);
      let v = Math.floor(p / per.length) * n0 + per[p % per.length];
      while (taken[v] === 1) v = (v + 1) % n;
      taken[v] = 1;
      return v;
    });
  };
  return { lon, lat, from, to, minutes, zoneNodes: spread(z0, zoneCount), siteNodes: spread(s0, siteCount), links: linkCount };
}

async function englandPart(): Promise<void> {
  const tiles = Number(process.env.ENGLAND_TILES ?? 49);
  const sample = Number(process.env.ENGLAND_SAMPLE ?? 8);
  say(`\n## England size: ${tiles} tiles of Kent & Medway (load ${load()})`);
  const built = timed(() => buildEngland(tiles, 33_755, 1_500));
  const t = built.value;
  say(`build arrays ${fmt(built.wall)}: ${t.lon.length} nodes, ${t.from.length} directed edges (${t.links} motorway link edges)`);
  const graph = roadGraphFromArrays({ lon: t.lon, lat: t.lat, from: t.from, to: t.to, minutes: t.minutes, profile: "tiled Kent & Medway" });
  const zones = t.zoneNodes.map(String);
  const sites = t.siteNodes.map(String);
  const rss0 = process.memoryUsage().rss;
  const plain = timed(() => createRouter(graph));
  say(`default router (compile) ${fmt(plain.wall)} wall, CPU ${fmt(plain.cpu)}; compiled ${mb(compiledBytes(coreOf(plain.value)!.c))} (load ${load()})`);
  const ch = timed(() => createRouter(graph, { preprocess: "ch" }));
  const core = coreOf(ch.value)!;
  const h = core.ch!.h;
  const m = core.c.m;
  say(
    `CH router ${fmt(ch.wall)} wall, CPU ${fmt(ch.cpu)}; contraction ${fmt(core.ch!.preprocessMs)}; ${h.shortcuts} shortcuts ` +
      `(${(h.shortcuts / h.originalEdges).toFixed(2)} per original edge) (load ${load()})`,
  );
  const compiled = compiledBytes(core.c);
  const hier = core.ch!.bytes();
  say(
    `memory: compiled graph ${mb(compiled)} (${(compiled / m).toFixed(1)} B/edge), hierarchy ${mb(hier)} (${(hier / m).toFixed(1)} B/edge), ` +
      `together ${((compiled + hier) / m).toFixed(1)} B per original edge; process RSS ${mb(process.memoryUsage().rss)} (+${mb(process.memoryUsage().rss - rss0)} for both routers)`,
  );
  const full = await timedAsync(() => parallelTravelTimes(ch.value, zones, sites, { workers: 2 }));
  say(`full matrix ${zones.length} zones × ${sites.length} sites on 2 workers: ${fmt(full.wall)} wall, CPU ${fmt(full.cpu)} (load ${load()}); RSS ${mb(process.memoryUsage().rss)}`);
  const step = Math.floor(sites.length / sample);
  const picked = Array.from({ length: sample }, (_, k) => sites[k * step]);
  const dj = timed(() => plain.value.travelTimes(zones, picked, { direction: "reverse" }).minutes);
  const perSite = dj.wall / sample;
  say(
    `default router, ${sample} sites × ${zones.length} zones on 1 thread: ${fmt(dj.wall)} wall, CPU ${fmt(dj.cpu)} = ${fmt(perSite)} per site; ` +
      `all ${sites.length} sites ≈ ${fmt(perSite * sites.length)} on 1 thread, ≈ ${fmt((perSite * sites.length) / 2)} on 2 ideal workers (load ${load()})`,
  );
  const cmp = compare(dj.value, full.value.minutes, (k) => Math.floor(k / sample) * sites.length + (k % sample) * step);
  say(`  sampled cells bit-identical ${cmp.identical} of ${dj.value.length}; max relative difference ${cmp.maxRel.toExponential(2)}; finiteness agrees: ${cmp.finiteAgree}`);
  say(
    `  CH full matrix vs default (extrapolated): ${((perSite * sites.length) / 2 / full.wall).toFixed(1)}× by wall (2 ideal workers), ` +
      `${(((dj.cpu / sample) * sites.length) / full.cpu).toFixed(1)}× by CPU`,
  );
}

if (which === "all" || which === "km") kentMedwayPart();
if (which === "all" || which === "england") await englandPart();
