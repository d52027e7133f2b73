import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { solveTransport, type TransportProblem } from "../../src/capacity/internal/transport.js";
import { getHighs, transportLp } from "../support/capacity-oracles.js";
import { referenceSolveTransport } from "../support/capacity-transport-reference.js";

type Highs = Awaited<ReturnType<typeof getHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await getHighs();
});

const problem = (rows: number, cols: number, cost: number[], supply: number[], capacity: number[]): TransportProblem => ({
  rows,
  cols,
  cost: Float64Array.from(cost),
  supply: Float64Array.from(supply),
  capacity: Float64Array.from(capacity),
});

const objective = (p: TransportProblem, flow: Float64Array) => {
  let total = 0;
  for (let k = 0; k < flow.length; k++) if (flow[k] > 0) total += flow[k] * p.cost[k];
  return total;
};

/**
 * Instances the way capacitatedAssignment builds them: rows × (sites + sink), the sink column
 * uncapacitated and dearer than any site. Fractional supplies and capacities, integer minutes
 * (so ties abound), some unreachable pairs and some zero capacities; up to 80 rows so columns
 * gain and lose many rows.
 */
const arbProblem = fc
  .tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 6 }))
  .chain(([n, m]) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      minutes: fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.double({ min: 0, max: 60, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), {
        minLength: n * m,
        maxLength: n * m,
      }),
      supply: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 5, noNaN: true })), { minLength: n, maxLength: n }),
      capacity: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 40, noNaN: true })), { minLength: m, maxLength: m }),
    }),
  )
  .map(({ n, m, minutes, supply, capacity }) => {
    const M = m + 1;
    const cost: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) cost.push(minutes[i * m + j]);
      cost.push(1000); // the sink: uncapacitated, finite for every row
    }
    return problem(n, M, cost, supply, [...capacity, Infinity]);
  });

describe("solveTransport (internal)", () => {
  it("moves the row that loses least when a column is full: 2 rows, 2 sites and a sink", () => {
    // site 0 holds 5; row 0: 10 / 50, row 1: 10 / 12 → row 1 moves to site 1 (+2 per unit)
    const p = problem(2, 3, [10, 50, 999, 10, 12, 999], [5, 5], [5, 10, Infinity]);
    const s = solveTransport(p);
    expect(Array.from(s.flow)).toEqual([5, 0, 0, 0, 5, 0]);
    expect(objective(p, s.flow)).toBe(110);
  });

  test.prop([arbProblem], { numRuns: 300 })("gives bit-identical flows to the reference (column-rescan) solver", (p) => {
    const got = solveTransport(p);
    const want = referenceSolveTransport(p);
    expect(got.augmentations).toBe(want.augmentations);
    expect(Buffer.from(got.flow.buffer).equals(Buffer.from(want.flow.buffer))).toBe(true);
  });

  test.prop([arbProblem], { numRuns: 100 })("is optimal: its cost equals the HiGHS LP optimum, and it meets supply and capacity", (p) => {
    const s = solveTransport(p);
    const lp = transportLp(highs, p.rows, p.cols, p.cost, p.supply, p.capacity);
    expect(lp).not.toBeNull();
    const cost = objective(p, s.flow);
    expect(Math.abs(cost - (lp as number))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(lp as number)));
    for (let i = 0; i < p.rows; i++) {
      let out = 0;
      for (let j = 0; j < p.cols; j++) out += s.flow[i * p.cols + j];
      expect(out).toBeCloseTo(p.supply[i], 9);
    }
    for (let j = 0; j < p.cols; j++) {
      let load = 0;
      for (let i = 0; i < p.rows; i++) load += s.flow[i * p.cols + j];
      expect(load).toBeLessThanOrEqual(p.capacity[j] * (1 + 1e-9) + 1e-9);
    }
  });
});
