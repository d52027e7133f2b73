import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { maxAugmentations, residueTolerance, serveTinyRows, solveTransport, type TransportProblem } from "../../src/capacity/internal/transport.js";
import { capacitatedAssignment, createCostMatrix } from "../../src/index.js";
import { referenceSolveTransport } from "../support/capacity-transport-reference.js";

// Progress guarantee of the transport solver: tiny, subnormal and huge demands, capacities and
// minutes finish (they once bounced one tiny row between columns forever).
const tiny = fc.constantFrom(1e-154, 5e-324, 1e-300, 2.2e-308, 1e-13, 1e-12);
const amount = (max: number) => fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max, noNaN: true }) }, { weight: 2, arbitrary: tiny }, { weight: 1, arbitrary: fc.integer({ min: 0, max }) });

const arbWild = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }))
  .chain(([n, m]) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      minutes: fc.array(fc.oneof(amount(60), fc.constant(Infinity)), { minLength: n * m, maxLength: n * m }),
      supply: fc.array(amount(5), { minLength: n, maxLength: n }),
      capacity: fc.array(amount(40), { minLength: m, maxLength: m }),
    }),
  )
  .map(({ n, m, minutes, supply, capacity }): TransportProblem => {
    const M = m + 1;
    const cost = new Float64Array(n * M);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) cost[i * M + j] = minutes[i * m + j];
      cost[i * M + m] = 1000;
    }
    return { rows: n, cols: M, cost, supply: Float64Array.from(supply), capacity: Float64Array.from([...capacity, Infinity]) };
  });

describe("solveTransport progress", () => {
  it("finishes with a zone demand of 1e-154 among ordinary ones, and serves it", () => {
    const p: TransportProblem = {
      rows: 3,
      cols: 3,
      cost: Float64Array.from([1, 2, 1000, 1, 2, 1000, 1, 1, 1000]),
      supply: Float64Array.from([5, 1e-154, 5]),
      capacity: Float64Array.from([4, 4, Infinity]),
    };
    const s = solveTransport(p);
    expect(s.flow[3] + s.flow[4] + s.flow[5]).toBe(1e-154);
    expect(s.augmentations).toBeLessThan(10);
  });

  it("serves rows at or below the tolerance before the solve, to their cheapest column with room", () => {
    const p: TransportProblem = { rows: 2, cols: 3, cost: Float64Array.from([1, 2, 9, 1, 2, 9]), supply: Float64Array.from([1e-300, 3]), capacity: Float64Array.from([0, 5, Infinity]) };
    const eps = residueTolerance(p.supply);
    expect(eps).toBe(3e-12);
    const served = serveTinyRows(p, eps);
    expect(Array.from(served.problem.supply)).toEqual([0, 3]);
    expect(served.flow?.[1]).toBe(1e-300); // column 0 has no room
    expect(maxAugmentations(2, 3)).toBeGreaterThan(10_000);
  });

  test.prop([arbWild], { numRuns: 200 })("tiny, subnormal and zero values finish, conserve supply, respect capacity, and match the reference", (p) => {
    const t0 = performance.now();
    const s = solveTransport(p);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(s.augmentations).toBeLessThanOrEqual(maxAugmentations(p.rows, p.cols));
    let total = 0;
    for (let i = 0; i < p.rows; i++) total += p.supply[i];
    for (let i = 0; i < p.rows; i++) {
      let out = 0;
      for (let j = 0; j < p.cols; j++) out += s.flow[i * p.cols + j];
      expect(Math.abs(out - p.supply[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
    }
    for (let j = 0; j < p.cols; j++) {
      let load = 0;
      for (let i = 0; i < p.rows; i++) load += s.flow[i * p.cols + j];
      expect(load).toBeLessThanOrEqual(p.capacity[j] + 1e-9 * Math.max(1, total));
    }
    const want = referenceSolveTransport(p);
    expect(Buffer.from(s.flow.buffer).equals(Buffer.from(want.flow.buffer))).toBe(true);
  });

  it("capacitatedAssignment finishes with subnormal demand, capacity and minutes", () => {
    const m = createCostMatrix(["a", "b", "c"], ["A", "B"], [5e-324, 1e-154, 1e-154, 5e-324, 1, 1]);
    const r = capacitatedAssignment(m, [1e-154, 3, 5e-324], [1e-154, 2], { outOfArea: { minutes: 90, costPerBedDay: 100 } });
    const served = r.flows.reduce((t, f) => t + f.amount, 0);
    expect(served).toBeCloseTo(3, 12);
    expect(r.totalDemand).toBe(3);
  });
});
