import { geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import * as z from "zod/mini";
import { UnknownIdError, parseInput } from "../errors.js";
import type { DemandZone, ServiceNetwork, Site } from "../model/types.js";
import { escapeXml, rewindGeometry } from "./internal.js";
import { type MapAssignment, assignmentOf } from "./zones-to-geojson.js";

type ZoneAssignment = { zone: string; site: string | null; minutes: number };

const RenderSvgMapOptionsSchema = z.strictObject({
  width: z._default(z.number().check(z.int()).check(z.minimum(200)).check(z.maximum(10_000)), 800),
  height: z._default(z.number().check(z.int()).check(z.minimum(200)).check(z.maximum(10_000)), 640),
  /** Zone fill: the assigned `site`, that site's parent `hub` (spokes roll up), `minutes` bands, or `none`. */
  colourBy: z._default(z.enum(["site", "hub", "minutes", "none"]), "hub"),
  title: z.optional(z.string()),
  /** Upper bounds of the minutes bands; the last band is open-ended. */
  minutesBreaks: z._default(z.array(z.number().check(z.positive())).check(z.minLength(1)).check(z.maxLength(8)), [15, 30, 45, 60]),
  legend: z._default(z.boolean(), true),
  scaleBar: z._default(z.boolean(), true),
  /** Write hub names beside their symbols. */
  labels: z._default(z.boolean(), true),
  /** Draw closed sites (greyed, crossed). */
  showClosed: z._default(z.boolean(), true),
});
export type RenderSvgMapOptions = z.input<typeof RenderSvgMapOptionsSchema>;

/** What to draw on top of the network: assignments (zone fill), catchment or isochrone polygons. */
export interface SvgMapLayers {
  /** Per-zone assigned site and minutes (`nearestSites` rows, or a scenario's catchments). */
  readonly assignments?: readonly MapAssignment[];
  /** Polygons outlined over the zones, e.g. `catchmentPolygons` or `isochrones` output. */
  readonly outlines?: FeatureCollection<Polygon | MultiPolygon>;
  /** Draw spoke → hub links. Default true. */
  readonly links?: boolean;
}

// Okabe–Ito (colour-blind safe) then Tableau-like extras: stable by site order.
const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#8C564B", "#17BECF", "#BCBD22", "#7F7F7F", "#9467BD"];
const UNREACHABLE = "#d9d9d9";
const UNASSIGNED = "#f0f0f0";

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

function bandColour(k: number, bands: number): string {
  const hue = bands <= 1 ? 120 : Math.round(120 - (120 * k) / (bands - 1));
  return `hsl(${hue},65%,${k === bands - 1 ? 45 : 55}%)`;
}

function siteSymbol(site: Site, x: number, y: number, fill: string): string {
  const closed = site.status === "closed";
  const stroke = closed ? "#777" : "#222";
  const attrs = `data-site="${escapeXml(site.id)}" data-kind="${site.kind}" data-status="${site.status}"`;
  let shape: string;
  if (site.kind === "hub") shape = `<rect x="${fmt(x - 7)}" y="${fmt(y - 7)}" width="14" height="14" fill="${closed ? "#bbb" : fill}" stroke="${stroke}" stroke-width="2"/>`;
  else if (site.kind === "spoke") shape = `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="5" fill="${closed ? "#bbb" : fill}" stroke="${stroke}" stroke-width="1.5"/>`;
  else shape = `<path d="M${fmt(x)},${fmt(y - 7)}L${fmt(x + 7)},${fmt(y)}L${fmt(x)},${fmt(y + 7)}L${fmt(x - 7)},${fmt(y)}Z" fill="#fff" stroke="${stroke}" stroke-width="1.5"/>`;
  const cross = closed ? `<path d="M${fmt(x - 6)},${fmt(y - 6)}L${fmt(x + 6)},${fmt(y + 6)}M${fmt(x + 6)},${fmt(y - 6)}L${fmt(x - 6)},${fmt(y + 6)}" stroke="#c00" stroke-width="2"/>` : "";
  return `<g class="site site-${site.kind}" ${attrs}><title>${escapeXml(`${site.name} (${site.kind}${closed ? ", closed" : ""})`)}</title>${shape}${cross}</g>`;
}

/**
 * Draw a service network as a self-contained SVG map: zones filled by their assigned hub or
 * site (or by travel-time band), sites drawn by kind (hub ■, spoke ●, candidate ◆; closed
 * sites greyed and crossed), spoke → hub links, optional outlines (catchments, isochrones),
 * a legend, a scale bar and a title.
 *
 * Uses a d3-geo Web Mercator projection fitted to the zones and sites
 * (`geoMercator().fitExtent`), which at county scale is close to conformal; zone polygons are
 * rewound to d3's clockwise convention first. Zones without a polygon are drawn as dots at
 * their centroid, sized by √population. Output is a pure, deterministic string (coordinates
 * rounded to 0.1 px), so it can be snapshot-tested, written to `out/*.svg`, shown inline in a
 * notebook or placed in a web page.
 *
 * @param network - Sites and zones (zone `geometry` is drawn when present).
 * @param layers - `{ assignments?, outlines?, links? }`; with no assignments zones are drawn neutral.
 * @param options.width - Pixels. Default 800.
 * @param options.height - Pixels. Default 640.
 * @param options.colourBy - `"hub"` (default), `"site"`, `"minutes"` or `"none"`.
 * @param options.title - Title text. Default none.
 * @param options.minutesBreaks - Minute band bounds. Default `[15, 30, 45, 60]`.
 * @param options.legend - Draw the legend. Default true.
 * @param options.scaleBar - Draw a scale bar (km, true at the map centre). Default true.
 * @param options.labels - Label hubs. Default true.
 * @param options.showClosed - Draw closed sites. Default true.
 * @returns SVG markup (`<svg xmlns=…>…</svg>`).
 * @throws {@link UnknownIdError} if an assignment names an unknown zone or site.
 * @throws {@link InvalidInputError} for bad options.
 * @example
 * const svg = renderSvgMap(network, { assignments: nearestSites(matrix).nearest }, { title: "Nearest hub" });
 */
export function renderSvgMap(network: Pick<ServiceNetwork, "sites" | "zones">, layers: SvgMapLayers = {}, options: RenderSvgMapOptions = {}): string {
  const where = "renderSvgMap";
  const opts = parseInput(where, RenderSvgMapOptionsSchema, options, "options");
  const { width, height } = opts;
  const sites = network.sites.filter((s) => opts.showClosed || s.status !== "closed");
  const siteById = new Map(network.sites.map((s) => [s.id, s] as const));
  const zoneIds = new Set(network.zones.map((z) => z.id));
  const assigned = new Map<string, ZoneAssignment>();
  (layers.assignments ?? []).forEach((row, k) => {
    const a = assignmentOf(row);
    if (!zoneIds.has(a.zone)) throw new UnknownIdError(where, "zone", a.zone, `assignments[${k}]`);
    if (a.site !== null && !siteById.has(a.site)) throw new UnknownIdError(where, "site", a.site, `assignments[${k}]`);
    assigned.set(a.zone, a);
  });

  const colourKey = (a: ZoneAssignment | undefined): string | null => {
    if (a === undefined || a.site === null) return null;
    if (opts.colourBy === "hub") {
      const s = siteById.get(a.site) as Site;
      return s.kind === "spoke" && s.hub !== undefined ? s.hub : s.id;
    }
    return a.site;
  };
  const siteColour = new Map<string, string>();
  const colourOrder = network.sites.filter((s) => s.kind === "hub").concat(network.sites.filter((s) => s.kind !== "hub"));
  for (const s of colourOrder) siteColour.set(s.id, PALETTE[siteColour.size % PALETTE.length]);

  const breaks = [...opts.minutesBreaks].sort((a, b) => a - b);
  const band = (m: number) => {
    let k = 0;
    while (k < breaks.length && m > breaks[k]) k++;
    return k;
  };
  const zoneFill = (z: DemandZone): string => {
    const a = assigned.get(z.id);
    if (opts.colourBy === "none" || a === undefined) return UNASSIGNED;
    if (a.site === null || !Number.isFinite(a.minutes)) return UNREACHABLE;
    if (opts.colourBy === "minutes") return bandColour(band(a.minutes), breaks.length + 1);
    return siteColour.get(colourKey(a) as string) as string;
  };

  // Fit the projection to everything drawn.
  const titleHeight = opts.title === undefined ? 0 : 36;
  const legendWidth = opts.legend ? Math.min(220, Math.round(width * 0.28)) : 0;
  const pad = 16;
  const features: Feature<Geometry>[] = [];
  const zoneGeometry = network.zones.map((z) => (z.geometry === undefined ? null : rewindGeometry(z.geometry as Polygon | MultiPolygon, false)));
  network.zones.forEach((z, i) => features.push({ type: "Feature", properties: {}, geometry: zoneGeometry[i] ?? { type: "Point", coordinates: [...z.location] } }));
  for (const s of sites) features.push({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [...s.location] } });
  const projection = geoMercator().fitExtent(
    [
      [pad, pad + titleHeight],
      [width - pad - legendWidth, height - pad - (opts.scaleBar ? 24 : 0)],
    ],
    { type: "FeatureCollection", features },
  );
  const path = geoPath(projection).digits(1);
  const xy = (p: readonly [number, number]) => projection([p[0], p[1]]) as [number, number];

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif" role="img">`);
  out.push(`<title>${escapeXml(opts.title ?? "hubspoke service map")}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (opts.title !== undefined) out.push(`<text x="${pad}" y="${pad + 14}" font-size="18" font-weight="600" fill="#111">${escapeXml(opts.title)}</text>`);

  const maxPop = Math.max(1, ...network.zones.map((z) => z.population));
  out.push(`<g id="zones" stroke="#ffffff" stroke-width="0.4">`);
  network.zones.forEach((z, i) => {
    const fill = zoneFill(z);
    const a = assigned.get(z.id);
    const tip = `${z.name}: ${a === undefined ? "not assigned" : a.site === null || !Number.isFinite(a.minutes) ? "unreachable" : `${siteById.get(a.site)?.name ?? a.site}, ${fmt(a.minutes)} min`}`;
    const g = zoneGeometry[i];
    if (g !== null) {
      out.push(`<path class="zone" data-zone="${escapeXml(z.id)}" d="${path(g) ?? ""}" fill="${fill}"><title>${escapeXml(tip)}</title></path>`);
    } else {
      const [x, y] = xy(z.location);
      const r = 1.5 + 4.5 * Math.sqrt(z.population / maxPop);
      out.push(`<circle class="zone" data-zone="${escapeXml(z.id)}" cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="${fill === UNASSIGNED ? "#9e9e9e" : fill}" stroke="none"><title>${escapeXml(tip)}</title></circle>`);
    }
  });
  out.push(`</g>`);

  if (layers.outlines !== undefined && layers.outlines.features.length > 0) {
    out.push(`<g id="outlines" fill="none" stroke="#333" stroke-width="1.2" stroke-dasharray="4 2">`);
    for (const f of layers.outlines.features) {
      const d = path(rewindGeometry(f.geometry, false));
      if (d !== null) out.push(`<path d="${d}"/>`);
    }
    out.push(`</g>`);
  }

  if (layers.links !== false) {
    const links = sites.filter((s) => s.kind === "spoke" && s.hub !== undefined && siteById.has(s.hub));
    if (links.length > 0) {
      out.push(`<g id="links" stroke="#555" stroke-width="0.8" stroke-opacity="0.6">`);
      for (const s of links) {
        const [x1, y1] = xy(s.location);
        const [x2, y2] = xy((siteById.get(s.hub as string) as Site).location);
        out.push(`<line x1="${fmt(x1)}" y1="${fmt(y1)}" x2="${fmt(x2)}" y2="${fmt(y2)}"/>`);
      }
      out.push(`</g>`);
    }
  }

  out.push(`<g id="sites">`);
  const order = { candidate: 0, spoke: 1, hub: 2 } as const;
  const drawOrder = sites.map((s, i) => [s, i] as const).sort((a, b) => order[a[0].kind] - order[b[0].kind] || a[1] - b[1]);
  for (const [s] of drawOrder) {
    const [x, y] = xy(s.location);
    // Sites share their zones' colours only when zones are coloured by site or hub.
    const colourId = s.kind === "spoke" && s.hub !== undefined && opts.colourBy === "hub" ? s.hub : s.id;
    const byColour = (opts.colourBy === "hub" || opts.colourBy === "site") && assigned.size > 0;
    out.push(siteSymbol(s, x, y, byColour ? (siteColour.get(colourId) ?? "#fff") : s.kind === "hub" ? "#333333" : "#ffffff"));
  }
  if (opts.labels) {
    for (const s of sites) {
      if (s.kind !== "hub") continue;
      const [x, y] = xy(s.location);
      out.push(`<text class="label" x="${fmt(x + 10)}" y="${fmt(y + 4)}" font-size="12" font-weight="600" fill="#111" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(s.name)}</text>`);
    }
  }
  out.push(`</g>`);

  if (opts.legend) {
    const items: { swatch: string; label: string }[] = [];
    if (opts.colourBy === "minutes" && assigned.size > 0) {
      for (let k = 0; k <= breaks.length; k++) {
        const label = k === 0 ? `≤ ${breaks[0]} min` : k === breaks.length ? `> ${breaks[k - 1]} min` : `${breaks[k - 1]}–${breaks[k]} min`;
        items.push({ swatch: `<rect width="14" height="14" fill="${bandColour(k, breaks.length + 1)}"/>`, label });
      }
    } else if ((opts.colourBy === "hub" || opts.colourBy === "site") && assigned.size > 0) {
      const used = new Set<string>();
      for (const a of assigned.values()) {
        const key = colourKey(a);
        if (key !== null) used.add(key);
      }
      for (const s of colourOrder) {
        if (used.has(s.id)) items.push({ swatch: `<rect width="14" height="14" fill="${siteColour.get(s.id)}"/>`, label: s.name });
      }
    }
    if ([...assigned.values()].some((a) => a.site === null || !Number.isFinite(a.minutes))) items.push({ swatch: `<rect width="14" height="14" fill="${UNREACHABLE}"/>`, label: "Unreachable" });
    const kinds = new Set(sites.map((s) => s.kind));
    if (kinds.has("hub")) items.push({ swatch: `<rect x="1" y="1" width="12" height="12" fill="#fff" stroke="#222" stroke-width="2"/>`, label: "Hub" });
    if (kinds.has("spoke")) items.push({ swatch: `<circle cx="7" cy="7" r="5" fill="#fff" stroke="#222" stroke-width="1.5"/>`, label: "Spoke" });
    if (kinds.has("candidate")) items.push({ swatch: `<path d="M7,0L14,7L7,14L0,7Z" fill="#fff" stroke="#222" stroke-width="1.5"/>`, label: "Candidate site" });
    if (sites.some((s) => s.status === "closed")) items.push({ swatch: `<path d="M1,1L13,13M13,1L1,13" stroke="#c00" stroke-width="2"/>`, label: "Closed" });
    const x0 = width - pad - legendWidth + 8;
    const y0 = pad + titleHeight;
    const heading = opts.colourBy === "minutes" ? "Travel time" : opts.colourBy === "none" ? "Sites" : opts.colourBy === "hub" ? "Assigned hub" : "Assigned site";
    out.push(`<g id="legend" transform="translate(${x0},${y0})" font-size="12" fill="#111">`);
    out.push(`<rect x="-6" y="-6" width="${legendWidth - 4}" height="${items.length * 20 + 30}" fill="#ffffff" fill-opacity="0.9" stroke="#ccc"/>`);
    out.push(`<text x="0" y="10" font-weight="600">${heading}</text>`);
    items.forEach((it, k) => {
      const maxChars = Math.max(8, Math.floor((legendWidth - 36) / 6.5));
      const label = it.label.length > maxChars ? `${it.label.slice(0, maxChars - 1)}…` : it.label;
      out.push(`<g class="legend-item" transform="translate(0,${20 + k * 20})">${it.swatch}<text x="20" y="11">${escapeXml(label)}</text></g>`);
    });
    out.push(`</g>`);
  }

  if (opts.scaleBar) {
    const cx = (pad + width - pad - legendWidth) / 2;
    const cy = (pad + titleHeight + height - pad) / 2;
    const a = projection.invert?.([cx, cy]);
    const b = projection.invert?.([cx + 100, cy]);
    if (a && b) {
      const metresPer100 = haversineMetres(a, b);
      const maxPx = Math.min(160, width / 4);
      const nice = [0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000];
      let km = nice[0];
      for (const n of nice) if ((n * 1000 * 100) / metresPer100 <= maxPx) km = n;
      const px = (km * 1000 * 100) / metresPer100;
      const y = height - pad - 6;
      out.push(`<g id="scale-bar" font-size="11" fill="#111"><path d="M${pad},${y - 5}V${y}H${fmt(pad + px)}V${y - 5}" fill="none" stroke="#111" stroke-width="1.5"/><text x="${fmt(pad + px + 6)}" y="${y}">${km} km</text></g>`);
    }
  }
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
