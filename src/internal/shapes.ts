// Shape checks for arguments that are not parsed by a schema (large arrays passed through,
// results handed back to a writer): one line at a function's entry, an InvalidInputError
// naming the argument's path and what it got, never a TypeError further in.
import { InvalidInputError } from "../errors.js";

/** How a value of the wrong shape reads in a message: `null`, `an array`, `a Float64Array`, `a string`. */
export function describeShape(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function fail(where: string, path: string, expected: string, value: unknown): never {
  throw new InvalidInputError(where, [{ path, message: `expected ${expected} (got ${describeShape(value)})` }]);
}

/** A plain (non-array, non-typed-array) object. */
export function requireObject(where: string, path: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) fail(where, path, "an object", value);
  return value as Record<string, unknown>;
}

/** An array whose every item passes `item` (called with the item's path). */
export function requireArray(where: string, path: string, value: unknown, item?: (v: unknown, at: string) => void): unknown[] {
  if (!Array.isArray(value)) fail(where, path, "an array", value);
  if (item !== undefined) for (let k = 0; k < value.length; k++) item(value[k], `${path}[${k}]`);
  return value;
}

export function requireString(where: string, path: string, value: unknown): string {
  if (typeof value !== "string") fail(where, path, "a string", value);
  return value;
}
