import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createIndexedHeap, heapDown, heapUp, type IndexedHeap } from "../../src/routing/internal/heap.js";

/** Push node v, or move its key up or down (as the contraction order does). */
function set(h: IndexedHeap, size: number, v: number, key: number): number {
  const at = h.pos[v];
  if (at < 0) {
    heapUp(h, size, v, key);
    return size + 1;
  }
  heapUp(h, at, v, key);
  heapDown(h, size, h.pos[v], v, key);
  return size;
}

/** Pop the top, the way the kernels do; returns [node, key, new size]. */
function pop(h: IndexedHeap, size: number): [number, number, number] {
  const v = h.nodes[0];
  const k = h.keys[0];
  h.pos[v] = -2;
  const left = size - 1;
  if (left > 0) heapDown(h, left, 0, h.nodes[left], h.keys[left]);
  return [v, k, left];
}

describe("indexed heap", () => {
  it("pops in key order, and a decreased key moves up", () => {
    const h = createIndexedHeap(5);
    let size = 0;
    size = set(h, size, 0, 5);
    size = set(h, size, 1, 3);
    size = set(h, size, 2, 4);
    size = set(h, size, 3, 1);
    size = set(h, size, 2, 0.5); // decrease-key
    const order: number[] = [];
    while (size > 0) {
      const [v, , left] = pop(h, size);
      order.push(v);
      size = left;
    }
    expect(order).toEqual([2, 3, 1, 0]);
    expect(Array.from(h.pos.slice(0, 4))).toEqual([-2, -2, -2, -2]);
    expect(h.pos[4]).toBe(-1);
  });

  it("breaks equal keys by the tie array, smaller first", () => {
    const tie = Int32Array.of(3, 1, 2, 0);
    const h = createIndexedHeap(4, tie);
    let size = 0;
    for (let v = 0; v < 4; v++) size = set(h, size, v, 7);
    const order: number[] = [];
    while (size > 0) {
      const [v, , left] = pop(h, size);
      order.push(v);
      size = left;
    }
    expect(order).toEqual([3, 1, 2, 0]);
  });
});

// operations: set node v (0..15) to a key (push, decrease or increase), or pop the top
const arbOps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("set" as const), v: fc.nat(15), key: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ op: fc.constant("pop" as const) }),
  ),
  { maxLength: 120 },
);

test.prop([arbOps, fc.boolean()], { seed: 1819, numRuns: 300 })(
  "matches a sorted-array oracle: same (key, tie) order of pops, positions kept in step",
  (ops, withTie) => {
    const n = 16;
    const tie = withTie ? Int32Array.from({ length: n }, (_, v) => (v * 7) % n) : null;
    const h = createIndexedHeap(n, tie);
    let size = 0;
    const oracle = new Map<number, number>(); // node -> key
    for (const o of ops) {
      if (o.op === "set") {
        if (h.pos[o.v] === -2) h.pos[o.v] = -1; // popped nodes may come back
        size = set(h, size, o.v, o.key);
        oracle.set(o.v, o.key);
      } else if (size > 0) {
        const [v, k, left] = pop(h, size);
        size = left;
        const best = Math.min(...oracle.values());
        expect(k).toBe(best);
        // with a tie array the order of equal keys is fixed: the smallest tie value
        if (tie !== null) {
          const candidates = [...oracle].filter(([, key]) => key === best).map(([u]) => u);
          expect(v).toBe(candidates.reduce((a, b) => (tie[b] < tie[a] ? b : a)));
        }
        expect(oracle.get(v)).toBe(k);
        oracle.delete(v);
      }
      expect(size).toBe(oracle.size);
      for (let i = 0; i < size; i++) {
        expect(h.pos[h.nodes[i]]).toBe(i);
        if (i > 0) expect(h.keys[(i - 1) >> 1]).toBeLessThanOrEqual(h.keys[i]);
      }
    }
    // draining gives the oracle sorted by (key, tie)
    const drained: number[] = [];
    while (size > 0) {
      const [, k, left] = pop(h, size);
      drained.push(k);
      size = left;
    }
    expect(drained).toEqual([...oracle.values()].sort((a, b) => a - b));
  },
);
