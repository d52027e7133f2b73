// One check for everything a writer turns into text (CSV, JSON, GeoJSON, SVG, HTML, Markdown):
// no NaN, no Infinity where it means nothing, no negative minutes, no null or non-finite
// coordinate. A bad value is an InvalidInputError naming its path (`rows[3].minutes`) and value;
// writers never print "NaN" or write `[null, 51]`.
import { InvalidInputError } from "../errors.js";
import { describeValue } from "./describe.js";

/** Which infinities a writer can show. */
export type InfinityRule =
  /** `+Infinity` is unreachable (written as an empty cell, `null` or "unreachable"); `-Infinity` is an error. */
  | "unreachable"
  /** `±Infinity` are meaningful, e.g. a change to or from unreachable. */
  | "signed"
  /** No infinity at all (pixel sizes, coordinates). */
  | "none";

/**
 * True for keys that hold a travel time: `minutes` or a name ending in `Minutes`
 * (`meanMinutes`, `baselineMinutes`), but not a difference, which may be negative
 * (`deltaMinutes`, `changeMinutes`, `deprivationGapMinutes`, `meanExtraMinutes`).
 */
export function isMinutesKey(key: string): boolean {
  if (key !== "minutes" && !key.endsWith("Minutes")) return false;
  return !/delta|change|diff|gap|extra/i.test(key);
}

function joinPath(parts: readonly (string | number)[]): string {
  let out = "";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else if (out === "") out = p;
    else out += /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** The problem with one number under `key`, or null when it may be written. */
export function numberProblem(value: number, key: string | number | undefined, infinity: InfinityRule): string | null {
  if (Number.isNaN(value)) return "NaN is not a number a writer can show; fix the value (unknown is null)";
  if (value === Infinity && infinity === "none") return "Infinity is not allowed here; pass a finite number";
  if (value === -Infinity && infinity !== "signed") return "-Infinity is not allowed here; pass a finite number (or Infinity for unreachable)";
  if (value < 0 && typeof key === "string" && isMinutesKey(key)) return "minutes cannot be negative; travel times are 0 or more, Infinity when unreachable";
  return null;
}

/** Fast path: a value that needs no walking and no path (a fine number, a string, a boolean, null outside coordinates). */
function plainOk(v: unknown, key: string | number | undefined, inCoordinates: boolean): boolean {
  // infinities go the slow way, where the rule decides
  if (typeof v === "number") return Number.isFinite(v) && (v >= 0 || inCoordinates || !(typeof key === "string" && isMinutesKey(key)));
  if (typeof v === "string" || typeof v === "boolean") return !inCoordinates;
  return (v === null || v === undefined) && !inCoordinates;
}

function fail(where: string, path: string, value: unknown, problem: string): never {
  throw new InvalidInputError(where, [{ path, message: `${problem} (got ${describeValue(value)})` }]);
}

/**
 * Throw {@link InvalidInputError} at the first value under `value` that a writer must not write:
 * NaN, an infinity the rule does not allow, a negative number under a minutes key
 * ({@link isMinutesKey}), or a GeoJSON `coordinates` array with a null or non-finite entry.
 * Walks arrays, typed arrays, Maps, Sets and plain objects (own enumerable keys); a circular
 * reference is an error too. The path starts at `path` (e.g. `rows`, `comparison`).
 */
export function checkWritable(where: string, value: unknown, path: string, infinity: InfinityRule = "unreachable"): void {
  const parts: (string | number)[] = [path];
  const ancestors = new Set<object>();
  const walk = (v: unknown, key: string | number | undefined, inCoordinates: boolean): void => {
    if (typeof v === "number") {
      const problem = inCoordinates ? (Number.isFinite(v) ? null : "a coordinate must be a finite number") : numberProblem(v, key, infinity);
      if (problem !== null) fail(where, joinPath(parts), v, problem);
      return;
    }
    if (v === null || v === undefined) {
      if (inCoordinates) fail(where, joinPath(parts), v, "a coordinate must be a finite number");
      return;
    }
    if (typeof v !== "object") {
      if (inCoordinates) fail(where, joinPath(parts), v, "a coordinate must be a finite number");
      return;
    }
    if (ancestors.has(v)) fail(where, joinPath(parts), v, "a circular reference cannot be written");
    ancestors.add(v);
    const child = (k: string | number, c: unknown, coords: boolean) => {
      parts.push(k);
      walk(c, typeof k === "number" ? key : k, coords);
      parts.pop();
    };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      // tight loop (a matrix can hold millions of cells); the path is built only for a bad cell
      const a = v as unknown as ArrayLike<number>;
      const minutes = typeof key === "string" && isMinutesKey(key);
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (typeof x !== "number" || (x >= 0 && x < Infinity) || (x < 0 && x > -Infinity && !minutes && !inCoordinates) || (x === Infinity && infinity !== "none" && !inCoordinates)) continue;
        child(i, x, inCoordinates);
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!plainOk(v[i], key, inCoordinates)) child(i, v[i], inCoordinates);
    } else if (v instanceof Map) {
      for (const [k, c] of v) child(String(k), c, false);
    } else if (v instanceof Set) {
      let i = 0;
      for (const c of v) child(i++, c, false);
    } else {
      for (const k of Object.keys(v)) {
        const c = (v as Record<string, unknown>)[k];
        const coords = inCoordinates || k === "coordinates";
        if (!plainOk(c, k, coords)) child(k, c, coords);
      }
    }
    ancestors.delete(v);
  };
  walk(value, undefined, false);
}

/**
 * Throw unless `location` is a `[lon, lat]` (or `[lon, lat, z]`) pair of finite numbers, naming `path`.
 */
export function checkLocation(where: string, location: unknown, path: string): void {
  if (!Array.isArray(location) || location.length < 2 || location.length > 3) {
    fail(where, path, location, "a location must be [lon, lat] with finite numbers");
  }
  for (let k = 0; k < location.length; k++) {
    const c: unknown = location[k];
    if (typeof c !== "number" || !Number.isFinite(c)) fail(where, `${path}[${k}]`, c, "a coordinate must be a finite number");
  }
}
