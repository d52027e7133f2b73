import type { InputIssue } from "../errors.js";
import { describeAttribute } from "../internal/describe.js";

/** Options of {@link validateRoadGraph}. */
export interface ValidateRoadGraphOptions {
  /**
   * Require `lon`/`lat` on every node (needed for snapping).
   * @defaultValue `true`
   */
  readonly coordinates?: boolean;
}


/**
 * Check a graph without throwing (safeParse style): every edge needs finite `minutes` ≥ 0,
 * every node (unless `coordinates: false`) numeric `lon` in [-180, 180] and `lat` in [-90, 90].
 *
 * @param graph - A graphology graph.
 * @returns `{ ok, issues }` with one issue per bad node or edge, path `nodes.<key>.lon` or
 *   `edges.<key>.minutes`.
 * @example
 * const { ok, issues } = validateRoadGraph(graph);
 * if (!ok) console.error(issues[0].path, issues[0].message);
 */
export function validateRoadGraph(graph: unknown, options: ValidateRoadGraphOptions = {}): { ok: boolean; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const g = graph as {
    forEachNode?: (cb: (key: string, attrs: Record<string, unknown>) => void) => void;
    forEachEdge?: (cb: (key: string, attrs: Record<string, unknown>) => void) => void;
  } | null;
  if (g === null || typeof g !== "object" || typeof g.forEachNode !== "function" || typeof g.forEachEdge !== "function") {
    return { ok: false, issues: [{ path: "", message: "expected a graphology graph" }] };
  }
  if (options.coordinates !== false) {
    g.forEachNode((key, a) => {
      if (typeof a.lon !== "number" || !(a.lon >= -180 && a.lon <= 180)) issues.push({ path: `nodes.${key}.lon`, message: `expected a longitude in [-180, 180] (got ${describeAttribute(a.lon)})` });
      if (typeof a.lat !== "number" || !(a.lat >= -90 && a.lat <= 90)) issues.push({ path: `nodes.${key}.lat`, message: `expected a latitude in [-90, 90] (got ${describeAttribute(a.lat)})` });
    });
  }
  g.forEachEdge((key, a) => {
    const w = a.minutes;
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) issues.push({ path: `edges.${key}.minutes`, message: `expected finite minutes >= 0 (got ${describeAttribute(w)})` });
  });
  return { ok: issues.length === 0, issues };
}
