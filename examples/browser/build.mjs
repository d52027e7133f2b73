// Bundle main.js + the built package (run `npm run build` first) into dist/app.js for the page.
// Usage: node examples/browser/build.mjs [outdir]
import { build } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Build the page bundle; returns the output file path. */
export async function buildBrowserExample(outdir = resolve(here, "dist")) {
  const outfile = resolve(outdir, "app.js");
  await build({ entryPoints: [resolve(here, "main.js")], bundle: true, platform: "browser", format: "esm", target: "es2022", minify: true, outfile, logLevel: "silent" });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await buildBrowserExample(process.argv[2])}\n`);
}
