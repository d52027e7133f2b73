import * as z from "zod/mini";
import { HubspokeError, IoError, type InputIssue, parseInput } from "../errors.js";
import { jsonErrorPosition } from "../internal/json-position.js";
import { createCostMatrix } from "../model/cost-matrix.js";
import type { CostMatrix, Provenance } from "../model/types.js";
import { parseNumberCell, readCsvTable } from "./csv-table.js";
import { contentHash, locate } from "./internal.js";

/** `:line:column` of the first JSON syntax error in `text`, or "". */
const jsonPlace = (text: string): string => ((at) => (at === null ? "" : `:${at}`))(jsonErrorPosition(text));

import { OD_TABLE_FORMATS, type OdTableFormat } from "./od-table-formats.js";
import type { Assert, Same } from "../internal/type-checks.js";

export { OD_TABLE_FORMATS, type OdTableFormat };

const ParseOdTableOptionsSchema = z.strictObject({
  format: z.enum(OD_TABLE_FORMATS),
  file: z.optional(z.string().check(z.minLength(1))),
  /** Ids of the rows (sources), for formats that only carry indices (OSRM, openrouteservice, Valhalla). */
  origins: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Ids of the columns (destinations/targets). */
  destinations: z.optional(z.array(z.string().check(z.minLength(1)))),
  /**
   * Long formats (r5r, TravelTime): the ids the table may name as origins (e.g. the network's
   * zones). A row naming another id is an error naming the cell, never a row ignored later.
   */
  knownOrigins: z.optional(z.array(z.string())),
  /** Long formats: the ids the table may name as destinations (e.g. the network's sites). */
  knownDestinations: z.optional(z.array(z.string())),
  /** Routing profile recorded in provenance (`car`, `driving-car`, `auto`, …). */
  profile: z.optional(z.string().check(z.minLength(1))),
  /** TravelTime: whether `search_id` is the origin (`departure`) or the destination (`arrival`). */
  direction: z._default(z.enum(["departure", "arrival"]), "departure"),
  /** r5r: the column holding minutes. Default: `travel_time_p50`, else `travel_time`. */
  timeColumn: z.optional(z.string().check(z.minLength(1))),
});
export interface ParseOdTableOptions {
  /**
   * One of {@link OD_TABLE_FORMATS}.
   */
  format: "osrm" | "openrouteservice" | "valhalla" | "r5r" | "traveltime";
  /**
   * Name used in error paths and provenance. Default `"<format> table"`.
   */
  file?: string;
  /**
   * Ids of the rows (sources), for formats that only carry indices (OSRM, openrouteservice, Valhalla).
   */
  origins?: string[];
  /**
   * Ids of the columns (destinations/targets).
   */
  destinations?: string[];
  /**
   * Long formats (r5r, TravelTime): the ids the table may name as origins (e.g. the network's
   * zones). A row naming another id is an error naming the cell, never a row ignored later.
   * Default: any id (the table's own ids become the matrix's origins).
   */
  knownOrigins?: string[];
  /**
   * Long formats: the ids the table may name as destinations (e.g. the network's sites).
   */
  knownDestinations?: string[];
  /**
   * Routing profile recorded in provenance (`car`, `driving-car`, `auto`, …).
   */
  profile?: string;
  /**
   * TravelTime: whether `search_id` is the origin (`departure`) or the destination (`arrival`).
   * @defaultValue `"departure"`
   */
  direction?: "departure" | "arrival";
  /**
   * r5r: the column holding minutes. Default: `travel_time_p50`, else `travel_time`.
   */
  timeColumn?: string;
}
type ParseOdTableOptionsCheck = Assert<Same<ParseOdTableOptions, z.input<typeof ParseOdTableOptionsSchema>>>;

type Opts = z.output<typeof ParseOdTableOptionsSchema>;
interface Table {
  origins: string[];
  destinations: string[];
  minutes: (number | null)[];
  profile?: string;
  notes: string[];
}

function fail(where: string, path: string, message: string, hint = ""): never {
  throw new IoError(where, `${path}: ${message}.${hint ? ` ${hint}` : ""}`, [{ path, message }]);
}

function json(where: string, input: unknown, file: string): Record<string, unknown> {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new IoError(where, `${file}${jsonPlace(input)} is not valid JSON (${(error as Error).message}).`, [{ path: file, message: "invalid JSON" }], { cause: error });
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(where, file, "expected a JSON object");
  return value as Record<string, unknown>;
}

function ids(where: string, given: string[] | undefined, count: number, file: string, name: "origins" | "destinations"): string[] {
  if (given === undefined) return Array.from({ length: count }, (_, i) => String(i));
  if (given.length !== count) fail(where, `${file}:${name}`, `the table has ${count} ${name} but options.${name} lists ${given.length} ids`, "Pass one id per row/column, in request order.");
  return given;
}

