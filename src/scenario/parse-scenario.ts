import { parseInput } from "../errors.js";
import { type Scenario, ScenarioSchema } from "./schema.js";

/**
 * Parse an untrusted scenario (e.g. `JSON.parse` of a scenario file) into a typed
 * {@link Scenario}.
 *
 * Checks the shape only: each change's `type`, ids, factors and locations. Whether the ids
 * exist in a network is checked by {@link applyScenario}, which knows the network.
 *
 * @param value - The scenario object: `{ id, name, description?, seed?, changes: [...] }`.
 * @returns The scenario with defaults applied (`changes: []`, `setBeds.mode: "set"`,
 *   `scaleDemand.of: "population"`).
 * @throws {@link InvalidInputError} naming each bad path and value, e.g. `changes[2].factor`.
 * @example
 * const option = parseScenario({
 *   id: "two-hubs", name: "Consolidate to two hubs",
 *   changes: [{ type: "closeSite", siteId: "hub-canterbury", reassignSpokesTo: "hub-maidstone" }],
 * });
 */
export function parseScenario(value: unknown): Scenario {
  return parseInput("parseScenario", ScenarioSchema, value);
}
