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
