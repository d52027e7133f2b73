import { parseInput } from "../errors.js";
import type { ServiceNetwork } from "../model/index.js";
import { checkNetwork } from "../model/check-network.js";
import { applyChange, Draft } from "./changes/index.js";
import { type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";

const WHERE = "applyScenario";

/**
 * Apply a scenario's changes, in order, to a network and return the new network.
 *
 * Pure: the input network (sites, zones, assumptions and road graph) is never mutated.
 * Records that a change touches are copied; untouched records are shared. Road changes
 * (`setRoadSpeed`, `closeRoad`) edit a `graph.copy()`; without road changes the result
 * shares the input's graph, which lets {@link evaluate} reuse travel-time columns. `roads`
 * (the GeoJSON source) is passed through unchanged.
 *
 * Each change is checked against the network as it stands after the earlier changes, so a
 * change may refer to a site added earlier. Rules: named sites, hubs, ward types, districts,
 * road classes, edges and assumption paths must exist; a change may not close the last open
 * hub or leave an open spoke without an open hub; kind-specific changes (`setBeds` on hubs,
 * `setCaseloadCapacity`, `setStaffing`, `setCrisisSlots` on spokes) check the site's kind.
 * Changing `speed` by factor `f` divides each matching edge's minutes by `f`.
 *
 * @param network - The baseline network (from {@link createServiceNetwork} or `kentMedway()`).
 * @param scenario - A scenario object or file contents (parsed with {@link ScenarioSchema}).
 * @returns A new {@link ServiceNetwork}.
 * @throws {@link InvalidInputError} if the scenario is malformed or a change breaks a rule;
 *   the issue path names the change, e.g. `changes[3].siteId`.
 * @throws {@link UnknownIdError} if a change names a site, ward type, district, road class,
 *   edge or assumption that does not exist (path `changes[i].…`).
 * @example
 * const option = applyScenario(network, {
 *   id: "move-hub", name: "Move the Canterbury hub",
 *   changes: [{ type: "moveSite", siteId: "hub-canterbury", location: [1.05, 51.29] }],
 * });
 */
export function applyScenario(network: ServiceNetwork, scenario: ScenarioInput | Scenario): ServiceNetwork {
  checkNetwork(WHERE, network);
  const parsed = parseInput(WHERE, ScenarioSchema, scenario);
  const draft = new Draft(network);
  parsed.changes.forEach((change, i) => applyChange(draft, change, i));
  return draft.result();
}
