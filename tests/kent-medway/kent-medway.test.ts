import { dijkstra } from "graphology-shortest-path";
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { DemandZoneSchema, ZoneGeometrySchema, type ServiceNetwork } from "../../src/model/index.js";
import { KENT_MEDWAY_ATTRIBUTION, kentMedway } from "../../src/kent-medway/index.js";
import { decodeVarints } from "../../src/kent-medway/decode.js";
import { DEFAULT_SPEED_PROFILE } from "../../src/network/speed-profile.js";
import { compileRoads, multiSource, nearestNode, type CompiledRoads } from "../support/kent-medway-routing.js";

// Per-district LSOA counts and Census 2021 population sums, copied from the data pack's
// zones/lad_kent_medway.csv (columns n_lsoa21, lsoa21_pop_census2021) and its README.
const DISTRICTS: Record<string, [count: number, population: number]> = {
  Ashford: [81, 132_758],
  Canterbury: [92, 157_434],
  Dartford: [67, 116_776],
  Dover: [69, 116_414],
  "Folkestone and Hythe": [67, 109_751],
  Gravesham: [65, 106_887],
  Maidstone: [99, 175_812],
  Medway: [169, 279_771],
  Sevenoaks: [75, 120_510],
  Swale: [90, 151_678],
  Thanet: [86, 140_593],
  "Tonbridge and Malling": [78, 132_203],
  "Tunbridge Wells": [69, 115_312],
};

/**
 * Typical off-peak car times between town centres (minutes), the figures route planners (AA
 * Route Planner, Google Maps) typically give for a weekday off-peak trip, with the main road
 * used. They are the author's recorded typical figures, not fetched live (see docs/data.md);
 * the tolerance is ±25 %, wide enough for centre-point choice and planner differences and
 * narrow enough to catch a wrong speed profile or a missing road link.
 */
const TOWN: Record<string, [number, number]> = {
  Dartford: [0.2185, 51.4457], // High Street
  Maidstone: [0.5225, 51.2725], // town centre, Week Street
  Canterbury: [1.0800, 51.2790], // city centre
  Margate: [1.3845, 51.3890], // town centre
  Dover: [1.3125, 51.1260], // town centre
  "Tunbridge Wells": [0.2625, 51.1320], // town centre
  Sheerness: [0.7620, 51.4400], // town centre
  Sittingbourne: [0.7345, 51.3405], // town centre
};
const PAIRS: [from: string, to: string, minutes: number, via: string][] = [
  ["Dartford", "Maidstone", 30, "A282/M25, M26, M20 or A2, M2, A229 (~23 mi)"],
  ["Maidstone", "Canterbury", 40, "M20, A20, A28 or A249, M2, A2 (~28 mi)"],
  ["Margate", "Canterbury", 30, "A28 / A299, A2 (~16 mi)"],
  ["Dover", "Canterbury", 25, "A2 (~16 mi)"],
  ["Tunbridge Wells", "Maidstone", 35, "A26, A228 / A21, A26 (~17 mi)"],
  ["Sheerness", "Sittingbourne", 20, "A249 over the Sheppey Crossing, A2 (~10 mi)"],
];
const TOLERANCE = 0.25;

let network: ServiceNetwork;
let roads: CompiledRoads;
let loadMs = 0;

beforeAll(() => {
  // CPU time, not wall time: the measure must not depend on other processes sharing the machine
  const t0 = process.cpuUsage();
  network = kentMedway();
  const used = process.cpuUsage(t0);
  loadMs = (used.user + used.system) / 1000;
  roads = compileRoads(network.graph!);
});

describe("kentMedway() zones", () => {
  it("has all 1,107 LSOAs with 1,855,899 people", () => {
    expect(network.zones).toHaveLength(1107);
    expect(new Set(network.zones.map((z) => z.id)).size).toBe(1107);
    expect(network.zones.reduce((a, z) => a + z.population, 0)).toBe(1_855_899);
  });

  it("matches the source's LSOA count and population in every district", () => {
    const got: Record<string, [number, number]> = {};
    for (const z of network.zones) {
      const d = (got[z.district!] ??= [0, 0]);
      d[0]++;
      d[1] += z.population;
    }
    expect(got).toEqual(DISTRICTS);
  });

  it("carries age bands that add up, IMD deciles 1-10, urban/rural and car access", () => {
    for (const z of network.zones) {
      const bands = Object.values(z.ageBands!);
      expect(bands).toHaveLength(6);
      expect(bands.reduce((a, b) => a + b, 0)).toBe(z.population);
      expect(z.imdDecile).toBeGreaterThanOrEqual(1);
      expect(z.imdDecile).toBeLessThanOrEqual(10);
      expect(["Urban", "Rural"]).toContain(z.urbanRural);
      expect(z.householdsNoCar!).toBeLessThanOrEqual(z.households!);
    }
    expect(network.zones.filter((z) => z.imdDecile === 1)).toHaveLength(75);
    expect(network.zones.filter((z) => z.imdDecile === 10)).toHaveLength(73);
  });

  it("has valid simplified boundaries that contain (or nearly contain) each centroid", () => {
    for (const z of network.zones) {
      expect(ZoneGeometrySchema.safeParse(z.geometry).success).toBe(true);
      expect(DemandZoneSchema.safeParse(z).success).toBe(true);
    }
  });

  it("kentMedway({ boundaries: false }) leaves geometry out", () => {
    const lean = kentMedway({ boundaries: false, roads: false });
    expect(lean.zones.every((z) => z.geometry === undefined)).toBe(true);
    expect(lean.graph).toBeUndefined();
  });
});

