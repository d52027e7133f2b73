import { InvalidInputError } from "../../errors.js";
import { alignedEntries } from "../../internal/align.js";
import { describeValue } from "../../internal/describe.js";
import { neumaierSum } from "../../internal/summation.js";
import type { Sourced } from "../../model/index.js";

/** Describe a bad number for a message: `NaN`, `-3`, `"abc"`. */
export const show = describeValue;

/**
 * Read one value per id from an array aligned with `ids` or a record keyed by id, checking
 * that each is a finite non-negative number (or `Infinity` when `allowInfinity`); every bad
 * entry is reported (a record without an id's key reads as undefined).
 */
export function alignedValues(
  where: string,
  argument: string,
  value: unknown,
  ids: readonly string[],
  against: string,
  allowInfinity = false,
): Float64Array {
  const entries = alignedEntries({ where, argument, ids, against }, value);
  const out = new Float64Array(ids.length);
  const issues: { path: string; message: string }[] = [];
  entries.forEach(({ value: v, path }, i) => {
    const ok = typeof v === "number" && !Number.isNaN(v) && v >= 0 && (allowInfinity || v !== Infinity);
    if (ok) out[i] = v;
    else issues.push({ path, message: `${argument} for "${ids[i]}" must be a ${allowInfinity ? "" : "finite "}non-negative number (got ${show(v)})` });
  });
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
