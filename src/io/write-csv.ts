import Papa from "papaparse";
import type { CostMatrix } from "../model/types.js";
import { checkMatrix } from "../internal/align.js";
import { requireArray, requireObject, requireString } from "../internal/shapes.js";

function cellValue(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === "object" ? JSON.stringify(x) : String(x))).join(";");
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}

/**
 * Write rows as CSV (RFC 4180 quoting, `\n` line ends). Columns are the union of the rows'
 * keys in first-seen order unless `columns` is given. Unreachable (`Infinity`), `NaN`,
 * `null` and missing values are written as empty cells; arrays are joined with `;`;
 * objects are written as JSON.
 *
 * @param rows - Plain records.
 * @param options.columns - Column order. Default: keys in first-seen order.
 * @param options.bom - Start with a UTF-8 byte-order mark (so Excel reads "£" and "–"). Default true.
 * @returns CSV text with a header row, ending in a newline.
 * @example
 * toCsv([{ zone: "z1", minutes: 12.5 }, { zone: "z2", minutes: Infinity }]);
 * // "\uFEFFzone,minutes\nz1,12.5\nz2,\n"
 */
export function toCsv(rows: readonly Record<string, unknown>[], options: { columns?: readonly string[]; bom?: boolean } = {}): string {
  requireArray("toCsv", "rows", rows, (r, at) => requireObject("toCsv", at, r));
  requireObject("toCsv", "options", options);
  if (options.columns !== undefined) requireArray("toCsv", "options.columns", options.columns, (c, at) => requireString("toCsv", at, c));
  const columns = options.columns ? [...options.columns] : [];
  if (options.columns === undefined) {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  }
  const data = rows.map((r) => columns.map((c) => cellValue(Object.hasOwn(r, c) ? r[c] : undefined)));
  return `${options.bom === false ? "" : "\uFEFF"}${Papa.unparse({ fields: columns, data }, { newline: "\n" })}\n`;
}

/**
 * Write a cost matrix as CSV: `long` (one `origin,destination,minutes` row per pair, the
 * shape r5r and most GIS joins use) or `wide` (one row per origin, one column per
 * destination). Unreachable pairs are empty cells.
 *
 * @param matrix - The matrix.
 * @param options.layout - `"long"` (default) or `"wide"`.
 * @param options.precision - Decimal places for minutes. Default 2.
 * @param options.bom - Start with a UTF-8 byte-order mark. Default true.
 * @example
 * matrixToCsv(matrix, { layout: "wide" });
 */
export function matrixToCsv(matrix: CostMatrix, options: { layout?: "long" | "wide"; precision?: number; bom?: boolean } = {}): string {
  checkMatrix("matrixToCsv", matrix);
  requireObject("matrixToCsv", "options", options);
  const digits = options.precision ?? 2;
  const bom = options.bom === false ? "" : "\uFEFF";
  const f = 10 ** digits;
  const fmt = (v: number) => (Number.isFinite(v) ? Math.round(v * f) / f : null);
  const cols = matrix.destinations.length;
  if ((options.layout ?? "long") === "wide") {
    const data = matrix.origins.map((o, i) => [o, ...matrix.destinations.map((_, j) => fmt(matrix.minutes[i * cols + j]))]);
    return `${bom}${Papa.unparse({ fields: ["origin", ...matrix.destinations], data }, { newline: "\n" })}\n`;
  }
  const data: unknown[][] = [];
  matrix.origins.forEach((o, i) => matrix.destinations.forEach((d, j) => data.push([o, d, fmt(matrix.minutes[i * cols + j])])));
  return `${bom}${Papa.unparse({ fields: ["origin", "destination", "minutes"], data }, { newline: "\n" })}\n`;
}
