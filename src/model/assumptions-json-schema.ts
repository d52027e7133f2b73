import * as z from "zod/mini";
import { AssumptionsSchema } from "./schemas.js";

/**
 * The JSON Schema (draft 2020-12) of an assumptions file, for editor completion and
 * validation (e.g. VS Code's `json.schemas` setting). Each field carries its description: unit,
 * a sensible UK value and where planners find it (see `docs/assumptions.md`).
 *
 * Generated from {@link AssumptionsSchema} with zod's `z.toJSONSchema` in input mode, so
 * fields with defaults (`assumption`, `outOfArea.name`) are optional, as they are for
 * {@link parseAssumptions}.
 *
 * @returns A plain JSON-serialisable JSON Schema object.
 * @example
 * import { writeFileSync } from "node:fs";
 * writeFileSync("assumptions.schema.json", JSON.stringify(assumptionsJsonSchema(), null, 2));
 */
export function assumptionsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AssumptionsSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    title: "hubspoke assumptions",
    description: "Demand and capacity rates for a service network. Every figure is { value, source, assumption? }: the value, where it comes from, and whether it is your assumption.",
  };
}
