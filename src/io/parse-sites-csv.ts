import { z } from "zod";
import { IoError, type InputIssue, parseInput } from "../errors.js";
import { SiteSchema } from "../model/schemas.js";
import type { Site } from "../model/types.js";
import { cell, columnOfPath, coordinateHint, readCsvTable, resolveColumns } from "./csv-table.js";
import { locate } from "./internal.js";

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
  file: z.string().min(1).default("sites.csv"),
  /** Explicit `field → header` mapping; overrides the default aliases. */
  columns: z.record(z.string(), z.string().min(1)).default({}),
  /** Columns starting with this prefix hold beds by ward type (`beds_adultAcute`). */
  bedsPrefix: z.string().min(1).default("beds_"),
});
export type ParseSitesCsvOptions = z.input<typeof ParseSitesCsvOptionsSchema>;

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
 * @param options.file - Name used in error paths. Default `"sites.csv"`.
 * @param options.columns - `{ field: header }` overrides. Default `{}`.
 * @param options.bedsPrefix - Prefix of bed columns. Default `"beds_"`.
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
  const table = readCsvTable(where, text, opts.file);
  const columns = resolveColumns(where, table, SITE_CSV_COLUMNS, opts.columns, ["id", "name", "kind", "lon", "lat"]);
  const bedColumns = table.header.filter((h) => h.startsWith(opts.bedsPrefix) && h.length > opts.bedsPrefix.length);
  const issues: InputIssue[] = [];
  const sites: Site[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const before = issues.length;
    const value: Record<string, unknown> = {};
    for (const field of Object.keys(SITE_CSV_COLUMNS)) {
      if (field === "lon" || field === "lat") continue;
      const v = cell(table, record, columns[field], NUMERIC[field] ?? "string", issues);
      if (v !== undefined) value[field] = field === "tags" ? String(v).split(";").map((t) => t.trim()).filter(Boolean) : v;
    }
    const lon = cell(table, record, columns.lon, "number", issues);
    const lat = cell(table, record, columns.lat, "number", issues);
    value.location = [lon, lat];
    const beds: Record<string, unknown> = {};
    for (const h of bedColumns) {
      const v = cell(table, record, h, "integer", issues);
      if (v !== undefined) beds[h.slice(opts.bedsPrefix.length)] = v;
    }
    if (Object.keys(beds).length > 0) value.beds = beds;
    if (issues.length > before) continue;
    const result = SiteSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = columnOfPath(issue.path, columns, { beds: opts.bedsPrefix });
        const raw = column === "" ? undefined : record.cells[column];
        const hint = issue.path[0] === "location" ? coordinateHint(lon, lat) : "";
        issues.push({ path: locate(table.file, record.row, column), message: `${issue.message} (got ${JSON.stringify(raw ?? "")})${hint}` });
      }
      continue;
    }
    const first = seen.get(result.data.id);
    if (first !== undefined) {
      issues.push({ path: locate(table.file, record.row, columns.id), message: `duplicate site id "${result.data.id}" (first on row ${first})` });
      continue;
    }
    seen.set(result.data.id, record.row);
    sites.push(result.data);
  }
  if (sites.length === 0 && issues.length === 0) issues.push({ path: opts.file, message: "no rows: expected at least one site" });
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new IoError(where, `${issues[0].path}: ${issues[0].message}${more}. Fix the file or map the column with options.columns.`, issues);
  }
  return sites;
}
