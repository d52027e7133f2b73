/**
 * `npm run demo`: the Kent & Medway baseline on real roads.
 *
 * Prints each hub's and spoke's catchment population, population-weighted mean / p90 / max
 * minutes to the nearest hub and nearest spoke, the share of people within 30 / 45 / 60
 * minutes of a hub (overall, by district, by IMD decile), and every unreachable or badly
 * snapped zone; writes `out/zones-baseline.geojson` (zones with nearest hub, nearest spoke and
 * minutes) and `out/baseline.json`.
 *
 * Routing: until the routing domain's `createRouter` lands on main, travel times come from the
 * interim multi-source Dijkstra in tests/support/kent-medway-routing.ts (nearest-node snapping).
 * `baselineReport(network)` is the reusable part for scenario demos.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KENT_MEDWAY_ATTRIBUTION, kentMedway } from "../src/kent-medway/index.js";
import type { ServiceNetwork, Site } from "../src/model/index.js";
import { compileRoads, multiSource, nearestNode } from "../tests/support/kent-medway-routing.js";

const THRESHOLDS = [30, 45, 60] as const;
/** A zone whose centroid is further than this from the road graph is reported as badly snapped. */
const MAX_SNAP_METRES = 1000;

export interface ZoneBaseline {
  id: string;
  hub: string | null;
  hubMinutes: number;
  spoke: string | null;
  spokeMinutes: number;
  snapMetres: number;
}

export interface Summary {
  population: number;
  meanMinutes: number;
  p90Minutes: number;
  maxMinutes: number;
  shareWithin: Record<string, number>;
  unreachablePopulation: number;
}

export interface BaselineReport {
  zones: ZoneBaseline[];
  catchments: { site: string; name: string; kind: string; zones: number; population: number }[];
  toHub: Summary;
  toSpoke: Summary;
  byDistrict: Record<string, Summary>;
  byImdDecile: Record<string, Summary>;
  unreachable: string[];
  badlySnapped: { id: string; snapMetres: number }[];
}

/** Population-weighted summary of minutes (Infinity = unreachable, counted separately). */
function summarise(minutes: readonly number[], weights: readonly number[]): Summary {
  const order = minutes.map((_, i) => i).filter((i) => Number.isFinite(minutes[i])).sort((a, b) => minutes[a] - minutes[b]);
  const reached = order.reduce((a, i) => a + weights[i], 0);
  const total = weights.reduce((a, b) => a + b, 0);
  let mean = 0;
  for (const i of order) mean += (weights[i] * minutes[i]) / reached;
  let acc = 0;
  let p90 = Infinity;
  for (const i of order) {
    acc += weights[i];
    if (acc >= 0.9 * reached) { p90 = minutes[i]; break; }
  }
  const shareWithin: Record<string, number> = {};
  for (const t of THRESHOLDS) shareWithin[t] = order.reduce((a, i) => a + (minutes[i] <= t ? weights[i] : 0), 0) / total;
  return { population: total, meanMinutes: mean, p90Minutes: p90, maxMinutes: order.length ? minutes[order[order.length - 1]] : Infinity, shareWithin, unreachablePopulation: total - reached };
}

