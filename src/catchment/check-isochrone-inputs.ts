// Shape check for isochrones' router and site, run first in isochrones(router, site, …) so a
// wrong router or site is a coded error naming the argument, never a TypeError deep inside.
import { InvalidInputError } from "../errors.js";
import { isRoadGraph } from "../model/index.js";
import { describeShape } from "../internal/shapes.js";

/**
 * Throw an InvalidInputError naming `router` or `site` unless the router has a road graph and
 * a `minutesFrom` function, and the site is a node key, a snapped point or a located item
 * (`{ id, location }`). Internal.
 */
export function checkIsochroneInputs(where: string, router: unknown, site: unknown): void {
  const r = router as { graph?: unknown; minutesFrom?: unknown } | null;
  if (r === null || typeof r !== "object" || typeof r.minutesFrom !== "function" || !isRoadGraph(r.graph)) {
    throw new InvalidInputError(where, [{ path: "router", message: `expected a Router with a road graph and minutesFrom (see createRouter) (got ${describeShape(router)})` }]);
  }
  if (typeof site === "string") return;
  const s = site as { id?: unknown } | null;
  if (s === null || typeof s !== "object" || Array.isArray(s) || typeof s.id !== "string") {
    throw new InvalidInputError(where, [{ path: "site", message: `expected a node key, a snapped point or a located item { id, location } (got ${describeShape(site)})` }]);
  }
}