/** A seconds grid (`durations[i][j]`, null = unreachable) → minutes. */
function secondsGrid(where: string, grid: unknown, file: string, field: string, opts: Opts): Table {
  if (!Array.isArray(grid) || grid.length === 0) fail(where, `${file}:${field}`, "expected a non-empty array of rows", "Request durations (OSRM annotations=duration, ORS metrics=[duration]).");
  const cols = Array.isArray(grid[0]) ? grid[0].length : -1;
  const minutes: (number | null)[] = [];
  grid.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== cols) fail(where, `${file}:${field}[${i}]`, `expected a row of ${cols} values (got ${Array.isArray(row) ? row.length : typeof row})`);
    row.forEach((v: unknown, j) => {
      if (v === null) minutes.push(null);
      else if (typeof v === "number" && Number.isFinite(v) && v >= 0) minutes.push(v / 60);
      else fail(where, `${file}:${field}[${i}][${j}]`, `expected seconds ≥ 0 or null (got ${JSON.stringify(v)})`);
    });
  });
  return { origins: ids(where, opts.origins, grid.length, file, "origins"), destinations: ids(where, opts.destinations, cols, file, "destinations"), minutes, notes: [] };
}

function readOsrm(where: string, input: unknown, file: string, opts: Opts): Table {
  const body = json(where, input, file);
  if (body.code !== undefined && body.code !== "Ok") fail(where, `${file}:code`, `OSRM answered ${JSON.stringify(body.code)}${typeof body.message === "string" ? ` (${body.message})` : ""}`, "Export a successful table response.");
  return secondsGrid(where, body.durations, file, "durations", opts);
}

function readOrs(where: string, input: unknown, file: string, opts: Opts): Table {
  const body = json(where, input, file);
  const t = secondsGrid(where, body.durations, file, "durations", opts);
  const meta = body.metadata as { query?: { profile?: unknown }; engine?: { version?: unknown } } | undefined;
  if (typeof meta?.query?.profile === "string") t.profile = meta.query.profile;
  if (typeof meta?.engine?.version === "string") t.notes.push(`openrouteservice ${meta.engine.version}`);
  return t;
}

function readValhalla(where: string, input: unknown, file: string, opts: Opts): Table {
  const body = json(where, input, file);
  const s2t = body.sources_to_targets;
  const units = body.units;
  // Newer Valhalla can answer with flat arrays: { durations: [[s]], distances: [[..]] }.
  if (s2t !== null && typeof s2t === "object" && !Array.isArray(s2t)) return secondsGrid(where, (s2t as { durations?: unknown }).durations, file, "sources_to_targets.durations", opts);
  if (!Array.isArray(s2t) || s2t.length === 0) fail(where, `${file}:sources_to_targets`, "expected an array of rows", "Export the response of Valhalla's sources_to_targets action.");
  const cols = Array.isArray(s2t[0]) ? s2t[0].length : -1;
  const minutes: (number | null)[] = [];
  s2t.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== cols) fail(where, `${file}:sources_to_targets[${i}]`, `expected a row of ${cols} cells`);
    row.forEach((c: { time?: unknown; to_index?: unknown }, j) => {
      const path = `${file}:sources_to_targets[${i}][${j}].time`;
      if (c === null || typeof c !== "object") fail(where, path, "expected a cell object");
      if (c.to_index !== undefined && c.to_index !== j) fail(where, `${file}:sources_to_targets[${i}][${j}].to_index`, `cells out of order (to_index ${String(c.to_index)} at column ${j})`);
      if (c.time === null || c.time === undefined) minutes.push(null);
      else if (typeof c.time === "number" && Number.isFinite(c.time) && c.time >= 0) minutes.push(c.time / 60);
      else fail(where, path, `expected seconds ≥ 0 or null (got ${JSON.stringify(c.time)})`);
    });
  });
  const t: Table = { origins: ids(where, opts.origins, s2t.length, file, "origins"), destinations: ids(where, opts.destinations, cols, file, "destinations"), minutes, notes: [] };
  if (typeof units === "string") t.notes.push(`valhalla distance units: ${units}`);
  return t;
}

/** Index ids in first-seen order, or in the given order (unknown ids are then errors). */
function indexer(given: string[] | undefined) {
  const list = given === undefined ? [] : [...given];
  const index = new Map(list.map((id, k) => [id, k] as const));
  return {
    list,
    get(id: string): number | undefined {
      let k = index.get(id);
      if (k === undefined && given === undefined) {
        k = list.length;
        list.push(id);
        index.set(id, k);
      }
      return k;
    },
  };
}

