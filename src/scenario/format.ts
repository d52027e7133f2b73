// Number formatting shared by the comparison writers.
import { checkWritable } from "../internal/writable.js";
import { checkComparison as checkComparisonShape } from "./comparison-shape.js";

/** How an unknown figure reads in tables. */
export const UNKNOWN_CELL = "—";

/**
 * A figure for people to read, by unit: shares as %, people and sites whole, minutes to one
 * decimal, £ with a pound sign, thousands separators; unknown (`null`) as "—".
 */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return UNKNOWN_CELL;
  if (value === Infinity) return "unreachable";
  if (value === -Infinity) return "−∞";
  if (unit === "share") return `${(value * 100).toFixed(1)}%`;
  if (unit === "probability") return value.toFixed(3);
  const abs = Math.abs(value);
  const digits = unit === "people" || unit === "sites" || unit.startsWith("£") ? 0 : unit.startsWith("minutes") ? (abs >= 1000 ? 0 : 1) : Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = Math.abs(value).toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = value < 0 && text.replace(/[0.,]/g, "") !== "" ? "−" : "";
  return unit.startsWith("£") ? `${sign}£${text}` : `${sign}${text}`;
}

/** A change with its sign; 0 shows as "0"; shares as percentage points. */
export function formatDelta(delta: number | null, unit: string): string {
  if (delta === null) return UNKNOWN_CELL;
  if (delta === 0) return "0";
  if (delta === Infinity) return "+∞";
  if (delta === -Infinity) return "−∞";
  if (unit === "share") return `${delta > 0 ? "+" : "−"}${Math.abs(delta * 100).toFixed(1)} pts`;
  const text = formatValue(Math.abs(delta), unit);
  return `${delta > 0 ? "+" : "−"}${text}`;
}

/** A unit for a table header: `share` reads as %. */
export function unitLabel(unit: string): string {
  return unit === "share" ? "%" : unit;
}

/** A number for machines: plain JSON-style decimal; `Infinity` and null as given. */
export function csvNumber(value: number | null): string {
  if (value === null) return "";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return String(value);
}

/** RFC 4180 quoting. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function markdownCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * Throw unless `comparison` has the {@link ScenarioComparison} shape and only numbers a writer
 * can show (no NaN; `±Infinity` is allowed for changes to or from unreachable; no negative
 * minutes), naming the path (`comparison.rows[2].cells[1].value`).
 */
export function checkComparison(where: string, comparison: unknown): void {
  checkComparisonShape(where, comparison);
  checkWritable(where, comparison, "comparison", "signed");
}
