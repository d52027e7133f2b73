import { fc } from "@fast-check/vitest";
import { createCostMatrix } from "../../src/model/index.js";
import type { CostMatrix } from "../../src/model/types.js";

export interface SmallMatrixCase {
  readonly matrix: CostMatrix;
  readonly population: number[];
  readonly supply: number[];
}

/** Integer minutes (some unreachable), integer populations and supplies: sums stay exact. */
export function arbMatrixCase(options: { maxRows?: number; maxCols?: number; unreachable?: boolean } = {}): fc.Arbitrary<SmallMatrixCase> {
  const { maxRows = 8, maxCols = 5, unreachable = true } = options;
  return fc
    .record({ rows: fc.integer({ min: 1, max: maxRows }), cols: fc.integer({ min: 1, max: maxCols }) })
    .chain(({ rows, cols }) =>
      fc.record({
        minutes: fc.array(
          unreachable ? fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 90 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }) : fc.integer({ min: 0, max: 90 }),
          { minLength: rows * cols, maxLength: rows * cols },
        ),
        population: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: rows, maxLength: rows }),
        supply: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: cols, maxLength: cols }),
      }).map(({ minutes, population, supply }) => ({
        matrix: createCostMatrix(
          Array.from({ length: rows }, (_, i) => `z${i}`),
          Array.from({ length: cols }, (_, j) => `s${j}`),
          minutes,
        ),
        population,
        supply,
      })),
    );
}