/** `searches`: TravelTime search ids, kept as rows (or columns) even when a search found nothing. */
function fillLong(where: string, file: string, cells: { o: string; d: string; m: number | null; path: string }[], opts: Opts, searches: { id: string; path: string; side: "o" | "d" }[] = []): Table {
  const o = indexer(opts.origins);
  const d = indexer(opts.destinations);
  const knownO = opts.knownOrigins === undefined ? null : new Set(opts.knownOrigins);
  const knownD = opts.knownDestinations === undefined ? null : new Set(opts.knownDestinations);
  for (const s of searches) {
    const known = s.side === "o" ? knownO : knownD;
    if (known !== null && !known.has(s.id)) fail(where, s.path, `search "${s.id}" is not a known ${s.side === "o" ? "origin" : "destination"} (options.known${s.side === "o" ? "Origins" : "Destinations"})`);
    if ((s.side === "o" ? o : d).get(s.id) === undefined) fail(where, s.path, `search "${s.id}" is not in options.${s.side === "o" ? "origins" : "destinations"}`);
  }
  const placed: { i: number; j: number; m: number | null; path: string }[] = [];
  for (const c of cells) {
    if (knownO !== null && !knownO.has(c.o)) fail(where, c.path, `origin "${c.o}" is not a known origin (options.knownOrigins: the network's zones)`, "Check the id, or re-run the engine with the network's zone ids.");
    if (knownD !== null && !knownD.has(c.d)) fail(where, c.path, `destination "${c.d}" is not a known destination (options.knownDestinations: the network's sites)`, "Check the id, or re-run the engine with the network's site ids.");
    const i = o.get(c.o);
    if (i === undefined) fail(where, c.path, `origin "${c.o}" is not in options.origins`);
    const j = d.get(c.d);
    if (j === undefined) fail(where, c.path, `destination "${c.d}" is not in options.destinations`);
    placed.push({ i, j, m: c.m, path: c.path });
  }
  const cols = d.list.length;
  // Pairs the engine left out (beyond its time limit) are unreachable, never zero.
  const minutes: (number | null)[] = new Array(o.list.length * cols).fill(null);
  const seen = new Set<number>();
  for (const p of placed) {
    const k = p.i * cols + p.j;
    if (seen.has(k)) fail(where, p.path, `pair "${o.list[p.i]}" → "${d.list[p.j]}" appears twice`);
    seen.add(k);
    minutes[k] = p.m;
  }
  const missing = minutes.length - seen.size;
  return { origins: o.list, destinations: d.list, minutes, notes: missing > 0 ? [`${missing} pair(s) absent from the table were read as unreachable`] : [] };
}

function readR5r(where: string, input: unknown, file: string, opts: Opts): Table {
  if (typeof input !== "string") fail(where, file, "expected CSV text from r5r travel_time_matrix()");
  const table = readCsvTable(where, input, file);
  const header = table.header;
  // r5r's own headers, or hubspoke's matrixToCsv long layout (origin,destination,minutes).
  const ours = !header.includes("from_id") && header.includes("origin");
  const fromColumn = ours ? "origin" : "from_id";
  const toColumn = ours ? "destination" : "to_id";
  const timeColumn = opts.timeColumn ?? (header.includes("travel_time_p50") ? "travel_time_p50" : ours ? "minutes" : "travel_time");
  for (const c of [fromColumn, toColumn, timeColumn]) {
    if (!header.includes(c)) fail(where, locate(file, 1, c), `missing column "${c}" (header: ${header.join(", ")})`, "r5r's travel_time_matrix() writes from_id,to_id,travel_time_p50.");
  }
  const cells = table.records.map(({ row, cells: r }) => {
    const raw = (r[timeColumn] ?? "").trim();
    const path = locate(file, row, timeColumn);
    let m: number | null = null;
    if (raw !== "" && raw !== "NA" && raw !== "Inf") {
      const n = parseNumberCell(raw);
      if (n === undefined || Number.isNaN(n) || n < 0) fail(where, path, `expected minutes ≥ 0, NA or empty (got ${JSON.stringify(raw)})`);
      m = n;
    }
    const from = (r[fromColumn] ?? "").trim();
    const to = (r[toColumn] ?? "").trim();
    if (from === "") fail(where, locate(file, row, fromColumn), "empty id");
    if (to === "") fail(where, locate(file, row, toColumn), "empty id");
    return { o: from, d: to, m, path };
  });
  return fillLong(where, file, cells, opts);
}

