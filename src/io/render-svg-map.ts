import { checkSites, checkZones } from "../model/check-network.js";
import { type GeoProjection, geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import * as z from "zod/mini";
import { InvalidInputError, UnknownIdError, parseInput } from "../errors.js";
import type { DemandZone, ServiceNetwork, Site } from "../model/types.js";
import { escapeXml, rewindGeometry } from "./internal.js";
import { NOT_COVERED, UNASSIGNED, UNREACHABLE, bandColours, categoricalColours, changeClasses, minutesColours, wrapText } from "./map-style.js";
import { checkWritable } from "../internal/writable.js";
import { type MapAssignment, assignmentOf, checkArray, checkPlaces } from "./zones-to-geojson.js";
import type { Assert, Same } from "../internal/type-checks.js";

type ZoneAssignment = { zone: string; site: string | null; minutes: number };

const RenderSvgMapOptionsSchema = z.strictObject({
  width: z._default(z.number().check(z.int()).check(z.minimum(200)).check(z.maximum(10_000)), 800),
  /** Largest height in pixels; the canvas is cropped to what is drawn (no blank bands). */
  height: z._default(z.number().check(z.int()).check(z.minimum(200)).check(z.maximum(10_000)), 640),
  /**
   * Zone fill: the assigned `site`, that site's parent `hub` (spokes roll up), `minutes` bands,
   * `change` (minutes gained or lost, from `layers.change`), or `none`.
   */
  colourBy: z._default(z.enum(["site", "hub", "minutes", "change", "none"]), "hub"),
  title: z.optional(z.string()),
  /** Upper bounds of the minutes bands; the last band is open-ended. */
  minutesBreaks: z._default(z.array(z.number().check(z.positive())).check(z.minLength(1)).check(z.maxLength(8)), [15, 30, 45, 60]),
  /** Symmetric class bounds of the change map, minutes (within ±first bound is "no change"). */
  changeBreaks: z._default(z.array(z.number().check(z.positive())).check(z.minLength(1)).check(z.maxLength(5)), [1, 5, 15]),
  /** Zones assigned beyond this many minutes read "not covered within N min" (coverage maps). */
  coverMinutes: z.optional(z.number().check(z.positive())),
  legend: z._default(z.boolean(), true),
  scaleBar: z._default(z.boolean(), true),
  /** Write hub (and chosen site) names beside their symbols. */
  labels: z._default(z.boolean(), true),
  /** Draw closed sites (greyed, crossed). */
  showClosed: z._default(z.boolean(), true),
  /** Draw the main roads (motorway, trunk, primary) of `network.graph` for orientation. */
  mainRoads: z._default(z.boolean(), false),
  /** Data attribution lines drawn at the foot. Default: the network's `metadata.attribution`. */
  attribution: z.optional(z.array(z.string())),
});
export interface RenderSvgMapOptions {
  /**
   * Pixels. Default 800.
   * @defaultValue `800`
   */
  width?: number;
  /**
   * Largest height in pixels; the canvas is cropped to what is drawn (no blank bands).
   * @defaultValue `640`
   */
  height?: number;
  /**
   * Zone fill: the assigned `site`, that site's parent `hub` (spokes roll up), `minutes` bands, `change` (minutes gained or lost, from `layers.change`), or `none`.
   * @defaultValue `"hub"`
   */
  colourBy?: "none" | "minutes" | "hub" | "site" | "change";
  /**
   * Title text. Default none.
   */
  title?: string;
  /**
   * Upper bounds of the minutes bands; the last band is open-ended.
   * @defaultValue `[15, 30, 45, 60]`
   */
  minutesBreaks?: number[];
  /**
   * Symmetric class bounds of the change map, minutes (within ±first bound is "no change").
   * @defaultValue `[1, 5, 15]`
   */
  changeBreaks?: number[];
  /**
   * Zones assigned beyond this many minutes read "not covered within N min" (coverage maps).
   */
  coverMinutes?: number;
  /**
   * Draw the legend. Default true.
   * @defaultValue `true`
   */
  legend?: boolean;
  /**
   * Draw a scale bar (km, true at the map centre). Default true.
   * @defaultValue `true`
   */
  scaleBar?: boolean;
  /**
   * Write hub (and chosen site) names beside their symbols.
   * @defaultValue `true`
   */
  labels?: boolean;
  /**
   * Draw closed sites (greyed, crossed).
   * @defaultValue `true`
   */
  showClosed?: boolean;
  /**
   * Draw the main roads (motorway, trunk, primary) of `network.graph` for orientation.
   * @defaultValue `false`
   */
  mainRoads?: boolean;
  /**
   * Data attribution lines drawn at the foot. Default: the network's `metadata.attribution`.
   */
  attribution?: string[];
}
type RenderSvgMapOptionsCheck = Assert<Same<RenderSvgMapOptions, z.input<typeof RenderSvgMapOptionsSchema>>>;
type Opts = z.output<typeof RenderSvgMapOptionsSchema>;

/** What to draw on top of the network: assignments (zone fill), change, bands, outlines, chosen sites. */
export interface SvgMapLayers {
  /** Per-zone assigned site and minutes (`nearestSites` rows, or a scenario's catchments). */
  readonly assignments?: readonly MapAssignment[];
  /** Per-zone change in minutes against a baseline (`colourBy: "change"`); `null` = unknown. */
  readonly change?: readonly { readonly zone: string; readonly deltaMinutes: number | null }[];
  /** Filled, nested travel-time bands (e.g. `isochrones(...).bands`), each with `properties.minutes`. */
  readonly bands?: FeatureCollection<Polygon | MultiPolygon, { minutes: number }>;
  /** Polygons outlined over the zones, e.g. `catchmentPolygons` output. */
  readonly outlines?: FeatureCollection<Polygon | MultiPolygon>;
  /** Site ids chosen by an optimisation: ringed, labelled and named "chosen" in the legend. */
  readonly chosen?: readonly string[];
  /** Draw spoke → hub links. Default true. */
  readonly links?: boolean;
}

type MapNetwork = Pick<ServiceNetwork, "sites" | "zones"> & { readonly graph?: ServiceNetwork["graph"]; readonly metadata?: ServiceNetwork["metadata"] };

interface Legend {
  heading: string;
  items: { swatch: string; label: string }[];
}

const MAIN_ROADS = ["motorway", "trunk", "primary"] as const;

function fmt(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

function haversineMetres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

function siteSymbol(site: Site, x: number, y: number, fill: string, chosen: boolean): string {
  const closed = site.status === "closed";
  const stroke = closed ? "#777" : "#222";
  const attrs = `data-site="${escapeXml(site.id)}" data-kind="${site.kind}" data-status="${site.status}"${chosen ? ' data-chosen="true"' : ""}`;
  let shape: string;
  if (site.kind === "hub") shape = `<rect x="${fmt(x - 7)}" y="${fmt(y - 7)}" width="14" height="14" fill="${closed ? "#bbb" : fill}" stroke="${stroke}" stroke-width="2"/>`;
  else if (site.kind === "spoke") shape = `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="5" fill="${closed ? "#bbb" : fill}" stroke="${stroke}" stroke-width="1.5"/>`;
  else shape = `<path d="M${fmt(x)},${fmt(y - 7)}L${fmt(x + 7)},${fmt(y)}L${fmt(x)},${fmt(y + 7)}L${fmt(x - 7)},${fmt(y)}Z" fill="${chosen ? fill : "#fff"}" stroke="${stroke}" stroke-width="1.5"/>`;
  const ring = chosen ? `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="11" fill="none" stroke="#111" stroke-width="2.5"/>` : "";
  const cross = closed ? `<path d="M${fmt(x - 6)},${fmt(y - 6)}L${fmt(x + 6)},${fmt(y + 6)}M${fmt(x + 6)},${fmt(y - 6)}L${fmt(x - 6)},${fmt(y + 6)}" stroke="#c00" stroke-width="2"/>` : "";
  const what = `${site.kind}${closed ? ", closed" : ""}${chosen ? ", chosen" : ""}`;
  return `<g class="site site-${site.kind}" ${attrs}><title>${escapeXml(`${site.name} (${what})`)}</title>${ring}${shape}${cross}</g>`;
}

/** Main-road polylines of a road graph (each two-way road once), as lon/lat lines by class. */
function mainRoadLines(graph: NonNullable<MapNetwork["graph"]>): Map<string, [number, number][][]> {
  const out = new Map<string, [number, number][][]>(MAIN_ROADS.map((c) => [c, []]));
  const seen = new Set<string>();
  graph.forEachEdge((_e, attrs, source, target, sa, ta) => {
    const lines = out.get(String((attrs as { highway?: unknown }).highway));
    if (lines === undefined) return;
    const inner = ((attrs as { coordinates?: [number, number][] }).coordinates ?? []) as [number, number][];
    const key = source < target ? `${source}|${target}|${inner.length}` : `${target}|${source}|${inner.length}`;
    if (seen.has(key)) return;
    seen.add(key);
    const a = sa as { lon: number; lat: number };
    const b = ta as { lon: number; lat: number };
    const line: [number, number][] = [[a.lon, a.lat], ...inner, [b.lon, b.lat]];
    if (!line.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
      throw new InvalidInputError("renderSvgMap", [{ path: `network.graph edge ${source} -> ${target}`, message: "a main road has a missing or non-finite lon/lat; build the graph with buildRoadGraph" }]);
    }
    lines.push(line);
  });
  return out;
}

/**
 * Draw a service network as a self-contained SVG map: zones filled by their assigned hub or
 * site, by travel-time band, or by the change in minutes against a baseline; filled nested
 * isochrone bands; sites by kind (hub ■, spoke ●, candidate ◆; closed sites greyed and crossed;
 * chosen sites ringed); spoke → hub links; optional main roads; outlines; a legend whose long
 * names wrap; a scale bar; a title; and the data attribution at the foot.
 *
 * Uses a d3-geo Web Mercator projection fitted to everything drawn (zones, sites, bands),
 * with the canvas cropped to the map and legend. Colour ramps come from d3-scale-chromatic:
 * YlGnBu for minutes, diverging PuOr for change (purple nearer, orange further; both
 * colour-blind safe), Blues for bands; sites take Okabe–Ito or Tableau 10 colours, and beyond
 * ten, shades of one hue per hub family so colours never repeat. Zone polygons are rewound to
 * d3's clockwise convention; zones without a polygon are drawn as dots sized by √population.
 * Output is a pure, deterministic string (coordinates rounded to 0.1 px).
 *
 * @param network - Sites and zones (zone `geometry` is drawn when present); `graph` for main
 *   roads; `metadata.attribution` for the default attribution.
 * @param layers - `{ assignments?, change?, bands?, outlines?, chosen?, links? }`.
 * @returns SVG markup (`<svg xmlns=…>…</svg>`).
 * @throws {@link UnknownIdError} if an assignment, change or chosen id names an unknown zone or site.
 * @throws {@link InvalidInputError} for bad options, or `colourBy: "change"` without `layers.change`.
 * @example
 * const svg = renderSvgMap(network, { assignments: nearestSites(matrix).nearest }, { title: "Nearest hub", mainRoads: true });
 */
export function renderSvgMap(network: MapNetwork, layers: SvgMapLayers = {}, options: RenderSvgMapOptions = {}): string {
  const where = "renderSvgMap";
  const opts = parseInput(where, RenderSvgMapOptionsSchema, options, "options");
  if (network === null || typeof network !== "object" || !Array.isArray(network.sites) || !Array.isArray(network.zones)) {
    throw new InvalidInputError(where, [{ path: "network", message: "expected { sites: Site[], zones: DemandZone[] }" }]);
  }
  checkSites(where, network.sites, "network.sites");
  checkZones(where, network.zones, "network.zones");
  if (layers === null || typeof layers !== "object") throw new InvalidInputError(where, [{ path: "layers", message: `expected an object of layers (got ${layers === null ? "null" : typeof layers})` }]);
  checkMapInputs(where, network, layers);
  if (opts.colourBy === "change" && layers.change === undefined) throw new InvalidInputError(where, [{ path: "layers.change", message: 'colourBy "change" needs layers.change: [{ zone, deltaMinutes }]' }]);
  const model = mapModel(where, network, layers, opts);
  const frame = fitFrame(network, layers, opts, model);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${opts.width}" height="${frame.height}" viewBox="0 0 ${opts.width} ${frame.height}" font-family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif" role="img">`);
  out.push(`<title>${escapeXml(opts.title ?? "hubspoke service map")}</title>`);
  out.push(`<rect width="${opts.width}" height="${frame.height}" fill="#ffffff"/>`);
  if (opts.title !== undefined) out.push(`<text x="${PAD}" y="${PAD + 14}" font-size="18" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);
  drawZones(out, network, model, frame);
  drawBands(out, layers, frame);
  if (opts.mainRoads && network.graph !== undefined) drawMainRoads(out, network.graph, frame);
  drawOutlines(out, layers, frame);
  drawSites(out, network, layers, opts, model, frame);
  if (opts.legend) drawLegend(out, frame.legend, opts, frame);
  if (opts.scaleBar) drawScaleBar(out, opts, frame);
  drawAttribution(out, frame);
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}

const PAD = 16;

/** Nothing drawn may carry a null or non-finite coordinate, NaN minutes or negative minutes. */
function checkMapInputs(where: string, network: MapNetwork, layers: SvgMapLayers): void {
  checkPlaces(where, network.sites, "network.sites", "sites");
  checkPlaces(where, network.zones, "network.zones", "zones");
  if (layers.assignments !== undefined) {
    checkArray(where, layers.assignments, "layers.assignments", "assignment rows");
    checkWritable(where, layers.assignments, "layers.assignments");
  }
  if (layers.change !== undefined) {
    checkArray(where, layers.change, "layers.change", "change rows");
    checkWritable(where, layers.change, "layers.change", "signed");
  }
  if (layers.bands !== undefined) checkWritable(where, layers.bands, "layers.bands", "none");
  if (layers.outlines !== undefined) checkWritable(where, layers.outlines, "layers.outlines");
}

interface MapModel {
  assigned: Map<string, ZoneAssignment>;
  change: Map<string, number | null>;
  chosen: Set<string>;
  siteById: Map<string, Site>;
  siteColour: Map<string, string>;
  colourKey: (a: ZoneAssignment | undefined) => string | null;
  zoneFill: (z: DemandZone) => string;
  zoneTip: (z: DemandZone) => string;
  classes: ReturnType<typeof changeClasses>;
  breaks: number[];
}

function mapModel(where: string, network: MapNetwork, layers: SvgMapLayers, opts: Opts): MapModel {
  const siteById = new Map(network.sites.map((s) => [s.id, s] as const));
  const zoneIds = new Set(network.zones.map((z) => z.id));
  const assigned = new Map<string, ZoneAssignment>();
  (layers.assignments ?? []).forEach((row, k) => {
    const a = assignmentOf(row);
    if (!zoneIds.has(a.zone)) throw new UnknownIdError(where, "zone", a.zone, `layers.assignments[${k}]`);
    if (a.site !== null && !siteById.has(a.site)) throw new UnknownIdError(where, "site", a.site, `layers.assignments[${k}]`);
    assigned.set(a.zone, a);
  });
  const change = new Map<string, number | null>();
  (layers.change ?? []).forEach((c, k) => {
    if (!zoneIds.has(c.zone)) throw new UnknownIdError(where, "zone", c.zone, `layers.change[${k}]`);
    if (c.deltaMinutes !== null && Number.isNaN(c.deltaMinutes)) throw new InvalidInputError(where, [{ path: `layers.change[${k}].deltaMinutes`, message: "expected minutes or null (got NaN)" }]);
    change.set(c.zone, c.deltaMinutes);
  });
  const chosen = new Set(layers.chosen ?? []);
  (layers.chosen ?? []).forEach((id, k) => {
    if (!siteById.has(id)) throw new UnknownIdError(where, "site", id, `layers.chosen[${k}]`);
  });
  const parentOf = (s: Site) => (s.kind === "spoke" && s.hub !== undefined && siteById.has(s.hub) ? s.hub : s.id);
  const colourKey = (a: ZoneAssignment | undefined): string | null => {
    if (a === undefined || a.site === null) return null;
    return opts.colourBy === "hub" ? parentOf(siteById.get(a.site) as Site) : a.site;
  };
  // colour hubs (stable across maps of one network) and whatever else zones are assigned to
  const used = new Set<string>();
  for (const a of assigned.values()) if (a.site !== null) used.add(opts.colourBy === "hub" ? parentOf(siteById.get(a.site) as Site) : a.site);
  const coloured = network.sites.filter((s) => (s.kind === "hub" && parentOf(s) === s.id) || used.has(s.id) || (opts.colourBy === "site" && s.kind === "spoke" && used.has(parentOf(s))));
  const ordered = coloured.filter((s) => s.kind === "hub").concat(coloured.filter((s) => s.kind !== "hub"));
  const siteColour = categoricalColours(ordered, parentOf);
  const breaks = [...opts.minutesBreaks].sort((a, b) => a - b);
  const ramp = minutesColours(breaks.length + 1);
  const classes = changeClasses(opts.changeBreaks);
  const band = (m: number) => {
    let k = 0;
    while (k < breaks.length && m > breaks[k]) k++;
    return k;
  };
  const covered = (a: ZoneAssignment) => opts.coverMinutes === undefined || a.minutes <= opts.coverMinutes;
  const zoneFill = (z: DemandZone): string => {
    if (opts.colourBy === "change") {
      const d = change.get(z.id);
      if (d === undefined || d === null) return UNASSIGNED;
      return (classes.find((c) => c.test(d)) ?? classes[d < 0 ? 0 : classes.length - 1]).colour;
    }
    const a = assigned.get(z.id);
    if (opts.colourBy === "none" || a === undefined) return UNASSIGNED;
    if (a.site === null || !Number.isFinite(a.minutes)) return opts.coverMinutes === undefined ? UNREACHABLE : NOT_COVERED;
    if (!covered(a)) return NOT_COVERED;
    if (opts.colourBy === "minutes") return ramp[band(a.minutes)];
    return siteColour.get(colourKey(a) as string) ?? UNASSIGNED;
  };
  const zoneTip = (z: DemandZone): string => {
    if (opts.colourBy === "change") {
      const d = change.get(z.id);
      return `${z.name}: ${d === undefined || d === null ? "change unknown" : d === 0 ? "no change" : `${d > 0 ? "+" : "−"}${Number.isFinite(d) ? fmt(Math.abs(d)) : "∞"} min`}`;
    }
    const a = assigned.get(z.id);
    if (a === undefined) return `${z.name}: not assigned`;
    if (a.site === null || !Number.isFinite(a.minutes)) return `${z.name}: ${opts.coverMinutes === undefined ? "unreachable" : `not covered within ${opts.coverMinutes} min`}`;
    return `${z.name}: ${siteById.get(a.site)?.name ?? a.site}, ${fmt(a.minutes)} min${covered(a) ? "" : ` (not covered within ${opts.coverMinutes} min)`}`;
  };
  return { assigned, change, chosen, siteById, siteColour, colourKey, zoneFill, zoneTip, classes, breaks };
}

interface Frame {
  height: number;
  mapBottom: number;
  legendWidth: number;
  top: number;
  path: ReturnType<typeof geoPath>;
  xy: (p: readonly [number, number]) => [number, number];
  projection: GeoProjection;
  legend: Legend;
  legendHeight: number;
  attribution: string[];
  zoneGeometry: (Polygon | MultiPolygon | null)[];
}

/** Fit the projection to what is drawn, then crop the canvas to the map, legend and foot. */
function fitFrame(network: MapNetwork, layers: SvgMapLayers, opts: Opts, model: MapModel): Frame {
  const { width } = opts;
  const top = PAD + (opts.title === undefined ? 0 : 36);
  const legendWidth = opts.legend ? Math.min(240, Math.round(width * 0.3)) : 0;
  const legend = legendOf(network, layers, opts, model);
  const legendHeight = opts.legend ? legendLayout(legend, legendWidth).height : 0;
  const attribution = (opts.attribution ?? network.metadata?.attribution ?? []).flatMap((line) => wrapText(line, Math.floor((width - 2 * PAD) / 5.6)));
  const foot = (opts.scaleBar ? 26 : 0) + attribution.length * 13 + (attribution.length > 0 ? 6 : 0);
  const zoneGeometry = network.zones.map((z) => (z.geometry === undefined ? null : rewindGeometry(z.geometry as Polygon | MultiPolygon, false)));
  const features: Feature<Geometry>[] = [];
  network.zones.forEach((z, i) => features.push({ type: "Feature", properties: {}, geometry: zoneGeometry[i] ?? { type: "Point", coordinates: [...z.location] } }));
  for (const s of network.sites) if (opts.showClosed || s.status !== "closed") features.push({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [...s.location] } });
  for (const f of layers.bands?.features ?? []) features.push({ type: "Feature", properties: {}, geometry: rewindGeometry(f.geometry, false) });
  const collection = { type: "FeatureCollection" as const, features };
  const maxMapHeight = Math.max(100, opts.height - top - foot - PAD);
  const projection = geoMercator().fitExtent([[PAD, top], [width - PAD - legendWidth, top + maxMapHeight]], collection);
  // fitExtent centres the map; move it to the top and crop the canvas below it
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const [tx, ty] = projection.translate();
  if (Number.isFinite(y0)) projection.translate([tx, ty - (y0 - top)]);
  const mapHeight = Number.isFinite(y1 - y0) ? Math.max(60, y1 - y0) : maxMapHeight;
  const mapBottom = top + Math.max(mapHeight, legendHeight);
  const height = Math.min(opts.height, Math.ceil(mapBottom + foot + PAD / 2));
  return { height: Math.max(height, Math.ceil(mapBottom + foot + PAD / 2)), mapBottom, legendWidth, top, path: geoPath(projection).digits(1), xy: (p) => projection([p[0], p[1]]) as [number, number], projection, legend, legendHeight, attribution, zoneGeometry };
}