/** The baseline: nearest hub and nearest open spoke for every zone, by road. */
export function baselineReport(network: ServiceNetwork): BaselineReport {
  const roads = compileRoads(network.graph!);
  const open = (s: Site) => s.status !== "closed";
  const hubs = network.sites.filter((s) => s.kind === "hub" && open(s));
  const spokes = network.sites.filter((s) => s.kind === "spoke" && open(s));
  // minutes from each node to the nearest hub / spoke (reverse search from the sites)
  const toHub = multiSource(roads, hubs.map((s) => nearestNode(roads, s.location).node), true);
  const toSpoke = multiSource(roads, spokes.map((s) => nearestNode(roads, s.location).node), true);
  const zones: ZoneBaseline[] = network.zones.map((z) => {
    const { node, metres } = nearestNode(roads, z.location);
    const h = toHub.source[node];
    const s = toSpoke.source[node];
    return {
      id: z.id,
      hub: h < 0 ? null : hubs[h].id,
      hubMinutes: toHub.minutes[node],
      spoke: s < 0 ? null : spokes[s].id,
      spokeMinutes: toSpoke.minutes[node],
      snapMetres: metres,
    };
  });
  const pops = network.zones.map((z) => z.population);
  const catchments = [...hubs, ...spokes].map((site) => {
    const mine = zones.map((z, i) => [z, i] as const).filter(([z]) => z.hub === site.id || z.spoke === site.id);
    return { site: site.id, name: site.name, kind: site.kind, zones: mine.length, population: mine.reduce((a, [, i]) => a + pops[i], 0) };
  });
  const group = (key: (i: number) => string) => {
    const out: Record<string, Summary> = {};
    const keys = [...new Set(network.zones.map((_, i) => key(i)))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    for (const k of keys) {
      const idx = network.zones.map((_, i) => i).filter((i) => key(i) === k);
      out[k] = summarise(idx.map((i) => zones[i].hubMinutes), idx.map((i) => pops[i]));
    }
    return out;
  };
  return {
    zones,
    catchments,
    toHub: summarise(zones.map((z) => z.hubMinutes), pops),
    toSpoke: summarise(zones.map((z) => z.spokeMinutes), pops),
    byDistrict: group((i) => network.zones[i].district ?? "?"),
    byImdDecile: group((i) => String(network.zones[i].imdDecile ?? "?")),
    unreachable: zones.filter((z) => !Number.isFinite(z.hubMinutes) || !Number.isFinite(z.spokeMinutes)).map((z) => z.id),
    badlySnapped: zones.filter((z) => z.snapMetres > MAX_SNAP_METRES).map((z) => ({ id: z.id, snapMetres: Math.round(z.snapMetres) })),
  };
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "unreachable");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function row(label: string, s: Summary): string {
  return `${label.padEnd(24)} ${s.population.toLocaleString("en-GB").padStart(10)}  ${fmt(s.meanMinutes).padStart(6)} ${fmt(s.p90Minutes).padStart(6)} ${fmt(s.maxMinutes).padStart(6)}  ${THRESHOLDS.map((t) => pct(s.shareWithin[t]).padStart(7)).join(" ")}`;
}
const header = `${"".padEnd(24)} ${"people".padStart(10)}  ${"mean".padStart(6)} ${"p90".padStart(6)} ${"max".padStart(6)}  ${THRESHOLDS.map((t) => `≤${t}m`.padStart(7)).join(" ")}`;

function main(): void {
  const t0 = performance.now();
  const network = kentMedway();
  const t1 = performance.now();
  const report = baselineReport(network);
  const t2 = performance.now();
  const out: string[] = [];
  out.push("Kent & Medway mental health: baseline (3 inpatient hubs, 20 community team bases)");
  out.push(`Loaded ${network.zones.length} zones, ${network.sites.length} sites, ${network.graph!.order.toLocaleString("en-GB")} road nodes in ${(t1 - t0).toFixed(0)} ms; routed in ${(t2 - t1).toFixed(0)} ms.`);
  out.push("", "Catchments (zones by nearest hub / nearest spoke, by road):");
  for (const c of report.catchments) out.push(`  ${c.kind.padEnd(5)} ${c.name.padEnd(42)} ${String(c.zones).padStart(4)} zones ${c.population.toLocaleString("en-GB").padStart(10)} people`);
  out.push("", "Drive minutes, population-weighted:", header);
  out.push(row("to nearest hub", report.toHub), row("to nearest spoke", report.toSpoke));
  out.push("", "To nearest hub, by district:", header);
  for (const [k, s] of Object.entries(report.byDistrict)) out.push(row(k, s));
  out.push("", "To nearest hub, by IMD 2025 decile (1 = most deprived):", header);
  for (const [k, s] of Object.entries(report.byImdDecile)) out.push(row(`decile ${k}`, s));
  out.push("", `Unreachable zones: ${report.unreachable.length === 0 ? "none" : report.unreachable.join(", ")}`);
  out.push(`Zones snapped further than ${MAX_SNAP_METRES} m from a road node: ${report.badlySnapped.length === 0 ? "none" : report.badlySnapped.map((z) => `${z.id} (${z.snapMetres} m)`).join(", ")}`);

  const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../out");
  mkdirSync(dir, { recursive: true });
  const features = network.zones.map((z, i) => ({
    type: "Feature" as const,
    geometry: z.geometry ?? { type: "Point", coordinates: z.location },
    properties: {
      id: z.id, name: z.name, district: z.district, population: z.population, imdDecile: z.imdDecile,
      hub: report.zones[i].hub, hubMinutes: Number.isFinite(report.zones[i].hubMinutes) ? Math.round(report.zones[i].hubMinutes * 10) / 10 : null,
      spoke: report.zones[i].spoke, spokeMinutes: Number.isFinite(report.zones[i].spokeMinutes) ? Math.round(report.zones[i].spokeMinutes * 10) / 10 : null,
    },
  }));
  writeFileSync(resolve(dir, "zones-baseline.geojson"), JSON.stringify({ type: "FeatureCollection", attribution: KENT_MEDWAY_ATTRIBUTION, features }));
  const { zones: _zones, ...summary } = report;
  writeFileSync(resolve(dir, "baseline.json"), JSON.stringify(summary, (_k, v) => (v === Infinity ? null : v), 2));
  out.push("", `Wrote out/zones-baseline.geojson and out/baseline.json.`, "", ...KENT_MEDWAY_ATTRIBUTION);
  process.stdout.write(out.join("\n") + "\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