describe("kentMedway() sites", () => {
  it("has the three hubs at their real locations, with beds by ward type", () => {
    const hubs = network.sites.filter((s) => s.kind === "hub");
    expect(hubs.map((h) => h.id)).toEqual(["hub-dartford", "hub-maidstone", "hub-canterbury"]);
    expect(hubs.map((h) => h.location)).toEqual([[0.241635, 51.446358], [0.485699, 51.273212], [1.106186, 51.276855]]);
    for (const h of hubs) expect(Object.keys(h.beds!).sort()).toEqual(["adultAcute", "olderAdult", "pici"]);
  });

  it("has the 20 CMHT bases as spokes, each with a parent hub, none in Tunbridge Wells or Tonbridge and Malling", () => {
    const spokes = network.sites.filter((s) => s.kind === "spoke");
    expect(spokes).toHaveLength(20);
    for (const s of spokes) expect(["hub-dartford", "hub-maidstone", "hub-canterbury"]).toContain(s.hub);
    expect(spokes.filter((s) => s.district === "Tunbridge Wells" || s.district === "Tonbridge and Malling")).toHaveLength(0);
    expect(network.sites.find((s) => s.id === "cmht_me122pj")!.hub).toBe("hub-maidstone"); // Sheppey
    expect(network.sites.find((s) => s.id === "cmht_ct126nt")!.hub).toBe("hub-canterbury"); // Thanet
    expect(network.sites.find((s) => s.id === "cmht_da110bq")!.hub).toBe("hub-dartford"); // Gravesend
  });

  it("cites a source for every site and includes the West Kent bases as candidates", () => {
    for (const s of network.sites) expect(s.source!.length).toBeGreaterThan(20);
    const ids = new Set(network.sites.filter((s) => s.kind === "candidate").map((s) => s.id));
    for (const id of ["cand-rxyh4", "cand-rxy14", "cand-rxy04", "cand-rvv09", "cand-rpa02"]) expect(ids).toContain(id);
  });

  it("every assumption has a source, and bed numbers are flagged as assumptions", () => {
    const a = network.assumptions;
    expect(Object.keys(a.wards).sort()).toEqual(["adultAcute", "olderAdult", "pici"]);
    expect(a.targetOccupancy!.value).toBe(0.85);
    expect(network.sites.find((s) => s.id === "hub-maidstone")!.source).toMatch(/beds: .*assumption/);
    expect(KENT_MEDWAY_ATTRIBUTION.join(" ")).toMatch(/OpenStreetMap contributors, ODbL/);
  });
});

