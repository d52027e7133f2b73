import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../errors.js";
import { describeValue } from "../../internal/describe.js";
import { neumaierSum } from "../../internal/summation.js";
import type { Sourced } from "../../model/index.js";

/** Describe a bad number for a message: `NaN`, `-3`, `"abc"`. */
export const show = describeValue;

/**
 * Read one value per id from an array aligned with `ids` or a record keyed by id, checking
 * that each is a finite non-negative number (or `Infinity` when `allowInfinity`).
 */
export function alignedValues(
  where: string,
  argument: string,
  value: unknown,
  ids: readonly string[],
  against: string,
  allowInfinity = false,
): Float64Array {
  const n = ids.length;
  const out = new Float64Array(n);
  let read: (i: number) => unknown;
  let pathOf: (i: number) => string;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const arr = value as ArrayLike<unknown>;
    if (arr.length !== n) throw new NotAlignedError(where, argument, arr.length, n, against);
    read = (i) => arr[i];
    pathOf = (i) => `${argument}[${i}]`;
  } else if (value !== null && typeof value === "object") {
    const rec = value as Record<string, unknown>;
    const known = new Set(ids);
    for (const key of Object.keys(rec)) {
      if (!known.has(key)) throw new UnknownIdError(where, `${argument} key`, key, `${argument}.${key}`, `Keys must be ${against} ids.`);
    }
    read = (i) => rec[ids[i]];
    pathOf = (i) => `${argument}.${ids[i]}`;
  } else {
    throw new InvalidInputError(where, [
      { path: argument, message: `expected an array aligned with ${against} or a record keyed by id (got ${show(value)})` },
    ]);
  }
  const issues: { path: string; message: string }[] = [];
  for (let i = 0; i < n; i++) {
    const v = read(i);
    const ok = typeof v === "number" && !Number.isNaN(v) && v >= 0 && (allowInfinity || v !== Infinity);
    if (!ok) {
      issues.push({
        path: pathOf(i),
        message: `${argument} for "${ids[i]}" must be a ${allowInfinity ? "" : "finite "}non-negative number (got ${show(v)})`,
      });
    } else out[i] = v as number;
  }
  if (issues.length > 0) throw new InvalidInputError(where, issues);
  return out;
}

/** Neumaier-compensated sum of a typed array. */
export const sum = neumaierSum;

/** `"value (source)"` or `"value (assumption: rationale)"` for listing where a rate came from. */
export function describeSourced(label: string, figure: Sourced<unknown>): string {
  const v = typeof figure.value === "object" ? JSON.stringify(figure.value) : String(figure.value);
  const labelled = /^assumption\b/i.test(figure.source);
  const prefix = labelled ? "" : figure.assumption ? "assumption: " : "source: ";
  return `${label} = ${v} (${prefix}${figure.source})`;
}

/** Index order that sorts ids by code unit (locale-free, so every machine agrees). */
export function canonicalOrder(ids: readonly string[]): Int32Array {
  const idx = Array.from({ length: ids.length }, (_, i) => i);
  idx.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
  return Int32Array.from(idx);
}