function drawBands(out: string[], layers: SvgMapLayers, frame: Frame): void {
  const features = layers.bands?.features ?? [];
  if (features.length === 0) return;
  const minutes = [...new Set(features.map((f) => f.properties.minutes))].sort((a, b) => a - b);
  const colours = bandColours(minutes.length);
  out.push(`<g id="bands" fill-opacity="0.7" stroke="#ffffff" stroke-width="0.6">`);
  // largest first, so nearer bands sit on top
  const order = features.map((f, k) => [f, k] as const).sort((a, b) => b[0].properties.minutes - a[0].properties.minutes || a[1] - b[1]);
  for (const [f] of order) {
    const d = frame.path(rewindGeometry(f.geometry, false));
    if (d !== null) out.push(`<path class="band" data-minutes="${f.properties.minutes}" d="${d}" fill="${colours[minutes.indexOf(f.properties.minutes)]}"/>`);
  }
  out.push(`</g>`);
}

function drawZones(out: string[], network: MapNetwork, model: MapModel, frame: Frame): void {
  const maxPop = Math.max(1, ...network.zones.map((z) => z.population));
  out.push(`<g id="zones" stroke="#ffffff" stroke-width="0.4">`);
  network.zones.forEach((z, i) => {
    const fill = model.zoneFill(z);
    const tip = `<title>${escapeXml(model.zoneTip(z))}</title>`;
    const g = frame.zoneGeometry[i];
    if (g !== null) {
      out.push(`<path class="zone" data-zone="${escapeXml(z.id)}" d="${frame.path(g) ?? ""}" fill="${fill}">${tip}</path>`);
    } else {
      const [x, y] = frame.xy(z.location);
      const r = 1.5 + 4.5 * Math.sqrt(z.population / maxPop);
      out.push(`<circle class="zone" data-zone="${escapeXml(z.id)}" cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="${fill === UNASSIGNED ? "#9e9e9e" : fill}" stroke="none">${tip}</circle>`);
    }
  });
  out.push(`</g>`);
}

