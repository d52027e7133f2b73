import * as z from "zod/mini";
import { EN } from "../internal/zod-locale.js";
import { type InputIssue, parseInput } from "../errors.js";
import { SiteSchema } from "../model/schemas.js";
import type { Site } from "../model/types.js";
import { featurePath, mapProperties, readFeatures, throwIssues, pointLocation } from "./geojson-input.js";
import { SITE_CSV_COLUMNS } from "./parse-sites-csv.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ParseSitesGeoJSONOptionsSchema = z.strictObject({
  file: z._default(z.string().check(z.minLength(1)), "sites.geojson"),
  /** Explicit `field → property` mapping. */
  properties: z._default(z.record(z.string(), z.string().check(z.minLength(1))), {}),
});
export interface ParseSitesGeoJSONOptions {
  /**
   * Name used in error paths. Default `"sites.geojson"`.
   * @defaultValue `"sites.geojson"`
   */
  file?: string;
  /**
   * Explicit `field → property` mapping.
   * @defaultValue `{}`
   */
  properties?: Record<string, string>;
}
type ParseSitesGeoJSONOptionsCheck = Assert<Same<ParseSitesGeoJSONOptions, z.input<typeof ParseSitesGeoJSONOptionsSchema>>>;

/**
 * Read sites from a GeoJSON FeatureCollection of Points. The location is the Point (a third
 * number, altitude, is allowed and ignored); the
 * other fields come from properties, matched like CSV headers ({@link SITE_CSV_COLUMNS}:
 * `id`, `name`, `kind`, `hub`, …), with `beds` as an object property.
 *
 * @param input - GeoJSON text or an already-parsed object.
 * @returns Validated sites in feature order.
 * @throws {@link IoError} naming `file:features[i].property` and the value for every problem.
 * @example
 * const sites = parseSitesGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature",
 *   geometry: { type: "Point", coordinates: [0.52, 51.27] },
 *   properties: { id: "h1", name: "Hub One", kind: "hub" } }] });
 */
export function parseSitesGeoJSON(input: unknown, options: ParseSitesGeoJSONOptions = {}): Site[] {
  const where = "parseSitesGeoJSON";
  const opts = parseInput(where, ParseSitesGeoJSONOptionsSchema, options, "options");
  const features = readFeatures(where, input, opts.file);
  const issues: InputIssue[] = [];
  const sites: Site[] = [];
  const seen = new Set<string>();
  const aliases = { ...SITE_CSV_COLUMNS, beds: ["beds"] };
  delete (aliases as Record<string, unknown>).lon;
  delete (aliases as Record<string, unknown>).lat;
  for (const f of features) {
    if (f.geometry === null || f.geometry.type !== "Point") {
      issues.push({ path: featurePath(opts.file, f.index, "geometry"), message: `expected a Point (got ${f.geometry === null ? "null" : JSON.stringify(f.geometry.type) ?? "no type"})` });
      continue;
    }
    const { value, keyOf } = mapProperties(f.properties, aliases, opts.properties);
    if (typeof value.tags === "string") value.tags = value.tags.split(";").map((t) => t.trim()).filter(Boolean);
    value.location = pointLocation(f.geometry.coordinates);
    const result = SiteSchema.safeParse(value, EN);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const head = String(issue.path[0] ?? "");
        const key = head === "location" ? `geometry.coordinates${issue.path.length > 1 ? `[${String(issue.path[1])}]` : ""}` : `properties.${keyOf[head] ?? head}`;
        const got = head === "location" ? f.geometry.coordinates : value[head];
        issues.push({ path: featurePath(opts.file, f.index, key), message: `${issue.message} (got ${JSON.stringify(got ?? null)})` });
      }
      continue;
    }
    if (seen.has(result.data.id)) {
      issues.push({ path: featurePath(opts.file, f.index, `properties.${keyOf.id}`), message: `duplicate site id "${result.data.id}"` });
      continue;
    }
    seen.add(result.data.id);
    sites.push(result.data);
  }
  if (sites.length === 0 && issues.length === 0) issues.push({ path: opts.file, message: "no features: expected at least one site" });
  if (issues.length > 0) throwIssues(where, issues);
  return sites;
}
