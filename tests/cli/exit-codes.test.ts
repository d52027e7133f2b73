import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/cli/errors.js";
import { lineAndColumn } from "../../src/internal/json-position.js";
import { runCliInProcess } from "../support/cli-run.js";

// Every user-caused failure exits 2 with one line naming the file; only engine or internal
// failures exit 1, and never with a stack unless --debug.
const dir = mkdtempSync(join(tmpdir(), "hubspoke-exit-"));
const folder = join(dir, "a-folder.json");
mkdirSync(folder);
const aFile = join(dir, "plain.txt");
writeFileSync(aFile, "x");
const broken = join(dir, "broken.json");
writeFileSync(broken, '{\n  "id": "x",\n  "name": "X",\n  "changes": [,]\n}\n');
const oneLine = (s: string) => s.trimEnd().split("\n").length === 1;

describe("CLI exit codes", () => {
  it("a scenario path that is a folder, or sits under a file, exits 2 with one line naming it", async () => {
    const a = await runCliInProcess(["evaluate", folder]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("a-folder.json");
    expect(a.stderr).toContain("EISDIR");
    expect(oneLine(a.stderr)).toBe(true);
    const b = await runCliInProcess(["evaluate", join(aFile, "scenario.json")]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("ENOTDIR");
    expect(oneLine(b.stderr)).toBe(true);
  });

  it("--network and --sites paths that are folders exit 2", async () => {
    const a = await runCliInProcess(["matrix", "-e", "euclidean", "--network", folder]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("a-folder.json");
    const b = await runCliInProcess(["matrix", "-e", "euclidean", "--sites", folder, "--zones", folder]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("EISDIR");
  });

  it("a JSON syntax error names the file, line and column", async () => {
    const r = await runCliInProcess(["evaluate", broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:4:\d+: not valid JSON/);
    expect(lineAndColumn("ab\ncd\nef", 4)).toEqual({ line: 2, column: 2 });
  });

  it("an unexpected failure exits 1 with one line, and the stack only with --debug", async () => {
    const boom = async () => {
      throw new TypeError("Cannot read properties of null (reading 'x')");
    };
    const quiet = await runCliInProcess(["demo", "--no-maps", "-f", "md"], { loadBundled: boom });
    expect(quiet.code).toBe(1);
    expect(oneLine(quiet.stderr)).toBe(true);
    expect(quiet.stderr).toContain("TypeError: Cannot read properties of null");
    expect(quiet.stderr).toContain("--debug");
    const loud = await runCliInProcess(["demo", "--no-maps", "-f", "md", "--debug"], { loadBundled: boom });
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });

  it("file-system errors of user paths and too-large inputs are input errors (2); others are failures (1)", () => {
    const fsError = Object.assign(new Error("EACCES: permission denied, open '/x/y.csv'"), { code: "EACCES", syscall: "open", path: "/x/y.csv" });
    expect(describeFailure(fsError)).toEqual({ code: 2, message: 'hubspoke: cannot open "/x/y.csv": permission denied (EACCES). Check the path.' });
    const under = Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR", syscall: "mkdir", path: "/x/file.txt/out" });
    expect(describeFailure(under).code).toBe(2);
    expect(describeFailure(new RangeError("Invalid string length")).code).toBe(2);
    expect(describeFailure(new RangeError("Invalid string length")).message).toContain("too large");
    expect(describeFailure(new Error("boom")).code).toBe(1);
  });

  it("--out under a file exits 2 naming the path", async () => {
    const r = await runCliInProcess(["matrix", "-e", "table", "--table", aFile, "--table-format", "r5r", "-o", join(aFile, "out.csv")]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });
});

describe("library hints in CLI terms", () => {
  it("an option hint names the CLI flag that sets it", async () => {
    const { InfeasibleError } = await import("../../src/errors.js");
    const e = new InfeasibleError("pMedian", "zones z1 cannot reach any allowed candidate. Raise p, or pass { allowUnreachable: true }.");
    const d = describeFailure(e);
    expect(d.code).toBe(2);
    expect(d.message).toContain("pass --allow-unreachable");
    expect(d.message).not.toContain("allowUnreachable");
  });
});
