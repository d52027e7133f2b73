import { describe, expect, it } from "vitest";
import { capacitatedAssignment, createCostMatrix } from "../../src/index.js";

describe("single-source branch and bound: guards", () => {
  it("more rows than the recursion allows keep the stated heuristic instead of overflowing the stack", () => {
    const n = 2500; // above the 2000-row recursion limit
    const zones = Array.from({ length: n }, (_, i) => `z${i}`);
    const minutes = Array.from({ length: n * 2 }, (_, k) => (k % 2 === 0 ? 10 + (k % 7) : 20 + (k % 5)));
    const m = createCostMatrix(zones, ["A", "B"], minutes);
    const r = capacitatedAssignment(m, new Array(n).fill(1), [n / 2 + 10, n], { singleSource: true, exactLimit: 1e9 });
    expect(r.method).toBe("heuristic");
    expect(r.flows.reduce((s, f) => s + f.amount, 0)).toBe(n);
  });
});
