import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { FeatureCollection, Geometry } from "geojson";
import { stringifyGeoJSON } from "../io/write-geojson.js";
import { toCsv } from "../io/write-csv.js";
import { CliInputError } from "./errors.js";

import { FORMATS, type Format } from "./formats.js";

export { FORMATS, type Format, formatFor } from "./formats.js";

/** What a command produced; each format it supports is a function, computed only if asked for. */
export interface CommandOutput {
  /** Plain rows for `table` and `csv`. */
  rows?: () => readonly Record<string, unknown>[];
  json?: () => unknown;
  csv?: () => string;
  geojson?: () => FeatureCollection<Geometry | null>;
  md?: () => string;
  html?: () => string;
  svg?: () => string;
  /** Extra files written beside `--out` (e.g. an SVG map next to a report). */
  files?: () => { path: string; text: string }[];
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v, (x) => (Number.isFinite(x) ? x : null)) : v), 2)}\n`;
}

function fmtCell(v: unknown, digits: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
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

/** Render one format, or throw a usage error listing the formats the command supports. */
export function render(command: string, output: CommandOutput, format: Format): string {
  const supported = FORMATS.filter((f) => (f === "table" ? output.rows !== undefined : f === "csv" ? output.csv !== undefined || output.rows !== undefined : output[f] !== undefined));
  if (!supported.includes(format)) {
    throw new CliInputError(`${command}: --format ${format} is not available for this command (use ${supported.join(", ")}).`);
  }
  switch (format) {
    case "table":
      return textTable((output.rows as NonNullable<CommandOutput["rows"]>)());
    case "csv":
      return output.csv ? output.csv() : toCsv((output.rows as NonNullable<CommandOutput["rows"]>)());
    case "json":
      return jsonText((output.json as () => unknown)());
    case "geojson":
      return stringifyGeoJSON((output.geojson as NonNullable<CommandOutput["geojson"]>)(), { indent: 0 });
    default:
      return (output[format] as () => string)();
  }
}

/** Write to `--out` (creating folders) or stdout. */
export async function emit(text: string, out: string | undefined, stdout: NodeJS.WritableStream): Promise<void> {
  if (out === undefined || out === "-") {
    stdout.write(text);
    return;
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
}
