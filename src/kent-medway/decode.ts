// Decoders for the compact fixture format written by scripts/build-fixtures.ts
// (see fixtures/kent-medway/README.md, "Format"). Internal: not exported from the package.
import { MultiDirectedGraph } from "graphology";
import { InvalidInputError } from "../errors.js";
import type { DemandZoneInput, RoadEdgeAttributes, RoadGraph, RoadNodeAttributes, SiteInput } from "../model/index.js";
import type { SpeedProfile } from "../network/speed-profile.js";
import { decodeVarints, undeltaInPlace } from "./codec.js";

export { decodeVarints } from "./codec.js";

export interface ZonesFixture {
  id: string[];
  name: string[];
  district: string[];
  districtCode: string[];
  lon: number[];
  lat: number[];
  population: number[];
  ageBands: string[];
  age: number[][];
  imdDecile: number[];
  imdHealthDecile: number[];
  urbanRural: string[];
  ruc21: string[];
  households: number[];
  householdsNoCar: number[];
  /** per zone: polygons → rings, each a varint string of delta-encoded [lon, lat] × 1e5 */
  geometry: string[][][];
}

export interface RoadsFixture {
  format: string;
  classes: string[];
  nodeCount: number;
  edgeCount: number;
  nodes: { id: string; lon: string; lat: string };
  edges: { from: string; to: string; kind: string; dm: string; urbanDm: string; nCoords: string; coords: string };
}

export interface SitesFixture {
  notes: { parentHubRule: string; gaps: string[] };
  sites: SiteInput[];
}

export type ZoneGeometry = NonNullable<DemandZoneInput["geometry"]>;

// Shared by every edge without intermediate vertices (most of them): frozen, so no caller can
// change one edge's geometry through another's.
const NO_VERTICES = Object.freeze([]) as unknown as [number, number][];
const ONEWAY = 1;
const LINK = 2;

function decodeRing(text: string): [number, number][] {
  const flat = decodeVarints(text);
  const ring: [number, number][] = new Array(flat.length / 2);
  let x = 0;
  let y = 0;
  for (let i = 0, k = 0; i < flat.length; i += 2, k++) {
    x += flat[i];
    y += flat[i + 1];
    ring[k] = [x / 1e5, y / 1e5];
  }
  return ring;
}

/** Zone records (DemandZone input shape), in fixture order. */
export function decodeZones(z: ZonesFixture, withGeometry: boolean): DemandZoneInput[] {
  const n = z.id.length;
  const zones: DemandZoneInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ageBands: Record<string, number> = {};
    for (let b = 0; b < z.ageBands.length; b++) ageBands[z.ageBands[b]] = z.age[i][b];
    const zone: DemandZoneInput = {
      id: z.id[i],
      name: z.name[i],
      location: [z.lon[i] / 1e6, z.lat[i] / 1e6],
      population: z.population[i],
      district: z.district[i],
      imdDecile: z.imdDecile[i],
      urbanRural: z.urbanRural[i],
      households: z.households[i],
      householdsNoCar: z.householdsNoCar[i],
      ageBands,
    };
    if (withGeometry) zone.geometry = geometryOf(z.geometry[i]);
    zones[i] = zone;
  }
  return zones;
}

function geometryOf(encoded: readonly (readonly string[])[]): ZoneGeometry {
  const polys = encoded.map((poly) => poly.map(decodeRing));
  return polys.length === 1 ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys };
}

/** Zone boundaries (simplified LSOA polygons), in fixture order. */
export function decodeZoneGeometry(z: ZonesFixture): ZoneGeometry[] {
  return z.geometry.map(geometryOf);
}

/** Road class name of an edge kind code: `primary`, `primary_link`, …; `minor` for OpenMapTiles minor roads. */
function className(classes: readonly string[], kind: number): string {
  const cls = classes[kind & 7];
  return (kind >> 3) & LINK ? `${cls}_link` : cls;
}

/**
 * Build the road graph: two directed edges per two-way road (`<i>` and `<i>r`), one per one-way
 * road. `minutes` = urban km / urban speed + rural km / rural speed (× 60), so contracted chains
 * keep the exact sum of their parts.
 */
