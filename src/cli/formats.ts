// Output formats and the choice of one; light, so registering commands loads no writer.
import { CliInputError } from "./errors.js";

export const FORMATS = ["table", "json", "csv", "geojson", "md", "html", "svg"] as const;
export type Format = (typeof FORMATS)[number];

/** The default format when `--format` is not given: from the `--out` extension, else `table`. */
export function formatFor(out: string | undefined, given: string | undefined, fallback: Format = "table"): Format {
  if (given !== undefined) {
    if (!(FORMATS as readonly string[]).includes(given)) throw new CliInputError(`--format must be one of ${FORMATS.join(", ")} (got "${given}").`);
    return given as Format;
  }
  const ext = out?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const byExt: Record<string, Format> = { json: "json", csv: "csv", geojson: "geojson", md: "md", html: "html", htm: "html", svg: "svg", txt: "table" };
  return (ext !== undefined ? byExt[ext] : undefined) ?? fallback;
}
