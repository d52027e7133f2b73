// Internal: CSV text → header + records with row numbers and typed cell readers.
import { EN } from "../internal/zod-locale.js";
import Papa from "papaparse";
import { IoError, type InputIssue } from "../errors.js";
import { UNSAFE_KEYS } from "../internal/own-keys.js";
import { locate } from "./internal.js";

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Records keyed by header; `row` is the 1-based row in the file (the header is row 1). */
  readonly records: readonly { row: number; cells: Record<string, string> }[];
}

/** Lowercase and strip everything but letters and digits, so "LSOA 21 CD" matches "lsoa21cd". */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === "");
}

/** Throw when two columns share a (trimmed) name: which one a field reads would be a guess. */
function checkDuplicateHeaders(where: string, file: string, header: readonly string[], headerRow: number): void {
  const first = new Map<string, number>();
  header.forEach((h, k) => {
    if (h === "") return;
    const j = first.get(h);
    if (j === undefined) {
      first.set(h, k);
      return;
    }
    const path = locate(file, headerRow, h);
    const message = `columns ${j + 1} and ${k + 1} are both named "${h}"; rename one of them (which one a field reads would be a guess)`;
    throw new IoError(where, `${path}: ${message}.`, [{ path, message }]);
  });
}

/**
 * Parse CSV text. Rows are numbered as in the file: the header is row 1 and blank lines count
 * (they are skipped, never renumbered). Parsed without papaparse's header mode, which prints a
 * console warning on duplicate headers; duplicates are an error here instead.
 */
export function readCsvTable(where: string, text: string, file: string): CsvTable {
  if (typeof text !== "string") {
    throw new IoError(where, `expected CSV text (got ${typeof text}). Read the file first, or use the hubspoke/io/node readers.`, [
      { path: file, message: "expected a string" },
    ]);
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const issues: InputIssue[] = [];
  for (const e of parsed.errors) {
    if (e.code === "UndetectableDelimiter") continue; // a one-column file is fine
    issues.push({ path: locate(file, e.row === undefined ? undefined : e.row + 1, undefined), message: e.message });
  }
  if (issues.length > 0) throw new IoError(where, `${file} is not valid CSV: ${issues[0].path}: ${issues[0].message}.`, issues);
  const rows = parsed.data;
  const start = rows.findIndex((r) => !isBlank(r));
  if (start < 0) throw new IoError(where, `${file} has no header row. Put column names on the first line.`, [{ path: file, message: "no header" }]);
  const header = rows[start].map((h) => h.trim());
  checkDuplicateHeaders(where, file, header, start + 1);
  const records: { row: number; cells: Record<string, string> }[] = [];
  for (let k = start + 1; k < rows.length; k++) {
    const fields = rows[k];
    if (isBlank(fields)) continue;
    const row = k + 1;
    if (fields.length !== header.length) {
      issues.push({ path: locate(file, row, undefined), message: `expected ${header.length} fields (as in the header), got ${fields.length}` });
      continue;
    }
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    header.forEach((h, c) => {
      cells[h] = fields[c];
    });
    records.push({ row, cells });
  }
  if (issues.length > 0) throw new IoError(where, `${file} is not valid CSV: ${issues[0].path}: ${issues[0].message}.`, issues);
  return { file, header, records };
}

/**
 * Resolve each field to a header: an explicit mapping wins; else the first alias present
 * (compared case- and punctuation-insensitively).
 */
export function resolveColumns(
  where: string,
  table: CsvTable,
  aliases: Readonly<Record<string, readonly string[]>>,
  explicit: Readonly<Record<string, string>>,
  required: readonly string[],
): Record<string, string | undefined> {
  const byNorm = new Map<string, string>();
  for (const h of table.header) if (!byNorm.has(normaliseHeader(h))) byNorm.set(normaliseHeader(h), h);
  const out: Record<string, string | undefined> = {};
  const issues: InputIssue[] = [];
  for (const [field, candidates] of Object.entries(aliases)) {
    const named = explicit[field];
    if (named !== undefined) {
      const hit = table.header.includes(named) ? named : byNorm.get(normaliseHeader(named));
      if (hit === undefined) {
        issues.push({ path: locate(table.file, 1, named), message: `column "${named}" (mapped to ${field}) is not in the header (${table.header.join(", ")})` });
      }
      out[field] = hit;
      continue;
    }
    out[field] = candidates.map((c) => byNorm.get(normaliseHeader(c))).find((h) => h !== undefined);
    if (out[field] === undefined && required.includes(field)) {
      issues.push({
        path: locate(table.file, 1, field),
        message: `no column for ${field} (looked for ${candidates.map((c) => `"${c}"`).join(", ")}); pass columns: { ${field}: "<your header>" }`,
      });
    }
  }
  if (issues.length > 0) throw new IoError(where, `${issues[0].path}: ${issues[0].message}.`, issues);
  return out;
}

const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Parse a numeric cell: plain decimals, or thousands separated by commas ("12,345"). */
export function parseNumberCell(raw: string): number | undefined {
  const t = raw.trim();
  if (t === "") return undefined;
  const s = GROUPED.test(t) ? t.replace(/,/g, "") : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number.NaN;
  return Number(s);
}

/** Read one typed field from a record, pushing an issue (file, row, column, value) if it is malformed. */
export function cell(
  table: CsvTable,
  record: { row: number; cells: Record<string, string> },
  column: string | undefined,
  type: "string" | "number" | "integer",
  issues: InputIssue[],
): string | number | undefined {
  if (column === undefined) return undefined;
  const raw = record.cells[column];
  if (raw === undefined || raw.trim() === "") return undefined;
  if (type === "string") return raw.trim();
  const n = parseNumberCell(raw);
  if (n === undefined) return undefined;
  if (Number.isNaN(n) || (type === "integer" && !Number.isInteger(n))) {
    issues.push({ path: locate(table.file, record.row, column), message: `expected ${type === "integer" ? "a whole number" : "a number"} (got ${JSON.stringify(raw)})` });
    return undefined;
  }
  return n;
}

/** Map a zod issue path of one record to the CSV column it came from. */
export function columnOfPath(path: readonly PropertyKey[], columns: Record<string, string | undefined>, prefixes: Record<string, string>): string {
  const [head, second] = path;
  if (head === "location") return (second === 0 ? columns.lon : columns.lat) ?? String(head);
  if (typeof head === "string" && head in prefixes && second !== undefined) return `${prefixes[head]}${String(second)}`;
  if (typeof head === "string") return columns[head] ?? head;
  return "";
}

/** Hint when coordinates look like British National Grid metres rather than degrees. */
export function coordinateHint(lon: unknown, lat: unknown): string {
  if (typeof lon === "number" && typeof lat === "number" && Math.abs(lon) > 180 && lat > 1000) {
    return "; these look like British National Grid eastings/northings: convert to WGS84 longitude/latitude (EPSG:4326) first";
  }
  return "";
}

/** How {@link readCsvRecords} turns rows into one kind of validated item. */
export interface CsvRecordSpec<T extends { id: string }> {
  /** Public function name for errors. */
  readonly where: string;
  /** "site", "zone": used in messages ("duplicate site id", "expected at least one zone"). */
  readonly noun: string;
  readonly file: string;
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  readonly explicit: Readonly<Record<string, string>>;
  readonly required: readonly string[];
  /** Numeric fields and their type; others are strings (`lon`/`lat` are always numbers). */
  readonly numeric: Readonly<Record<string, "number" | "integer">>;
  /** Prefixed columns gathered into one record field (`beds_adultAcute` → `beds.adultAcute`). */
  readonly group: { readonly prefix: string; readonly field: string; readonly type: "number" | "integer" };
  readonly schema: { safeParse(value: unknown, context: typeof EN): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } };
  /** Adjust a field's typed value before validation (e.g. split `tags`). */
  readonly field?: (name: string, value: string | number) => unknown;
  /** Fill derived defaults on the raw record before validation (e.g. name = id). */
  readonly complete?: (value: Record<string, unknown>) => void;
}