function drawMainRoads(out: string[], graph: NonNullable<MapNetwork["graph"]>, frame: Frame): void {
  const widths: Record<string, number> = { motorway: 1.8, trunk: 1.3, primary: 0.8 };
  out.push(`<g id="main-roads" fill="none" stroke="#444" stroke-opacity="0.55" stroke-linecap="round" stroke-linejoin="round">`);
  for (const [cls, lines] of mainRoadLines(graph)) {
    if (lines.length === 0) continue;
    const d = frame.path({ type: "MultiLineString", coordinates: lines });
    if (d !== null) out.push(`<path class="road road-${cls}" stroke-width="${widths[cls]}" d="${d}"/>`);
  }
  out.push(`</g>`);
}

function drawOutlines(out: string[], layers: SvgMapLayers, frame: Frame): void {
  if (layers.outlines === undefined || layers.outlines.features.length === 0) return;
  out.push(`<g id="outlines" fill="none" stroke="#333" stroke-width="1.2" stroke-dasharray="4 2">`);
  for (const f of layers.outlines.features) {
    const d = frame.path(rewindGeometry(f.geometry, false));
    if (d !== null) out.push(`<path d="${d}"/>`);
  }
  out.push(`</g>`);
}

function drawSites(out: string[], network: MapNetwork, layers: SvgMapLayers, opts: Opts, model: MapModel, frame: Frame): void {
  const sites = network.sites.filter((s) => opts.showClosed || s.status !== "closed");
  if (layers.links !== false) {
    const links = sites.filter((s) => s.kind === "spoke" && s.hub !== undefined && model.siteById.has(s.hub));
    if (links.length > 0) {
      out.push(`<g id="links" stroke="#555" stroke-width="0.8" stroke-opacity="0.6">`);
      for (const s of links) {
        const [x1, y1] = frame.xy(s.location);
        const [x2, y2] = frame.xy((model.siteById.get(s.hub as string) as Site).location);
        out.push(`<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}"/>`);
      }
      out.push(`</g>`);
    }
  }
  out.push(`<g id="sites">`);
  const order = { candidate: 0, spoke: 1, hub: 2 } as const;
  const drawOrder = sites.map((s, i) => [s, i] as const).sort((a, b) => Number(model.chosen.has(a[0].id)) - Number(model.chosen.has(b[0].id)) || order[a[0].kind] - order[b[0].kind] || a[1] - b[1]);
  const byColour = (opts.colourBy === "hub" || opts.colourBy === "site") && model.assigned.size > 0;
  for (const [s] of drawOrder) {
    const [x, y] = frame.xy(s.location);
    const colourId = s.kind === "spoke" && s.hub !== undefined && opts.colourBy === "hub" ? s.hub : s.id;
    out.push(siteSymbol(s, x, y, byColour ? (model.siteColour.get(colourId) ?? "#fff") : s.kind === "hub" ? "#333333" : "#ffffff", model.chosen.has(s.id)));
  }
  if (opts.labels) drawLabels(out, sites.filter((s) => s.kind === "hub" || model.chosen.has(s.id)), opts, frame);
  out.push(`</g>`);
}

