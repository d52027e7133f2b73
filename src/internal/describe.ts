// How a bad value reads inside an error message. One place, so every message shows values the
// same way. (`errors.ts` keeps its own longer form for zod issues: it truncates strings and
// counts array items.)

/** A bad input value for a message: `NaN`, `-3`, `"abc"`, `null`, `undefined`, `object`. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return value === null ? "null" : typeof value;
}

/**
 * A graph attribute's value for a message: `missing` when absent, else its JSON (`NaN`
 * spelled out), so `minutes: "12"` and `minutes: {}` read as what they are.
 */
export function describeAttribute(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  return JSON.stringify(value) ?? String(value);
}