/**
 * Read CSV text into validated items: resolve columns, type every cell, gather prefixed
 * columns, validate each row with the schema, reject duplicate ids. Collects every problem as
 * `file:row N:column` with the value, then throws one {@link IoError} listing them all.
 */
export function readCsvRecords<T extends { id: string }>(text: string, spec: CsvRecordSpec<T>): T[] {
  const { where, file, group } = spec;
  const table = readCsvTable(where, text, file);
  const columns = resolveColumns(where, table, spec.aliases, spec.explicit, spec.required);
  const grouped = table.header.filter((h) => h.startsWith(group.prefix) && h.length > group.prefix.length);
  // a "__proto__" group key would set the bag's prototype (and drop the value): refused by name
  const unsafe = grouped.find((h) => h.slice(group.prefix.length) === "__proto__");
  if (unsafe !== undefined) {
    const path = locate(file, 1, unsafe);
    throw new IoError(where, `${path}: the name "__proto__" is not allowed after "${group.prefix}" (it would address a prototype). Rename the column.`, [{ path, message: 'name "__proto__" not allowed' }]);
  }
  const issues: InputIssue[] = [];
  const items: T[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const before = issues.length;
    const value: Record<string, unknown> = {};
    for (const name of Object.keys(spec.aliases)) {
      if (name === "lon" || name === "lat") continue;
      const v = cell(table, record, columns[name], spec.numeric[name] ?? "string", issues);
      if (v !== undefined) value[name] = spec.field === undefined ? v : spec.field(name, v);
    }
    spec.complete?.(value);
    const lon = cell(table, record, columns.lon, "number", issues);
    const lat = cell(table, record, columns.lat, "number", issues);
    value.location = [lon, lat];
    const bag: Record<string, unknown> = {};
    for (const h of grouped) {
      const v = cell(table, record, h, group.type, issues);
      const key = h.slice(group.prefix.length);
      // "__proto__" would set the bag's prototype and vanish; such names are refused, never dropped
      if (v !== undefined && UNSAFE_KEYS.has(key)) issues.push({ path: locate(table.file, record.row, h), message: `"${key}" cannot name a ${group.field} entry (it would address an object prototype); rename the column` });
      else if (v !== undefined) bag[key] = v;
    }
    if (Object.keys(bag).length > 0) value[group.field] = bag;
    if (issues.length > before) continue;
    const result = spec.schema.safeParse(value, EN);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = columnOfPath(issue.path, columns, { [group.field]: group.prefix });
        const raw = column === "" ? undefined : record.cells[column];
        const hint = issue.path[0] === "location" ? coordinateHint(lon, lat) : "";
        issues.push({ path: locate(table.file, record.row, column), message: `${issue.message} (got ${JSON.stringify(raw ?? "")})${hint}` });
      }
      continue;
    }
    const first = seen.get(result.data.id);
    if (first !== undefined) {
      issues.push({ path: locate(table.file, record.row, columns.id), message: `duplicate ${spec.noun} id "${result.data.id}" (first on row ${first})` });
      continue;
    }
    seen.set(result.data.id, record.row);
    items.push(result.data);
  }
  if (items.length === 0 && issues.length === 0) issues.push({ path: file, message: `no rows: expected at least one ${spec.noun}` });
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new IoError(where, `${issues[0].path}: ${issues[0].message}${more}. Fix the file or map the column with options.columns.`, issues);
  }
  return items;
}
