import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli-run.js";

// Size budgets for one-line imports from the built package (dist/, `npm test` builds first):
// a browser bundle, minified, with no configuration. Validation goes through zod/mini, whose
// functions tree-shake; `docs/performance.md` lists the sizes.
const BUDGETS: readonly { name: string; code: string; maxKiB: number }[] = [
  { name: "accessSummary", code: `import { accessSummary } from "hubspoke"; globalThis.__f = accessSummary;`, maxKiB: 60 },
  { name: "createRouter", code: `import { createRouter } from "hubspoke"; globalThis.__f = createRouter;`, maxKiB: 80 },
];

async function bundledBytes(code: string): Promise<{ bytes: number; top: string }> {
  const result = await build({
    stdin: { contents: code, resolveDir: repoRoot, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  const byPackage = new Map<string, number>();
  for (const [file, v] of Object.entries(output?.inputs ?? {})) {
    const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? "hubspoke";
    byPackage.set(key, (byPackage.get(key) ?? 0) + v.bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).map(([k, b]) => `${k} ${(b / 1024).toFixed(1)} KiB`).join(", ");
  return { bytes: result.outputFiles[0].contents.length, top };
}

describe("browser bundle budgets (esbuild, minified)", () => {
  it.each(BUDGETS)("import { $name } from 'hubspoke' stays within $maxKiB KiB", async ({ code, maxKiB }) => {
    const { bytes, top } = await bundledBytes(code);
    expect(bytes / 1024, `bundle is ${(bytes / 1024).toFixed(1)} KiB: ${top}`).toBeLessThanOrEqual(maxKiB);
  });
});
