// Type-only: the start-up path (--help, --version) must not load the library or zod.
import type { HubspokeError } from "../errors.js";

/** Exit codes: 0 ok, 1 runtime failure, 2 bad input (arguments, files, rows, fields). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** A usage or input problem found by the CLI itself (exit code 2). */
export class CliInputError extends Error {
  override name = "CliInputError";
}

const INPUT_CODES = new Set(["INVALID_INPUT", "DUPLICATE_ID", "UNKNOWN_ID", "NOT_ALIGNED", "IO_ERROR", "INFEASIBLE", "NOT_COVERED", "GRAPH_MISMATCH", "INVALID_GRAPH"]);

/**
 * A library error about an option the CLI filled from a flag, re-worded to name the flag
 * (`--fixed "nope": unknown site "nope"` rather than `pMedian: options.fixed[0]`); any other
 * error unchanged. `flags` maps an option path prefix (`options.fixed`) to the flag and its
 * value as typed.
 */
export function nameTheFlag(command: string, error: unknown, flags: Readonly<Record<string, { flag: string; value: string | undefined }>>): unknown {
  if (!isHubspokeError(error)) return error;
  for (const issue of error.issues) {
    for (const [prefix, { flag, value }] of Object.entries(flags)) {
      if (issue.path === prefix || issue.path.startsWith(`${prefix}[`) || issue.path.startsWith(`${prefix}.`)) {
        return new CliInputError(`${command}: ${flag}${value === undefined ? "" : ` "${value}"`}: ${issue.message}.`);
      }
    }
  }
  return error;
}

/**
 * A HubspokeError, by shape: from this bundle or from the package's own entries (the CLI loads
 * `hubspoke/kent-medway` through the package, whose error classes are a separate copy).
 */
function isHubspokeError(error: unknown): error is HubspokeError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<HubspokeError>;
  return typeof e.code === "string" && Array.isArray(e.issues);
}

/** File-system errors caused by the paths a user gave (missing, a folder, under a file, no permission, full disk…). */
const USER_FS_CODES: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EEXIST: "already exists",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EMFILE: "too many open files",
};

/** One line for a file-system error of a user's path, or null for anything else. */
function describeFsError(error: unknown): string | null {
  const e = error as NodeJS.ErrnoException | null;
  if (e === null || typeof e !== "object" || typeof e.code !== "string") return null;
  const what = USER_FS_CODES[e.code];
  if (what === undefined) return null;
  const verb = e.syscall === "open" || e.syscall === "read" ? "cannot open" : e.syscall === "mkdir" ? "cannot create the folder" : e.syscall === "write" ? "cannot write" : "cannot use";
  return `${verb} "${e.path ?? "?"}": ${what} (${e.code}). Check the path.`;
}

/** Exhausted memory or a V8 size limit: the input is too large for one run. */
function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError && /Invalid string length|Invalid array length|Array buffer allocation failed|Invalid typed array length|allocation failed/i.test(error.message);
}

/** Library hints that name a JavaScript option, and the CLI flag that sets it. */
const OPTION_FLAGS: readonly (readonly [string, string])[] = [["pass { allowUnreachable: true }", "pass --allow-unreachable"]];

/** A library message with its option hints named as the CLI's flags. */
export function inCliTerms(message: string): string {
  return OPTION_FLAGS.reduce((text, [option, flag]) => text.split(option).join(flag), message);
}

/**
 * Exit code and the message to print for an error thrown by a command: user-caused failures
 * (bad paths, formats, content, options, too-large inputs) exit 2 with one line; anything
 * else exits 1, with the stack only when `debug` (`--debug`).
 */
export function describeFailure(error: unknown, debug = false): { code: number; message: string } {
  if (error instanceof CliInputError) return { code: EXIT_BAD_INPUT, message: `hubspoke: ${error.message}` };
  if (isHubspokeError(error)) {
    const code = INPUT_CODES.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILURE;
    const text = inCliTerms(error.message);
    const lines = [text.startsWith("hubspoke:") ? text : `hubspoke: ${text}`];
    if (error.issues.length > 1) for (const i of error.issues.slice(0, 20)) lines.push(`  ${i.path}: ${i.message}`);
    if (error.issues.length > 20) lines.push(`  … and ${error.issues.length - 20} more`);
    return { code, message: lines.join("\n") };
  }
  const fs = describeFsError(error);
  if (fs !== null) return { code: EXIT_BAD_INPUT, message: `hubspoke: ${fs}` };
  if (isTooLarge(error)) {
    return { code: EXIT_BAD_INPUT, message: "hubspoke: the input is too large for one run (out of memory or a size limit). Split the area into smaller parts, or use .osm.pbf roads and a smaller --to set." };
  }
  const e = error as Error;
  const summary = e instanceof Error ? `${e.name}: ${e.message}` : String(error);
  return {
    code: EXIT_FAILURE,
    message: debug ? `hubspoke: unexpected failure: ${e?.stack ?? String(error)}` : `hubspoke: unexpected failure: ${summary.split("\n")[0]} (run with --debug for the stack trace, and please report it)`,
  };
}
