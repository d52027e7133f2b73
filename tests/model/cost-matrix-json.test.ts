import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { InvalidInputError, costMatrixToJSON, createCostMatrix } from "../../src/index.js";

describe("costMatrixToJSON", () => {
  it("writes plain arrays with null for unreachable, and keeps the provenance", () => {
    const m = createCostMatrix(["z1", "z2"], ["hubA"], [12.5, Infinity], { engine: "test" } as never);
    const json = costMatrixToJSON(m);
    expect(JSON.stringify(json)).toBe('{"origins":["z1","z2"],"destinations":["hubA"],"minutes":[12.5,null],"provenance":{"engine":"test"}}');
    expect(Array.isArray(json.minutes)).toBe(true);
  });
  it("rejects what is not a cost matrix, and NaN cells, with a coded error", () => {
    expect(() => costMatrixToJSON(null as never)).toThrowError(InvalidInputError);
    expect(() => costMatrixToJSON({ origins: ["a"], destinations: ["x"], minutes: [1] } as never)).toThrowError(/costMatrixToJSON: .*matrix: expected a CostMatrix/);
    expect(() => costMatrixToJSON({ origins: ["a"], destinations: ["x"], minutes: Float64Array.of(Number.NaN) })).toThrowError(/matrix\.minutes\[0\].*got NaN/);
  });
});

// round trip through JSON text: createCostMatrix(costMatrixToJSON(m)) is m, cell for cell
test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.infiniteStream(fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)))])(
  "costMatrixToJSON round-trips through JSON text and createCostMatrix",
  (rows, cols, stream) => {
    const origins = Array.from({ length: rows }, (_, i) => `o${i}`);
    const destinations = Array.from({ length: cols }, (_, j) => `d${j}`);
    const m = createCostMatrix(origins, destinations, Array.from({ length: rows * cols }, () => stream.next().value as number));
    const parsed = JSON.parse(JSON.stringify(costMatrixToJSON(m)));
    const back = createCostMatrix(parsed.origins, parsed.destinations, parsed.minutes);
    expect(back.origins).toEqual(m.origins);
    expect(Array.from(back.minutes).every((v, k) => Object.is(v, m.minutes[k]))).toBe(true);
  },
);