/** Site labels placed right, left, above or below their symbol, avoiding each other, the legend and the edges. */
function drawLabels(out: string[], sites: readonly Site[], opts: Opts, frame: Frame): void {
  const right = opts.width - PAD - frame.legendWidth;
  const placed: [number, number, number, number][] = [];
  const overlaps = (b: [number, number, number, number]) => b[0] < PAD / 2 || b[2] > right || placed.some((p) => b[0] < p[2] && b[2] > p[0] && b[1] < p[3] && b[3] > p[1]);
  for (const s of sites) {
    const [x, y] = frame.xy(s.location);
    const w = s.name.length * 7;
    const options: { x: number; y: number; anchor: "start" | "end" | "middle"; box: [number, number, number, number] }[] = [
      { x: x + 12, y: y + 4, anchor: "start", box: [x + 12, y - 8, x + 12 + w, y + 6] },
      { x: x - 12, y: y + 4, anchor: "end", box: [x - 12 - w, y - 8, x - 12, y + 6] },
      { x, y: y - 13, anchor: "middle", box: [x - w / 2, y - 25, x + w / 2, y - 11] },
      { x, y: y + 22, anchor: "middle", box: [x - w / 2, y + 10, x + w / 2, y + 24] },
    ];
    const pick = options.find((o) => !overlaps(o.box)) ?? options[0];
    placed.push(pick.box);
    out.push(`<text class="label" x="${fmt(pick.x)}" y="${fmt(pick.y)}"${pick.anchor === "start" ? "" : ` text-anchor="${pick.anchor}"`} font-size="12" font-weight="600" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(s.name)}</text>`);
  }
}

