import { Fnv1a64, fnv1a64 } from "../internal/hash.js";

export { fnv1a64 } from "../internal/hash.js";

/**
 * Canonical JSON: object keys sorted, `undefined` fields dropped, typed arrays as arrays,
 * non-finite numbers as the strings `"Infinity"`, `"-Infinity"`, `"NaN"` (so they differ
 * from `null`), graphology graphs through their `export()`.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join("");
}

function write(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push("null");
    return;
  }
  switch (typeof value) {
    case "number":
      out.push(Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value)));
      return;
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "bigint":
      out.push(JSON.stringify(value.toString()));
      return;
    case "object":
      break;
    default:
      out.push("null");
      return;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    writeArray(Array.from(value as unknown as ArrayLike<number>), out);
    return;
  }
  if (Array.isArray(value)) {
    writeArray(value, out);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.export === "function" && typeof obj.forEachEdge === "function") {
    write((obj.export as () => unknown)(), out);
    return;
  }
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  out.push("{");
  keys.forEach((k, n) => {
    if (n > 0) out.push(",");
    out.push(JSON.stringify(k), ":");
    write(obj[k], out);
  });
  out.push("}");
}

function writeArray(items: readonly unknown[], out: string[]): void {
  out.push("[");
  for (let n = 0; n < items.length; n++) {
    if (n > 0) out.push(",");
    write(items[n], out);
  }
  out.push("]");
}

/**
 * A deterministic content hash of any plain value: FNV-1a 64 of its canonical JSON
 * (sorted keys), prefixed `fnv1a64:`. Equal content gives an equal hash whatever the key order.
 *
 * @param value - Plain data (objects, arrays, numbers, strings, typed arrays, graphology graphs).
 * @returns e.g. `"fnv1a64:af63dc4c8601ec8c"`.
 * @example
 * contentHash({ b: 1, a: 2 }) === contentHash({ a: 2, b: 1 }); // true
 */
export function contentHash(value: unknown): string {
  return `fnv1a64:${fnv1a64(canonicalJson(value))}`;
}

interface GraphLike {
  forEachNode(cb: (key: string, attributes: Record<string, unknown>) => void): void;
  forEachEdge(cb: (key: string, attributes: Record<string, unknown>, source: string, target: string) => void): void;
}

/**
 * A content hash of a road graph over what routing and snapping read: node keys and
 * `lon`/`lat`; edge keys, ends, `minutes`, `metres`, `highway` and intermediate
 * `coordinates`, in the graph's iteration order. Streams (no JSON string), so a 60k-node graph
 * hashes in tens of milliseconds.
 */
export function graphContentHash(graph: GraphLike): string {
  const h = new Fnv1a64();
  const num = (v: unknown) => h.number(typeof v === "number" ? v : Number.NaN);
  graph.forEachNode((key, a) => {
    h.string(key);
    num(a.lon);
    num(a.lat);
  });
  graph.forEachEdge((key, a, source, target) => {
    h.string(key);
    h.string(source);
    h.string(target);
    num(a.minutes);
    num(a.metres);
    h.string(typeof a.highway === "string" ? a.highway : "");
    const coords = a.coordinates;
    if (Array.isArray(coords)) {
      num(coords.length);
      for (const c of coords as unknown[]) {
        if (Array.isArray(c)) {
          num(c[0]);
          num(c[1]);
        }
      }
    } else num(-1);
  });
  return `fnv1a64-graph:${h.digest()}`;
}

/** FNV-1a 64 of numbers' IEEE-754 bytes (a cheap key for a load vector). */
export function numbersHash(values: ArrayLike<number>): string {
  const h = new Fnv1a64();
  h.number(values.length);
  for (let k = 0; k < values.length; k++) h.number(values[k]);
  return h.digest();
}
