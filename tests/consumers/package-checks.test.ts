import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli-run.js";

// The packed tarball (what `npm publish` would upload), checked the way app developers meet it:
// @arethetypeswrong/cli with the node16 profile (CJS consumers must get the .d.cts types and ESM
// consumers the .d.ts, for the root and every subpath) and publint (package.json fields and
// files). Needs dist/ (`npm test` builds first).
let dir = "";
let tarball = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hubspoke-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  tarball = join(dir, (JSON.parse(out) as { filename: string }[])[0].filename);
});
afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("packed tarball", () => {
  it("@arethetypeswrong/cli --profile node16 finds no problem", () => {
    const attw = resolve(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js");
    let report = "";
    let status = 0;
    try {
      report = execFileSync(process.execPath, [attw, tarball, "--profile", "node16", "--format", "json"], { encoding: "utf8" });
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      report = e.stdout;
    }
    const parsed = JSON.parse(report) as { analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
    const problems = parsed.analysis.problems.filter((p) => p.resolutionKind !== "node10");
    expect(problems, JSON.stringify(problems.slice(0, 5))).toEqual([]);
    expect(status).toBe(0);
  });

  it("publint (strict) reports nothing", async () => {
    const buf = readFileSync(tarball);
    const tar = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball: tar }, strict: true, level: "suggestion" });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

  it("ships the licences, the docs and the Kent & Medway data once", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const f of ["LICENSE", "LICENSES/DATA.md", "LICENSES/ODbL-1.0.txt", "LICENSES/OGL-UK-3.0.txt", "docs/README.md", "README.md", "docs/getting-started.md", "fixtures/kent-medway/roads.json", "dist/kent-medway/data.cjs"]) {
      expect(files, f).toContain(`package/${f}`);
    }
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(pkg)).toEqual(expect.arrayContaining(["repository", "homepage", "bugs", "license"]));
    const big = execFileSync("tar", ["tzvf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter((l) => /package\/dist\/.*\.(js|cjs)$/.test(l) && Number(l.trim().split(/\s+/)[2]) > 500_000);
    expect(big, "no dist file inlines the 1.6 MB data").toEqual([]);
  });
});
