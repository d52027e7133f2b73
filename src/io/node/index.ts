/**
 * Node-only file readers: read a file and call the pure parsers, so errors name the real path.
 * Import from `hubspoke/io/node`.
 *
 * @module io/node
 */
// Node-only file readers: thin wrappers that read a file and call the pure parsers, so
// errors name the real file path. Import from "hubspoke/io/node".
import { basename } from "node:path";
import { IoError } from "../../errors.js";
import type { CostMatrix, DemandZone, Site } from "../../model/types.js";
import type { OsmOptions, OsmRoads } from "../osm-roads.js";
import { type ParseOdTableOptions, parseOdTable } from "../parse-od-table.js";
import { parseOsmPbf } from "../parse-osm-pbf.js";
import { parseOsmXml } from "../parse-osm-xml.js";
import { type ParseSitesCsvOptions, parseSitesCsv } from "../parse-sites-csv.js";
import { parseSitesGeoJSON } from "../parse-sites-geojson.js";
import { type ParseZonesCsvOptions, parseZonesCsv } from "../parse-zones-csv.js";
import { parseZonesGeoJSON } from "../parse-zones-geojson.js";
import { readInputBytes } from "./read-bytes.js";

async function readBytes(where: string, path: string, kind: "text" | "binary" = "text"): Promise<Buffer> {
  return readInputBytes(where, path, kind);
}

const isGeoJSON = (path: string) => /\.(geo)?json$/i.test(path);

/**
 * Read sites from a `.csv` or `.geojson`/`.json` file (by extension); errors name the file.
 *
 * @param path - File path.
 * @param options - As for `parseSitesCsv` (CSV) / `parseSitesGeoJSON` (`columns` used as `properties`).
 * @returns Validated sites.
 * @throws {@link IoError} if the file cannot be read or a row is invalid (`sites.csv:row 14:lat`).
 * @example
 * const sites = await readSites("data/sites.csv");
 */
export async function readSites(path: string, options: Omit<ParseSitesCsvOptions, "file"> = {}): Promise<Site[]> {
  const text = (await readBytes("readSites", path)).toString("utf8");
  const file = basename(path);
  return isGeoJSON(path) ? parseSitesGeoJSON(text, { file, properties: options.columns }) : parseSitesCsv(text, { ...options, file });
}

/**
 * Read zones from a `.csv` or `.geojson`/`.json` file (by extension).
 *
 * @throws {@link IoError} if the file cannot be read or a row is invalid.
 * @example
 * const zones = await readZones("data/lsoa.csv");
 */
export async function readZones(path: string, options: Omit<ParseZonesCsvOptions, "file"> = {}): Promise<DemandZone[]> {
  const text = (await readBytes("readZones", path)).toString("utf8");
  const file = basename(path);
  return isGeoJSON(path) ? parseZonesGeoJSON(text, { file, properties: options.columns }) : parseZonesCsv(text, { ...options, file });
}

/**
 * Read drivable roads from an OpenStreetMap `.osm` (XML) or `.osm.pbf` file (by extension).
 *
 * @throws {@link IoError} if the file cannot be read or is malformed.
 * @example
 * const { roads, warnings } = await readOsm("kent.osm.pbf");
 */
export async function readOsm(path: string, options: Omit<OsmOptions, "file"> = {}): Promise<OsmRoads> {
  const bytes = await readBytes("readOsm", path, /\.pbf$/i.test(path) ? "binary" : "text");
  const file = basename(path);
  if (/\.pbf$/i.test(path)) return parseOsmPbf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...options, file });
  return parseOsmXml(bytes.toString("utf8"), { ...options, file });
}

/**
 * Read an OD travel-time table exported by OSRM, openrouteservice, Valhalla, r5r or TravelTime.
 *
 * @throws {@link IoError} if the file cannot be read or a cell is invalid.
 * @example
 * const matrix = await readOdTable("ttm.csv", { format: "r5r" });
 */
export async function readOdTable(path: string, options: Omit<ParseOdTableOptions, "file">): Promise<CostMatrix> {
  const text = (await readBytes("readOdTable", path)).toString("utf8");
  return parseOdTable(text, { ...options, file: basename(path) });
}
