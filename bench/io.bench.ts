// IO throughput on seeded synthetic inputs, each against a baseline measured in the same run:
// (1) parseZonesCsv (validated, row-level errors) vs bare Papa.parse of the same text;
// (2) parseOsmPbf vs parseOsmXml of the same ways and nodes;
// (3) renderSvgMap + stringifyGeoJSON on the bundled Kent & Medway zones.
// Run: node --import tsx --expose-gc bench/io.bench.ts   (or npm run bench io)
import Papa from "papaparse";
import { parseOsmPbf, parseOsmXml, parseZonesCsv, renderSvgMap, stringifyGeoJSON, zonesToGeoJSON } from "../src/io/index.js";
import { kentMedway } from "../src/kent-medway/index.js";
import { writeOsmPbf } from "../tests/support/io-osm-pbf.js";
import { mulberry32 } from "../src/internal/random.js";


async function time<T>(label: string, fn: () => T | Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value!: T;
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - t);
  }
  process.stdout.write(`${label.padEnd(48)} ${best.toFixed(1).padStart(9)} ms\n`);
  return { ms: best, value };
}

const rand = mulberry32(42);
// (1) 33,755 rows: the number of LSOAs in England (2021).
const ROWS = 33_755;
const lines = ["LSOA21CD,LSOA21NM,LAD22NM,Index of Multiple Deprivation (IMD) Decile,lon,lat,population,age_0-17,age_65+"];
for (let i = 0; i < ROWS; i++) {
  lines.push(`E0${String(1000000 + i)},Area ${i},District ${i % 300},${1 + (i % 10)},${(-5 + rand() * 6.5).toFixed(6)},${(50 + rand() * 5).toFixed(6)},${1000 + Math.floor(rand() * 2000)},${Math.floor(rand() * 400)},${Math.floor(rand() * 300)}`);
}
const csv = `${lines.join("\n")}\n`;
process.stdout.write(`(1) zones CSV: ${ROWS.toLocaleString("en-GB")} rows, ${(csv.length / 1e6).toFixed(1)} MB\n`);
const bare = await time("Papa.parse (header, no validation)", () => Papa.parse(csv, { header: true, skipEmptyLines: "greedy" }).data.length);
const ours = await time("parseZonesCsv (validated)", () => parseZonesCsv(csv).length);
if (ours.value !== ROWS || bare.value !== ROWS) throw new Error("row count mismatch");
process.stdout.write(`    ratio validated / bare: ${(ours.ms / bare.ms).toFixed(2)}×; ${((ROWS / ours.ms) * 1000).toFixed(0)} rows/s\n\n`);

// (2) a grid of 200,000 nodes and ~40,000 ways.
const side = 447;
const nodes = [];
for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) nodes.push({ id: y * side + x + 1, lon: 0.001 * x + rand() * 1e-4, lat: 51 + 0.001 * y + rand() * 1e-4 });
const classes = ["residential", "tertiary", "footway", "primary", "service"];
const ways = [];
for (let y = 0; y < side; y++) {
  for (let x0 = 0; x0 + 10 < side; x0 += 10) {
    ways.push({ id: ways.length + 1, refs: Array.from({ length: 11 }, (_, k) => y * side + x0 + k + 1), tags: { highway: classes[Math.floor(rand() * classes.length)], ...(rand() < 0.1 ? { oneway: "yes" } : {}), ...(rand() < 0.3 ? { maxspeed: "30 mph" } : {}) } });
  }
}
const pbf = writeOsmPbf(nodes, ways);
const xml = `<?xml version="1.0"?>\n<osm version="0.6">\n${nodes.map((n) => `<node id="${n.id}" lat="${n.lat}" lon="${n.lon}"/>`).join("\n")}\n${ways
  .map((w) => `<way id="${w.id}">${w.refs.map((r) => `<nd ref="${r}"/>`).join("")}${Object.entries(w.tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join("")}</way>`)
  .join("\n")}\n</osm>\n`;
process.stdout.write(`(2) OSM: ${nodes.length.toLocaleString("en-GB")} nodes, ${ways.length.toLocaleString("en-GB")} ways; PBF ${(pbf.length / 1e6).toFixed(1)} MB, XML ${(xml.length / 1e6).toFixed(1)} MB\n`);
const x = await time("parseOsmXml", () => parseOsmXml(xml).roads.features.length);
const p = await time("parseOsmPbf", () => parseOsmPbf(pbf).then((r) => r.roads.features.length));
if (x.value !== p.value) throw new Error("XML and PBF disagree");
process.stdout.write(`    kept ${p.value.toLocaleString("en-GB")} roads; ratio XML / PBF: ${(x.ms / p.ms).toFixed(2)}×\n\n`);

// (3) Kent & Medway: 1,107 zone polygons.
const network = kentMedway({ roads: false });
const assignments = network.zones.map((z, i) => ({ origin: z.id, destination: network.sites[i % 3].id, minutes: (i % 70) + 0.5 }));
process.stdout.write(`(3) Kent & Medway: ${network.zones.length} zone polygons\n`);
const svg = await time("renderSvgMap (colour by site)", () => renderSvgMap(network, { assignments }, { colourBy: "site" }).length);
const gj = await time("stringifyGeoJSON(zonesToGeoJSON)", () => stringifyGeoJSON(zonesToGeoJSON(network.zones, { assignments })).length);
process.stdout.write(`    SVG ${(svg.value / 1e6).toFixed(2)} MB, GeoJSON ${(gj.value / 1e6).toFixed(2)} MB\n`);
