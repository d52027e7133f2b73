import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { checkWritable } from "../internal/writable.js";
import { escapeXml } from "./internal.js";

// Numbers may be Infinity (printed "unreachable"); NaN is an error.
const CellSchema = z.union([z.string(), z.custom<number>((v) => typeof v === "number" && !Number.isNaN(v), "expected a number (not NaN)"), z.boolean(), z.null()]);
const SectionSchema = z.strictObject({
  heading: z.string().check(z.minLength(1)),
  /** Anchor id of the section (letters, digits, hyphens). */
  id: z.optional(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9-]*$/))),
  /** Paragraphs of plain text (escaped; blank lines separate paragraphs). */
  text: z.optional(z.string()),
  table: z.optional(z.strictObject({
      columns: z.array(z.string()).check(z.minLength(1)),
      rows: z.array(z.array(CellSchema)),
      /** Decimal places for numbers. */
      decimals: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(6)), 1),
    })),
  /** An SVG string from {@link renderSvgMap}, embedded inline. */
  svg: z.optional(z.string().check(z.startsWith("<svg"))),
  /** Short caption under the map. */
  caption: z.optional(z.string()),
});
const HtmlReportSchema = z.strictObject({
  title: z.string().check(z.minLength(1)),
  subtitle: z.optional(z.string()),
  sections: z.array(SectionSchema).check(z.minLength(1)),
  /** Sources, licences and provenance, printed at the foot. */
  footer: z._default(z.array(z.string()), []),
});
export type HtmlReportInput = z.input<typeof HtmlReportSchema>;
/** One section of {@link renderHtmlReport}. */
export type ReportSection = z.input<typeof SectionSchema>;

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.subtitle{color:#555;margin-top:0}table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}td.n,th.n{text-align:right}
th{background:#f6f6f6}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:.9rem}
footer{margin-top:3rem;color:#555;font-size:.85rem;border-top:1px solid #ddd;padding-top:.5rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,table{break-inside:avoid}}`;

function cellText(v: string | number | boolean | null, decimals: number): string {
  if (v === null) return "—";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "unreachable";
    return v.toLocaleString("en-GB", { minimumFractionDigits: Number.isInteger(v) ? 0 : decimals, maximumFractionDigits: decimals });
  }
  return String(v);
}

/**
 * A self-contained HTML report (one file: inline CSS and SVG, no scripts, fonts or external
 * links) to attach to a board paper or print to PDF: a title, then sections each with text,
 * a table and/or a map. Text is escaped; numbers use en-GB grouping; `null` prints as "—" and
 * `Infinity` as "unreachable".
 *
 * @param report - `{ title, subtitle?, sections: [{ heading, text?, table?: { columns, rows, decimals = 1 }, svg?, caption? }], footer? }`.
 * @returns An HTML5 document.
 * @throws {@link InvalidInputError} naming the bad path (e.g. `sections[1].svg`).
 * @example
 * const html = renderHtmlReport({ title: "Hub options", sections: [{ heading: "Map", svg: renderSvgMap(network, layers) }] });
 */
export function renderHtmlReport(report: HtmlReportInput): string {
  const r = parseInput("renderHtmlReport", HtmlReportSchema, report, "report");
  r.sections.forEach((s, k) => {
    if (s.table !== undefined) checkWritable("renderHtmlReport", s.table.rows, `report.sections[${k}].table.rows`);
  });
  const out: string[] = [];
  out.push("<!doctype html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${escapeXml(r.title)}</title>`, `<style>${CSS}</style>`, "</head>", "<body>", "<main>");
  out.push(`<h1>${escapeXml(r.title)}</h1>`);
  if (r.subtitle !== undefined) out.push(`<p class="subtitle">${escapeXml(r.subtitle)}</p>`);
  for (const s of r.sections) {
    out.push(s.id === undefined ? "<section>" : `<section id="${s.id}">`, `<h2>${escapeXml(s.heading)}</h2>`);
    if (s.text !== undefined) for (const para of s.text.split(/\n\s*\n/)) if (para.trim() !== "") out.push(`<p>${escapeXml(para.trim())}</p>`);
    if (s.table !== undefined) {
      const t = s.table;
      const numeric = t.columns.map((_, k) => t.rows.length > 0 && t.rows.every((row) => row[k] === null || typeof row[k] === "number"));
      out.push("<table>", `<thead><tr>${t.columns.map((c, k) => `<th${numeric[k] ? ' class="n"' : ""}>${escapeXml(c)}</th>`).join("")}</tr></thead>`, "<tbody>");
      for (const row of t.rows) out.push(`<tr>${t.columns.map((_, k) => `<td${numeric[k] ? ' class="n"' : ""}>${escapeXml(cellText(row[k] ?? null, t.decimals))}</td>`).join("")}</tr>`);
      out.push("</tbody>", "</table>");
    }
    if (s.svg !== undefined) out.push("<figure>", s.svg.trim(), s.caption === undefined ? "" : `<figcaption>${escapeXml(s.caption)}</figcaption>`, "</figure>");
    out.push("</section>");
  }
  out.push("</main>");
  if (r.footer.length > 0) out.push(`<footer>${r.footer.map((f) => `<p>${escapeXml(f)}</p>`).join("")}</footer>`);
  out.push("</body>", "</html>");
  return `${out.filter((l) => l !== "").join("\n")}\n`;
}
