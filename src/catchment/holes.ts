// Internal: drop interior rings below an area, shared by catchment polygons and isochrones.
import { area, polygon } from "@turf/turf";
import type { MultiPolygon, Polygon, Position } from "geojson";

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
