// Internal boundary helpers shared by access and catchment: check a matrix's shape, and line
// up per-origin / per-destination values given as arrays or as records keyed by id.
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../errors.js";
import type { CostMatrix } from "../model/types.js";
import { describeValue } from "./describe.js";

export type { AlignedLabels, AlignedValues } from "../model/types.js";


function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/**
 * Throw unless `matrix` has the {@link CostMatrix} shape: id arrays and `origins × destinations`
 * Float64Array minutes. O(origins + destinations): cells are not read (see {@link checkMatrix}).
 */
export function checkMatrixShape(where: string, matrix: unknown, argument = "matrix"): CostMatrix {
  const m = matrix as Partial<CostMatrix> | null;
  if (m === null || typeof m !== "object" || !Array.isArray(m.origins) || !Array.isArray(m.destinations) || !(m.minutes instanceof Float64Array)) {
    throw new InvalidInputError(where, [
      { path: argument, message: "expected a CostMatrix { origins, destinations, minutes: Float64Array } (see createCostMatrix)" },
    ]);
  }
  const cols = m.destinations.length;
  if (m.minutes.length !== m.origins.length * cols) {
    throw new NotAlignedError(where, `${argument}.minutes`, m.minutes.length, m.origins.length * cols, `${argument}.origins × ${argument}.destinations`);
  }
  for (const side of ["origins", "destinations"] as const) {
    const ids = m[side] as readonly unknown[];
    for (let k = 0; k < ids.length; k++) {
      if (typeof ids[k] !== "string") throw new InvalidInputError(where, [{ path: `${argument}.${side}[${k}]`, message: `expected a string id (got ${describeValue(ids[k])})` }]);
    }
  }
  return m as CostMatrix;
}

/** Throw unless `matrix` has the {@link CostMatrix} shape and non-negative (or Infinity) minutes. */
export function checkMatrix(where: string, matrix: unknown, argument = "matrix"): CostMatrix {
  const m = checkMatrixShape(where, matrix, argument);
  const cols = m.destinations.length;
  // NaN and negative minutes are errors naming the cell, never read as unreachable or as a saving
  const minutes = m.minutes;
  for (let k = 0; k < minutes.length; k++) {
    const v = minutes[k];
    if (!(v >= 0)) {
      const i = Math.floor(k / cols);
      throw new InvalidInputError(where, [
        {
          path: `${argument}.minutes[${k}]`,
          message: `minutes from "${String(m.origins[i])}" to "${String(m.destinations[k % cols])}" must be a non-negative number or Infinity (got ${Number.isNaN(v) ? "NaN" : String(v)}); build matrices with createCostMatrix`,
        },
      ]);
    }
  }
  return m as CostMatrix;
}

/** Where per-id values are read: the caller, the argument's path, the ids and what they are. */
export interface AlignTarget {
  readonly where: string;
  /** The argument's path in messages, e.g. `"options.population"`. */
  readonly argument: string;
  readonly ids: readonly string[];
  /** What the ids are, for messages, e.g. `"matrix.origins"`. */
  readonly against: string;
}

/** One id's entry: the value given (undefined when a record has no key for the id) and its path. */
export interface AlignedEntry {
  readonly value: unknown;
  readonly path: string;
  /** False when a record has no own key for the id. */
  readonly given: boolean;
}

/**
 * The one way to line up per-id values: `values` is an array (or typed array) with one entry
 * per id, or a record keyed by id (own keys only; a key that is not an id is an error).
 * Throws {@link NotAlignedError} for an array of the wrong length, {@link UnknownIdError} for
 * an unknown record key, {@link InvalidInputError} for anything else (`shape` says what was
 * expected; default: an array aligned with the ids or a record keyed by id).
 */
export function alignedEntries(target: AlignTarget, values: unknown, shape?: string): AlignedEntry[] {
  const { where, argument, ids, against } = target;
  if (isArrayLike(values)) {
    if (values.length !== ids.length) throw new NotAlignedError(where, argument, values.length, ids.length, against);
    return Array.from({ length: ids.length }, (_, i) => ({ value: values[i], path: `${argument}[${i}]`, given: true }));
  }
  if (values === null || typeof values !== "object") {
    const expected = shape ?? `an array aligned with ${against} or a record keyed by id`;
    throw new InvalidInputError(where, [{ path: argument, message: `expected ${expected} (got ${describeValue(values)})` }]);
  }
  const record = values as Record<string, unknown>;
  const known = new Set(ids);
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw new UnknownIdError(where, `${argument} key`, key, `${argument}.${key}`, `Keys must be ids of ${against}.`);
  }
  return ids.map((id) => {
    const given = Object.prototype.hasOwnProperty.call(record, id);
    return { value: given ? record[id] : undefined, path: `${argument}.${id}`, given };
  });
}