function readTravelTime(where: string, input: unknown, file: string, opts: Opts): Table {
  const body = json(where, input, file);
  if (!Array.isArray(body.results)) fail(where, `${file}:results`, "expected a results array", "Export a TravelTime time-filter response.");
  const cells: { o: string; d: string; m: number | null; path: string }[] = [];
  const searches: { id: string; path: string; side: "o" | "d" }[] = [];
  const arrival = opts.direction === "arrival";
  (body.results as unknown[]).forEach((res, r) => {
    const result = res as { search_id?: unknown; locations?: unknown; unreachable?: unknown };
    if (typeof result.search_id !== "string") fail(where, `${file}:results[${r}].search_id`, `expected a string (got ${JSON.stringify(result.search_id)})`);
    const search = result.search_id;
    // a search that reached nothing (and listed nothing) is still a row: all unreachable, not dropped
    searches.push({ id: search, path: `${file}:results[${r}].search_id`, side: arrival ? "d" : "o" });
    const pair = (other: string, m: number | null, path: string) => cells.push(arrival ? { o: other, d: search, m, path } : { o: search, d: other, m, path });
    (Array.isArray(result.locations) ? result.locations : []).forEach((loc: { id?: unknown; properties?: unknown }, l) => {
      const props = Array.isArray(loc.properties) ? loc.properties[0] : loc.properties;
      const seconds = (props as { travel_time?: unknown } | undefined)?.travel_time;
      const path = `${file}:results[${r}].locations[${l}].properties.travel_time`;
      if (typeof loc.id !== "string") fail(where, `${file}:results[${r}].locations[${l}].id`, "expected a string id");
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) fail(where, path, `expected seconds ≥ 0 (got ${JSON.stringify(seconds)})`, "Request properties: [\"travel_time\"].");
      pair(loc.id, seconds / 60, path);
    });
    (Array.isArray(result.unreachable) ? result.unreachable : []).forEach((id: unknown, u) => {
      if (typeof id !== "string") fail(where, `${file}:results[${r}].unreachable[${u}]`, "expected a string id");
      pair(id, null, `${file}:results[${r}].unreachable[${u}]`);
    });
  });
  return fillLong(where, file, cells, opts, searches);
}

const READERS: Record<OdTableFormat, (where: string, input: unknown, file: string, opts: Opts) => Table> = {
  osrm: readOsrm,
  openrouteservice: readOrs,
  valhalla: readValhalla,
  r5r: readR5r,
  traveltime: readTravelTime,
};

/**
 * Read an origin–destination travel-time table exported by a routing engine into a
 * {@link CostMatrix} (minutes, `Infinity` = unreachable) with provenance.
 *
 * Formats: `osrm` (the `table` service JSON, `durations` in seconds), `openrouteservice`
 * (matrix JSON, `durations` in seconds), `valhalla` (`sources_to_targets` JSON, `time` in
 * seconds), `r5r` (the CSV of `travel_time_matrix()`: `from_id,to_id,travel_time_p50` in
 * minutes, `NA` or empty = unreachable; also reads `matrixToCsv`'s `origin,destination,minutes`) and `traveltime` (a TravelTime time-filter JSON,
 * `travel_time` in seconds, `unreachable` ids). Engines that answer by index (OSRM,
 * openrouteservice, Valhalla) get ids from `options.origins`/`destinations` in request order
 * (else `"0"`, `"1"`, …); long tables (r5r, TravelTime) carry ids, and a pair they leave out
 * is unreachable, never zero. Seconds are divided by 60.
 *
 * @param input - JSON text or object (OSRM, openrouteservice, Valhalla, TravelTime) or CSV text (r5r).
 * @returns A validated matrix; `provenance.engine` is the format, `provenance.inputs.table` a content hash.
 * @throws {@link IoError} naming the file and cell (`table.json:durations[3][7]`) for a bad value,
 *   a ragged row, an id count mismatch, a repeated pair, or (long formats) a row naming an id
 *   outside `origins`/`destinations` or `knownOrigins`/`knownDestinations`.
 * @example
 * const m = parseOdTable(osrmJsonText, { format: "osrm", origins: zoneIds, destinations: siteIds, profile: "car" });
 */
export function parseOdTable(input: unknown, options: ParseOdTableOptions): CostMatrix {
  const where = "parseOdTable";
  const opts = parseInput(where, ParseOdTableOptionsSchema, options, "options");
  const file = opts.file ?? `${opts.format} table`;
  const table = READERS[opts.format](where, input, file, opts);
  const provenance: Provenance = {
    engine: opts.format,
    ...((opts.profile ?? table.profile) === undefined ? {} : { profile: opts.profile ?? table.profile }),
    inputs: { table: contentHash(typeof input === "string" ? input : JSON.stringify(input)) },
    notes: [`imported from ${file}`, ...table.notes],
  };
  try {
    return createCostMatrix(table.origins, table.destinations, table.minutes, provenance);
  } catch (error) {
    if (error instanceof HubspokeError) {
      const issues: InputIssue[] = error.issues.map((i) => ({ path: `${file}:${i.path}`, message: i.message }));
      throw new IoError(where, `${file}: ${error.message}`, issues, { cause: error });
    }
    throw error;
  }
}
