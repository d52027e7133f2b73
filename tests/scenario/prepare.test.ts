import { describe, expect, it } from "vitest";
import { createRouter, createScenarioCache } from "../../src/index.js";
import { memoDerived } from "../../src/scenario/prepare.js";
import { memoSlot } from "../../src/scenario/internal/memo.js";

const SLOT = memoSlot<number>("test");
import { testGraph } from "../support/scenario-fixtures.js";

describe("memoDerived (internal)", () => {
  it("computes once per object and name, keeps at most 256 per object, least recently used out", () => {
    const cache = createScenarioCache(createRouter(testGraph()));
    const owner = {};
    let calls = 0;
    const get = (name: string) => memoDerived(cache, SLOT, owner, [name], () => ++calls);
    expect(get("a")).toBe(1);
    expect(get("a")).toBe(1);
    expect(memoDerived(cache, SLOT, {}, ["a"], () => -1)).toBe(-1); // another object: its own memo
    for (let k = 0; k < 255; k++) get(`x${k}`);
    expect(calls).toBe(256);
    get("a"); // a hit refreshes "a"
    get("x255"); // 257th name: the least recently used ("x0") goes
    expect(calls).toBe(257);
    expect(get("a")).toBe(1);
    expect(get("x0")).toBe(258); // recomputed
  });
});