/** The error for a record with no entry for `id` (`what`: "value", "label"). */
function missingEntry(target: AlignTarget, values: unknown, id: string, what: string): NotAlignedError {
  const keys = Object.keys(values as object).length;
  return new NotAlignedError(target.where, `${target.argument} (no ${what} for "${id}")`, keys, target.ids.length, target.against);
}

/**
 * Line up non-negative finite numbers with `ids`. Arrays must have one entry per id; records
 * must have exactly the ids as keys.
 */
export function alignValues(
  where: string,
  argument: string,
  values: unknown,
  ids: readonly string[],
  against: string,
  rule: "nonNegative" | "positive" = "nonNegative",
): Float64Array {
  const target = { where, argument, ids, against };
  const entries = alignedEntries(target, values);
  const out = new Float64Array(ids.length);
  const want = rule === "positive" ? "a positive finite number" : "a non-negative finite number";
  for (let i = 0; i < ids.length; i++) {
    const { value: v, path, given } = entries[i];
    if (!given) throw missingEntry(target, values, ids[i], "value");
    const ok = typeof v === "number" && Number.isFinite(v) && (rule === "positive" ? v > 0 : v >= 0);
    if (!ok) throw new InvalidInputError(where, [{ path, message: `value for "${ids[i]}" must be ${want} (got ${describeValue(v)})` }]);
    out[i] = v as number;
  }
  return out;
}

/** Line up group labels (non-empty strings or finite numbers) with `ids`. */
export function alignLabels(where: string, argument: string, values: unknown, ids: readonly string[], against: string): (string | number)[] {
  const target = { where, argument, ids, against };
  return alignedEntries(target, values).map(({ value: v, path, given }, i) => {
    if (!given) throw missingEntry(target, values, ids[i], "label");
    if ((typeof v === "string" && v.length > 0) || (typeof v === "number" && Number.isFinite(v))) return v;
    throw new InvalidInputError(where, [{ path, message: `a group label must be a non-empty string or a finite number (got ${describeValue(v)})` }]);
  });
}

/**
 * Column indices of `among` (ids of `matrix.destinations`), in matrix column order so ties
 * break by destination input order; all columns when `among` is undefined.
 */
export function resolveColumns(where: string, matrix: CostMatrix, among: readonly string[] | undefined, argument = "options.among"): Int32Array {
  const cols = matrix.destinations.length;
  if (among === undefined) return Int32Array.from({ length: cols }, (_, j) => j);
  const index = new Map<string, number>();
  for (let j = 0; j < cols; j++) index.set(matrix.destinations[j], j);
  const picked = new Uint8Array(cols);
  for (let k = 0; k < among.length; k++) {
    const j = index.get(among[k]);
    if (j === undefined) {
      throw new UnknownIdError(where, "site", among[k], `${argument}[${k}]`, "Pass ids of matrix.destinations.");
    }
    picked[j] = 1;
  }
  const out: number[] = [];
  for (let j = 0; j < cols; j++) if (picked[j] === 1) out.push(j);
  return Int32Array.from(out);
}

/**
 * Each row's nearest column among `columns` (ties: the earlier column). `-1` and `Infinity`
 * when no column is reachable.
 */
export function nearestColumns(matrix: CostMatrix, columns: Int32Array): { index: Int32Array; minutes: Float64Array } {
  // hot path
  const rows = matrix.origins.length;
  const cols = matrix.destinations.length;
  const m = matrix.minutes;
  const index = new Int32Array(rows).fill(-1);
  const minutes = new Float64Array(rows).fill(Infinity);
  const k = columns.length;
  if (k === cols) {
    // every column, in order: skip the indirection
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      let best = Infinity;
      let arg = -1;
      for (let j = 0; j < cols; j++) {
        const t = m[base + j];
        if (t < best) {
          best = t;
          arg = j;
        }
      }
      index[i] = arg;
      minutes[i] = best;
    }
    return { index, minutes };
  }
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let best = Infinity;
    let arg = -1;
    for (let c = 0; c < k; c++) {
      const j = columns[c];
      const t = m[base + j];
      if (t < best) {
        best = t;
        arg = j;
      }
    }
    index[i] = arg;
    minutes[i] = best;
  }
  return { index, minutes };
}
