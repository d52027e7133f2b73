import { IoError } from "../errors.js";
import { EN } from "../internal/zod-locale.js";
import { RoadsSchema } from "../model/schemas.js";
import type { Roads } from "../model/types.js";

/** Check a roads GeoJSON (LineStrings; MultiLineStrings split) and name the first bad feature. */
export function parseRoadsText(value: unknown, file: string): Roads {
  const fc = value as { type?: unknown; features?: unknown[] };
  if (fc === null || typeof fc !== "object" || fc.type !== "FeatureCollection" || !Array.isArray(fc.features)) {
    throw new IoError("hubspoke", `${file} is not a GeoJSON FeatureCollection of roads.`, [{ path: file, message: "expected a FeatureCollection" }]);
  }
  const features: unknown[] = [];
  fc.features.forEach((f) => {
    const g = (f as { geometry?: { type?: string; coordinates?: unknown[] } }).geometry;
    if (g?.type === "MultiLineString" && Array.isArray(g.coordinates)) {
      for (const line of g.coordinates) features.push({ ...(f as object), geometry: { type: "LineString", coordinates: line } });
    } else features.push(f);
  });
  const result = RoadsSchema.safeParse({ type: "FeatureCollection", features }, EN);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = `${file}:${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "")}`;
    throw new IoError("hubspoke", `${path}: ${issue.message}. Roads must be LineStrings with highway/maxspeed/oneway properties.`, [{ path, message: issue.message }]);
  }
  return result.data;
}
