// The compact integer codec of the bundled fixture (fixtures/kent-medway/README.md, "Format"):
// scripts/build-fixtures.ts encodes with it, the loader decodes with it. Internal: not exported
// from the package.
import { InvalidInputError } from "../errors.js";

/** URL-safe base-64 digits: JSON-safe, no escaping. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DIGIT = (() => {
  const table = new Uint8Array(128).fill(255);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Integers → compact string: zigzag (signed → unsigned), then base-64 varint digits, 5 data
 * bits per character, least significant first; a digit ≥ 32 means "more follows".
 *
 * @param values - Integers with |v| ≤ 2^30.
 * @returns The encoded string.
 * @throws {@link InvalidInputError} for a non-integer or a value beyond ±2^30.
 * @example
 * encodeVarints([0, -1, 40]); // "ABwC"
 */
export function encodeVarints(values: readonly number[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || Math.abs(v) > 2 ** 30) {
      throw new InvalidInputError("encodeVarints", [{ path: `values[${i}]`, message: `cannot encode ${v}: expected an integer within ±2^30` }]);
    }
    let u = v < 0 ? -2 * v - 1 : 2 * v;
    while (u >= 32) {
      out += ALPHABET[32 + (u & 31)];
      u = Math.floor(u / 32);
    }
    out += ALPHABET[u];
  }
  return out;
}

/**
 * Decode a string written by {@link encodeVarints}.
 *
 * @example
 * Array.from(decodeVarints("ABwC")); // [0, -1, 40]
 */
export function decodeVarints(text: string): Int32Array {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (DIGIT[text.charCodeAt(i)] < 32) count++;
  const out = new Int32Array(count);
  let value = 0;
  let shift = 1;
  for (let i = 0, k = 0; i < text.length; i++) {
    const d = DIGIT[text.charCodeAt(i)];
    if (d >= 32) {
      value += (d - 32) * shift;
      shift *= 32;
    } else {
      value += d * shift;
      out[k++] = value % 2 === 1 ? -(value + 1) / 2 : value / 2;
      value = 0;
      shift = 1;
    }
  }
  return out;
}

/** Differences from the previous value (the first from 0). */
export function deltaEncode(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = values[i] - prev;
    prev = values[i];
  }
  return out;
}

/** Undo {@link deltaEncode}, in place. */
export function undeltaInPlace(values: Int32Array): Int32Array {
  for (let i = 1; i < values.length; i++) values[i] += values[i - 1];
  return values;
}
