import { SaxesParser, type SaxesTagPlain } from "saxes";
import { IoError, parseInput } from "../errors.js";
import { buildOsmRoads, type OsmOptions, OsmOptionsSchema, type OsmRoads, type OsmWay } from "./osm-roads.js";

// A well-formedness-checking SAX parser (saxes) rather than a hand-written scanner: attribute
// values may hold ">", comments and CDATA may hold element-like text, and a file cut mid-way
// must be an error, not the roads before the cut.

interface ScanState {
  readonly nodes: Map<number, readonly [number, number]>;
  readonly ways: OsmWay[];
  way: { id: number; refs: number[]; tags: Record<string, string> } | null;
  root: string | null;
}

function badNode(where: string, file: string, line: number, a: Record<string, string>): never {
  const path = `${file}:line ${line}:node ${a.id ?? "?"}`;
  throw new IoError(where, `${path}: node has no valid lat/lon (lat ${JSON.stringify(a.lat)}, lon ${JSON.stringify(a.lon)}). Fix or re-export the extract.`, [{ path, message: "invalid lat/lon" }]);
}

function onOpenTag(where: string, file: string, state: ScanState, tag: SaxesTagPlain, line: number): void {
  const a = tag.attributes;
  if (state.root === null) {
    state.root = tag.name;
    if (tag.name !== "osm") throw new IoError(where, `${file} is not OSM XML (its root element is <${tag.name}>, not <osm>). Pass the text of an .osm file; for .osm.pbf use parseOsmPbf.`, [{ path: file, message: "no <osm> element" }]);
  }
  if (tag.name === "node") {
    const lon = Number(a.lon);
    const lat = Number(a.lat);
    if (!Object.hasOwn(a, "lon") || !Object.hasOwn(a, "lat") || a.lon.trim() === "" || a.lat.trim() === "" || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      badNode(where, file, line, a);
    }
    state.nodes.set(Number(a.id), [lon, lat]);
  } else if (tag.name === "way") {
    state.way = { id: Number(a.id), refs: [], tags: Object.create(null) as Record<string, string> };
  } else if (tag.name === "nd" && state.way !== null) {
    state.way.refs.push(Number(a.ref));
  } else if (tag.name === "tag" && state.way !== null && Object.hasOwn(a, "k") && Object.hasOwn(a, "v")) {
    state.way.tags[a.k] = a.v;
  }
}

/**
 * Read drivable roads from an OpenStreetMap XML (`.osm`) extract, such as the output of
 * the OSM API `map` call, osmium or JOSM.
 *
 * One pass of a well-formedness-checking XML parser ([saxes](https://github.com/lddubeau/saxes))
 * over the elements (`node`, `way`, `nd`, `tag`; relations are skipped) keeps node coordinates
 * and ways, then keeps ways whose `highway` is a drivable class (motorway … residential,
 * living_street, service and `_link` roads by default), dropping `access=no|private` and
 * `area=yes`. `oneway=-1` ways are reversed; motorways and roundabouts are one-way unless tagged
 * `oneway=no`. Properties are `id`, `highway`, `oneway` (`"yes"`/`"no"`), `maxspeed` (raw tag),
 * `maxspeedKmh`, `name`, `ref`. Entities are decoded and tag values may contain `>`; anything
 * inside comments and CDATA is ignored. A file that is not well-formed XML — in particular one
 * cut off mid-way by a failed download or a full disk — is an error naming the line and column,
 * never the roads before the cut.
 *
 * @param text - The XML text.
 * @returns `{ roads, warnings, stats }`; ways clipped by the extract are split at the gaps and reported in `warnings`.
 * @throws {@link IoError} for a node without valid `lat`/`lon` (naming the line), a root element
 *   other than `<osm>`, or XML that is not well formed or ends early (naming line and column).
 * @example
 * const { roads } = parseOsmXml(xmlText);
 * const graph = buildRoadGraph(roads);
 */
export function parseOsmXml(text: string, options: OsmOptions = {}): OsmRoads {
  const where = "parseOsmXml";
  const opts = parseInput(where, OsmOptionsSchema, options, "options");
  if (typeof text !== "string") {
    throw new IoError(where, `${opts.file} is not OSM XML text (got ${text === null ? "null" : typeof text}). Pass the text of an .osm file; for .osm.pbf use parseOsmPbf.`, [{ path: opts.file, message: "not text" }]);
  }
  const state: ScanState = { nodes: new Map(), ways: [], way: null, root: null };
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  parser.on("opentag", (tag) => onOpenTag(where, opts.file, state, tag, parser.line));
  parser.on("closetag", (tag) => {
    if (tag.name === "way" && state.way !== null) {
      state.ways.push(state.way);
      state.way = null;
    }
  });
  parser.on("error", (error) => {
    const path = `${opts.file}:line ${parser.line}:column ${parser.column}`;
    const cut = parser.closed || /unclosed|unexpected end|end of document/i.test(error.message);
    const hint = cut ? " The file ends early (cut off by a failed download or copy?): download or export it again." : " Fix the file or export it again.";
    throw new IoError(where, `${path}: not well-formed OSM XML (${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "")}).${hint}`, [{ path, message: "not well-formed XML" }], { cause: error });
  });
  parser.write(text).close();
  if (state.root === null) {
    throw new IoError(where, `${opts.file} is not OSM XML (no <osm> element). Pass the text of an .osm file; for .osm.pbf use parseOsmPbf.`, [{ path: opts.file, message: "no <osm> element" }]);
  }
  return buildOsmRoads(state.nodes, state.ways, opts);
}
