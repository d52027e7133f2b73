import { fc, test } from "@fast-check/vitest";
import { describe, expect, it, vi } from "vitest";
import { loadHighsSolver } from "../../src/highs/index.js";
import { createCostMatrix, pMedian, type MilpSolver } from "../../src/index.js";

// `highs` is an optional dependency: the capacitated p-median takes an injected solver from
// `hubspoke/highs`, or loads the package itself in Node.
const small = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
let shared: Promise<MilpSolver> | undefined;
const solver = (): Promise<MilpSolver> => (shared ??= loadHighsSolver());

describe("loadHighsSolver (hubspoke/highs)", () => {
  it("loads a solver that pMedian uses for the capacitated model", async () => {
    const milpSolver = await solver();
    const spy = vi.spyOn(milpSolver, "solve");
    const r = await pMedian(small, { p: 2, weights: [10, 10, 10], capacity: [15, 100], milpSolver });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(r.chosen).toEqual(["s1", "s2"]);
    expect(r.method).toBe("highs");
  });

  it("rejects a locateFile that is not a function with INVALID_INPUT", async () => {
    await expect(loadHighsSolver({ locateFile: "x" as never })).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "options.locateFile" }] });
  });

  it("rejects a milpSolver without a solve function with INVALID_INPUT at options.milpSolver", async () => {
    await expect(pMedian(small, { p: 1, capacity: [100, 100], milpSolver: {} as MilpSolver })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: [{ path: "options.milpSolver" }],
    });
  });

  // Invariant: whatever the solver, the capacitated answer respects every capacity.
  test.prop([fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 })], { seed: 16, numRuns: 15 })(
    "the injected solver's answer never loads a site beyond its capacity",
    async (weights) => {
      const milpSolver = await solver();
      const r = await pMedian(small, { p: 2, weights, capacity: [200, 200], milpSolver });
      for (const [, l] of Object.entries(r.load ?? {})) expect(l.weight).toBeLessThanOrEqual(l.capacity + 1e-9);
    },
  );
});

describe("without the optional highs package", () => {
  it("the capacitated p-median fails with MISSING_DEPENDENCY saying how to install it", async () => {
    vi.resetModules();
    vi.doMock("highs", () => {
      throw new Error("Cannot find package 'highs'");
    });
    const { pMedian: freshPMedian, createCostMatrix: freshMatrix } = await import("../../src/index.js");
    const m = freshMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);
    const error = await freshPMedian(m, { p: 2, weights: [10, 10, 10], capacity: [15, 100] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MISSING_DEPENDENCY", packageName: "highs", name: "MissingDependencyError" });
    expect((error as Error).message).toContain("npm install highs");
    expect((error as Error).message).toContain('"hubspoke/highs"');
    vi.doUnmock("highs");
  });
});
