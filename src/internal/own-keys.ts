// Keys and paths that come from files never reach a prototype: look them up as own keys only,
// and refuse the names that address a prototype when they would be written.

/** Names that would read or write an object's prototype chain instead of a plain entry. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** True when `key` is an own property of `record` (never an inherited one such as `toString`). */
export function hasOwnKey(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** `record[key]` when it is an own property, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Path of the first own `__proto__` key anywhere in `value` (JSON.parse makes such keys own
 * properties; a schema would drop them silently or a plain copy would turn them into a
 * prototype), or null. Walks arrays and objects once each.
 */
export function findProtoKey(value: unknown, path = ""): string | null {
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (v === null || typeof v !== "object" || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) if (v[k] !== null && typeof v[k] === "object") stack.push([v[k], `${at}[${k}]`]);
      continue;
    }
    if (Object.hasOwn(v, "__proto__")) return at === "" ? "__proto__" : `${at}.__proto__`;
    const keys = Object.keys(v);
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (v as Record<string, unknown>)[keys[k]];
      if (child !== null && typeof child === "object") stack.push([child, at === "" ? keys[k] : `${at}.${keys[k]}`]);
    }
  }
  return null;
}
