import { describe, expect, it } from "vitest";
import { applyScenario, createServiceNetwork, demandByZone, type ChangeInput, parseScenario } from "../../src/index.js";
import { testAssumptions, testNetwork, testSites, testZones, thrown } from "../support/scenario-fixtures.js";

// Paths, keys and ids from files never reach a prototype: `__proto__`, `constructor`,
// `prototype` and inherited names such as `toString` are refused or treated as plain unknown keys.
const scenario = (...changes: ChangeInput[]) => ({ id: "s", name: "S", changes });
const polluted = () => ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).x !== undefined;

describe("prototype keys from files", () => {
  it.each(["__proto__.polluted", "constructor.prototype.polluted", "wards.__proto__.x", "prototype", "wards.adultAcute.constructor"])(
    "setAssumption with the path %s is an INVALID_INPUT naming changes[0].path, and Object.prototype stays clean",
    (path) => {
      const e = thrown(() => applyScenario(testNetwork(), scenario({ type: "setAssumption", path, value: 1 })));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.issues?.[0].path).toBe("changes[0].path");
      expect(polluted()).toBe(false);
    },
  );

  it("a scenario file (JSON) with a __proto__ key anywhere is refused at parse time, naming the key's path", () => {
    const e = thrown(() => parseScenario(JSON.parse('{"id":"s","name":"S","changes":[{"type":"setAssumption","path":"wards","value":{"__proto__":{"x":1}}}]}')));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues?.[0].path).toBe("changes[0].value.__proto__");
    expect(polluted()).toBe(false);
  });

  it.each(["toString", "constructor", "hasOwnProperty", "__proto__"])("a bed count under the inherited key %s is an unknown ward type", (ward) => {
    const beds = JSON.parse(`{"${ward}": 4}`);
    const e = thrown(() => applyScenario(testNetwork(), scenario({ type: "setBeds", siteId: "hub-a", beds })));
    expect(e.code === "UNKNOWN_ID" || e.code === "INVALID_INPUT").toBe(true);
    const sites = structuredClone(testSites) as unknown as { beds?: Record<string, number> }[];
    sites[0].beds = JSON.parse(`{"adultAcute": 1, "${ward}": 4}`);
    const n = thrown(() => createServiceNetwork({ sites, zones: structuredClone(testZones), assumptions: structuredClone(testAssumptions) } as never));
    expect(n.code).toBe("INVALID_INPUT");
    expect(polluted()).toBe(false);
  });

  it("setRoadSpeed with an inherited road class name is an unknown road class; demandByZone refuses an inherited ward", () => {
    expect(thrown(() => applyScenario(testNetwork(), scenario({ type: "setRoadSpeed", factors: { constructor: 2 } }))).code).toBe("UNKNOWN_ID");
    expect(thrown(() => demandByZone(structuredClone(testZones) as never, structuredClone(testAssumptions) as never, { wards: ["toString"] })).code).toBe("UNKNOWN_ID");
  });
});
