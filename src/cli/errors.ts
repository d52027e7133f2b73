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

const INPUT_CODES = new Set(["INVALID_INPUT", "DUPLICATE_ID", "UNKNOWN_ID", "NOT_ALIGNED", "IO_ERROR", "INFEASIBLE", "NOT_COVERED", "GRAPH_MISMATCH"]);

/**
 * A HubspokeError, by shape: from this bundle or from the package's own entries (the CLI loads
 * `hubspoke/kent-medway` through the package, whose error classes are a separate copy).
 */
function isHubspokeError(error: unknown): error is HubspokeError {
  if (!(error instanceof Error)) return false;
  const e = error as Partial<HubspokeError>;
  return typeof e.code === "string" && Array.isArray(e.issues);
}

/** Exit code and the message to print for an error thrown by a command. */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof CliInputError) return { code: EXIT_BAD_INPUT, message: `hubspoke: ${error.message}` };
  if (isHubspokeError(error)) {
    const code = INPUT_CODES.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILURE;
    const lines = [error.message.startsWith("hubspoke:") ? error.message : `hubspoke: ${error.message}`];
    if (error.issues.length > 1) for (const i of error.issues.slice(0, 20)) lines.push(`  ${i.path}: ${i.message}`);
    if (error.issues.length > 20) lines.push(`  … and ${error.issues.length - 20} more`);
    return { code, message: lines.join("\n") };
  }
  const e = error as Error;
  return { code: EXIT_FAILURE, message: `hubspoke: unexpected failure: ${e?.stack ?? String(error)}` };
}
