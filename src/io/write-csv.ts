import Papa from "papaparse";
import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { checkMatrix } from "../internal/align.js";
import { describeValue } from "../internal/describe.js";
import { checkWritable } from "../internal/writable.js";
import type { CostMatrix } from "../model/types.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ToCsvOptionsSchema = z.strictObject({
  columns: z.optional(z.array(z.string())),
  bom: z._default(z.boolean(), true),
});
export interface ToCsvOptions {
  /**
   * Column order. Default: keys in first-seen order.
   */
  columns?: string[];
  /**
   * Start with a UTF-8 byte-order mark (so Excel reads "£" and "–"). Default true.
   * @defaultValue `true`
   */
  bom?: boolean;
}
type ToCsvOptionsCheck = Assert<Same<ToCsvOptions, z.input<typeof ToCsvOptionsSchema>>>;

const MatrixToCsvOptionsSchema = z.strictObject({
  layout: z._default(z.enum(["long", "wide"]), "long"),
  /** Decimal places for minutes: a whole number from 0 to 15. */
  precision: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(15)), 2),
  bom: z._default(z.boolean(), true),
});
export interface MatrixToCsvOptions {
  /**
   * `"long"` (default) or `"wide"`.
   * @defaultValue `"long"`
   */
  layout?: "long" | "wide";
  /**
   * Decimal places for minutes: a whole number from 0 to 15.
   * @defaultValue `2`
   */
  precision?: number;
  /**
   * Start with a UTF-8 byte-order mark. Default true.
   * @defaultValue `true`
   */
  bom?: boolean;
}
type MatrixToCsvOptionsCheck = Assert<Same<MatrixToCsvOptions, z.input<typeof MatrixToCsvOptionsSchema>>>;

function cellValue(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === "object" ? JSON.stringify(x) : String(x))).join(";");
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v;
}

/**
 * Write rows as CSV (RFC 4180 quoting, `\n` line ends). Columns are the union of the rows'
 * keys in first-seen order unless `columns` is given. Unreachable (`Infinity`), `null` and
 * missing values are written as empty cells; arrays are joined with `;`; objects are written
 * as JSON. A value no reader could trust is an error, never a "NaN" in the file: `NaN`,
 * `-Infinity`, or a negative number under a minutes key (`minutes`, `meanMinutes`; changes such
 * as `deltaMinutes` may be negative).
 *
 * @param rows - Plain records.
 * @returns CSV text with a header row, ending in a newline.
 * @throws {@link InvalidInputError} naming the cell (`rows[3].minutes`) and its value, or a bad option.
 * @example
 * toCsv([{ zone: "z1", minutes: 12.5 }, { zone: "z2", minutes: Infinity }]);
 * // "\uFEFFzone,minutes\nz1,12.5\nz2,\n"
 */
export function toCsv(rows: readonly Record<string, unknown>[], options: ToCsvOptions = {}): string {
  const where = "toCsv";
  const opts = parseInput(where, ToCsvOptionsSchema, options, "options");
  if (!Array.isArray(rows)) throw new InvalidInputError(where, [{ path: "rows", message: `expected an array of records (got ${describeValue(rows)})` }]);
  rows.forEach((r, k) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) throw new InvalidInputError(where, [{ path: `rows[${k}]`, message: `expected a record (got ${describeValue(r)})` }]);
  });
  checkWritable(where, rows, "rows");
  const columns = opts.columns ? [...opts.columns] : [];
  if (opts.columns === undefined) {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  }
  const data = rows.map((r) => columns.map((c) => cellValue(Object.hasOwn(r, c) ? r[c] : undefined)));
  return `${opts.bom ? "\uFEFF" : ""}${Papa.unparse({ fields: columns, data }, { newline: "\n" })}\n`;
}

/**
 * Write a cost matrix as CSV: `long` (one `origin,destination,minutes` row per pair, the
 * shape r5r and most GIS joins use) or `wide` (one row per origin, one column per
 * destination). Unreachable pairs are empty cells.
 *
 * @param matrix - The matrix.
 * @throws {@link InvalidInputError} for a matrix that is not a cost matrix or has NaN or negative
 *   minutes (naming the cell), or a bad option (an unknown `layout`, `precision: -1`).
 * @example
 * matrixToCsv(matrix, { layout: "wide" });
 */
export function matrixToCsv(matrix: CostMatrix, options: MatrixToCsvOptions = {}): string {
  const opts = parseInput("matrixToCsv", MatrixToCsvOptionsSchema, options, "options");
  checkMatrix("matrixToCsv", matrix);
  const bom = opts.bom ? "\uFEFF" : "";
  const f = 10 ** opts.precision;
  const fmt = (v: number) => {
    if (!Number.isFinite(v)) return null;
    const r = Math.round(v * f) / f;
    return Number.isFinite(r) ? r : v; // v * 10^precision overflowed: v is too large to have decimals
  };
  const cols = matrix.destinations.length;
  if (opts.layout === "wide") {
    const data = matrix.origins.map((o, i) => [o, ...matrix.destinations.map((_, j) => fmt(matrix.minutes[i * cols + j]))]);
    return `${bom}${Papa.unparse({ fields: ["origin", ...matrix.destinations], data }, { newline: "\n" })}\n`;
  }
  const data: unknown[][] = [];
  matrix.origins.forEach((o, i) => matrix.destinations.forEach((d, j) => data.push([o, d, fmt(matrix.minutes[i * cols + j])])));
  return `${bom}${Papa.unparse({ fields: ["origin", "destination", "minutes"], data }, { newline: "\n" })}\n`;
}
