import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { contentHash } from "../../src/index.js";
import { canonicalJson, fnv1a64 } from "../../src/scenario/content-hash.js";
import { testGraph } from "../support/scenario-fixtures.js";

describe("contentHash", () => {
  it("fnv1a64 matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("contentHash(value) ignores key order and distinguishes Infinity from null", () => {
    expect(contentHash({ b: 1, a: [1, 2] })).toBe(contentHash({ a: [1, 2], b: 1 }));
    expect(contentHash({ a: Infinity })).not.toBe(contentHash({ a: null }));
    expect(canonicalJson({ b: undefined, a: new Float64Array([1, Infinity]) })).toBe('{"a":[1,"Infinity"]}');
    expect(contentHash(testGraph())).toBe(contentHash(testGraph()));
    expect(contentHash({ x: 1 })).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
  });

  test.prop([fc.jsonValue()])("equal values hash equally; the canonical form round-trips through JSON", (value) => {
    expect(contentHash(value)).toBe(contentHash(structuredClone(value)));
    expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
  });
});
