// Gainers and losers by IMD decile as an SVG bar chart (inline in the HTML comparison).
import { schemePuOr } from "d3-scale-chromatic";
import type { GainersLosers } from "../scenario/compare-scenarios.js";
import { checkWritable } from "../internal/writable.js";
import { escapeXml } from "./internal.js";

// PuOr (colour-blind safe): orange = further (worse), purple = nearer (better), as on the change maps.
// (d3's PuOr runs purple, index 0, to orange, index 6)
const FURTHER = schemePuOr[7][5];
const NEARER = schemePuOr[7][1];

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function people(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}m`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/**
 * Population more than the threshold further from (right, orange) and nearer to (left, purple)
 * care, by IMD decile (1 = most deprived, top), for one option. Deterministic SVG string.
 */
export function gainersLosersChart(g: GainersLosers, title: string, width = 640): string {
  checkWritable("gainersLosersChart", g, "gainersLosers", "signed");
  checkWritable("gainersLosersChart", width, "width", "none");
  const deciles = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
  if (Object.hasOwn(g.further.byImdDecile, "unknown") || Object.hasOwn(g.nearer.byImdDecile, "unknown")) deciles.push("unknown");
  const rowH = 22;
  const top = 56;
  const labelW = 92;
  const height = top + deciles.length * rowH + 40;
  const mid = labelW + (width - labelW - 16) / 2;
  const half = (width - labelW - 16) / 2 - 40;
  const max = Math.max(1, ...deciles.map((d) => Math.max(g.further.byImdDecile[d] ?? 0, g.nearer.byImdDecile[d] ?? 0)));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart gainers-losers" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif" role="img">`);
  out.push(`<title>${escapeXml(title)}</title>`, `<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="8" y="18" font-size="14" font-weight="600" fill="#111">${escapeXml(title)}</text>`);
  out.push(`<text x="${fmt(mid - 8)}" y="42" font-size="12" text-anchor="end" fill="#111">◀ nearer by more than ${g.thresholdMinutes} min</text>`);
  out.push(`<text x="${fmt(mid + 8)}" y="42" font-size="12" fill="#111">further by more than ${g.thresholdMinutes} min ▶</text>`);
  deciles.forEach((d, k) => {
    const y = top + k * rowH;
    const near = g.nearer.byImdDecile[d] ?? 0;
    const far = g.further.byImdDecile[d] ?? 0;
    const wn = (near / max) * half;
    const wf = (far / max) * half;
    const label = d === "unknown" ? "IMD unknown" : `IMD ${d}${d === "1" ? " (most)" : d === "10" ? " (least)" : ""}`;
    out.push(`<g class="bar-row" data-decile="${d}">`);
    out.push(`<text x="8" y="${y + 15}" font-size="12" fill="#111">${label}</text>`);
    out.push(`<rect class="bar nearer" x="${fmt(mid - wn)}" y="${y + 3}" width="${fmt(wn)}" height="${rowH - 6}" fill="${NEARER}"><title>${people(near)} people nearer</title></rect>`);
    out.push(`<rect class="bar further" x="${fmt(mid)}" y="${y + 3}" width="${fmt(wf)}" height="${rowH - 6}" fill="${FURTHER}"><title>${people(far)} people further</title></rect>`);
    if (near > 0) out.push(`<text x="${fmt(mid - wn - 4)}" y="${y + 15}" font-size="11" text-anchor="end" fill="#333">${people(near)}</text>`);
    if (far > 0) out.push(`<text x="${fmt(mid + wf + 4)}" y="${y + 15}" font-size="11" fill="#333">${people(far)}</text>`);
    out.push(`</g>`);
  });
  out.push(`<line x1="${fmt(mid)}" y1="${top - 2}" x2="${fmt(mid)}" y2="${top + deciles.length * rowH}" stroke="#333"/>`);
  out.push(`<text x="8" y="${height - 12}" font-size="11" fill="#555">People by IMD decile of their zone (1 = most deprived). Totals: ${people(g.nearer.population)} nearer, ${people(g.further.population)} further.</text>`);
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
