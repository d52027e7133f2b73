import { describe, expect, it } from "vitest";
import { applyScenario, createCostMatrix, evaluate } from "../../src/index.js";

// Raw TypeErrors at public entries become coded errors naming the argument.
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe("null and wrongly shaped arguments", () => {
  const scenario = { id: "s", name: "S", changes: [] };
  it.each([null, [], 42, { sites: null, zones: [], assumptions: {} }])("applyScenario and evaluate with network %j are INVALID_INPUT", (network) => {
    expect(codeOf(() => applyScenario(network as never, scenario))).toBe("INVALID_INPUT");
    expect(codeOf(() => evaluate(network as never, scenario))).toBe("INVALID_INPUT");
  });
  it("createCostMatrix called with one object instead of three arguments is INVALID_INPUT", () => {
    expect(codeOf(() => createCostMatrix({ origins: ["a"], destinations: ["b"], minutes: [1] } as never, undefined as never, undefined as never))).toBe("INVALID_INPUT");
    expect(codeOf(() => createCostMatrix(["a"], ["b"], null as never))).toBe("INVALID_INPUT");
  });
});
