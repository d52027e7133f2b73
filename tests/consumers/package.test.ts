import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Imports the built package (dist/) the way users do, from plain Node ESM and CJS.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const built = existsSync(resolve(root, "dist/index.js"));

function run(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" });
}

describe("built package (run `npm run build` first; `npm test` does)", () => {
  it("dist/ exists", () => {
    expect(built).toBe(true);
  });
  it("loads from ESM through the package name", () => {
    const out = run(["--input-type=module", "-e", 'import * as h from "hubspoke"; const m = h.createCostMatrix(["a"],["b"],[3]); process.stdout.write(String(m.minutes[0]) + " " + typeof h.createServiceNetwork)']);
    expect(out).toBe("3 function");
  });
  it("loads from CommonJS through the package name", () => {
    const out = run(["-e", 'const h = require("hubspoke"); process.stdout.write(String(new h.InvalidInputError("f", [{ path: "x", message: "bad" }]).code))']);
    expect(out).toBe("INVALID_INPUT");
  });
  it("exposes each domain subpath", () => {
    const out = run(["--input-type=module", "-e", 'const m = await import("hubspoke/model"); process.stdout.write(typeof m.parseSites)']);
    expect(out).toBe("function");
  });
});
