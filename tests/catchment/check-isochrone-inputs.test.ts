import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/index.js";
import { checkIsochroneInputs } from "../../src/catchment/check-isochrone-inputs.js";
import { testGraph } from "../support/scenario-fixtures.js";

describe("checkIsochroneInputs (for isochrones' entry)", () => {
  it("accepts a router with a node key or a located site; names router or site otherwise", () => {
    const router = createRouter(testGraph());
    expect(() => checkIsochroneInputs("isochrones", router, "n0")).not.toThrow();
    expect(() => checkIsochroneInputs("isochrones", router, { id: "s", location: [0, 51] })).not.toThrow();
    for (const [r, s, path] of [
      [null, "n0", "router"],
      [{ ...router, graph: {} }, "n0", "router"],
      [{ graph: router.graph }, "n0", "router"],
      [router, undefined, "site"],
      [router, { location: [0, 51] }, "site"],
      [router, [1, 2], "site"],
    ] as const) {
      expect(() => checkIsochroneInputs("isochrones", r, s)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT", issues: [expect.objectContaining({ path })] }));
    }
  });
});