function legendOf(network: MapNetwork, layers: SvgMapLayers, opts: Opts, model: MapModel): Legend {
  const sq = (fill: string) => `<rect width="14" height="14" fill="${fill}" stroke="#999" stroke-width="0.5"/>`;
  const items: { swatch: string; label: string }[] = [];
  const sites = network.sites.filter((s) => opts.showClosed || s.status !== "closed");
  let heading = opts.colourBy === "minutes" ? "Travel time" : opts.colourBy === "change" ? "Change in minutes" : opts.colourBy === "none" ? "Sites" : opts.colourBy === "hub" ? "Assigned hub" : "Assigned site";
  const bandMinutes = [...new Set((layers.bands?.features ?? []).map((f) => f.properties.minutes))].sort((a, b) => a - b);
  if (bandMinutes.length > 0) {
    if (opts.colourBy === "none") heading = "Drive time";
    const colours = bandColours(bandMinutes.length);
    bandMinutes.forEach((m, k) => items.push({ swatch: sq(colours[k]), label: k === 0 ? `within ${m} min` : `${bandMinutes[k - 1]}–${m} min` }));
  }
  if (opts.colourBy === "change") {
    for (const c of [...model.classes].reverse()) items.push({ swatch: sq(c.colour), label: c.label });
    if ([...model.change.values()].some((d) => d === null)) items.push({ swatch: sq(UNASSIGNED), label: "Unknown" });
  } else if (opts.colourBy === "minutes" && model.assigned.size > 0) {
    const b = model.breaks;
    const ramp = minutesColours(b.length + 1);
    for (let k = 0; k <= b.length; k++) items.push({ swatch: sq(ramp[k]), label: k === 0 ? `≤ ${b[0]} min` : k === b.length ? `> ${b[k - 1]} min` : `${b[k - 1]}–${b[k]} min` });
  } else if ((opts.colourBy === "hub" || opts.colourBy === "site") && model.assigned.size > 0) {
    const used = new Set<string>();
    for (const a of model.assigned.values()) {
      const key = model.colourKey(a);
      if (key !== null && (opts.coverMinutes === undefined || a.minutes <= opts.coverMinutes)) used.add(key);
    }
    const ordered = network.sites.filter((s) => s.kind === "hub").concat(network.sites.filter((s) => s.kind !== "hub"));
    for (const s of ordered) if (used.has(s.id)) items.push({ swatch: sq(model.siteColour.get(s.id) as string), label: s.name });
  }
  if (opts.colourBy !== "change") {
    const unreachable = [...model.assigned.values()].some((a) => a.site === null || !Number.isFinite(a.minutes));
    const uncovered = opts.coverMinutes !== undefined && [...model.assigned.values()].some((a) => a.site === null || !(a.minutes <= (opts.coverMinutes as number)));
    if (uncovered) items.push({ swatch: sq(NOT_COVERED), label: `Not covered within ${opts.coverMinutes} min` });
    else if (unreachable) items.push({ swatch: sq(UNREACHABLE), label: "Unreachable" });
  }
  const kinds = new Set(sites.map((s) => s.kind));
  if (model.chosen.size > 0) items.push({ swatch: `<circle cx="7" cy="7" r="6" fill="none" stroke="#111" stroke-width="2.5"/>`, label: "Chosen site" });
  if (kinds.has("hub")) items.push({ swatch: `<rect x="1" y="1" width="12" height="12" fill="#fff" stroke="#222" stroke-width="2"/>`, label: "Hub" });
  if (kinds.has("spoke")) items.push({ swatch: `<circle cx="7" cy="7" r="5" fill="#fff" stroke="#222" stroke-width="1.5"/>`, label: "Spoke" });
  if (kinds.has("candidate")) items.push({ swatch: `<path d="M7,0L14,7L7,14L0,7Z" fill="#fff" stroke="#222" stroke-width="1.5"/>`, label: model.chosen.size > 0 ? "Candidate site (not chosen unless ringed)" : "Candidate site" });
  if (sites.some((s) => s.status === "closed")) items.push({ swatch: `<path d="M1,1L13,13M13,1L1,13" stroke="#c00" stroke-width="2"/>`, label: "Closed" });
  if (opts.mainRoads && network.graph !== undefined) items.push({ swatch: `<path d="M0,7H14" stroke="#444" stroke-opacity="0.7" stroke-width="1.8"/>`, label: "Motorway, trunk and primary roads" });
  return { heading, items };
}

