import { IoError, parseInput } from "../errors.js";
import { buildOsmRoads, type OsmOptions, OsmOptionsSchema, type OsmRoads, type OsmWay } from "./osm-roads.js";

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e.toLowerCase()],
  );
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out[m[1]] = decode(m[2] ?? m[3]);
  return out;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Read drivable roads from an OpenStreetMap XML (`.osm`) extract, such as the output of
 * the OSM API `map` call, osmium or JOSM.
 *
 * A single forward scan over the elements (`node`, `way`, `nd`, `tag`; relations are
 * skipped) keeps node coordinates and ways, then keeps ways whose `highway` is a drivable
 * class (motorway … residential, living_street, service and `_link` roads by default),
 * dropping `access=no|private` and `area=yes`. `oneway=-1` ways are reversed;
 * motorways and roundabouts are one-way unless tagged `oneway=no`. Properties are
 * `id`, `highway`, `oneway` (`"yes"`/`"no"`), `maxspeed` (raw tag), `maxspeedKmh`, `name`, `ref`.
 *
 * @param text - The XML text.
 * @returns `{ roads, warnings, stats }`; ways clipped by the extract are split at the gaps and reported in `warnings`.
 * @throws {@link IoError} for a node without valid `lat`/`lon`, naming the line.
 * @example
 * const { roads } = parseOsmXml(xmlText);
 * const graph = buildRoadGraph(roads);
 */
export function parseOsmXml(text: string, options: OsmOptions = {}): OsmRoads {
  const where = "parseOsmXml";
  const opts = parseInput(where, OsmOptionsSchema, options, "options");
  if (typeof text !== "string" || !/<osm[\s>]/.test(text)) {
    throw new IoError(where, `${opts.file} is not OSM XML (no <osm> element). Pass the text of an .osm file; for .osm.pbf use parseOsmPbf.`, [{ path: opts.file, message: "no <osm> element" }]);
  }
  const nodes = new Map<number, readonly [number, number]>();
  const ways: OsmWay[] = [];
  let way: { id: number; refs: number[]; tags: Record<string, string> } | null = null;
  let inNode = false;
  const re = /<(\/?)(node|way|nd|tag|relation)\b([^>]*?)(\/?)>/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (closing === "/") {
      if (name === "way" && way !== null) {
        ways.push(way);
        way = null;
      }
      if (name === "node") inNode = false;
      continue;
    }
    if (name === "node") {
      const a = attributes(attrText);
      const lon = Number(a.lon);
      const lat = Number(a.lat);
      const id = Number(a.id);
      if (a.lon === undefined || a.lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        const path = `${opts.file}:line ${lineOf(text, m.index)}:node ${a.id ?? "?"}`;
        throw new IoError(where, `${path}: node has no valid lat/lon (lat ${JSON.stringify(a.lat)}, lon ${JSON.stringify(a.lon)}). Fix or re-export the extract.`, [{ path, message: "invalid lat/lon" }]);
      }
      nodes.set(id, [lon, lat]);
      inNode = selfClosing !== "/";
    } else if (name === "way") {
      way = { id: Number(attributes(attrText).id), refs: [], tags: {} };
      if (selfClosing === "/") {
        ways.push(way);
        way = null;
      }
    } else if (name === "nd" && way !== null) {
      way.refs.push(Number(attributes(attrText).ref));
    } else if (name === "tag" && way !== null && !inNode) {
      const a = attributes(attrText);
      if (a.k !== undefined && a.v !== undefined) way.tags[a.k] = a.v;
    }
  }
  return buildOsmRoads(nodes, ways, opts);
}
