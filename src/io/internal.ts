// Shared helpers for readers and writers (not public).
import type { Polygon, MultiPolygon, Position } from "geojson";
import { fnv1a32Text } from "../internal/hash.js";

/** FNV-1a 32-bit hash of a string, hex: a cheap content fingerprint that works in browsers. */
export const contentHash = fnv1a32Text;

/** Twice the signed planar area of a ring (positive = counter-clockwise in lon/lat). */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum;
}

function orient(ring: readonly Position[], ccw: boolean): Position[] {
  const isCcw = ringSignedArea(ring) > 0;
  return isCcw === ccw ? ring.map((p) => [...p]) : ring.map((p) => [...p]).reverse();
}

/**
 * Rewind polygon rings. `rfc7946: true` gives the RFC 7946 right-hand rule (exterior rings
 * counter-clockwise, holes clockwise), as @turf/rewind does; `false` gives the opposite
 * (exterior clockwise), which is what d3-geo's spherical polygons expect.
 */
export function rewindGeometry<G extends Polygon | MultiPolygon>(geometry: G, rfc7946: boolean): G {
  const rewindPolygon = (rings: readonly Position[][]) => rings.map((r, k) => orient(r, k === 0 ? rfc7946 : !rfc7946));
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: rewindPolygon(geometry.coordinates) } as G;
  return { type: "MultiPolygon", coordinates: geometry.coordinates.map(rewindPolygon) } as G;
}

/** Round to `digits` decimals (6 dp ≈ 0.1 m, the precision RFC 7946 §11.2 suggests). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Escape text for XML/HTML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** Stable id of where a reader's input came from, for issue paths (`sites.csv:row 14:lat`). */
export function locate(file: string, row: number | undefined, field: string | undefined): string {
  let out = file;
  if (row !== undefined) out += `:row ${row}`;
  if (field !== undefined && field !== "") out += `:${field}`;
  return out;
}

/**
 * Planar area centroid of a Polygon/MultiPolygon in lon/lat (holes subtracted). At zone scale
 * the planar error is negligible; falls back to the vertex mean for degenerate (zero-area) rings.
 */
export function polygonCentroid(geometry: Polygon | MultiPolygon): [number, number] {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let a = 0;
  let cx = 0;
  let cy = 0;
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      // Outer rings add area, holes subtract it, whatever their winding.
      const sign = (k === 0 ? 1 : -1) * Math.sign(ringSignedArea(ring) || 1);
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        a -= sign * cross;
        cx -= sign * (ring[j][0] + ring[i][0]) * cross;
        cy -= sign * (ring[j][1] + ring[i][1]) * cross;
        if (k === 0 && i > 0) {
          sx += ring[i][0];
          sy += ring[i][1];
          n++;
        }
      }
    });
  }
  if (Math.abs(a) < 1e-18) return [sx / n, sy / n];
  return [cx / (3 * a), cy / (3 * a)];
}