function legendLayout(legend: Legend, legendWidth: number): { lines: string[][]; height: number } {
  const maxChars = Math.max(8, Math.floor((legendWidth - 36) / 6.4));
  const lines = legend.items.map((it) => wrapText(it.label, maxChars));
  const height = 30 + lines.reduce((a, l) => a + 6 + 14 * l.length, 0);
  return { lines, height };
}

function drawLegend(out: string[], legend: Legend, opts: Opts, frame: Frame): void {
  const { lines, height } = legendLayout(legend, frame.legendWidth);
  const x0 = opts.width - PAD - frame.legendWidth + 8;
  out.push(`<g id="legend" transform="translate(${x0},${frame.top})" font-size="12" fill="#111">`);
  out.push(`<rect x="-6" y="-6" width="${frame.legendWidth - 4}" height="${height}" fill="#ffffff" fill-opacity="0.9" stroke="#ccc"/>`);
  out.push(`<text x="0" y="10" font-weight="600">${escapeXml(legend.heading)}</text>`);
  let y = 20;
  legend.items.forEach((it, k) => {
    // a trailing space on wrapped lines keeps the label's text (title, screen readers) whole
    const text = lines[k].map((l, j) => `<tspan x="20" dy="${j === 0 ? 0 : 14}">${escapeXml(j < lines[k].length - 1 ? `${l} ` : l)}</tspan>`).join("");
    out.push(`<g class="legend-item" transform="translate(0,${y})">${it.swatch}<text x="20" y="11">${text}</text></g>`);
    y += 6 + 14 * lines[k].length;
  });
  out.push(`</g>`);
}

