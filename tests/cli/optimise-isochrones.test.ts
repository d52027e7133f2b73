import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "hubspoke-opt-"));

describe("hubspoke optimise", () => {
  it("optimise -p 3 -f json chooses 3 sites with a proven or bounded objective", async () => {
    const r = await runCliInProcess(["optimise", "-p", "3", "-f", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const run = out.runs[0];
    expect(run.chosen).toHaveLength(3);
    expect(run.lowerBound).toBeLessThanOrEqual(run.objective + 1e-6);
    expect(Object.keys(run.assignment)).toHaveLength(1107);
  }, 180_000);

  it("--sweep 1-3 gives a non-increasing p-median objective; --format svg draws the chosen sites", async () => {
    const r = await runCliInProcess(["optimise", "--sweep", "1-3", "-f", "csv"]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n").slice(1).map((l) => l.split(","));
    expect(rows.map((x) => Number(x[0]))).toEqual([1, 2, 3]);
    const header = r.stdout.split("\n")[0].split(",");
    const obj = rows.map((x) => Number(x[header.indexOf("objective")]));
    expect(obj[1]).toBeLessThanOrEqual(obj[0]);
    expect(obj[2]).toBeLessThanOrEqual(obj[1]);
    const svgPath = join(dir, "mclp.svg");
    const m = await runCliInProcess(["optimise", "--method", "mclp", "-p", "2", "--cover-minutes", "30", "-o", svgPath]);
    expect(m.code).toBe(0);
    const doc = new DOMParser().parseFromString(readFileSync(svgPath, "utf8"), "image/svg+xml");
    expect(Array.from(doc.getElementsByTagName("g")).filter((g) => g.hasAttribute("data-site"))).toHaveLength(2);
  }, 180_000);

  it("exits 2 on a missing --p or --cover-minutes", async () => {
    const a = await runCliInProcess(["optimise"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("needs --p <n> or --sweep <a-b>");
    const b = await runCliInProcess(["optimise", "--method", "lscp"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("needs --cover-minutes");
  });

  it("errors about flag values name the flag (--seed, --fixed, --exclude), not the internal call", async () => {
    const seed = await runCliInProcess(["optimise", "-p", "1", "-e", "euclidean", "--seed", "1.5"]);
    expect([seed.code, seed.stderr]).toEqual([2, 'hubspoke: optimise: --seed must be a whole number (got "1.5").\n']);
    const fixed = await runCliInProcess(["optimise", "-p", "1", "-e", "euclidean", "--fixed", "nope"]);
    expect([fixed.code, fixed.stderr]).toEqual([2, 'hubspoke: optimise: --fixed "nope": unknown site "nope".\n']);
    const exclude = await runCliInProcess(["optimise", "-p", "1", "-e", "euclidean", "--exclude", "x"]);
    expect(exclude.stderr).toContain('optimise: --exclude "x": unknown site "x"');
    expect(exclude.stderr).not.toMatch(/pMedian/);
  });
});

describe("hubspoke isochrones", () => {
  it("isochrones --site hub-maidstone writes nested RFC 7946 bands with population", async () => {
    const out = join(dir, "iso.geojson");
    const r = await runCliInProcess(["isochrones", "--site", "hub-maidstone", "--bands", "30,60", "-o", out]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, "utf8"));
    expect(fc.features.map((f: { properties: { minutes: number } }) => f.properties.minutes)).toEqual([30, 60]);
    expect(fc.features[1].properties.population).toBeGreaterThan(fc.features[0].properties.population);
    expect(fc.features[0].geometry.type).toBe("MultiPolygon");
  }, 180_000);

  it("exits 2 on an unknown site or bad bands", async () => {
    const a = await runCliInProcess(["isochrones", "--site", "nowhere"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('site "nowhere" is not in the network');
    const b = await runCliInProcess(["isochrones", "--bands", "30,15"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--bands must be increasing positive minutes");
  });
});
