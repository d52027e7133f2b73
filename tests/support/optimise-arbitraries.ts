import { fc } from "@fast-check/vitest";
import { createCostMatrix } from "../../src/model/index.js";
import type { CostMatrix } from "../../src/model/index.js";

/** Tiny instances: 1–9 zones × 2–7 sites, integer minutes 0–60 (some unreachable), weights 0–9. */
export const arbInstance = (opts: { unreachable?: boolean } = {}) =>
  fc
    .record({ n: fc.integer({ min: 1, max: 9 }), m: fc.integer({ min: 2, max: 7 }) })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        minutes: fc.array(
          opts.unreachable ? fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }) : fc.integer({ min: 0, max: 60 }),
          { minLength: n * m, maxLength: n * m },
        ),
        weights: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
        p: fc.integer({ min: 1, max: m }),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
    )
    .map(({ n, m, minutes, weights, p, seed }) => ({
      matrix: createCostMatrix(
        Array.from({ length: n }, (_, i) => `z${i}`),
        Array.from({ length: m }, (_, j) => `s${j}`),
        minutes,
      ) as CostMatrix,
      weights,
      p,
      seed,
    }));
