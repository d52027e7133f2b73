/**
 * Coded errors. Every failure the library raises is a `HubspokeError` subclass with a stable
 * `code` and, for bad input, the path and value of each problem. Import from `hubspoke`.
 *
 * @module errors
 */
import type * as z from "zod/mini";
import { EN } from "./internal/zod-locale.js";
import { findProtoKey } from "./internal/own-keys.js";

/**
 * Stable machine-readable codes. The `code`/`name` pair is the contract; messages may be
 * reworded between versions.
 */
export type ErrorCode =
  | "INVALID_INPUT"
  | "DUPLICATE_ID"
  | "UNKNOWN_ID"
  | "NOT_ALIGNED"
  | "INVALID_GRAPH"
  | "GRAPH_CHANGED"
  | "GRAPH_MISMATCH"
  | "NOT_COVERED"
  | "INFEASIBLE"
  | "PROVIDER_FAILED"
  | "IO_ERROR"
  | "DID_NOT_CONVERGE"
  | "MISSING_DEPENDENCY";

/** One problem found in an input, located by a dotted path such as `sites[3].location[0]`. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/** Base class for every error hubspoke throws on purpose. */
export class HubspokeError extends Error {
  override name = "HubspokeError";
  readonly code: ErrorCode;
  /** Every problem found, with its path; a single-problem error has one entry. */
  readonly issues: readonly InputIssue[];

