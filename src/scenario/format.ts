// Number formatting shared by the comparison writers.

/** A figure for people to read: thousands separators, precision by magnitude, shares as %. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return "–";
  if (value === Infinity) return "unreachable";
  if (value === -Infinity) return "−∞";
  if (unit === "share") return `${(value * 100).toFixed(1)}%`;
  if (unit === "probability") return value.toFixed(3);
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A change with its sign; 0 shows as "0". */
export function formatDelta(delta: number | null, unit: string): string {
  if (delta === null) return "–";
  if (delta === 0) return "0";
  if (delta === Infinity) return "+∞";
  if (delta === -Infinity) return "−∞";
  if (unit === "share") return `${delta > 0 ? "+" : "−"}${Math.abs(delta * 100).toFixed(1)} pts`;
  const text = formatValue(Math.abs(delta), unit);
  return `${delta > 0 ? "+" : "−"}${text}`;
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
