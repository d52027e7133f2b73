import * as z from "zod/mini";
import { ScenarioSchema } from "./schema.js";

/**
 * The JSON Schema (draft 2020-12) of a scenario file, for editor completion and validation
 * (e.g. `"$schema"` in VS Code's `json.schemas` setting).
 *
 * Generated from {@link ScenarioSchema} with zod's `z.toJSONSchema` in input mode, so fields
 * with defaults are optional, as they are for {@link parseScenario}. Cross-field rules that JSON
 * Schema cannot express (e.g. `closeRoad` needs `edges`, `name` or `ref`) are checked by
 * {@link parseScenario} only.
 *
 * @returns A plain JSON-serialisable JSON Schema object.
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync("scenario.schema.json", JSON.stringify(scenarioJsonSchema(), null, 2));
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "hubspoke scenario", description: "A redesign option: an ordered list of changes applied to a baseline ServiceNetwork." };
}
