/**
 * Build the bundled Kent & Medway fixture (`fixtures/kent-medway/`) from the open-data pack.
 *
 *   npm run build:fixtures                       # reads ../shared/data/kent-medway
 *   KENT_MEDWAY_DATA=/path/to/kent-medway npm run build:fixtures
 *
 * Reads the pack's CSV/GeoJSON (see its README for sources and licences) and writes
 * `zones.json`, `roads.json`, `sites.json`, `assumptions.json` and `build-report.json`.
 * Deterministic: the same input gives byte-identical output. `fixtures/kent-medway/README.md`
 * documents the format, the sources and the attribution lines.
 *
 * Road simplification (all exact in metres; minutes are computed at load time from metres
 * split into urban and rural parts, so contracted chains keep exact minutes):
 *   1. each OSM segment is classed urban or rural by the ONS 2021 rural-urban class of the
 *      LSOA containing its midpoint (flatbush over LSOA boxes + point-in-polygon on the
 *      unsimplified boundaries; midpoints outside Kent & Medway count as rural);
 *   2. nodes outside the largest strongly connected component (one-way fragments cut at the
 *      extract boundary) are dropped, and counted in build-report.json;
 *   3. chains of degree-2 nodes whose two segments share class, slip-road flag and one-way
 *      flag (one-way chains only when consistently directed) are contracted into one edge:
 *      metres and urban metres are summed; the chain's vertices are kept as the edge's
 *      `coordinates`, Douglas–Peucker simplified at ROAD_TOLERANCE_M.
 * Zone boundaries are Douglas–Peucker simplified at ZONE_TOLERANCE_M (rings never collapse).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { booleanPointInPolygon } from "@turf/turf";
import Flatbush from "flatbush";
import { MultiDirectedGraph } from "graphology";
import Papa from "papaparse";
import type { RoadGraph } from "../src/model/index.js";
import { METRES_PER_DEGREE } from "../src/internal/geo.js";
import { deltaEncode, encodeVarints as varints } from "../src/kent-medway/codec.js";
import { DEFAULT_SPEED_PROFILE } from "../src/network/speed-profile.js";
import { createRouter, largestStronglyConnectedComponent } from "../src/routing/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = resolve(ROOT, "fixtures/kent-medway");
const ROAD_TOLERANCE_M = 5;
const ZONE_TOLERANCE_M = 25;
/** Road classes in code order (index = code in roads.json). */
export const ROAD_CLASSES = ["motorway", "trunk", "primary", "secondary", "tertiary", "minor"] as const;

function findSource(): string {
  const candidates = [
    process.env.KENT_MEDWAY_DATA,
    resolve(ROOT, "../shared/data/kent-medway"),
    resolve(ROOT, "../../shared/data/kent-medway"),
    "/work/shared/data/kent-medway",
  ].filter((p): p is string => p !== undefined);
  for (const p of candidates) if (existsSync(resolve(p, "README.md"))) return p;
  throw new Error(`build-fixtures: the Kent & Medway data pack was not found (looked in ${candidates.join(", ")}). Set KENT_MEDWAY_DATA.`);
}
const SRC = findSource();

