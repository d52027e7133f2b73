import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli-run.js";

// The notebook's plain-script twin (same steps, imported from the source tree) runs as a script.
describe("examples/notebook/site-options", () => {
  it("site-options.ts runs as a script: ranks candidates and writes an SVG with four hubs", () => {
    const cwd = mkdtempSync(join(tmpdir(), "hubspoke-nb-"));
    // --import resolves from the working directory: name tsx by absolute URL.
    const tsx = pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href;
    const out = execFileSync(process.execPath, ["--import", tsx, join(repoRoot, "examples/notebook/site-options.ts")], { cwd, encoding: "utf8" });
    const baseline = Number(/mean ([\d.]+) min/.exec(out)?.[1]);
    const first = /^\s+1\s+.+?\s+([\d.]+)\s+[\d.]+\s+[\d.]+%\s+([\d.]+)$/m.exec(out);
    expect(first).not.toBeNull();
    expect(Number(first?.[1])).toBeLessThan(baseline); // adding a hub never lengthens the nearest trip
    expect(Number(first?.[2])).toBeGreaterThan(0);
    const svg = readFileSync(join(cwd, "out/site-options.svg"), "utf8");
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    expect(Array.from(doc.getElementsByTagName("g")).filter((g) => g.getAttribute("data-kind") === "hub")).toHaveLength(4);
  }, 120_000);

  it("site-options.ipynb is an nbformat 4 Deno notebook that imports hubspoke and displays the SVG inline", () => {
    const nb = JSON.parse(readFileSync(join(repoRoot, "examples/notebook/site-options.ipynb"), "utf8"));
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec.name).toBe("deno");
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code").map((c: { source: string[] }) => c.source.join("")).join("\n");
    expect(code).toContain('from "npm:hubspoke"');
    expect(code).toContain("renderSvgMap(");
    expect(code).toContain('"image/svg+xml": svg');
    for (const c of nb.cells) expect(c.outputs === undefined || Array.isArray(c.outputs)).toBe(true);
  });
});
