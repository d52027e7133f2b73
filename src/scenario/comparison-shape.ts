// The shape of a ScenarioComparison, checked where a comparison comes back in from the caller
// (the CSV, Markdown and HTML writers), so a hand-built or truncated one is a coded error
// naming the path instead of a TypeError deep inside a writer. Loose objects: extra keys pass.
import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import type { ScenarioComparison } from "./compare-scenarios.js";
import type { ComparableResult } from "./metrics.js";

// Infinity is a value in a comparison (unreachable minutes); NaN never is
const num = z.custom<number>((v) => typeof v === "number" && !Number.isNaN(v), "expected a number (Infinity allowed, not NaN)");
const nullableNum = z.nullable(num);
const str = z.string();

const TradeOffShape = z.looseObject({ metric: str, label: str, unit: str, baseline: num, value: num, delta: num, materiality: num });
const DecileShape = z.looseObject({ population: num, zones: num, byImdDecile: z.record(z.string(), num) });

const ComparisonShapeSchema = z.looseObject({
  baseline: str,
  scenarios: z.array(z.looseObject({ id: str, name: str })),
  rows: z.array(
    z.looseObject({
      metric: str,
      label: str,
      unit: str,
      better: str,
      materiality: nullableNum,
      cells: z.array(z.looseObject({ scenario: str, value: nullableNum, delta: nullableNum, reason: z.nullable(str), change: z.nullable(str) })),
    }),
  ),
  criteria: z.array(z.looseObject({ metric: str, label: str, better: str, used: z.boolean(), note: z.nullable(str) })),
  nonDominated: z.array(str),
  options: z.array(
    z.looseObject({
      scenario: str,
      name: str,
      better: z.array(TradeOffShape),
      worse: z.array(TradeOffShape),
      unknown: z.array(z.looseObject({ metric: str, label: str, reason: str })),
      nonDominated: z.boolean(),
      dominatedBy: z.array(str),
    }),
  ),
  ranking: z.nullable(
    z.looseObject({
      method: str,
      criterion: str,
      keys: z.array(z.looseObject({ metric: str, better: str, weight: nullableNum })),
      order: z.array(z.looseObject({ rank: num, scenario: str, name: str, baseline: z.boolean(), values: z.array(num), score: nullableNum, cautions: z.array(str) })),
      unranked: z.array(z.looseObject({ scenario: str, name: str, reason: str })),
    }),
  ),
  gainersLosers: z.array(
    z.looseObject({
      scenario: str,
      measure: str,
      thresholdMinutes: num,
      further: DecileShape,
      nearer: DecileShape,
      changes: z.array(z.looseObject({ zone: str, population: num, imdDecile: nullableNum, baselineMinutes: num, minutes: num, deltaMinutes: num })),
    }),
  ),
  switches: z.array(z.looseObject({ scenario: str, zone: str, from: z.nullable(str), to: z.nullable(str), population: num })),
  warnings: z.array(str),
});

/**
 * Throw an InvalidInputError naming the first bad paths unless `value` has the shape of a
 * {@link ScenarioComparison} (as `compareScenarios` returns it). Returns `value` itself.
 */
export function checkComparison(where: string, value: unknown, argument = "comparison"): ScenarioComparison {
  parseInput(where, ComparisonShapeSchema, value, argument);
  return value as ScenarioComparison;
}

const nullableStr = z.nullable(str);

/** The part of a scenario result that compareScenarios reads (see ComparableResult). */
const ComparableResultShape = z.looseObject({
  scenario: z.looseObject({ id: str, name: str }),
  metrics: z.array(z.looseObject({ key: str, label: str, unit: str, better: z.enum(["lower", "higher", "neither"]), value: nullableNum, reason: z.optional(str) })),
  zones: z.array(
    z.looseObject({
      zone: str,
      population: num,
      imdDecile: nullableNum,
      district: nullableStr,
      urbanRural: nullableStr,
      hub: nullableStr,
      hubMinutes: num,
      spoke: nullableStr,
      spokeMinutes: num,
      hierarchicalHub: nullableStr,
    }),
  ),
});

/** Throw an InvalidInputError naming the bad paths unless `value` has a {@link ComparableResult}'s shape. */
export function checkComparableResult(where: string, value: unknown, argument: string): ComparableResult {
  parseInput(where, ComparableResultShape, value, argument);
  return value as ComparableResult;
}
