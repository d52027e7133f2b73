/**
 * `npm run demo`: the Kent & Medway baseline on real roads.
 *
 * Prints each hub's and spoke's catchment population, population-weighted mean / median / p90 /
 * max minutes to the nearest hub and nearest spoke, the share of people within 30 / 45 / 60
 * minutes of a hub (overall, by district, by IMD decile), and every unreachable, unsnapped,
 * island or badly snapped zone; writes `out/zones-baseline.geojson` (zones with nearest hub,
 * nearest spoke and minutes) and `out/baseline.json`.
 *
 * Routing: `createRouter(network.graph)` (phantom-node snapping onto the nearest road edge);
 * one zones × open-sites matrix feeds every figure. `baselineReport(network, router)` is the
 * reusable part for scenario demos: pass the same router to every scenario on the same roads.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KENT_MEDWAY_ATTRIBUTION, kentMedway } from "../src/kent-medway/index.js";
import type { ServiceNetwork, Site } from "../src/model/index.js";
import { createRouter, type RoutedCostMatrix, type Router } from "../src/routing/index.js";

export const THRESHOLDS_MINUTES = [30, 45, 60] as const;
/** A zone whose centroid is further than this from the nearest road edge is reported. */
export const MAX_SNAP_METRES = 1000;

export interface ZoneBaseline {
  id: string;
  hub: string | null;
  hubMinutes: number;
  spoke: string | null;
  spokeMinutes: number;
  /** Straight-line metres from the zone centroid to its snapped point on the nearest road. */
  snapMetres: number;
}

export interface Summary {
  population: number;
  meanMinutes: number;
  medianMinutes: number;
  p90Minutes: number;
  maxMinutes: number;
  thresholds: { minutes: number; population: number; share: number }[];
  unreachablePopulation: number;
}

export interface BaselineReport {
  /** Zones × open hubs then open spokes, minutes (Infinity = unreachable). */
  matrix: RoutedCostMatrix;
  zones: ZoneBaseline[];
  /** `meanMinutes` is null for a site no zone is nearest to. */
  catchments: { site: string; name: string; kind: string; zones: number; population: number; meanMinutes: number | null }[];
  /** Open sites no zone is nearest to, with the nearest other open site of the same kind (metres, straight line). */
  emptyCatchments: { site: string; nearestSite: string; metres: number }[];
  toHub: Summary;
  toSpoke: Summary;
  byDistrict: Record<string, Summary>;
  byImdDecile: Record<string, Summary>;
  unreachable: string[];
  unsnapped: string[];
  islands: string[];
  badlySnapped: { id: string; snapMetres: number }[];
}

// Interim population-weighted summary, until accessSummary/accessByGroup (src/access) land on
// main; then this goes. Quantile: smallest time m with population(time ≤ m) ≥ q × total.
function summarise(minutes: readonly number[], weights: readonly number[]): Summary {
  const order = minutes.map((_, i) => i).sort((a, b) => minutes[a] - minutes[b] || a - b);
  const total = weights.reduce((a, b) => a + b, 0);
  const reached = order.filter((i) => Number.isFinite(minutes[i]));
  const reachedPop = reached.reduce((a, i) => a + weights[i], 0);
  const quantile = (q: number) => {
    let acc = 0;
    for (const i of order) if ((acc += weights[i]) >= q * total) return minutes[i];
    return Infinity;
  };
  return {
    population: total,
    meanMinutes: reached.reduce((a, i) => a + weights[i] * minutes[i], 0) / reachedPop,
    medianMinutes: quantile(0.5),
    p90Minutes: quantile(0.9),
    maxMinutes: reached.length ? minutes[reached[reached.length - 1]] : Infinity,
    thresholds: THRESHOLDS_MINUTES.map((t) => {
      const population = reached.reduce((a, i) => a + (minutes[i] <= t ? weights[i] : 0), 0);
      return { minutes: t, population, share: population / total };
    }),
    unreachablePopulation: total - reachedPop,
  };
}

function haversineMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** The baseline: nearest open hub and nearest open spoke for every zone, by road. */
export function baselineReport(network: ServiceNetwork, router: Router): BaselineReport {
  const open = (s: Site) => s.status !== "closed";
  const hubs = network.sites.filter((s) => s.kind === "hub" && open(s));
  const spokes = network.sites.filter((s) => s.kind === "spoke" && open(s));
  const sites = [...hubs, ...spokes];
  const matrix = router.travelTimes(network.zones, sites);
  const snap = new Map(router.snap(network.zones).snapped.map((p) => [p.id, p.snapMetres]));
  const cols = sites.length;
  const nearestIn = (i: number, from: number, to: number): [number, number] => {
    let best = -1;
    let m = Infinity;
    for (let j = from; j < to; j++) if (matrix.minutes[i * cols + j] < m) [best, m] = [j, matrix.minutes[i * cols + j]];
    return [best, m];
  };
  const zones: ZoneBaseline[] = network.zones.map((z, i) => {
    const [h, hm] = nearestIn(i, 0, hubs.length);
    const [s, sm] = nearestIn(i, hubs.length, cols);
    return { id: z.id, hub: h < 0 ? null : sites[h].id, hubMinutes: hm, spoke: s < 0 ? null : sites[s].id, spokeMinutes: sm, snapMetres: snap.get(z.id) ?? Infinity };
  });
  const pops = network.zones.map((z) => z.population);
  const catchments = sites.map((site) => {
    const mine = zones.map((z, i) => [z, i] as const).filter(([z]) => z.hub === site.id || z.spoke === site.id);
    const population = mine.reduce((a, [, i]) => a + pops[i], 0);
    const meanMinutes = mine.length === 0 ? null : mine.reduce((a, [z, i]) => a + pops[i] * (site.kind === "hub" ? z.hubMinutes : z.spokeMinutes), 0) / population;
    return { site: site.id, name: site.name, kind: site.kind, zones: mine.length, population, meanMinutes };
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
  const emptyCatchments = catchments.filter((c) => c.zones === 0).map((c) => {
    const site = sites.find((s) => s.id === c.site)!;
    const others = sites.filter((s) => s.kind === site.kind && s.id !== site.id).map((s) => ({ site: s.id, metres: Math.round(haversineMetres(site.location, s.location)) }));
    const near = others.reduce((a, b) => (b.metres < a.metres ? b : a));
    return { site: site.id, nearestSite: near.site, metres: near.metres };
  });
  return {
    matrix,
    zones,
    catchments,
    emptyCatchments,
    toHub: summarise(zones.map((z) => z.hubMinutes), pops),
    toSpoke: summarise(zones.map((z) => z.spokeMinutes), pops),
    byDistrict: group((i) => network.zones[i].district ?? "?"),
    byImdDecile: group((i) => String(network.zones[i].imdDecile ?? "?")),
    unreachable: zones.filter((z) => !Number.isFinite(z.hubMinutes) || !Number.isFinite(z.spokeMinutes)).map((z) => z.id),
    unsnapped: [...matrix.snapping.unsnapped],
    islands: [...matrix.snapping.islands],
    badlySnapped: zones.filter((z) => z.snapMetres > MAX_SNAP_METRES).map((z) => ({ id: z.id, snapMetres: Math.round(z.snapMetres) })),
  };
}

const fmt = (x: number | null, d = 1) => (x === null ? "—" : Number.isFinite(x) ? x.toFixed(d) : "unreachable");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function row(label: string, s: Summary): string {
  return `${label.padEnd(24)} ${s.population.toLocaleString("en-GB").padStart(10)}  ${[s.meanMinutes, s.medianMinutes, s.p90Minutes, s.maxMinutes].map((x) => fmt(x).padStart(6)).join(" ")}  ${s.thresholds.map((t) => pct(t.share).padStart(7)).join(" ")}`;
}
const header = `${"".padEnd(24)} ${"people".padStart(10)}  ${["mean", "median", "p90", "max"].map((h) => h.padStart(6)).join(" ")}  ${THRESHOLDS_MINUTES.map((t) => `≤${t}m`.padStart(7)).join(" ")}`;
const list = (ids: readonly string[]) => (ids.length === 0 ? "none" : ids.join(", "));

function main(): void {
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const network = kentMedway();
  const c1 = cpu();
  const router = createRouter(network.graph!);
  const c2 = cpu();
  const report = baselineReport(network, router);
  const c3 = cpu();
  const out: string[] = [];
  out.push("Kent & Medway mental health: baseline (3 inpatient hubs, 20 community team bases)");
  out.push(
    `Loaded ${network.zones.length} zones, ${network.sites.length} sites, ${network.graph!.order.toLocaleString("en-GB")} road nodes in ${(c1 - c0).toFixed(0)} ms CPU; ` +
      `router compiled in ${(c2 - c1).toFixed(0)} ms; snapped and routed ${report.matrix.origins.length} × ${report.matrix.destinations.length} in ${(c3 - c2).toFixed(0)} ms.`,
  );
  out.push("", "Catchments (zones by nearest hub / nearest spoke, by road; mean minutes population-weighted):");
  for (const c of report.catchments) out.push(`  ${c.kind.padEnd(5)} ${c.name.padEnd(42)} ${String(c.zones).padStart(4)} zones ${c.population.toLocaleString("en-GB").padStart(10)} people ${fmt(c.meanMinutes).padStart(6)} min`);
  const name = (id: string) => network.sites.find((s) => s.id === id)!.name;
  for (const e of report.emptyCatchments) out.push(`  (${name(e.site)}: no zone is nearer to it than to ${name(e.nearestSite)}, ${e.metres} m away)`);
  out.push("", "Drive minutes, population-weighted:", header);
  out.push(row("to nearest hub", report.toHub), row("to nearest spoke", report.toSpoke));
  out.push("", "To nearest hub, by district:", header);
  for (const [k, s] of Object.entries(report.byDistrict)) out.push(row(k, s));
  out.push("", "To nearest hub, by IMD 2025 decile (1 = most deprived):", header);
  for (const [k, s] of Object.entries(report.byImdDecile)) out.push(row(`decile ${k}`, s));
  out.push("", `Unreachable zones: ${list(report.unreachable)}`);
  out.push(`Zones beyond the router's snapping distance: ${list(report.unsnapped)}; on road islands: ${list(report.islands)}`);
  out.push(`Zones snapped further than ${MAX_SNAP_METRES} m from a road: ${list(report.badlySnapped.map((z) => `${z.id} (${z.snapMetres} m)`))}`);

  const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../out");
  mkdirSync(dir, { recursive: true });
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  const features = network.zones.map((z, i) => ({
    type: "Feature" as const,
    geometry: z.geometry ?? { type: "Point", coordinates: z.location },
    properties: {
      id: z.id, name: z.name, district: z.district, population: z.population, imdDecile: z.imdDecile,
      hub: report.zones[i].hub, hubMinutes: round(report.zones[i].hubMinutes),
      spoke: report.zones[i].spoke, spokeMinutes: round(report.zones[i].spokeMinutes),
      snapMetres: Math.round(report.zones[i].snapMetres),
    },
  }));
  writeFileSync(resolve(dir, "zones-baseline.geojson"), JSON.stringify({ type: "FeatureCollection", attribution: KENT_MEDWAY_ATTRIBUTION, features }));
  const { zones: _zones, matrix, ...summary } = report;
  const json = { ...summary, provenance: matrix.provenance, attribution: KENT_MEDWAY_ATTRIBUTION };
  writeFileSync(resolve(dir, "baseline.json"), JSON.stringify(json, (_k, v) => (v === Infinity ? null : v), 2));
  out.push("", `Wrote out/zones-baseline.geojson and out/baseline.json.`, "", ...KENT_MEDWAY_ATTRIBUTION);
  process.stdout.write(out.join("\n") + "\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
