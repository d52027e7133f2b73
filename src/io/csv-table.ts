// Internal: CSV text → header + records with row numbers and typed cell readers.
import Papa from "papaparse";
import { IoError, type InputIssue } from "../errors.js";
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

export function readCsvTable(where: string, text: string, file: string): CsvTable {
  if (typeof text !== "string") {
    throw new IoError(where, `expected CSV text (got ${typeof text}). Read the file first, or use the hubspoke/io/node readers.`, [
      { path: file, message: "expected a string" },
    ]);
  }
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const issues: InputIssue[] = [];
  for (const e of parsed.errors) {
    if (e.code === "UndetectableDelimiter") continue; // a one-column file is fine
    issues.push({ path: locate(file, e.row === undefined ? undefined : e.row + 2, undefined), message: e.message });
  }
  if (issues.length > 0) throw new IoError(where, `${file} is not valid CSV: ${issues[0].path}: ${issues[0].message}.`, issues);
  const header = parsed.meta.fields ?? [];
  if (header.length === 0) throw new IoError(where, `${file} has no header row. Put column names on the first line.`, [{ path: file, message: "no header" }]);
  const records = parsed.data.map((cells, k) => ({ row: k + 2, cells }));
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
