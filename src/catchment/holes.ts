// Internal: remove sliver holes and sliver parts, shared by catchment polygons and isochrones.
import { area } from "@turf/area";
import { lineString, polygon } from "@turf/helpers";
import { length } from "@turf/length";
import type { MultiPolygon, Polygon, Position } from "geojson";

/** What counts as a sliver: smaller than `maxArea` m², or thinner than `maxWidth` metres. */
export interface SliverRule {
  readonly maxArea: number;
  /** Mean width 2·area / perimeter, in metres; 0 disables the width test. */
  readonly maxWidth: number;
}

function isSliver(ring: Position[], rule: SliverRule): boolean {
  const a = area(polygon([ring]));
  if (a < rule.maxArea) return true;
  if (!(rule.maxWidth > 0)) return false;
  const perimeter = length(lineString(ring), { units: "meters" });
  return perimeter > 0 && (2 * a) / perimeter < rule.maxWidth;
}

/**
 * Remove, in place, interior rings that are slivers and (for MultiPolygons) parts whose exterior
 * is a sliver, never the largest part. Returns `{ holes, parts }` removed.
 */
export function removeSlivers(geometry: Polygon | MultiPolygon, rule: SliverRule): { holes: number; parts: number } {
  let holes = 0;
  let parts = 0;
  if (!(rule.maxArea > 0) && !(rule.maxWidth > 0)) return { holes, parts };
  const clean = (rings: Position[][]): Position[][] => {
    if (rings.length <= 1) return rings;
    const kept = [rings[0]];
    for (let r = 1; r < rings.length; r++) {
      if (isSliver(rings[r], rule)) holes++;
      else kept.push(rings[r]);
    }
    return kept;
  };
  if (geometry.type === "Polygon") {
    geometry.coordinates = clean(geometry.coordinates);
    return { holes, parts };
  }
  const polys = geometry.coordinates.map(clean);
  let largest = 0;
  let largestArea = -1;
  const areas = polys.map((p) => area(polygon([p[0]])));
  for (let k = 0; k < polys.length; k++) {
    if (areas[k] > largestArea) {
      largestArea = areas[k];
      largest = k;
    }
  }
  geometry.coordinates = polys.filter((p, k) => {
    if (k === largest || !isSliver(p[0], rule)) return true;
    parts++;
    return false;
  });
  return { holes, parts };
}

/** Remove interior rings smaller than `limit` m² in place; returns how many were removed. */
export function fillSmallHoles(geometry: Polygon | MultiPolygon, limit: number): number {
  if (!(limit > 0)) return 0;
  let dropped = 0;
  const clean = (rings: Position[][]): Position[][] => {
    if (rings.length <= 1) return rings;
    const kept = [rings[0]];
    for (let r = 1; r < rings.length; r++) {
      if (area(polygon([rings[r]])) < limit) dropped++;
      else kept.push(rings[r]);
    }
    return kept;
  };
  if (geometry.type === "Polygon") geometry.coordinates = clean(geometry.coordinates);
  else geometry.coordinates = geometry.coordinates.map(clean);
  return dropped;
}
