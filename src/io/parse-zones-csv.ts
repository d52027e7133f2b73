import { z } from "zod";
import { IoError, type InputIssue, parseInput } from "../errors.js";
import { DemandZoneSchema } from "../model/schemas.js";
import type { DemandZone } from "../model/types.js";
import { cell, columnOfPath, coordinateHint, readCsvTable, resolveColumns } from "./csv-table.js";
import { locate } from "./internal.js";

/**
 * Default header aliases per zone field. They cover ONS-style extracts (`LSOA21CD`,
 * `LSOA21NM`, `LAD22NM`, the IMD 2019 "Index of Multiple Deprivation (IMD) Decile" column)
 * and plain names (`id`, `name`, `population`).
 */
export const ZONE_CSV_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ["id", "zone_id", "LSOA21CD", "LSOA11CD", "MSOA21CD", "geography_code", "code"],
  name: ["name", "zone_name", "LSOA21NM", "LSOA11NM", "MSOA21NM", "geography"],
  lon: ["lon", "lng", "long", "longitude"],
  lat: ["lat", "latitude"],
  population: ["population", "pop", "all_ages", "total_population", "usual_residents", "observation"],
  district: ["district", "LAD24NM", "LAD23NM", "LAD22NM", "LAD21NM", "local_authority_district_name"],
  imdDecile: ["imd_decile", "Index of Multiple Deprivation (IMD) Decile", "IMD_Decile", "imd19_decile"],
  urbanRural: ["urban_rural", "RUC21NM", "RUC11", "RUC21CD"],
  households: ["households"],
  householdsNoCar: ["households_no_car", "no_car"],
  need: ["need", "need_weight"],
};

const ParseZonesCsvOptionsSchema = z.strictObject({
  file: z.string().min(1).default("zones.csv"),
  columns: z.record(z.string(), z.string().min(1)).default({}),
  /** Columns starting with this prefix hold population by age band (`age_65+`). */
  ageBandPrefix: z.string().min(1).default("age_"),
});
export type ParseZonesCsvOptions = z.input<typeof ParseZonesCsvOptionsSchema>;

const NUMERIC: Record<string, "number" | "integer"> = {
  lon: "number",
  lat: "number",
  population: "number",
  imdDecile: "integer",
  households: "integer",
  householdsNoCar: "integer",
  need: "number",
};

/**
 * Read demand zones (e.g. LSOAs) from CSV text: one row per zone with an id, a name, the
 * population-weighted centroid (`lon`, `lat` in WGS84 degrees) and the population, plus
 * optional district, IMD decile, urban/rural class, households and `age_<band>` columns.
 *
 * Headers are matched through {@link ZONE_CSV_COLUMNS}, so an ONS-style extract with
 * `LSOA21CD`, `LSOA21NM`, `LAD22NM` reads without a mapping; `options.columns` maps any
 * other header. Coordinates in British National Grid metres are rejected with a hint to
 * convert them. Every problem names the file, row, column and value (`zones.csv:row 9:population`).
 *
 * @param text - CSV text.
 * @param options.file - Name used in error paths. Default `"zones.csv"`.
 * @param options.columns - `{ field: header }` overrides. Default `{}`.
 * @param options.ageBandPrefix - Prefix of age-band columns. Default `"age_"`.
 * @returns Validated zones in file order (`need` defaults to 1).
 * @throws {@link IoError} listing every bad cell, duplicate ids and missing columns.
 * @example
 * const zones = parseZonesCsv("LSOA21CD,LSOA21NM,lon,lat,population\nE01024170,Swale 001A,0.75,51.34,1650\n");
 * zones[0].id; // "E01024170"
 */
export function parseZonesCsv(text: string, options: ParseZonesCsvOptions = {}): DemandZone[] {
  const where = "parseZonesCsv";
  const opts = parseInput(where, ParseZonesCsvOptionsSchema, options, "options");
  const table = readCsvTable(where, text, opts.file);
  const columns = resolveColumns(where, table, ZONE_CSV_COLUMNS, opts.columns, ["id", "lon", "lat", "population"]);
  const ageColumns = table.header.filter((h) => h.startsWith(opts.ageBandPrefix) && h.length > opts.ageBandPrefix.length);
  const issues: InputIssue[] = [];
  const zones: DemandZone[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const before = issues.length;
    const value: Record<string, unknown> = {};
    for (const field of Object.keys(ZONE_CSV_COLUMNS)) {
      if (field === "lon" || field === "lat") continue;
      const v = cell(table, record, columns[field], NUMERIC[field] ?? "string", issues);
      if (v !== undefined) value[field] = v;
    }
    if (value.name === undefined && typeof value.id === "string") value.name = value.id;
    const lon = cell(table, record, columns.lon, "number", issues);
    const lat = cell(table, record, columns.lat, "number", issues);
    value.location = [lon, lat];
    const bands: Record<string, unknown> = {};
    for (const h of ageColumns) {
      const v = cell(table, record, h, "number", issues);
      if (v !== undefined) bands[h.slice(opts.ageBandPrefix.length)] = v;
    }
    if (Object.keys(bands).length > 0) value.ageBands = bands;
    if (issues.length > before) continue;
    const result = DemandZoneSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = columnOfPath(issue.path, columns, { ageBands: opts.ageBandPrefix });
        const raw = column === "" ? undefined : record.cells[column];
        const hint = issue.path[0] === "location" ? coordinateHint(lon, lat) : "";
        issues.push({ path: locate(table.file, record.row, column), message: `${issue.message} (got ${JSON.stringify(raw ?? "")})${hint}` });
      }
      continue;
    }
    const first = seen.get(result.data.id);
    if (first !== undefined) {
      issues.push({ path: locate(table.file, record.row, columns.id), message: `duplicate zone id "${result.data.id}" (first on row ${first})` });
      continue;
    }
    seen.set(result.data.id, record.row);
    zones.push(result.data);
  }
  if (zones.length === 0 && issues.length === 0) issues.push({ path: opts.file, message: "no rows: expected at least one zone" });
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new IoError(where, `${issues[0].path}: ${issues[0].message}${more}. Fix the file or map the column with options.columns.`, issues);
  }
  return zones;
}
