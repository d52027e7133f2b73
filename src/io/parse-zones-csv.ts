import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { DemandZoneSchema } from "../model/schemas.js";
import type { DemandZone } from "../model/types.js";
import { readCsvRecords } from "./csv-table.js";
import type { Assert, Same } from "../internal/type-checks.js";

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
  file: z._default(z.string().check(z.minLength(1)), "zones.csv"),
  columns: z._default(z.record(z.string(), z.string().check(z.minLength(1))), {}),
  /** Columns starting with this prefix hold population by age band (`age_65+`). */
  ageBandPrefix: z._default(z.string().check(z.minLength(1)), "age_"),
});
export interface ParseZonesCsvOptions {
  /**
   * Name used in error paths. Default `"zones.csv"`.
   * @defaultValue `"zones.csv"`
   */
  file?: string;
  /**
   * `{ field: header }` overrides. Default `{}`.
   * @defaultValue `{}`
   */
  columns?: Record<string, string>;
  /**
   * Columns starting with this prefix hold population by age band (`age_65+`).
   * @defaultValue `"age_"`
   */
  ageBandPrefix?: string;
}
type ParseZonesCsvOptionsCheck = Assert<Same<ParseZonesCsvOptions, z.input<typeof ParseZonesCsvOptionsSchema>>>;

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
 * @returns Validated zones in file order (`need` defaults to 1).
 * @throws {@link IoError} listing every bad cell, duplicate ids and missing columns.
 * @example
 * const zones = parseZonesCsv("LSOA21CD,LSOA21NM,lon,lat,population\nE01024170,Swale 001A,0.75,51.34,1650\n");
 * zones[0].id; // "E01024170"
 */
export function parseZonesCsv(text: string, options: ParseZonesCsvOptions = {}): DemandZone[] {
  const where = "parseZonesCsv";
  const opts = parseInput(where, ParseZonesCsvOptionsSchema, options, "options");
  return readCsvRecords(text, {
    where,
    noun: "zone",
    file: opts.file,
    aliases: ZONE_CSV_COLUMNS,
    explicit: opts.columns,
    required: ["id", "lon", "lat", "population"],
    numeric: NUMERIC,
    group: { prefix: opts.ageBandPrefix, field: "ageBands", type: "number" },
    schema: DemandZoneSchema,
    complete: (value) => {
      if (value.name === undefined && typeof value.id === "string") value.name = value.id;
    },
  });
}
