import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { decodeVarints, deltaEncode, encodeVarints, undeltaInPlace } from "../../src/kent-medway/codec.js";

describe("fixture codec", () => {
  it("encodes the documented example and decodes it back", () => {
    expect(encodeVarints([0, -1, 40])).toBe("ABwC");
    expect(Array.from(decodeVarints("ABwC"))).toEqual([0, -1, 40]);
  });

  test.prop([fc.array(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), { maxLength: 200 })], { seed: 18, numRuns: 200 })(
    "decode(encode(v)) = v, and undelta(delta(v)) = v",
    (values) => {
      expect(Array.from(decodeVarints(encodeVarints(values)))).toEqual(values);
      const small = values.map((v) => v >> 2); // keep the running sums within Int32
      expect(Array.from(undeltaInPlace(Int32Array.from(deltaEncode(small))))).toEqual(small);
    },
  );

  it("refuses values it cannot encode, naming the index", () => {
    expect(() => encodeVarints([1, 0.5])).toThrow(InvalidInputError);
    expect(() => encodeVarints([2 ** 31])).toThrow(/values\[0\]/);
    expect(() => encodeVarints([Number.NaN])).toThrow(InvalidInputError);
  });
});