export function decodeRoadGraph(r: RoadsFixture, profile: SpeedProfile, where: string): RoadGraph {
  const ids = undeltaInPlace(decodeVarints(r.nodes.id));
  const lon = undeltaInPlace(decodeVarints(r.nodes.lon));
  const lat = undeltaInPlace(decodeVarints(r.nodes.lat));
  const from = undeltaInPlace(decodeVarints(r.edges.from));
  const to = decodeVarints(r.edges.to);
  const kind = decodeVarints(r.edges.kind);
  const dm = decodeVarints(r.edges.dm);
  const urbanDm = decodeVarints(r.edges.urbanDm);
  const nCoords = decodeVarints(r.edges.nCoords);
  const coords = decodeVarints(r.edges.coords);
  const n = r.nodeCount;
  const m = r.edgeCount;
  for (const [name, arr, expected] of [["nodes", ids, n], ["lon", lon, n], ["lat", lat, n], ["from", from, m], ["to", to, m], ["kind", kind, m], ["dm", dm, m], ["urbanDm", urbanDm, m], ["nCoords", nCoords, m]] as const) {
    if (arr.length !== expected) throw new InvalidInputError(where, [{ path: `fixture.roads.${name}`, message: `decoded ${arr.length} values, expected ${expected}. Rebuild the fixture (npm run build:fixtures)` }]);
  }

  // per-class speeds, checked once
  const urbanKmh = new Float64Array(64);
  const ruralKmh = new Float64Array(64);
  const names: string[] = new Array(64);
  for (let c = 0; c < r.classes.length; c++) {
    for (const link of [0, LINK]) {
      const k = c + 8 * link;
      const name = className(r.classes, k);
      names[k] = name;
      const speed = profile[name];
      if (speed === undefined) continue;
      if (!(speed.urban > 0) || !(speed.rural > 0)) {
        throw new InvalidInputError(where, [{ path: `speedProfile.${name}`, message: `speeds must be positive km/h (got urban ${speed.urban}, rural ${speed.rural})` }]);
      }
      urbanKmh[k] = speed.urban;
      ruralKmh[k] = speed.rural;
    }
  }

  const graph = new MultiDirectedGraph<RoadNodeAttributes, RoadEdgeAttributes>();
  const keys: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = String(ids[i]);
    graph.addNode(keys[i], { lon: lon[i] / 1e6, lat: lat[i] / 1e6 });
  }
  let offset = 0;
  for (let e = 0; e < m; e++) {
    const classKind = kind[e] & 7;
    const flags = kind[e] >> 3;
    const speedKey = classKind + 8 * (flags & LINK);
    if (urbanKmh[speedKey] === 0) {
      throw new InvalidInputError(where, [{ path: `speedProfile.${names[speedKey]}`, message: `the profile has no speed for road class "${names[speedKey]}". Add { urban, rural } km/h for it` }]);
    }
    const metres = dm[e] / 10;
    const urbanMetres = urbanDm[e] === -1 ? metres : urbanDm[e] / 10;
    const minutes = (urbanMetres / 1000 / urbanKmh[speedKey] + (metres - urbanMetres) / 1000 / ruralKmh[speedKey]) * 60;
    const f = from[e];
    const t = f + to[e];
    const k = nCoords[e];
    const line: [number, number][] = k === 0 ? NO_VERTICES : new Array(k);
    let x = Math.round(lon[f] / 10);
    let y = Math.round(lat[f] / 10);
    for (let j = 0; j < k; j++, offset += 2) {
      x += coords[offset];
      y += coords[offset + 1];
      line[j] = [x / 1e5, y / 1e5];
    }
    const highway = names[speedKey];
    const oneway = (flags & ONEWAY) !== 0;
    graph.addEdgeWithKey(String(e), keys[f], keys[t], { minutes, metres, urbanMetres, highway, oneway, coordinates: line });
    if (!oneway) {
      graph.addEdgeWithKey(`${e}r`, keys[t], keys[f], { minutes, metres, urbanMetres, highway, oneway, coordinates: k === 0 ? NO_VERTICES : line.slice().reverse() });
    }
  }
  return graph;
}
