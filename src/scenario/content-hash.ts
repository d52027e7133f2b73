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
 * FNV-1a 64-bit hash of a string's UTF-8 bytes, as 16 lower-case hex digits. Pure JS (no
 * `node:crypto`), so it runs in browsers. Four 16-bit limbs keep every product exact.
 * Reference: Fowler, Noll & Vo, "FNV hash" (IETF draft-eastlake-fnv).
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let k = 0; k < bytes.length; k++) {
    h0 ^= bytes[k];
    // multiply by the FNV prime 2^40 + 0x1b3
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
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

/** Streaming FNV-1a 64 over bytes; strings as UTF-8, numbers as IEEE-754 little-endian bytes. */
class Fnv64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly view = new DataView(new ArrayBuffer(8));

  byte(b: number): void {
    const h0 = this.h0 ^ b;
    const t0 = h0 * 0x1b3;
    let t1 = this.h1 * 0x1b3;
    let t2 = this.h2 * 0x1b3 + (h0 << 8);
    let t3 = this.h3 * 0x1b3 + (this.h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  string(s: string): void {
    for (let k = 0; k < s.length; k++) {
      let c = s.charCodeAt(k);
      if (c >= 0xd800 && c < 0xdc00 && k + 1 < s.length) {
        const d = s.charCodeAt(k + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          k++;
        }
      }
      if (c < 0x80) this.byte(c);
      else if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 63));
      } else if (c < 0x10000) {
        this.byte(0xe0 | (c >> 12));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      } else {
        this.byte(0xf0 | (c >> 18));
        this.byte(0x80 | ((c >> 12) & 63));
        this.byte(0x80 | ((c >> 6) & 63));
        this.byte(0x80 | (c & 63));
      }
    }
    this.byte(0); // separator, so ("ab","c") ≠ ("a","bc")
  }

  number(x: number): void {
    this.view.setFloat64(0, x, true);
    for (let k = 0; k < 8; k++) this.byte(this.view.getUint8(k));
  }

  digest(): string {
    const hex = (n: number) => n.toString(16).padStart(4, "0");
    return hex(this.h3) + hex(this.h2) + hex(this.h1) + hex(this.h0);
  }
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
  const h = new Fnv64();
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
  const h = new Fnv64();
  h.number(values.length);
  for (let k = 0; k < values.length; k++) h.number(values[k]);
  return h.digest();
}
