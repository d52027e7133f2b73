// Internal: read a whole input file with errors that name it, refusing files too large to hold
// (a text file is decoded into one string, whose length V8 caps at 2^29 − 24 characters).
import { readFile, stat } from "node:fs/promises";
import { IoError } from "../../errors.js";

/** Largest text file read whole: V8's longest string (2^29 − 24 characters), in bytes. */
export const MAX_TEXT_BYTES = 0x1fffffe8;
/** Largest binary file (.osm.pbf) read whole. */
export const MAX_BINARY_BYTES = 2 ** 30;

function cannotRead(where: string, path: string, error: unknown): IoError {
  const code = (error as NodeJS.ErrnoException).code ?? "read error";
  const hint = code === "EISDIR" ? " It is a folder; give a file." : code === "ENOTDIR" ? " A part of the path is a file, not a folder." : " Check the path.";
  return new IoError(where, `cannot read "${path}" (${code}).${hint}`, [{ path, message: code }], { cause: error });
}

/** The file's bytes; {@link IoError} naming the file when it is missing, a folder, unreadable or too large. */
export async function readInputBytes(where: string, path: string, kind: "text" | "binary"): Promise<Buffer> {
  const limit = kind === "text" ? MAX_TEXT_BYTES : MAX_BINARY_BYTES;
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      const error = Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: "EISDIR" });
      throw error;
    }
    size = s.size;
  } catch (error) {
    throw cannotRead(where, path, error);
  }
  if (size > limit) {
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
    throw new IoError(where, `"${path}" is too large to read whole (${mb(size)}; the limit for a ${kind} file is ${mb(limit)}). Clip it to the study area first (e.g. osmium extract), or use .osm.pbf for roads.`, [{ path, message: `too large: ${size} bytes` }]);
  }
  try {
    return await readFile(path);
  } catch (error) {
    throw cannotRead(where, path, error);
  }
}

/** The file as UTF-8 text (see {@link readInputBytes}). */
export async function readInputText(where: string, path: string): Promise<string> {
  return (await readInputBytes(where, path, "text")).toString("utf8");
}
