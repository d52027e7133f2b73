import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtCli, repoRoot, runCliInProcess } from "../support/cli-run.js";

// `script` (util-linux, in every Debian base image) runs the built bin on a pseudo-terminal.
function onTty(args: string): string {
  const cmd = `${process.execPath} ${builtCli} ${args}`;
  return execFileSync("script", ["-qec", cmd, "/dev/null"], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
}

describe("progress bar", () => {
  const out = join(mkdtempSync(join(tmpdir(), "hubspoke-tty-")), "m.csv");

  it("is drawn on a terminal while the router works through the columns", () => {
    const screen = onTty(`matrix --to all -o ${out}`);
    expect(screen).toMatch(/Travel times \[[░█]+\] \d+% \| \d+\/\d+/);
  }, 120_000);

  it("is not drawn with --no-progress, nor when output is piped", async () => {
    expect(onTty(`matrix --to hubs --no-progress -o ${out}`)).not.toContain("Travel times");
    const piped = await runCliInProcess(["matrix", "--to", "all", "-o", out]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe(`wrote ${out}\n`);
  }, 120_000);
});