function drawScaleBar(out: string[], opts: Opts, frame: Frame): void {
  const cx = (PAD + opts.width - PAD - frame.legendWidth) / 2;
  const cy = (frame.top + frame.mapBottom) / 2;
  const a = frame.projection.invert?.([cx, cy]);
  const b = frame.projection.invert?.([cx + 100, cy]);
  if (!a || !b) return;
  const metresPer100 = haversineMetres(a, b);
  const maxPx = Math.min(160, opts.width / 4);
  const nice = [0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000];
  let km = nice[0];
  for (const n of nice) if ((n * 1000 * 100) / metresPer100 <= maxPx) km = n;
  const px = (km * 1000 * 100) / metresPer100;
  const y = frame.mapBottom + 18;
  out.push(`<g id="scale-bar" font-size="11" fill="#111"><path d="M${PAD},${y - 5}V${y}H${fmt(PAD + px)}V${y - 5}" fill="none" stroke="#111" stroke-width="1.5"/><text x="${fmt(PAD + px + 6)}" y="${y}">${km} km</text></g>`);
}

function drawAttribution(out: string[], frame: Frame): void {
  if (frame.attribution.length === 0) return;
  const y0 = frame.height - PAD / 2 - (frame.attribution.length - 1) * 13 - 2;
  out.push(`<g id="attribution" font-size="10" fill="#444">`);
  frame.attribution.forEach((line, k) => out.push(`<text x="${PAD}" y="${fmt(y0 + k * 13)}">${escapeXml(line)}</text>`));
  out.push(`</g>`);
}
