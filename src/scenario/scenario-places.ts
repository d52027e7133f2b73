import { InvalidInputError } from "../errors.js";
import type { ServiceNetwork } from "../model/index.js";
import type { LocatedItem, PrefetchRequest } from "../routing/index.js";
import { applyScenario } from "./apply-scenario.js";
import type { Scenario, ScenarioInput } from "./schema.js";

/**
 * Every place a set of scenarios needs travel times between: all zones and all sites (as origins,
 * for spoke → hub legs), and all sites (as destinations), each at its location after each
 * scenario's changes. Hand it to `prefetchTravelTimes` so an asynchronous engine (OSRM) is asked
 * once, before evaluating the scenarios synchronously.
 *
 * @param network - The baseline network.
 * @param scenarios - The scenarios to evaluate (the baseline is included by itself).
 * @returns `{ origins, destinations }`, one item per distinct id and location.
 * @throws {@link InvalidInputError} if `scenarios` is not an array; the errors of
 *   {@link applyScenario} for a scenario that does not apply.
 * @example
 * const places = scenarioPlaces(network, [closeCanterbury, moveMaidstone]);
 * const provider = await prefetchTravelTimes(osrmProvider({ url }), places);
 */
export function scenarioPlaces(network: ServiceNetwork, scenarios: readonly (ScenarioInput | Scenario)[]): PrefetchRequest {
  if (!Array.isArray(scenarios)) throw new InvalidInputError("scenarioPlaces", [{ path: "scenarios", message: "expected an array of scenarios" }]);
  const sites = new Map<string, LocatedItem>();
  const add = (net: ServiceNetwork) => {
    for (const s of net.sites) sites.set(`${s.id}\u0000${s.location[0]}\u0000${s.location[1]}`, { id: s.id, location: s.location });
  };
  add(applyScenario(network, { id: "baseline", name: "Baseline", changes: [] }));
  for (const s of scenarios) add(applyScenario(network, s));
  const zones = network.zones.map((z): LocatedItem => ({ id: z.id, location: z.location }));
  return { origins: [...zones, ...sites.values()], destinations: [...sites.values()] };
}
