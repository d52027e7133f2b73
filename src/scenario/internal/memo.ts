// Internal: the scenario cache's memo of analysis pieces, typed by slot. A slot names one kind
// of value and carries its type, so callers store and read values without casts; keys are
// lists of parts (the memo joins them), so callers build no separator-delimited strings.

/** One kind of memoised value (its type rides along; `name` keeps kinds apart). */
export interface MemoSlot<T> {
  readonly name: string;
  /** Type carrier only; never set. */
  readonly value?: T;
}

/** A slot for values of type T. */
export function memoSlot<T>(name: string): MemoSlot<T> {
  return { name };
}

/** What a key is made of: content keys of everything the value reads. */
export type MemoKey = readonly (string | number | boolean)[];

/** Most derived values kept per owner object; the least recently used goes first. */
export const DERIVED_LIMIT = 256;

function joinKey(slot: MemoSlot<unknown>, key: MemoKey): string {
  // JSON keeps the parts apart (strings quoted and escaped) and their types distinct
  return JSON.stringify([slot.name, ...key]);
}

/**
 * The memo: content hashes of immutable inputs (by object identity), results by content key,
 * and values derived from an immutable owner object (by identity, then content key; least
 * recently used out past {@link DERIVED_LIMIT} per owner).
 */
export class ScenarioMemo {
  private readonly hashes = new WeakMap<object, string>();
  private readonly results = new Map<string, unknown>();
  private derivedByOwner = new WeakMap<object, Map<string, unknown>>();

  /** A content hash of `owner` (immutable by contract), computed once. */
  hash(owner: object, compute: () => string): string {
    const hit = this.hashes.get(owner);
    if (hit !== undefined) return hit;
    const value = compute();
    this.hashes.set(owner, value);
    return value;
  }

  /** The value of `slot` for `key`, computed once. */
  result<T>(slot: MemoSlot<T>, key: MemoKey, compute: () => T): T {
    const k = joinKey(slot, key);
    if (this.results.has(k)) return this.results.get(k) as T;
    const value = compute();
    this.results.set(k, value);
    return value;
  }

  /** The value of `slot` derived from `owner` for `key`, computed once while it stays among the recent ones. */
  derived<T>(slot: MemoSlot<T>, owner: object, key: MemoKey, compute: () => T): T {
    let values = this.derivedByOwner.get(owner);
    if (values === undefined) {
      values = new Map();
      this.derivedByOwner.set(owner, values);
    }
    const k = joinKey(slot, key);
    if (values.has(k)) {
      const hit = values.get(k) as T;
      values.delete(k);
      values.set(k, hit);
      return hit;
    }
    const value = compute();
    values.set(k, value);
    if (values.size > DERIVED_LIMIT) values.delete(values.keys().next().value as string);
    return value;
  }

  /** How many results are memoised (not derived values). */
  resultCount(): number {
    return this.results.size;
  }

  /** Forget results and derived values (hashes stay: they describe immutable inputs). */
  clear(): void {
    this.results.clear();
    this.derivedByOwner = new WeakMap();
  }
}