describe("kentMedway() roads", () => {
  it("has the OSM network's 10,948 km in its largest strongly connected component, slip roads and one-way flags", () => {
    const g = network.graph!;
    let metres = 0;
    const classes = new Set<string>();
    let bad = 0;
    g.forEachEdge((key, attr) => {
      if (!key.endsWith("r")) metres += attr.metres!;
      classes.add(attr.highway!);
      if (!(Number.isFinite(attr.minutes) && attr.minutes >= 0)) bad++;
    });
    expect(bad).toBe(0);
    expect(metres / 1000).toBeCloseTo(10_947.55, 1);
    expect([...classes].sort()).toEqual(["minor", "motorway", "motorway_link", "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link", "trunk", "trunk_link"]);
    expect(g.order).toBeGreaterThan(60_000);
  });

  it("charges each contracted edge the exact sum of its urban and rural parts", () => {
    let bad = 0;
    network.graph!.forEachEdge((_k, a) => {
      const urban = a.urbanMetres as number;
      if (!(urban >= 0 && urban <= a.metres!)) bad++;
    });
    expect(bad).toBe(0);
    const m20 = network.graph!.filterEdges((_k, a) => a.highway === "motorway" && (a.urbanMetres as number) === 0)[0];
    const a = network.graph!.getEdgeAttributes(m20);
    expect(a.minutes).toBeCloseTo((a.metres! / 1000 / 100) * 60, 10); // rural motorway, 100 km/h
  });

  it("reaches every zone centroid and site from every hub, and every hub from each of them", () => {
    const hubs = network.sites.filter((s) => s.kind === "hub");
    const points = [...network.zones.map((z) => z.location), ...network.sites.map((s) => s.location)];
    const nodes = points.map((p) => nearestNode(roads, p).node);
    for (const h of hubs) {
      const hn = nearestNode(roads, h.location).node;
      const out = multiSource(roads, [hn], false);
      const back = multiSource(roads, [hn], true);
      for (const v of nodes) {
        expect(out.minutes[v]).toBeLessThan(180);
        expect(back.minutes[v]).toBeLessThan(180);
      }
    }
  });

  it("snaps every zone centroid within 1,000 m, hubs and spokes within 300 m and candidates within 500 m of a road node (upper bound on edge snapping)", () => {
    const zoneSnap = network.zones.map((z) => nearestNode(roads, z.location).metres);
    const far = network.sites.filter((s) => nearestNode(roads, s.location).metres > (s.kind === "candidate" ? 500 : 300)).map((s) => s.id);
    expect(Math.max(...zoneSnap)).toBeLessThan(1000);
    expect(far).toEqual([]);
    const sorted = zoneSnap.slice().sort((a, b) => a - b);
    expect(sorted[Math.floor(0.95 * sorted.length)]).toBeLessThan(250);
  });

  it.each(PAIRS)("drives %s to %s in about %i minutes, within 25 percent (via %s)", (from, to, expected) => {
    const a = nearestNode(roads, TOWN[from]).node;
    const b = nearestNode(roads, TOWN[to]).node;
    const minutes = multiSource(roads, [a], false).minutes[b];
    expect(minutes).toBeGreaterThan(expected * (1 - TOLERANCE));
    expect(minutes).toBeLessThan(expected * (1 + TOLERANCE));
  });

  it("routes Sheerness to Sittingbourne over the Swale bridges (A249 Sheppey Crossing, lon 0.747)", () => {
    const g = network.graph!;
    const a = roads.keys[nearestNode(roads, TOWN.Sheerness).node];
    const b = roads.keys[nearestNode(roads, TOWN.Sittingbourne).node];
    const path = dijkstra.bidirectional(g, a, b, "minutes")!;
    // where the path crosses latitude 51.39 (the Swale), it must be at the bridges, on the A249 (trunk)
    const crossings: [number, string][] = [];
    for (let i = 1; i < path.length; i++) {
      const p = g.getNodeAttributes(path[i - 1]);
      const q = g.getNodeAttributes(path[i]);
      if ((p.lat - 51.39) * (q.lat - 51.39) <= 0) {
        const edge = g.outEdges(path[i - 1], path[i])[0];
        crossings.push([(p.lon + q.lon) / 2, g.getEdgeAttribute(edge, "highway")!]);
      }
    }
    expect(crossings).toHaveLength(1);
    expect(crossings[0][0]).toBeGreaterThan(0.73);
    expect(crossings[0][0]).toBeLessThan(0.76);
    expect(crossings[0][1]).toBe("trunk");
  });

  it("agrees with graphology-shortest-path on town-pair minutes", () => {
    const g = network.graph!;
    for (const [from, to] of PAIRS.slice(0, 3)) {
      const a = nearestNode(roads, TOWN[from]).node;
      const b = nearestNode(roads, TOWN[to]).node;
      const path = dijkstra.bidirectional(g, roads.keys[a], roads.keys[b], "minutes")!;
      let sum = 0;
      for (let i = 1; i < path.length; i++) {
        sum += Math.min(...g.outEdges(path[i - 1], path[i]).map((e) => g.getEdgeAttribute(e, "minutes")));
      }
      expect(sum).toBeCloseTo(multiSource(roads, [a], false).minutes[b], 6);
    }
  });
});

describe("kentMedway() load", () => {
  it("loads (zones, sites, graph) in well under 2 s of CPU time, cold", () => {
    expect(loadMs).toBeLessThan(2000);
  });

  it("rejects unknown options and incomplete speed profiles with InvalidInputError", () => {
    expect(() => kentMedway({ nope: 1 } as never)).toThrowError(InvalidInputError);
    expect(() => kentMedway({ speedProfile: { motorway: { urban: 90, rural: 100 } } })).toThrowError(/no speed for road class "minor"/);
  });

  it("scales every edge's minutes when all speeds scale", () => {
    const half = Object.fromEntries(Object.entries(DEFAULT_SPEED_PROFILE).map(([k, v]) => [k, { urban: v.urban / 2, rural: v.rural / 2 }]));
    const slow = kentMedway({ boundaries: false, candidates: false, speedProfile: half });
    for (const e of ["0", "123", "123r", "40000"]) {
      if (!network.graph!.hasEdge(e)) continue;
      expect(slow.graph!.getEdgeAttribute(e, "minutes")).toBeCloseTo(2 * network.graph!.getEdgeAttribute(e, "minutes"), 9);
    }
  });
});

describe("varint fixture encoding", () => {
  test.prop([fc.array(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), { maxLength: 50 })])(
    "decodeVarints inverts the build script's encoding",
    (values) => {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      let text = "";
      for (const v of values) {
        let u = v < 0 ? -2 * v - 1 : 2 * v;
        while (u >= 32) { text += alphabet[32 + (u & 31)]; u = Math.floor(u / 32); }
        text += alphabet[u];
      }
      expect(Array.from(decodeVarints(text))).toEqual(values);
    },
  );
});
