import { describe, expect, it } from "vitest";
import { accessSummary, capacitatedAssignment, type CostMatrix, maximalCoverage, nearestSites, pCenter, pMedian, setCover } from "../../src/index.js";

// A CostMatrix is a documented plain interface, so users build it by hand: NaN and negative
// cells are coded errors naming the cell at every analysis, never "unreachable" or a saving.
const hand = (cells: number[]): CostMatrix => ({ origins: ["z1", "z2"], destinations: ["A", "B"], minutes: Float64Array.from(cells) });

describe("hand-built CostMatrix cells", () => {
  const calls: [string, (m: CostMatrix) => unknown][] = [
    ["capacitatedAssignment", (m) => capacitatedAssignment(m, [1, 1], [5, 5])],
    ["pCenter", (m) => pCenter(m, { p: 1 })],
    ["pMedian", (m) => pMedian(m, { p: 1 })],
    ["maximalCoverage", (m) => maximalCoverage(m, { p: 1, coverMinutes: 10 })],
    ["setCover", (m) => setCover(m, { coverMinutes: 10 })],
    ["accessSummary", (m) => accessSummary(m, [10, 20])],
    ["nearestSites", (m) => nearestSites(m)],
  ];
  for (const [name, call] of calls) {
    it(`${name}: NaN and negative minutes are INVALID_INPUT naming matrix.minutes[k]`, async () => {
      for (const cells of [[1, Number.NaN, 3, 4], [1, 2, -5, 4]]) {
        let error: unknown;
        try {
          await call(hand(cells)); // the optimisers are async
        } catch (e) {
          error = e;
        }
        expect(error).toMatchObject({ code: "INVALID_INPUT" });
        expect((error as { issues: { path: string }[] }).issues[0].path).toMatch(/^matrix\.minutes\[[12]\]$/);
      }
      await call(hand([1, Infinity, 3, 4]));
    });
  }
});
