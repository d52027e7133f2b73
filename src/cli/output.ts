import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { FeatureCollection, Geometry } from "geojson";
import { stringifyGeoJSON } from "../io/write-geojson.js";
import { toCsv } from "../io/write-csv.js";
import { checkWritable } from "../internal/writable.js";
import { CliInputError } from "./errors.js";

import { FORMATS, type Format } from "./formats.js";

export { FORMATS, type Format, formatFor } from "./formats.js";

/** What a command produced; each format it supports is a function, computed only if asked for. */
export interface CommandOutput {
  /** Plain rows for `table` and `csv`. */
  rows?: () => readonly Record<string, unknown>[];
  json?: () => unknown;
  /** CSV text; `bom` is true when the CSV goes to a file (unless `--no-bom`). */
  csv?: (options: { bom: boolean }) => string;
  geojson?: () => FeatureCollection<Geometry | null>;
  md?: () => string;
  html?: () => string;
  svg?: () => string;
  /** Warnings and notes for people, written to stderr with the table and csv formats. */
  notes?: () => readonly string[];
  /** Extra files written beside `--out` (e.g. an SVG map next to a report). */
  files?: () => { path: string; text: string }[];
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v, (x) => (Number.isFinite(x) ? x : null)) : v), 2)}\n`;
}

function fmtCell(v: unknown, digits: number): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") {
    if (v === -Infinity) return "−∞";
    if (!Number.isFinite(v)) return "unreachable";
    return v.toFixed(digits);
  }
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Rows as an aligned plain-text table (numbers right-aligned). */
export function textTable(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return "(no rows)\n";
  const columns: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  // One number of decimals per column (at most 2), so figures line up.
  const decimals = columns.map((c) => {
    let d = 0;
    for (const r of rows) {
      const v = r[c];
      if (typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)) d = Math.max(d, Math.abs(v * 10 - Math.round(v * 10)) < 1e-9 ? 1 : 2);
    }
    return d;
  });
  const cells = rows.map((r) => columns.map((c, k) => fmtCell(r[c], decimals[k])));
  const numeric = columns.map((c) => rows.every((r) => r[c] === undefined || r[c] === null || typeof r[c] === "number"));
  const widths = columns.map((c, k) => Math.max(c.length, ...cells.map((row) => row[k].length)));
  const line = (vals: string[]) => vals.map((v, k) => (numeric[k] ? v.padStart(widths[k]) : v.padEnd(widths[k]))).join("  ").trimEnd();
  return `${[line(columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n")}\n`;
}

/** Parse `--columns field=header,field2` into [field, header] pairs. */
export function parseColumns(spec: string): [string, string][] {
  const pairs = spec.split(",").map((p) => p.trim()).filter((p) => p !== "").map((p): [string, string] => {
    const eq = p.indexOf("=");
    return eq < 0 ? [p, p] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
  });
  if (pairs.length === 0 || pairs.some(([f, h]) => f === "" || h === "")) throw new CliInputError(`--columns takes field=header pairs, e.g. --columns metric=Metric,unit=Unit (got "${spec}").`);
  return pairs;
}

/** Keep and rename the `--columns` fields of each row, in the order given. */
export function selectColumns(command: string, rows: readonly Record<string, unknown>[], pairs: readonly [string, string][]): Record<string, unknown>[] {
  const known = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) known.add(k);
  const unknown = pairs.filter(([f]) => !known.has(f)).map(([f]) => f);
  if (unknown.length > 0 && rows.length > 0) throw new CliInputError(`${command}: --columns names unknown field(s) ${unknown.map((f) => `"${f}"`).join(", ")}; fields: ${[...known].join(", ")}.`);
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [f, h] of pairs) out[h] = Object.hasOwn(r, f) ? r[f] : null;
    return out;
  });
}

/** Render one format, or throw a usage error listing the formats the command supports. */
export function render(command: string, output: CommandOutput, format: Format, csvOptions: { bom?: boolean; columns?: string } = {}): string {
  const supported = FORMATS.filter((f) => (f === "table" ? output.rows !== undefined : f === "csv" ? output.csv !== undefined || output.rows !== undefined : output[f] !== undefined));
  if (!supported.includes(format)) {
    throw new CliInputError(`${command}: --format ${format} is not available for this command (use ${supported.join(", ")}).`);
  }
  const pairs = csvOptions.columns === undefined ? null : parseColumns(csvOptions.columns);
  const rows = () => {
    const r = (output.rows as NonNullable<CommandOutput["rows"]>)();
    return pairs === null ? r : selectColumns(command, r, pairs);
  };
  if (pairs !== null && (format === "csv" ? output.csv !== undefined || output.rows === undefined : format !== "table")) {
    throw new CliInputError(`${command}: --columns applies to the table${output.csv === undefined ? " and csv formats" : " format"} only.`);
  }
  switch (format) {
    case "table": {
      // NaN, negative minutes and the like are a coded error naming the row, never "NaN" in the table
      const r = rows();
      checkWritable(command, r, "rows", "signed");
      return textTable(r);
    }
    case "csv":
      return output.csv ? output.csv({ bom: csvOptions.bom === true }) : toCsv(rows(), { bom: csvOptions.bom === true });
    case "json": {
      const value = (output.json as () => unknown)();
      checkWritable(command, value, "output", "signed");
      return jsonText(value);
    }
    case "geojson":
      return stringifyGeoJSON((output.geojson as NonNullable<CommandOutput["geojson"]>)(), { indent: 0 });
    default:
      return (output[format] as () => string)();
  }
}

/** Write to `--out` (creating folders; "wrote FILE" on stderr) or stdout. */
export async function emit(text: string, out: string | undefined, stdout: NodeJS.WritableStream, stderr?: NodeJS.WritableStream): Promise<void> {
  if (out === undefined || out === "-") {
    stdout.write(text);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  stderr?.write(`wrote ${out}\n`);
}
