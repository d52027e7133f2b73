import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { alignedEntries, alignLabels, alignValues } from "../../src/internal/align.js";
import { alignedValues } from "../../src/capacity/internal/values.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";

const target = { where: "test", argument: "options.population", ids: ["a", "b"], against: "matrix.origins" };

describe("alignedEntries (the one value-alignment helper)", () => {
  it("reads arrays, typed arrays and records keyed by id, with paths", () => {
    expect(alignedEntries(target, [1, 2]).map((e) => e.path)).toEqual(["options.population[0]", "options.population[1]"]);
    expect(alignedEntries(target, Float64Array.of(3, 4)).map((e) => e.value)).toEqual([3, 4]);
    expect(alignedEntries(target, { b: 2 })).toEqual([
      { value: undefined, path: "options.population.a", given: false },
      { value: 2, path: "options.population.b", given: true },
    ]);
  });

  it("throws coded errors for a wrong length, an unknown key, a non-object, and never reads the prototype", () => {
    expect(() => alignedEntries(target, [1])).toThrowError(NotAlignedError);
    expect(() => alignedEntries(target, { a: 1, zz: 2 })).toThrowError(UnknownIdError);
    expect(() => alignedEntries(target, null)).toThrowError(/expected an array aligned with matrix\.origins or a record keyed by id \(got null\)/);
    expect(() => alignedEntries(target, 7, "a number list")).toThrowError(/expected a number list/);
    expect(alignedEntries({ ...target, ids: ["toString"] }, {})[0].given).toBe(false);
  });

  it("each reader keeps its wording: values, labels and capacity's all-issues report", () => {
    expect(() => alignValues("t", "population", { a: 1 }, ["a", "b"], "matrix.origins")).toThrowError(/no value for "b"/);
    expect(() => alignLabels("t", "groups", { a: "x" }, ["a", "b"], "matrix.origins")).toThrowError(/no label for "b"/);
    let caught: unknown;
    try {
      alignedValues("t", "demand", { a: -1 }, ["a", "b"], "matrix.origins");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).issues.map((i) => i.path)).toEqual(["demand.a", "demand.b"]);
  });
});

test.prop([fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 8 }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 8 })], { seed: 2240 })(
  "an array and the record with the same values per id align to the same numbers",
  (ids, raw) => {
    const values = ids.map((_, i) => raw[i % Math.max(1, raw.length)] ?? 0);
    const record = Object.fromEntries(ids.map((id, i) => [id, values[i]]));
    const fromArray = alignValues("t", "v", values, ids, "ids");
    expect(Array.from(fromArray)).toEqual(values);
    expect(Array.from(alignValues("t", "v", record, ids, "ids"))).toEqual(values);
    expect(Array.from(alignedValues("t", "v", record, ids, "ids"))).toEqual(values);
  },
);
