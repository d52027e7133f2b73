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
 * one zones × open-sites matrix feeds every figure, through `nearestSites`, `accessSummary`,
 * `accessByGroup` (src/access) and `nearestCatchments` (src/catchment). `baselineReport(network, router)` is the
 * reusable part for scenario demos: pass the same router to every scenario on the same roads.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { accessByGroup, accessSummary, nearestSites, type AccessSummary } from "../src/access/index.js";
import { catchmentPolygons, isochrones, nearestCatchments } from "../src/catchment/index.js";
import { KENT_MEDWAY_ATTRIBUTION, kentMedway } from "../src/kent-medway/index.js";
import type { ServiceNetwork, Site } from "../src/model/index.js";
import { createRouter, type RoutedCostMatrix, type Router } from "../src/routing/index.js";
import { renderSvgMap, stringifyGeoJSON } from "../src/io/index.js";

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

/** Population-weighted minutes to the nearest site (see `accessSummary`). */
export type Summary = AccessSummary;

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
  const hubIds = hubs.map((s) => s.id);
  const spokeIds = spokes.map((s) => s.id);
  const pops = network.zones.map((z) => z.population);
  const thresholds = { thresholdsMinutes: [...THRESHOLDS_MINUTES] };
  const nearestHub = nearestSites(matrix, { among: hubIds }).nearest;
  const nearestSpoke = nearestSites(matrix, { among: spokeIds }).nearest;
  const zones: ZoneBaseline[] = network.zones.map((z, i) => ({
    id: z.id,
    hub: nearestHub[i].destination,
    hubMinutes: nearestHub[i].minutes,
    spoke: nearestSpoke[i].destination,
    spokeMinutes: nearestSpoke[i].minutes,
    snapMetres: snap.get(z.id) ?? Infinity,
  }));
  const byId = new Map(sites.map((s) => [s.id, s]));
  const catchments = [
    ...nearestCatchments(matrix, { among: hubIds, population: pops }).sites,
    ...nearestCatchments(matrix, { among: spokeIds, population: pops }).sites,
  ].map((c) => ({ site: c.site, name: byId.get(c.site)!.name, kind: byId.get(c.site)!.kind, zones: c.zones.length, population: c.population ?? 0, meanMinutes: c.meanMinutes }));
  const group = (labels: (string | number)[]) => {
    const out: Record<string, Summary> = {};
    const groups = accessByGroup(matrix, pops, labels, { among: hubIds, ...thresholds }).groups;
    const sorted = groups.slice().sort((a, b) => String(a.group).localeCompare(String(b.group), "en", { numeric: true }));
    for (const { group: g, ...summary } of sorted) out[String(g)] = summary;
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
    toHub: accessSummary(matrix, pops, { among: hubIds, ...thresholds }),
    toSpoke: accessSummary(matrix, pops, { among: spokeIds, ...thresholds }),
    byDistrict: group(network.zones.map((z) => z.district ?? "?")),
    byImdDecile: group(network.zones.map((z) => z.imdDecile ?? 0)),
    unreachable: zones.filter((z) => !Number.isFinite(z.hubMinutes) || !Number.isFinite(z.spokeMinutes)).map((z) => z.id),
    unsnapped: [...matrix.snapping.unsnapped],
    islands: [...matrix.snapping.islands],
    badlySnapped: zones.filter((z) => z.snapMetres > MAX_SNAP_METRES).map((z) => ({ id: z.id, snapMetres: Math.round(z.snapMetres) })),
  };
}

const fmt = (x: number | null, d = 1) => (x === null ? "—" : Number.isFinite(x) ? x.toFixed(d) : "unreachable");
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function row(label: string, s: Summary): string {
  return `${label.padEnd(24)} ${s.population.toLocaleString("en-GB").padStart(10)}  ${[s.meanMinutes, s.medianMinutes, s.p90Minutes, s.maxMinutes].map((x) => fmt(x).padStart(6)).join(" ")}  ${s.thresholds.map((t) => (t.share === null ? "—" : pct(t.share)).padStart(7)).join(" ")}`;
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
  // stringifyGeoJSON: RFC 7946 ring order, at most 6 decimals (attribution: see out/README or the HTML report)
  writeFileSync(resolve(dir, "zones-baseline.geojson"), stringifyGeoJSON({ type: "FeatureCollection", features: features as never }, { indent: 0 }));
  // Hub catchment polygons (union of LSOA boundaries) and 30/45/60-minute isochrones to each hub.
  const hubs = network.sites.filter((s) => s.kind === "hub" && s.status !== "closed");
  const hubCatchments = nearestCatchments(report.matrix, { among: hubs.map((h) => h.id), population: network.zones.map((z) => z.population) });
  const polygons = catchmentPolygons(network.zones, hubCatchments);
  writeFileSync(resolve(dir, "hub-catchments.geojson"), stringifyGeoJSON(polygons.polygons, { indent: 0 }));
  const written = ["out/zones-baseline.geojson", "out/baseline.json", "out/hub-catchments.geojson"];
  out.push("", "Population within each drive-time band of each hub (isochrones, by road):");
  for (const hub of hubs) {
    const iso = isochrones(router, hub, [...THRESHOLDS_MINUTES], { zones: network.zones });
    const file = `isochrones-${hub.id}.geojson`;
    writeFileSync(resolve(dir, file), stringifyGeoJSON(iso.bands, { indent: 0 }));
    written.push(`out/${file}`);
    const bands = iso.bands.features.map((f) => `≤${f.properties.minutes}m ${Math.round(f.properties.population ?? 0).toLocaleString("en-GB")}`);
    out.push(`  ${hub.name.padEnd(28)} ${bands.join("   ")}`);
    for (const w of iso.warnings) out.push(`    note: ${w}`);
  }
  for (const w of polygons.warnings) out.push(`  note: ${w}`);
  const toHub = nearestSites(report.matrix, { among: hubs.map((h) => h.id) }).nearest;
  writeFileSync(resolve(dir, "map-nearest-hub.svg"), renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: nearest inpatient hub by road", colourBy: "hub", mainRoads: true }));
  writeFileSync(resolve(dir, "map-minutes-to-hub.svg"), renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: minutes to the nearest hub by road", colourBy: "minutes", mainRoads: true }));
  written.push("out/map-nearest-hub.svg", "out/map-minutes-to-hub.svg");
  const { zones: _zones, matrix, ...summary } = report;
  const json = { ...summary, provenance: matrix.provenance, attribution: KENT_MEDWAY_ATTRIBUTION };
  writeFileSync(resolve(dir, "baseline.json"), JSON.stringify(json, (_k, v) => (v === Infinity ? null : v), 2));
  out.push("", `Wrote ${written.join(", ")}.`, "", ...KENT_MEDWAY_ATTRIBUTION);
  process.stdout.write(out.join("\n") + "\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
