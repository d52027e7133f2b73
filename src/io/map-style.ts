// Colours, legend text and layout helpers for renderSvgMap (not public).
import {
  interpolateBlues,
  interpolateBuGn,
  interpolateGreens,
  interpolateGreys,
  interpolateOranges,
  interpolateOrRd,
  interpolatePuBu,
  interpolatePurples,
  interpolatePuRd,
  interpolateReds,
  interpolateYlGn,
  interpolateYlOrBr,
  schemeBlues,
  schemePuOr,
  schemeTableau10,
  schemeYlGnBu,
} from "d3-scale-chromatic";
import type { Site } from "../model/types.js";

/** Okabe–Ito: colour-blind safe for up to 8 categories. */
const OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"];
/** One sequential ramp per hue family; a hub and its spokes take shades of one family. */
const FAMILIES = [interpolateBlues, interpolateOranges, interpolateGreens, interpolatePurples, interpolateReds, interpolateGreys, interpolateBuGn, interpolateOrRd, interpolatePuRd, interpolateYlGn, interpolatePuBu, interpolateYlOrBr];

export const UNREACHABLE = "#d9d9d9";
export const UNASSIGNED = "#f0f0f0";
export const NOT_COVERED = "#bdbdbd";

/**
 * A colour per site id, distinct however many: up to 8 stand-alone sites take Okabe–Ito, up to
 * 10 Tableau 10; otherwise each hub's family (the hub and its spokes, `groupOf`) takes shades
 * of one sequential hue, families cycling through 12 hues with shades kept apart.
 */
export function categoricalColours(sites: readonly Site[], groupOf: (s: Site) => string): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const s of sites) {
    const g = groupOf(s);
    const list = groups.get(g) ?? [];
    list.push(s.id);
    groups.set(g, list);
  }
  const out = new Map<string, string>();
  const singletons = [...groups.values()].every((l) => l.length === 1);
  if (singletons && sites.length <= OKABE_ITO.length - 1) {
    sites.forEach((s, k) => out.set(s.id, OKABE_ITO[k]));
    return out;
  }
  if (singletons && sites.length <= schemeTableau10.length) {
    sites.forEach((s, k) => out.set(s.id, schemeTableau10[k]));
    return out;
  }
  // family f holds the members of groups f, f + 12, f + 24, …
  const family: string[][] = FAMILIES.map(() => []);
  [...groups.values()].forEach((members, g) => family[g % FAMILIES.length].push(...members));
  const taken = new Set<string>();
  family.forEach((members, f) => {
    members.forEach((id, j) => {
      // 0.3–0.82: the darkest ends of related ramps (Greens, BuGn, YlGn) converge on one colour
      let t = members.length === 1 ? 0.65 : 0.3 + (0.52 * j) / (members.length - 1);
      let colour = FAMILIES[f](t);
      // rgb rounding can make two shades equal in a very large family: step until distinct (bounded)
      for (let k = 0; k < 64 && taken.has(colour); k++) colour = FAMILIES[f]((t = Math.min(0.98, Math.max(0.05, t + (k % 2 === 0 ? 1 : -1) * 0.003 * (k + 1)))));
      taken.add(colour);
      out.set(id, colour);
    });
  });
  return out;
}

/** Sequential ColorBrewer YlGnBu (light = short, dark = long; colour-blind safe) for `n` bands. */
export function minutesColours(n: number): readonly string[] {
  if (n <= 9 && n >= 3) return schemeYlGnBu[n];
  if (n < 3) return schemeYlGnBu[3].slice(0, n);
  return Array.from({ length: n }, (_, k) => schemeYlGnBu[9][Math.round((k * 8) / (n - 1))]);
}

/** Filled isochrone bands: Blues, darker for the nearer band. */
export function bandColours(n: number): readonly string[] {
  const scheme = schemeBlues[Math.min(9, Math.max(3, n + 1))];
  return Array.from({ length: n }, (_, k) => scheme[scheme.length - 1 - k]);
}

/**
 * Diverging PuOr classes for a change in minutes over symmetric `breaks` (e.g. [1, 5, 15]):
 * purple = nearer (minutes gained), orange = further (lost), near-white = within ±breaks[0].
 */
export function changeClasses(breaks: readonly number[]): { colour: string; label: string; test: (d: number) => boolean }[] {
  const b = [...breaks].sort((x, y) => x - y);
  const n = 2 * b.length + 1;
  const scheme = schemePuOr[Math.min(11, Math.max(3, n))];
  // d3's PuOr runs purple (index 0) to orange: class 0 (most nearer) is purple
  const colour = (k: number) => scheme[Math.round((k * (scheme.length - 1)) / (n - 1))];
  const out: { colour: string; label: string; test: (d: number) => boolean }[] = [];
  for (let k = b.length - 1; k >= 0; k--) {
    const lo = b[k];
    const hi = k + 1 < b.length ? b[k + 1] : Infinity;
    out.push({ colour: "", label: hi === Infinity ? `> ${lo} min nearer` : `${lo}–${hi} min nearer`, test: (d) => d < -lo && d >= -hi });
  }
  out.push({ colour: "", label: `within ±${b[0]} min`, test: (d) => d >= -b[0] && d <= b[0] });
  for (let k = 0; k < b.length; k++) {
    const lo = b[k];
    const hi = k + 1 < b.length ? b[k + 1] : Infinity;
    out.push({ colour: "", label: hi === Infinity ? `> ${lo} min further` : `${lo}–${hi} min further`, test: (d) => d > lo && d <= hi });
  }
  return out.map((c, k) => ({ ...c, colour: colour(k) }));
}

/** Split text into lines of at most `maxChars` (words kept whole unless longer than a line). */
export function wrapText(text: string, width: number): string[] {
  // terminates: each pass of the inner loop cuts maxChars ≥ 1 characters off the word
  const maxChars = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (word === "") continue;
    let w = word;
    while (w.length > maxChars) {
      if (line !== "") (lines.push(line), (line = ""));
      lines.push(w.slice(0, maxChars));
      w = w.slice(maxChars);
    }
    if (line === "") line = w;
    else if (line.length + 1 + w.length <= maxChars) line += ` ${w}`;
    else (lines.push(line), (line = w));
  }
  if (line !== "") lines.push(line);
  return lines.length === 0 ? [""] : lines;
}
