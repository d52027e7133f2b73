/**
 * The worked example of docs/your-own-area.md: a real area (Canterbury district) cut from the
 * bundled Kent & Medway data and written out as the plain files a planner would have:
 *
 *   zones.csv          LSOAs at population-weighted centroids, ONS headers (LSOA21CD, LSOA21NM,
 *                      LAD24NM, IMD decile, RUC21NM), Census population and households without a car
 *   sites.csv          the hub, community bases and candidate sites in the district (beds_<ward> columns)
 *   roads.geojson      the OpenStreetMap roads around the district as LineStrings with highway tags
 *   public-transport.csv  an ILLUSTRATIVE public-transport table in r5r's format (see below)
 *   close-herne-bay.json, open-whitstable.json  two redesign options
 *
 * No open timetable data is bundled, so the public-transport table is made by a stated rule:
 * minutes = 10 (walk and wait) + 1.8 × the car minutes hubspoke routes on these roads, rounded
 * up to a whole minute. It is labelled illustrative in the file (a `note` column) and in the
 * mode's name. A planner makes a real one with r5r or OpenTripPlanner on the Bus Open Data
 * Service's GTFS (docs/your-own-area.md).
 *
 * Run: npx tsx examples/own-area/cut-area.ts out/canterbury
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { kentMedway } from "../../src/kent-medway/index.js";
import type { ServiceNetwork } from "../../src/model/index.js";
import { buildRoadGraph } from "../../src/network/index.js";
import { createRouter } from "../../src/routing/index.js";
import { toCsv } from "../../src/io/index.js";

export const PT_MODE = "public transport (illustrative)";
export const PT_RULE = "ILLUSTRATIVE, not from a timetable: 10 + 1.8 x car minutes, rounded up";
/** Roads are kept within this many degrees of the district's zones and sites (about 2 km). */
const MARGIN = 0.02;

/** Write the example area for `districts` (default Canterbury) into `dir`; returns the file names. */
export function cutArea(dir: string, network: ServiceNetwork = kentMedway(), districts: readonly string[] = ["Canterbury"]): Record<string, string> {
  const zones = network.zones.filter((z) => z.district !== undefined && districts.includes(z.district));
  const sites = network.sites.filter((s) => s.district !== undefined && districts.includes(s.district));
  const points = [...zones.map((z) => z.location), ...sites.map((s) => s.location)];
  const box = [Math.min(...points.map((p) => p[0])) - MARGIN, Math.min(...points.map((p) => p[1])) - MARGIN, Math.max(...points.map((p) => p[0])) + MARGIN, Math.max(...points.map((p) => p[1])) + MARGIN];
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "zones.csv": toCsv(
      zones.map((z) => ({
        LSOA21CD: z.id,
        LSOA21NM: z.name,
        lon: z.location[0],
        lat: z.location[1],
        population: z.population,
        LAD24NM: z.district ?? "",
        "Index of Multiple Deprivation (IMD) Decile": z.imdDecile ?? "",
        RUC21NM: z.urbanRural ?? "",
        households: z.households ?? "",
        households_no_car: z.householdsNoCar ?? "",
      })),
    ),
    "sites.csv": toCsv(
      sites.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        lon: s.location[0],
        lat: s.location[1],
        hub: s.hub ?? "",
        beds_adultAcute: s.beds?.adultAcute ?? "",
        beds_olderAdult: s.beds?.olderAdult ?? "",
        beds_picu: s.beds?.pici ?? "",
        staff_wte: s.kind === "spoke" ? 12 : "",
        crisis_slots_per_day: s.kind === "spoke" ? 3 : "",
        running_cost_per_year: s.kind === "hub" ? 6000000 : s.kind === "spoke" ? 250000 : "",
        source: s.kind === "candidate" ? "NHS estate (ERIC/ODS), candidate" : "NHS ODS; staffing, slots and costs are assumptions",
      })),
    ),
    "roads.geojson": `${JSON.stringify(roadsWithin(network, box))}\n`,
    "close-herne-bay.json": `${JSON.stringify({ id: "close-herne-bay", name: "Close the Herne Bay CMHT base", changes: [{ type: "closeSite", siteId: "cmht_ct65sa" }] }, null, 2)}\n`,
    "open-whitstable.json": `${JSON.stringify({ id: "open-whitstable", name: "Move Herne Bay's team to the Whitstable site", changes: [{ type: "closeSite", siteId: "cmht_ct65sa" }, { type: "openSite", siteId: "cand-ryycm", as: "spoke", hub: "hub-canterbury" }, { type: "setStaffing", siteId: "cand-ryycm", staffWte: 12 }, { type: "setCrisisSlots", siteId: "cand-ryycm", crisisSlotsPerDay: 3 }, { type: "setRunningCost", siteId: "cand-ryycm", runningCostPerYear: 250000, note: "assumption" }] }, null, 2)}\n`,
  };
  // the illustrative public-transport table: car minutes on the cut roads, by the stated rule
  const roads = JSON.parse(files["roads.geojson"]);
  const car = createRouter(buildRoadGraph(roads)).travelTimes(zones, sites);
  const rows: Record<string, unknown>[] = [];
  car.origins.forEach((o, i) =>
    car.destinations.forEach((d, j) => {
      const m = car.minutes[i * car.destinations.length + j];
      rows.push({ from_id: o, to_id: d, travel_time_p50: Number.isFinite(m) ? Math.ceil(10 + 1.8 * m) : "NA", note: PT_RULE });
    }),
  );
  files["public-transport.csv"] = toCsv(rows);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return files;
}

/** Drivable roads with a node in the box, as OSM-style LineStrings (a two-way pair is one feature). */
function roadsWithin(network: ServiceNetwork, box: number[]) {
  const graph = network.graph!;
  const inside = (n: string) => {
    const a = graph.getNodeAttributes(n);
    return a.lon >= box[0] && a.lon <= box[2] && a.lat >= box[1] && a.lat <= box[3];
  };
  const features: unknown[] = [];
  graph.forEachEdge((_key, attr, from, to) => {
    if (!inside(from) && !inside(to)) return;
    const back = graph.hasDirectedEdge(to, from);
    if (back && from > to) return; // the pair is written once, from its smaller node
    const a = graph.getNodeAttributes(from);
    const b = graph.getNodeAttributes(to);
    features.push({
      type: "Feature",
      properties: { highway: attr.highway ?? "unclassified", ...(back ? {} : { oneway: "yes" }) },
      geometry: { type: "LineString", coordinates: [[a.lon, a.lat], [b.lon, b.lat]] },
    });
  });
  return { type: "FeatureCollection", features };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? "out/canterbury");
  const files = cutArea(dir);
  process.stdout.write(`Wrote ${Object.keys(files).join(", ")} to ${dir}\n`);
}
