/**
 * Pure readers (CSV, GeoJSON, OpenStreetMap XML and PBF, travel-time tables from other engines,
 * OSRM) and writers (CSV, GeoJSON, SVG maps, HTML reports). Import from `hubspoke` or
 * `hubspoke/io`.
 *
 * @module io
 */
// IO: pure readers (text/bytes in) and writers (strings out). File access lives in hubspoke/io/node.
export { parseSitesCsv, SITE_CSV_COLUMNS } from "./parse-sites-csv.js";
export type { ParseSitesCsvOptions } from "./parse-sites-csv.js";
export { parseZonesCsv, ZONE_CSV_COLUMNS } from "./parse-zones-csv.js";
export type { ParseZonesCsvOptions } from "./parse-zones-csv.js";
export { parseSitesGeoJSON } from "./parse-sites-geojson.js";
export type { ParseSitesGeoJSONOptions } from "./parse-sites-geojson.js";
export { parseZonesGeoJSON } from "./parse-zones-geojson.js";
export type { ParseZonesGeoJSONOptions } from "./parse-zones-geojson.js";
export { DRIVABLE_HIGHWAYS } from "./osm-roads.js";
export type { OsmOptions, OsmRoadProperties, OsmRoads } from "./osm-roads.js";
export { parseOsmXml } from "./parse-osm-xml.js";
export { parseOsmPbf } from "./parse-osm-pbf.js";
export { OD_TABLE_FORMATS, parseOdTable } from "./parse-od-table.js";
export type { OdTableFormat, ParseOdTableOptions } from "./parse-od-table.js";
export { normaliseGeoJSON, stringifyGeoJSON } from "./write-geojson.js";
export type { StringifyGeoJSONOptions } from "./write-geojson.js";
export { flowsToGeoJSON, sitesToGeoJSON, zonesToGeoJSON } from "./zones-to-geojson.js";
export type { Flow, MapAssignment } from "./zones-to-geojson.js";
export { matrixToCsv, toCsv } from "./write-csv.js";
export type { MatrixToCsvOptions, ToCsvOptions } from "./write-csv.js";
export { renderSvgMap } from "./render-svg-map.js";
export type { RenderSvgMapOptions, SvgMapLayers } from "./render-svg-map.js";
export { osrmProvider } from "./osrm-provider.js";
export type { OsrmProvider, OsrmProviderOptions, OsrmTravelTimesOptions } from "./osrm-provider.js";
export { renderHtmlReport } from "./render-html-report.js";
export type { HtmlReportInput } from "./render-html-report.js";
export { comparisonToHtml } from "./comparison-to-html.js";
export type { ComparisonToHtmlOptions } from "./comparison-to-html.js";
