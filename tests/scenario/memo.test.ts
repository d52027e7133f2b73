import { expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { ScenarioMemo, memoSlot } from "../../src/scenario/internal/memo.js";

it("ScenarioMemo keeps slots, key parts and their types apart, and clear() forgets results but not hashes", () => {
  const memo = new ScenarioMemo();
  const a = memoSlot<string>("a");
  const b = memoSlot<string>("b");
  expect(memo.result(a, ["x", "y"], () => "1")).toBe("1");
  expect(memo.result(a, ["x\u0000y"], () => "2")).toBe("2");
  expect(memo.result(a, [1], () => "3")).toBe("3");
  expect(memo.result(a, ["1"], () => "4")).toBe("4");
  expect(memo.result(b, ["x", "y"], () => "5")).toBe("5");
  expect(memo.result(a, ["x", "y"], () => "again")).toBe("1");
  expect(memo.resultCount()).toBe(5);
  const owner = {};
  expect(memo.hash(owner, () => "h")).toBe("h");
  memo.clear();
  expect(memo.resultCount()).toBe(0);
  expect(memo.hash(owner, () => "other")).toBe("h");
});

test.prop([fc.array(fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxLength: 3 }), { maxLength: 20 })], { seed: 2301 })(
  "a result is computed once per distinct key, whatever its parts hold",
  (keys) => {
    const memo = new ScenarioMemo();
    const slot = memoSlot<number>("s");
    let calls = 0;
    for (const k of keys) memo.result(slot, k, () => ++calls);
    expect(calls).toBe(new Set(keys.map((k) => JSON.stringify(k))).size);
  },
);
