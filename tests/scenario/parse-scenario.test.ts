import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { InvalidInputError, ScenarioSchema, parseScenario, scenarioJsonSchema } from "../../src/index.js";
import { thrown } from "../support/scenario-fixtures.js";

describe("parseScenario", () => {
  it("parseScenario(value) applies defaults", () => {
    const s = parseScenario({
      id: "s1",
      name: "Option 1",
      changes: [
        { type: "setBeds", siteId: "hub-a", beds: { adultAcute: 12 } },
        { type: "scaleDemand", factor: 1.1 },
      ],
    });
    expect(s.changes[0]).toEqual({ type: "setBeds", siteId: "hub-a", beds: { adultAcute: 12 }, mode: "set" });
    expect(s.changes[1]).toEqual({ type: "scaleDemand", factor: 1.1, of: "population" });
    expect(parseScenario({ id: "e", name: "Empty" }).changes).toEqual([]);
  });

  it("accepts a $schema reference for editors", () => {
    expect(parseScenario({ $schema: "./scenario.schema.json", id: "a", name: "A" }).id).toBe("a");
  });

  it("rejects an unknown change type, naming the change's path", () => {
    const e = thrown(() => parseScenario({ id: "s", name: "S", changes: [{ type: "demolishSite", siteId: "x" }] }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.issues![0].path).toBe("changes[0].type");
    expect(e.message.startsWith("parseScenario: ")).toBe(true);
  });

  it("rejects a non-positive road speed factor and a negative demand factor", () => {
    const e = thrown(() =>
      parseScenario({
        id: "s",
        name: "S",
        changes: [
          { type: "scaleDemand", factor: 1 },
          { type: "setRoadSpeed", factors: { motorway: 0 } },
          { type: "scaleDemand", factor: -1 },
        ],
      }),
    );
    expect(e.issues!.map((i) => i.path)).toEqual(["changes[1].factors.motorway", "changes[2].factor"]);
  });

  it("rejects closeRoad without edges, name or ref, a typo'd field, and an empty contact policy", () => {
    expect(thrown(() => parseScenario({ id: "s", name: "S", changes: [{ type: "closeRoad" }] })).issues![0].path).toBe("changes[0]");
    expect(thrown(() => parseScenario({ id: "s", name: "S", changes: [{ type: "closeSite", siteID: "x" }] })).issues!.length).toBeGreaterThan(0);
    expect(thrown(() => parseScenario({ id: "s", name: "S", changes: [{ type: "setContactPolicy" }] })).issues![0].path).toBe("changes[0]");
  });

  test.prop([fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { maxLength: 5 })])(
    "parseScenario is idempotent on its own output",
    (id, name, factors) => {
      const once = parseScenario({ id, name, changes: factors.map((factor) => ({ type: "scaleDemand", factor })) });
      expect(parseScenario(structuredClone(once))).toEqual(once);
    },
  );
});

describe("scenarioJsonSchema", () => {
  it("scenarioJsonSchema() lists every change type with strict properties", () => {
    const schema = scenarioJsonSchema() as {
      type: string;
      required: string[];
      properties: { changes: { items: { oneOf: { properties: { type: { const: string } }; additionalProperties: boolean }[] } } };
    };
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["id", "name"]);
    const variants = schema.properties.changes.items.oneOf;
    expect(variants.map((v) => v.properties.type.const)).toEqual(ScenarioSchema.shape.changes.def.innerType.def.element.def.options.map((o) => o.shape.type.def.values[0]));
    expect(variants.length).toBe(15);
    expect(variants.every((v) => v.additionalProperties === false)).toBe(true);
    expect(() => JSON.stringify(schema)).not.toThrow();
  });
});
