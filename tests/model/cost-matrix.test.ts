import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { DuplicateIdError, InvalidInputError, NotAlignedError, UnknownIdError, createCostMatrix, matrixMinutes, selectDestinations } from "../../src/index.js";

describe("createCostMatrix", () => {
  it("createCostMatrix(origins, destinations, minutes) reads null as unreachable", () => {
    const m = createCostMatrix(["a", "b"], ["x", "y"], [1, 2, null, Infinity]);
    expect(Array.from(m.minutes)).toEqual([1, 2, Infinity, Infinity]);
    expect(matrixMinutes(m, "a", "y")).toBe(2);
  });
  it("rejects NaN and negative minutes naming the pair", () => {
    expect(() => createCostMatrix(["a"], ["x"], [Number.NaN])).toThrowError(InvalidInputError);
    expect(() => createCostMatrix(["a"], ["x", "y"], [1, -2])).toThrowError(
      'createCostMatrix: invalid input (1 problem): minutes[1]: minutes from "a" to "y" must be a non-negative number or Infinity (got -2).',
    );
  });
  it("rejects a wrong length and duplicate ids", () => {
    expect(() => createCostMatrix(["a"], ["x"], [1, 2])).toThrowError(NotAlignedError);
    expect(() => createCostMatrix(["a", "a"], ["x"], [1, 2])).toThrowError(DuplicateIdError);
  });
  it("matrixMinutes rejects unknown ids", () => {
    const m = createCostMatrix(["a"], ["x"], [1]);
    expect(() => matrixMinutes(m, "b", "x")).toThrowError(UnknownIdError);
  });
});

test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.infiniteStream(fc.double({ min: 0, max: 500, noNaN: true }))])(
  "selectDestinations keeps exactly the chosen columns",
  (rows, cols, stream) => {
    const values = Array.from({ length: rows * cols }, () => stream.next().value as number);
    const origins = Array.from({ length: rows }, (_, i) => `o${i}`);
    const dests = Array.from({ length: cols }, (_, j) => `d${j}`);
    const m = createCostMatrix(origins, dests, values);
    const pick = dests.filter((_, j) => j % 2 === 0).reverse();
    const s = selectDestinations(m, pick);
    for (const o of origins) for (const d of pick) expect(matrixMinutes(s, o, d)).toBe(matrixMinutes(m, o, d));
  },
);
