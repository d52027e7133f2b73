// Where a JSON text first goes wrong, as line and column: V8's JSON.parse messages name a
// position only for some errors, so the text is re-scanned by jsonc-parser in strict mode
// (no comments, no trailing commas), which reports the offset of the first error.
import { parse, type ParseError } from "jsonc-parser";

/** Line and column (1-based) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/** `line:column` of the first syntax error in `text` (call after JSON.parse failed), or null. */
export function jsonErrorPosition(text: string): string | null {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return null;
  const { line, column } = lineAndColumn(text, errors[0].offset);
  return `${line}:${column}`;
}