type Row = Record<string, string>;
function readCsv(rel: string): Row[] {
  const text = readFileSync(resolve(SRC, rel), "utf8");
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`build-fixtures: ${rel}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data;
}
function num(row: Row, key: string): number {
  const v = Number(row[key]);
  if (row[key] === undefined || row[key] === "" || !Number.isFinite(v)) throw new Error(`build-fixtures: bad number in column ${key} (${row[key]})`);
  return v;
}
function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(resolve(SRC, rel), "utf8")) as T;
}

// ---------- assumptions (each figure: a source, or `assumption: true` with its rationale) ----------
const A = (value: number, source: string) => ({ value, source, assumption: true });
const S = (value: number, source: string) => ({ value, source, assumption: false });
const NHSBN = "order of magnitude of NHS Benchmarking Network mental health inpatient benchmarking (adult acute admissions ~70-80 per 100,000 population a year, mean length of stay ~35 days excluding leave)";
/**
 * Beds per hub by ward type. Bed numbers per hub are not in any open source used here: these
 * are ASSUMPTIONS sized so that the assumed admission rates and lengths of stay below, at 85 %
 * occupancy, roughly fill them for 1.86 million people (adult acute ~ 1.86M x 75/100k x 35 d
 * / 365 / 0.85 ~ 157 beds), split across the three hubs roughly by catchment, with the one
 * psychiatric intensive care unit (PICU) placed at the central hub.
 */
const BEDS_BY_HUB: Record<string, Record<string, number>> = {
  dartford: { adultAcute: 50, olderAdult: 18, pici: 0 },
  maidstone: { adultAcute: 60, olderAdult: 18, pici: 12 },
  canterbury: { adultAcute: 56, olderAdult: 18, pici: 0 },
};
const BEDS_RATIONALE = "beds per hub are not published in open data; assumption sized from the admission and length-of-stay assumptions at 85% occupancy and split across hubs roughly by catchment (see fixtures/kent-medway/README.md)";
const ASSUMPTIONS = {
  wards: {
    adultAcute: {
      label: "Adult acute (working age)",
      admissionsPer100kPerYear: A(75, `assumption: ${NHSBN}; per 100,000 of the whole population`),
      meanLengthOfStayDays: A(35, `assumption: ${NHSBN}`),
    },
    olderAdult: {
      label: "Older adult (functional and organic)",
      admissionsPer100kPerYear: A(15, "assumption: older-adult admissions a fifth of adult acute per head of the whole population, in line with NHS Benchmarking Network older-adult inpatient rates (order of magnitude)"),
      meanLengthOfStayDays: A(65, "assumption: older-adult mean length of stay ~2 months (NHS Benchmarking Network older-adult inpatient benchmarking, order of magnitude)"),
    },
    pici: {
      label: "Psychiatric intensive care (PICU)",
      admissionsPer100kPerYear: A(8, "assumption: PICU admissions ~10% of adult acute admissions (NHS Benchmarking Network PICU benchmarking, order of magnitude)"),
      meanLengthOfStayDays: A(30, "assumption: PICU mean length of stay ~1 month (NHS Benchmarking Network, order of magnitude)"),
    },
  },
  targetOccupancy: S(0.85, "Royal College of Psychiatrists: mental health bed occupancy should not exceed 85% (RCPsych / Strategy Unit, 'Exploring mental health inpatient capacity across sustainability and transformation partnerships in England', 2019)"),
  targetBlocking: A(0.05, "assumption: planning standard of a 5% chance that an admission finds no bed (Erlang-B), a common queueing target for acute beds"),
  community: {
    caseloadPer1000: A(8, "assumption: adult community mental health teams hold roughly 8 people per 1,000 population (order of magnitude of NHS Mental Health Services Data Set 'people in contact with secondary mental health services', adults, community teams)"),
    referralsPer1000PerYear: A(12, "assumption: referrals accepted by adult community teams ~12 per 1,000 population a year (order of magnitude, MHSDS)"),
    contactsPerWtePerWeek: A(15, "assumption: ~15 face-to-face or video clinical contacts per clinical WTE per week after travel, supervision and admin"),
    maxDaysBetweenContacts: A(28, "assumption: every person on a caseload seen at least once every 4 weeks (common care-coordination standard)"),
    homeVisitShare: A(0.3, "assumption: 30% of community contacts are home visits"),
    crisisContactsPerDayPer100k: A(3, "assumption: crisis resolution / home treatment contacts ~3 a day per 100,000 population (order of magnitude of NHS Benchmarking Network crisis team activity)"),
    crisisShortfallTarget: A(0.05, "assumption: crisis slots sized so that demand exceeds them on at most 5% of days"),
    homeVisitMinutes: A(60, "assumption: one hour face to face per home visit, excluding travel"),
  },
  outOfArea: {
    name: "Out of area placement",
    costPerBedDay: A(600, "assumption: independent-sector out-of-area acute placement ~GBP 600 per bed-day (order of magnitude reported in NHS England out-of-area placement returns and GIRFT mental health reports)"),
    minutes: A(120, "assumption: out-of-area placements are typically outside Kent and Medway, about two hours' drive"),
  },
};

// ---------- geometry helpers (local equirectangular metres) ----------
const M_PER_DEG_LAT = METRES_PER_DEGREE;
type XY = [number, number];
function segMetres(a: XY, b: XY): number {
  const kx = Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)) * M_PER_DEG_LAT;
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * M_PER_DEG_LAT);
}
/** Perpendicular distance (m) from p to segment ab. */
function pointSegMetres(p: XY, a: XY, b: XY): number {
  const kx = Math.cos(p[1] * (Math.PI / 180)) * M_PER_DEG_LAT;
  const ax = (a[0] - p[0]) * kx, ay = (a[1] - p[1]) * M_PER_DEG_LAT;
  const bx = (b[0] - p[0]) * kx, by = (b[1] - p[1]) * M_PER_DEG_LAT;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(ax + t * dx, ay + t * dy);
}
/** Douglas–Peucker keeping both ends; returns kept indices. */
function douglasPeucker(pts: XY[], tol: number): number[] {
  const n = pts.length;
  if (n <= 2) return pts.map((_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    let best = -1, bestD = tol;
    for (let k = i + 1; k < j; k++) {
      const d = pointSegMetres(pts[k], pts[i], pts[j]);
      if (d > bestD) { bestD = d; best = k; }
    }
    if (best >= 0) { keep[best] = 1; stack.push([i, best], [best, j]); }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}
/** Simplify a closed ring; never returns fewer than 4 positions (3 distinct + closing). */
function simplifyRing(ring: XY[], tol: number): XY[] {
  if (ring.length <= 5) return ring;
  // split at the vertex farthest from the first so that DP has two open halves
  let far = 1, farD = -1;
  for (let k = 1; k < ring.length - 1; k++) { const d = segMetres(ring[0], ring[k]); if (d > farD) { farD = d; far = k; } }
  const a = ring.slice(0, far + 1), b = ring.slice(far);
  const ka = douglasPeucker(a, tol).map((i) => a[i]);
  const kb = douglasPeucker(b, tol).map((i) => b[i]);
  const out = ka.concat(kb.slice(1));
  return out.length >= 4 ? out : tol > 1 ? simplifyRing(ring, tol / 2) : ring;
}
/** Point halfway along a polyline by length. */
function midpointAlong(line: XY[]): XY {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += segMetres(line[i - 1], line[i]);
  let half = total / 2;
  for (let i = 1; i < line.length; i++) {
    const d = segMetres(line[i - 1], line[i]);
    if (d >= half && d > 0) {
      const t = half / d;
      return [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
    }
    half -= d;
  }
  return line[line.length - 1];
}
// ---------- zones ----------
interface GeoFeature<G> { type: "Feature"; geometry: G; properties: Record<string, unknown> }
type PolyGeom = { type: "Polygon"; coordinates: XY[][] } | { type: "MultiPolygon"; coordinates: XY[][][] };

const AGE_BANDS = ["age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus"] as const;
const zoneRows = readCsv("zones/lsoa21_kent_medway.csv");
const boundaries = readJson<{ features: GeoFeature<PolyGeom>[] }>("zones/lsoa21_boundaries_kent_medway.geojson");
const boundaryById = new Map(boundaries.features.map((f) => [String(f.properties.lsoa21cd), f.geometry] as const));
if (zoneRows.length !== 1107 || boundaryById.size !== 1107) throw new Error(`build-fixtures: expected 1,107 LSOAs, got ${zoneRows.length} rows and ${boundaryById.size} boundaries`);

const polygonsOf = (g: PolyGeom): XY[][][] => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
const zoneGeometry: PolyGeom[] = []; // full-resolution boundaries for point-in-polygon
const zoneUrban: boolean[] = [];
const zoneBox = new Flatbush(zoneRows.length);
const zonesOut = {
  id: [] as string[], name: [] as string[], district: [] as string[], districtCode: [] as string[],
  lon: [] as number[], lat: [] as number[], population: [] as number[], ageBands: AGE_BANDS.map((b) => b.replace(/^age_/, "")),
  age: [] as number[][], imdDecile: [] as number[], imdHealthDecile: [] as number[], urbanRural: [] as string[], ruc21: [] as string[],
  households: [] as number[], householdsNoCar: [] as number[],
  /** per zone: polygons → rings, each ring a varint string of delta-encoded [lon, lat] × 1e5 */
  geometry: [] as string[][][],
};
let zoneVerticesIn = 0, zoneVerticesOut = 0;
for (const r of zoneRows) {
  const g = boundaryById.get(r.lsoa21cd);
  if (g === undefined) throw new Error(`build-fixtures: no boundary for ${r.lsoa21cd}`);
  const polys = polygonsOf(g);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polys) for (const ring of poly) {
    for (const [x, y] of ring) { minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y); }
  }
  zoneBox.add(minX, minY, maxX, maxY);
  zoneGeometry.push(g);
  zoneUrban.push(r.urban_rural === "Urban");
  if (r.urban_rural !== "Urban" && r.urban_rural !== "Rural") throw new Error(`build-fixtures: ${r.lsoa21cd} urban_rural "${r.urban_rural}"`);
  const age = AGE_BANDS.map((b) => num(r, b));
  const pop = num(r, "pop_census2021");
  if (age.reduce((a, b) => a + b, 0) !== pop) throw new Error(`build-fixtures: ${r.lsoa21cd} age bands do not add up to the population`);
  zonesOut.id.push(r.lsoa21cd);
  zonesOut.name.push(r.lsoa21nm);
  zonesOut.district.push(r.lad_name);
  zonesOut.districtCode.push(r.lad_code);
  zonesOut.lon.push(Math.round(num(r, "pwc_lon") * 1e6));
  zonesOut.lat.push(Math.round(num(r, "pwc_lat") * 1e6));
  zonesOut.population.push(pop);
  zonesOut.age.push(age);
  zonesOut.imdDecile.push(num(r, "imd2025_decile"));
  zonesOut.imdHealthDecile.push(num(r, "imd2025_health_decile"));
  zonesOut.urbanRural.push(r.urban_rural);
  zonesOut.ruc21.push(r.ruc21_code);
  zonesOut.households.push(num(r, "households_2021"));
  zonesOut.householdsNoCar.push(num(r, "households_no_car"));
  zonesOut.geometry.push(polys.map((poly) => poly.map((ring) => {
    zoneVerticesIn += ring.length;
    const s = simplifyRing(ring, ZONE_TOLERANCE_M);
    zoneVerticesOut += s.length;
    const flat: number[] = [];
    let px = 0, py = 0;
    for (const [x, y] of s) { const ix = Math.round(x * 1e5), iy = Math.round(y * 1e5); flat.push(ix - px, iy - py); px = ix; py = iy; }
    return varints(flat);
  })));
}
zoneBox.finish();

function isUrbanPoint(x: number, y: number): boolean {
  const hits = zoneBox.search(x, y, x, y);
  hits.sort((a, b) => a - b);
  for (const z of hits) if (booleanPointInPolygon([x, y], zoneGeometry[z])) return zoneUrban[z];
  return false; // outside Kent & Medway: rural
}

// ---------- roads ----------
const nodeRows = readCsv("roads/osm_nodes_kent_medway.csv");
const edgeRows = readCsv("roads/osm_edges_kent_medway.csv");
const roadGeo = readJson<{ features: GeoFeature<{ type: "LineString"; coordinates: XY[] }>[] }>("roads/osm_roads_kent_medway.geojson");
const N = nodeRows.length, E = edgeRows.length;
const nodeLon = new Float64Array(N), nodeLat = new Float64Array(N), nodeKey = new Int32Array(N);
const nodeIndex = new Map<number, number>();
nodeRows.forEach((r, i) => { nodeKey[i] = num(r, "node_id"); nodeLon[i] = num(r, "lon"); nodeLat[i] = num(r, "lat"); nodeIndex.set(nodeKey[i], i); });
const geomById = new Map<number, XY[]>(roadGeo.features.map((f) => [Number(f.properties.edge_id), f.geometry.coordinates] as const));

const segFrom = new Int32Array(E), segTo = new Int32Array(E), segClass = new Uint8Array(E), segFlags = new Uint8Array(E);
const segDm = new Float64Array(E), segUrbanDm = new Float64Array(E);
const segGeom: XY[][] = [];
const ONEWAY = 1, LINK = 2;
let urbanSegments = 0;
for (let e = 0; e < E; e++) {
  const r = edgeRows[e];
  const f = nodeIndex.get(num(r, "from_node")), t = nodeIndex.get(num(r, "to_node"));
  if (f === undefined || t === undefined) throw new Error(`build-fixtures: edge ${r.edge_id} names an unknown node`);
  const cls = ROAD_CLASSES.indexOf(r.class as (typeof ROAD_CLASSES)[number]);
  if (cls < 0) throw new Error(`build-fixtures: edge ${r.edge_id} has unknown class "${r.class}"`);
  segFrom[e] = f; segTo[e] = t; segClass[e] = cls;
  segFlags[e] = (r.oneway === "True" ? ONEWAY : 0) | (r.link === "True" ? LINK : 0);
  segDm[e] = Math.round(num(r, "length_m") * 10);
  const g = geomById.get(num(r, "edge_id"));
  if (g === undefined || g.length < 2) throw new Error(`build-fixtures: edge ${r.edge_id} has no geometry`);
  segGeom.push(g);
  const mid = midpointAlong(g);
  const urban = isUrbanPoint(mid[0], mid[1]);
  if (urban) urbanSegments++;
  segUrbanDm[e] = urban ? segDm[e] : 0;
}

// largest strongly connected component (src/routing: iterative Tarjan over the compiled graph)
function largestScc(): Uint8Array {
  const graph = new MultiDirectedGraph<{ lon: number; lat: number }, { minutes: number }>();
  for (let i = 0; i < N; i++) graph.addNode(String(i), { lon: nodeLon[i], lat: nodeLat[i] });
  for (let e = 0; e < E; e++) {
    graph.addEdge(String(segFrom[e]), String(segTo[e]), { minutes: 0 });
    if (!(segFlags[e] & ONEWAY)) graph.addEdge(String(segTo[e]), String(segFrom[e]), { minutes: 0 });
  }
  const keep = new Uint8Array(N);
  for (const key of largestStronglyConnectedComponent(graph as unknown as RoadGraph)) keep[Number(key)] = 1;
  return keep;
}
const inScc = largestScc();
const segAlive = new Uint8Array(E);
let droppedSegments = 0, droppedKm = 0;
for (let e = 0; e < E; e++) {
  segAlive[e] = inScc[segFrom[e]] && inScc[segTo[e]] ? 1 : 0;
  if (!segAlive[e]) { droppedSegments++; droppedKm += segDm[e] / 10000; }
}
let droppedNodes = 0;
for (let i = 0; i < N; i++) if (!inScc[i]) droppedNodes++;

// incidence lists (alive segments)
const incid: number[][] = Array.from({ length: N }, () => []);
for (let e = 0; e < E; e++) if (segAlive[e]) { incid[segFrom[e]].push(e); incid[segTo[e]].push(e); }
function contractible(v: number): boolean {
  const inc = incid[v];
  if (inc.length !== 2 || inc[0] === inc[1]) return false;
  const a = inc[0], b = inc[1];
  if (segClass[a] !== segClass[b] || segFlags[a] !== segFlags[b]) return false;
  if (segFlags[a] & ONEWAY) {
    // one must enter v and the other leave it
    const aIn = segTo[a] === v, bIn = segTo[b] === v;
    if (aIn === bIn) return false;
  }
  return true;
}
const isKept = new Uint8Array(N);
for (let v = 0; v < N; v++) if (inScc[v] && !contractible(v)) isKept[v] = 1;

interface Chain { from: number; to: number; cls: number; flags: number; dm: number; udm: number; coords: XY[]; order: number }
const chains: Chain[] = [];
const used = new Uint8Array(E);
function orientedGeom(e: number, fromNode: number): XY[] {
  const g = segGeom[e];
  return segFrom[e] === fromNode ? g : g.slice().reverse();
}
function walk(start: number, firstSeg: number): void {
  const coords: XY[] = [[nodeLon[start], nodeLat[start]]];
  let v = start, e = firstSeg, dm = 0, udm = 0;
  for (;;) {
    used[e] = 1;
    const w = segFrom[e] === v ? segTo[e] : segFrom[e];
    const g = orientedGeom(e, v);
    for (let k = 1; k < g.length - 1; k++) coords.push(g[k]);
    coords.push([nodeLon[w], nodeLat[w]]);
    dm += segDm[e]; udm += segUrbanDm[e];
    v = w;
    if (isKept[v]) break;
    const next = incid[v][0] === e ? incid[v][1] : incid[v][0];
    if (used[next]) break; // closed ring of degree-2 nodes: stop where it began
    e = next;
  }
  let from = start, to = v, path = coords;
  if ((segFlags[firstSeg] & ONEWAY) && segFrom[firstSeg] !== start) { from = v; to = start; path = coords.slice().reverse(); }
  const keepIdx = douglasPeucker(path, ROAD_TOLERANCE_M);
  chains.push({ order: chains.length, from, to, cls: segClass[firstSeg], flags: segFlags[firstSeg], dm, udm, coords: keepIdx.slice(1, -1).map((i) => path[i]) });
}
for (let v = 0; v < N; v++) if (isKept[v]) for (const e of incid[v]) if (!used[e]) walk(v, e);
for (let e = 0; e < E; e++) if (segAlive[e] && !used[e]) { isKept[segFrom[e]] = 1; walk(segFrom[e], e); }

// output nodes: kept nodes in original id order; edges by (from, to, walk order)
const outIndex = new Int32Array(N).fill(-1);
const outNodes: number[] = [];
for (let v = 0; v < N; v++) if (isKept[v]) { outIndex[v] = outNodes.length; outNodes.push(v); }
chains.sort((a, b) => outIndex[a.from] - outIndex[b.from] || outIndex[a.to] - outIndex[b.to] || a.order - b.order);
const edgeCoords: number[] = [];
for (const c of chains) {
  // same rounding as the loader: the node's ×1e6 integer, then to ×1e5
  let px = Math.round(Math.round(nodeLon[c.from] * 1e6) / 10), py = Math.round(Math.round(nodeLat[c.from] * 1e6) / 10);
  for (const [x, y] of c.coords) { const ix = Math.round(x * 1e5), iy = Math.round(y * 1e5); edgeCoords.push(ix - px, iy - py); px = ix; py = iy; }
}
/** Every numeric array is a varint string (see `varints`); counts are given to check decoding. */
const roadsOut = {
  format: "hubspoke-kent-medway-roads/1",
  classes: [...ROAD_CLASSES],
  nodeCount: outNodes.length,
  edgeCount: chains.length,
  nodes: {
    /** original `node_id` of osm_nodes_kent_medway.csv, delta-encoded */
    id: varints(deltaEncode(outNodes.map((v) => nodeKey[v]))),
    /** lon, lat × 1e6, delta-encoded */
    lon: varints(deltaEncode(outNodes.map((v) => Math.round(nodeLon[v] * 1e6)))),
    lat: varints(deltaEncode(outNodes.map((v) => Math.round(nodeLat[v] * 1e6)))),
  },
  edges: {
    /** from-node index (into nodes), delta-encoded (edges are sorted by from) */
    from: varints(deltaEncode(chains.map((c) => outIndex[c.from]))),
    /** to-node index minus from-node index */
    to: varints(chains.map((c) => outIndex[c.to] - outIndex[c.from])),
    /** class code (index into `classes`) + 8 × (1 one-way + 2 slip road) */
    kind: varints(chains.map((c) => c.cls + 8 * c.flags)),
    /** length in decimetres (sum of the source segments' length_m × 10) */
    dm: varints(chains.map((c) => c.dm)),
    /** length classed urban, decimetres; -1 means all of it */
    urbanDm: varints(chains.map((c) => (c.udm === c.dm && c.dm > 0 ? -1 : c.udm))),
    /** number of intermediate vertices per edge */
    nCoords: varints(chains.map((c) => c.coords.length)),
    /** intermediate vertices [lon, lat] × 1e5, delta-encoded starting from the edge's from-node (its ×1e6 value / 10, rounded) */
    coords: varints(edgeCoords),
  },
};

// ---------- sites ----------
interface SiteOut {
  id: string; name: string; kind: "hub" | "spoke" | "candidate"; location: [number, number]; hub?: string;
  beds?: Record<string, number>; district?: string; address?: string; postcode?: string; source: string; tags?: string[];
}
const ladName = new Map(readCsv("zones/lad_kent_medway.csv").map((r) => [r.lad_code, r.lad_name] as const));
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const describeGeocode = (g: string, postcode: string) =>
  g === "codepoint_open_2025_postcode" ? `OS Code-Point Open 2025 centroid of ${postcode}`
    : g === "codepoint_open_2014_postcode" ? `OS Code-Point Open 2014 centroid of ${postcode} (postcode since terminated)`
      : `${g} (${postcode})`;

const hubs: SiteOut[] = readCsv("sites/kmpt_inpatient_hubs.csv").map((r) => {
  const coord = r.coord_source.startsWith("nhs_website_hospital_list_2018")
    ? `NHS website hospital list, Sep 2018 (${r.coord_source.split(":")[1]})` : describeGeocode(r.coord_source, r.postcode);
  const beds = BEDS_BY_HUB[r.hub_id];
  if (beds === undefined) throw new Error(`build-fixtures: no bed assumption for hub ${r.hub_id}`);
  return {
    id: `hub-${r.hub_id}`, name: `${r.name}, ${r.town}`, kind: "hub", location: [round6(num(r, "lon")), round6(num(r, "lat"))],
    beds, district: r.lad_name, postcode: r.postcode,
    source: `${coord}; KMPT ODS sites ${r.ods_site_codes.replace(/;/g, ", ")} (NHS ODS etrust, Sep 2018); beds: ${BEDS_RATIONALE}`,
    tags: ["kmpt", "inpatient"],
  };
});
const spokesRaw: SiteOut[] = readCsv("sites/kmpt_cmht_bases_ods2018.csv").map((r) => ({
  id: r.base_id, name: titleCase(r.team_names.split(";")[0]), kind: "spoke", location: [round6(num(r, "lon")), round6(num(r, "lat"))],
  district: r.lad_name, address: r.address, postcode: r.postcode,
  source: `NHS ODS etrust (Sep 2018) KMPT site ${r.ods_site_codes.replace(/;/g, ", ")} "${r.team_names}"; location: ${describeGeocode(r.geocode, r.postcode)}`,
  tags: ["kmpt", "cmht"],
}));
function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b([a-z])/g, (m) => m.toUpperCase()).replace(/^Amh\b/, "AMH").replace(/ - /g, " – ");
}
const candidates: SiteOut[] = [];
const nearExisting = (lon: number, lat: number) =>
  [...hubs, ...spokesRaw, ...candidates].find((s) => segMetres(s.location, [lon, lat]) < 150);
for (const r of readCsv("sites/nhs_hospitals_kent_medway_2018.csv")) {
  // NHS trust hospitals (ODS codes starting R), not KMPT's own (those are the hubs)
  if (!/^R/.test(r.org_code) || r.org_code.startsWith("RXY")) continue;
  if (r.org_code === "RWF35" || r.org_code === "RN7C1") continue; // Stone House and Kent & Sussex: closed, sites redeveloped
  const lon = num(r, "lon"), lat = num(r, "lat");
  if (nearExisting(lon, lat)) continue;
  candidates.push({
    id: `cand-${r.org_code.toLowerCase()}`, name: r.name, kind: "candidate", location: [round6(lon), round6(lat)],
    district: ladName.get(r.lad_code), address: r.address, postcode: r.postcode,
    source: `NHS website hospital list, Sep 2018 (${r.org_code}, ${r.parent_name}): its own coordinates`, tags: ["nhs-hospital"],
  });
}
const KMPT_CANDIDATES: Record<string, string> = {
  RXYH4: "West Kent base (Tunbridge Wells crisis and older people's teams); Tunbridge Wells has no adult CMHT base in the 2018 data",
  RXY14: "West Kent base in Tonbridge; Tonbridge and Malling has no adult CMHT base in the 2018 data",
  RXY04: "West Kent base at Kings Hill; Tonbridge and Malling has no adult CMHT base in the 2018 data",
  RXYT1: "KMPT inpatient unit at Margate (Thanet Mental Health Unit)",
  RXY78: "KMPT older people's community base, Sittingbourne",
  RXY81: "KMPT older people's community base, Coxheath",
  RXY44: "KMPT East Kent crisis team base, Aylesham",
  RXY9D: "KMPT rehabilitation unit, Eastry",
};
const kmptRows = readCsv("sites/kmpt_sites_ods2018.csv");
for (const [code, why] of Object.entries(KMPT_CANDIDATES)) {
  const r = kmptRows.find((x) => x.org_code === code);
  if (r === undefined) throw new Error(`build-fixtures: KMPT site ${code} not in kmpt_sites_ods2018.csv`);
  const lon = num(r, "lon"), lat = num(r, "lat");
  if (nearExisting(lon, lat)) continue;
  candidates.push({
    id: `cand-${code.toLowerCase()}`, name: titleCase(r.name), kind: "candidate", location: [round6(lon), round6(lat)],
    district: r.lad_name, address: r.address, postcode: r.postcode,
    source: `NHS ODS etrust (Sep 2018) KMPT site ${code}; location: ${describeGeocode(r.geocode, r.postcode)}. ${why}`, tags: ["kmpt"],
  });
}

// parent hub of each spoke: the hub nearest by road (minutes, default speed profile), from the
// spoke's nearest graph node; reversed multi-source Dijkstra from the hubs' nearest nodes.
const nOut = outNodes.length;
const minutesOf = (c: Chain) => {
  const name = ROAD_CLASSES[c.cls] + (c.flags & LINK ? "_link" : "");
  const sp = DEFAULT_SPEED_PROFILE[name];
  return ((c.dm - c.udm) / 10000 / sp.rural + c.udm / 10000 / sp.urban) * 60;
};
const outGraph = new MultiDirectedGraph<{ lon: number; lat: number }, { minutes: number }>();
for (let i = 0; i < nOut; i++) outGraph.addNode(String(i), { lon: nodeLon[outNodes[i]], lat: nodeLat[outNodes[i]] });
for (const c of chains) {
  const m = minutesOf(c), f = String(outIndex[c.from]), t = String(outIndex[c.to]);
  outGraph.addEdge(f, t, { minutes: m });
  if (!(c.flags & ONEWAY)) outGraph.addEdge(t, f, { minutes: m });
}
const outLon = outNodes.map((v) => nodeLon[v]), outLat = outNodes.map((v) => nodeLat[v]);
const nodeBox = new Flatbush(nOut);
for (let i = 0; i < nOut; i++) nodeBox.add(outLon[i], outLat[i], outLon[i], outLat[i]);
nodeBox.finish();
const nearestNode = (p: [number, number]) => nodeBox.neighbors(p[0], p[1], 1)[0];
// each spoke's nearest hub by road, node to node (src/routing: one multi-source search)
const hubNode = hubs.map((h) => String(nearestNode(h.location)));
const hubAt = new Map<string, number>();
hubNode.forEach((key, k) => { if (!hubAt.has(key)) hubAt.set(key, k); });
const spokeNearest = createRouter(outGraph as unknown as RoadGraph).nearest(spokesRaw.map((s) => String(nearestNode(s.location))), hubNode);
const spokes = spokesRaw.map((s, k) => {
  const near = spokeNearest[k];
  if (near.destination === null) throw new Error(`build-fixtures: spoke ${s.id} cannot reach any hub`);
  return { ...s, hub: hubs[hubAt.get(near.destination) as number].id, parentHubMinutes: Math.round(near.minutes * 10) / 10 };
});
const siteNotes = {
  parentHubRule: "each spoke's hub is the hub nearest by road: least drive minutes from the spoke's nearest road-graph node to a hub's nearest node, default speed profile (computed in scripts/build-fixtures.ts)",
  gaps: [
    "Tunbridge Wells and Tonbridge and Malling have no adult community mental health team base in the NHS ODS September 2018 data; none is invented. Highlands House (Tunbridge Wells, TN1 2JN), Hadlow Road (Tonbridge, TN9 1QE) and Kings Hill (ME19 4AX) are included as candidates.",
    "Sites are the 2018 ODS picture; KMPT has reorganised community services since. Treat them as a realistic baseline, not the current configuration.",
  ],
};

// ---------- write ----------
mkdirSync(OUT, { recursive: true });
const write = (name: string, value: unknown) => {
  const text = JSON.stringify(value);
  writeFileSync(resolve(OUT, name), text + "\n");
  return text.length + 1;
};
const sizes = {
  "zones.json": write("zones.json", zonesOut),
  "roads.json": write("roads.json", roadsOut),
  "sites.json": write("sites.json", { notes: siteNotes, sites: [...hubs, ...spokes.map(({ parentHubMinutes: _, ...s }) => s), ...candidates] }),
  "assumptions.json": write("assumptions.json", ASSUMPTIONS),
};
const report = {
  source: "Kent & Medway open-data pack (see README.md)",
  zones: { count: zonesOut.id.length, population: zonesOut.population.reduce((a, b) => a + b, 0), boundaryVerticesIn: zoneVerticesIn, boundaryVerticesOut: zoneVerticesOut, toleranceMetres: ZONE_TOLERANCE_M },
  roads: {
    sourceNodes: N, sourceSegments: E, urbanSegments,
    droppedOutsideLargestScc: { nodes: droppedNodes, segments: droppedSegments, km: Math.round(droppedKm * 10) / 10 },
    nodes: nOut, edges: chains.length, oneWayEdges: chains.filter((c) => c.flags & ONEWAY).length,
    intermediateVertices: edgeCoords.length / 2, toleranceMetres: ROAD_TOLERANCE_M,
    km: Math.round(chains.reduce((a, c) => a + c.dm, 0) / 100) / 100,
    urbanKm: Math.round(chains.reduce((a, c) => a + c.udm, 0) / 100) / 100,
  },
  sites: { hubs: hubs.length, spokes: spokes.length, candidates: candidates.length, spokeParentHub: spokes.map((s) => ({ id: s.id, hub: s.hub, minutes: s.parentHubMinutes })) },
  bytes: sizes,
};
writeFileSync(resolve(OUT, "build-report.json"), JSON.stringify(report, null, 2) + "\n");
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