  constructor(
    code: ErrorCode,
    where: string,
    message: string,
    options: { issues?: readonly InputIssue[]; cause?: unknown } = {},
  ) {
    super(`${where}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [{ path: "", message }];
  }
}

/** Input failed a schema or a cross-field rule (bad number, bad coordinate, bad option). */
export class InvalidInputError extends HubspokeError {
  override name = "InvalidInputError";
  constructor(where: string, issues: readonly InputIssue[], options: { cause?: unknown } = {}) {
    super("INVALID_INPUT", where, describeIssues(issues), { issues, cause: options.cause });
  }
}

/** Two items of one collection share an id. */
export class DuplicateIdError extends HubspokeError {
  override name = "DuplicateIdError";
  readonly id: string;
  constructor(where: string, collection: string, id: string, firstIndex: number, secondIndex: number) {
    const path = `${collection}[${secondIndex}].id`;
    super(
      "DUPLICATE_ID",
      where,
      `${collection}[${secondIndex}] repeats the id "${id}" of ${collection}[${firstIndex}]. Ids must be unique within ${collection}.`,
      { issues: [{ path, message: `duplicate id "${id}"` }] },
    );
    this.id = id;
  }
}

function idText(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value == null) return String(value);
  return typeof value !== "object" ? typeof value : Array.isArray(value) ? "an array" : "an object";
}

/** An id (site, zone, node, district, ward type…) that the collection does not contain. */
export class UnknownIdError extends HubspokeError {
  override name = "UnknownIdError";
  readonly id: string;
  constructor(where: string, what: string, id: string, path = "", hint = "") {
    // an id that reached here unchecked may be any value: shown, never stringified raw
    const shown = typeof id === "string" ? id : idText(id);
    super("UNKNOWN_ID", where, `${what} "${shown}" is not in the network.${hint ? ` ${hint}` : ""}`, {
      issues: [{ path, message: `unknown ${what} "${shown}"` }],
    });
    this.id = shown;
  }
}

/** Arrays or records that must line up with a matrix's origins or destinations do not. */
export class NotAlignedError extends HubspokeError {
  override name = "NotAlignedError";
  constructor(where: string, argument: string, got: number, expected: number, against: string) {
    super(
      "NOT_ALIGNED",
      where,
      `${argument} has ${got} entries but ${against} has ${expected}. Pass one value per ${against} entry, in the same order.`,
      { issues: [{ path: argument, message: `expected ${expected} entries, got ${got}` }] },
    );
  }
}

/** A graph that cannot be routed: missing, NaN or negative weights, missing coordinates. */
export class InvalidGraphError extends HubspokeError {
  override name = "InvalidGraphError";
  constructor(where: string, message: string, issues?: readonly InputIssue[]) {
    super("INVALID_GRAPH", where, message, { issues });
  }
}

/** A router was used after its graph changed. */
export class GraphChangedError extends HubspokeError {
  override name = "GraphChangedError";
  constructor(where: string, message: string) {
    super("GRAPH_CHANGED", where, message);
  }
}

/** A router (or scenario cache) built on another graph than the network's road graph. */
export class GraphMismatchError extends HubspokeError {
  override name = "GraphMismatchError";
  constructor(where: string, message: string, issues?: readonly InputIssue[]) {
    super("GRAPH_MISMATCH", where, message, { issues });
  }
}

/**
 * A travel-time source cannot time what a scenario asks for: a fixed table without a column
 * for a site, a moved site, or a road change without a router. Names the site or change.
 */
export class NotCoveredError extends HubspokeError {
  override name = "NotCoveredError";
  /** The zone or site id the source has no times for, when one is to blame. */
  readonly id: string | null;
  constructor(where: string, message: string, issues?: readonly InputIssue[], id: string | null = null) {
    super("NOT_COVERED", where, message, { issues });
    this.id = id;
  }
}

/** A request that no assignment or site choice can satisfy. */
export class InfeasibleError extends HubspokeError {
  override name = "InfeasibleError";
  constructor(where: string, message: string, issues?: readonly InputIssue[]) {
    super("INFEASIBLE", where, `infeasible: ${message}`, { issues });
  }
}

/** An external travel-time engine failed or answered with something unusable. */
export class ProviderError extends HubspokeError {
  override name = "ProviderError";
  constructor(where: string, message: string, options: { cause?: unknown } = {}) {
    super("PROVIDER_FAILED", where, message, { cause: options.cause });
  }
}

/**
 * An optional package a call needs is not installed (e.g. `highs` for an exact MILP). The
 * message names the package and the command that installs it.
 */
export class MissingDependencyError extends HubspokeError {
  override name = "MissingDependencyError";
  /** The npm package to install. */
  readonly packageName: string;
  constructor(where: string, packageName: string, message: string, options: { cause?: unknown } = {}) {
    super("MISSING_DEPENDENCY", where, message, { cause: options.cause });
    this.packageName = packageName;
  }
}

/** A file or table could not be read: names the file, row and column. */
export class IoError extends HubspokeError {
  override name = "IoError";
  constructor(where: string, message: string, issues?: readonly InputIssue[], options: { cause?: unknown } = {}) {
    super("IO_ERROR", where, message, { issues, cause: options.cause });
  }
}

/**
 * An iterative algorithm hit its guard (iterations, nodes or time) before it could finish or
 * prove its answer; the message says which limit and how to raise it or shrink the problem.
 */
export class DidNotConvergeError extends HubspokeError {
  override name = "DidNotConvergeError";
  constructor(where: string, message: string, issues?: readonly InputIssue[]) {
    super("DID_NOT_CONVERGE", where, message, { issues });
  }
}

/** Format a zod issue path as `sites[3].location[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return "an object";
}

function describeIssues(issues: readonly InputIssue[]): string {
  if (issues.length === 0) return "invalid input.";
  const shown = issues.slice(0, 10).map((i) => `${i.path === "" ? "(root)" : i.path}: ${i.message}`);
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : "";
  return `invalid input (${issues.length} ${issues.length === 1 ? "problem" : "problems"}): ${shown.join("; ")}${more}.`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Turn a ZodError into issues that name the path and the offending value. */
export function issuesFromZod(error: z.core.$ZodError, input: unknown, prefix = ""): InputIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const full = prefix === "" ? path : path === "" ? prefix : path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
    const hasValue = issue.code !== "unrecognized_keys" && issue.path.length > 0;
    const got = hasValue ? ` (got ${describeValue(valueAt(input, issue.path))})` : "";
    return { path: full, message: `${issue.message}${got}` };
  });
}

/**
 * Parse untrusted input at a public boundary; throws {@link InvalidInputError} naming every
 * bad path and value. Never call inside loops.
 */
export function parseInput<S extends z.ZodMiniType>(where: string, schema: S, value: unknown, prefix = ""): z.output<S> {
  // a "__proto__" key (JSON.parse makes it an own key) would be dropped by the schema or become a prototype
  const proto = findProtoKey(value, prefix);
  if (proto !== null) throw new InvalidInputError(where, [{ path: proto, message: 'the key "__proto__" is not allowed (it would address a prototype). Rename it' }]);
  const result = schema.safeParse(value, EN);
  if (!result.success) {
    throw new InvalidInputError(where, issuesFromZod(result.error, value, prefix), { cause: result.error });
  }
  return result.data;
}
