import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { SiteSchema } from "../model/schemas.js";
import type { Site } from "../model/types.js";
import { readCsvRecords } from "./csv-table.js";
import type { Assert, Same } from "../internal/type-checks.js";

/** Default header aliases per site field (matched case- and punctuation-insensitively). */
export const SITE_CSV_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ["id", "site_id", "ods_code", "org_code", "code"],
  name: ["name", "site_name", "org_name"],
  kind: ["kind", "type", "site_type"],
  lon: ["lon", "lng", "long", "longitude"],
  lat: ["lat", "latitude"],
  hub: ["hub", "hub_id", "parent_hub"],
  status: ["status"],
  caseloadCapacity: ["caseload_capacity", "caseload"],
  staffWte: ["staff_wte", "wte"],
  crisisSlotsPerDay: ["crisis_slots_per_day", "crisis_slots"],
  runningCostPerYear: ["running_cost_per_year", "running_cost"],
  attractiveness: ["attractiveness"],
  district: ["district", "lad_name"],
  address: ["address"],
  postcode: ["postcode", "post_code"],
  source: ["source"],
  tags: ["tags"],
};

const ParseSitesCsvOptionsSchema = z.strictObject({
  /** Name used in error paths. */
  file: z._default(z.string().check(z.minLength(1)), "sites.csv"),
  /** Explicit `field → header` mapping; overrides the default aliases. */
  columns: z._default(z.record(z.string(), z.string().check(z.minLength(1))), {}),
  /** Columns starting with this prefix hold beds by ward type (`beds_adultAcute`). */
  bedsPrefix: z._default(z.string().check(z.minLength(1)), "beds_"),
});
export interface ParseSitesCsvOptions {
  /**
   * Name used in error paths.
   * @defaultValue `"sites.csv"`
   */
  file?: string;
  /**
   * Explicit `field → header` mapping; overrides the default aliases.
   * @defaultValue `{}`
   */
  columns?: Record<string, string>;
  /**
   * Columns starting with this prefix hold beds by ward type (`beds_adultAcute`).
   * @defaultValue `"beds_"`
   */
  bedsPrefix?: string;
}
type ParseSitesCsvOptionsCheck = Assert<Same<ParseSitesCsvOptions, z.input<typeof ParseSitesCsvOptionsSchema>>>;

const NUMERIC: Record<string, "number" | "integer"> = {
  lon: "number",
  lat: "number",
  caseloadCapacity: "number",
  staffWte: "number",
  crisisSlotsPerDay: "integer",
  runningCostPerYear: "number",
  attractiveness: "number",
};

/**
 * Read sites from CSV text: one row per site, with `id`, `name`, `kind`
 * (`hub`/`spoke`/`candidate`), `lon`, `lat` and optional fields (`hub`, `status`,
 * `caseload_capacity`, `staff_wte`, `beds_<wardType>`, …).
 *
 * Headers are matched to fields case- and punctuation-insensitively through
 * {@link SITE_CSV_COLUMNS} (so `Longitude`, `LON` and `lng` all work); `options.columns`
 * maps any other header. Each row then passes the `Site` schema. Every problem is reported
 * with its file, row (the header is row 1), column and value, as in `sites.csv:row 14:lat`.
 * Pure: takes text, so it runs in browsers; `readSitesCsv` in `hubspoke/io/node` reads a file.
 *
 * @param text - CSV text (comma-separated, RFC 4180 quoting, optional BOM).
 * @returns Validated sites in file order (defaults applied: `status: "open"`).
 * @throws {@link IoError} (code `IO_ERROR`) listing every bad cell as `file:row N:column`,
 *   duplicate ids, and missing required columns.
 * @example
 * const sites = parseSitesCsv("id,name,kind,lon,lat\nh1,Hub One,hub,0.52,51.27\n");
 * sites[0].location; // [0.52, 51.27]
 */
export function parseSitesCsv(text: string, options: ParseSitesCsvOptions = {}): Site[] {
  const where = "parseSitesCsv";
  const opts = parseInput(where, ParseSitesCsvOptionsSchema, options, "options");
  return readCsvRecords(text, {
    where,
    noun: "site",
    file: opts.file,
    aliases: SITE_CSV_COLUMNS,
    explicit: opts.columns,
    required: ["id", "name", "kind", "lon", "lat"],
    numeric: NUMERIC,
    group: { prefix: opts.bedsPrefix, field: "beds", type: "integer" },
    schema: SiteSchema,
    field: (name, v) => (name === "tags" ? String(v).split(";").map((t) => t.trim()).filter(Boolean) : v),
  });
}
