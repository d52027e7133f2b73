// hubspoke init: starter files that run as they are; the shipped commented template; the
// assumptions JSON Schema and the "what to write" message for a bare value.
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { renderAssumptionsTemplate, ASSUMPTIONS_TEMPLATE } from "../../src/cli/templates.js";
import { assumptionsJsonSchema, parseAssumptions } from "../../src/index.js";
import { cli } from "../support/own-area-files.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("hubspoke init", () => {
  it("writes sites, zones, roads, assumptions and a scenario that evaluate and compare run as they are", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hubspoke-init-")), "area");
    const init = await cli(["init", dir]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    for (const f of ["sites.csv", "zones.csv", "roads.geojson", "assumptions.json", "assumptions.commented.jsonc", "scenario.json", "README.txt"]) expect(existsSync(join(dir, f))).toBe(true);
    const files = ["--sites", join(dir, "sites.csv"), "--zones", join(dir, "zones.csv"), "--roads", join(dir, "roads.geojson"), "--assumptions", join(dir, "assumptions.json")];
    const evaluated = await cli(["evaluate", join(dir, "scenario.json"), ...files, "-f", "json"]);
    expect(evaluated.stderr).toBe("");
    const [r] = JSON.parse(evaluated.stdout);
    expect(r.sites.hubs).toEqual(["hub-north", "hub-south", "cand-central"]);
    expect(r.capacity.wards.map((w: { ward: string }) => w.ward)).toEqual(["adultAcute", "olderAdult", "picu"]);
    expect(r.community).not.toBeNull();
    expect(r.warnings).toEqual(["6 of 6 rates are assumptions, not sourced figures", "4 of 4 rates are assumptions, not sourced figures"]);
    const compared = await cli(["compare", join(dir, "scenario.json"), ...files, "-f", "md"]);
    expect(compared.code).toBe(0);
    // the commented copy reads the same
    const commented = await cli(["evaluate", join(dir, "scenario.json"), ...files.slice(0, 6), "--assumptions", join(dir, "assumptions.commented.jsonc"), "-f", "json"]);
    expect(JSON.parse(commented.stdout)[0].metrics).toEqual(r.metrics);
    // never overwrites without --force
    const again = await cli(["init", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has sites\.csv.*--force/);
    expect((await cli(["init", dir, "--force"])).code).toBe(0);
  });

  it("templates/assumptions.jsonc (shipped in the package) is the rendered template", () => {
    expect(readFileSync(join(root, "templates/assumptions.jsonc"), "utf8")).toBe(renderAssumptionsTemplate());
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.files).toContain("templates");
    const a = parseAssumptions(ASSUMPTIONS_TEMPLATE);
    expect(Object.keys(a.wards)).toEqual(["adultAcute", "olderAdult", "picu"]);
  });

  it("matrix needs no ward rates even when the sites file has bed columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubspoke-init-m-"));
    await cli(["init", dir]);
    const r = await cli(["matrix", "--sites", join(dir, "sites.csv"), "--zones", join(dir, "zones.csv"), "--roads", join(dir, "roads.geojson"), "--to", "hubs"]);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe("origin,destination,minutes");
  });
});

describe("assumptions: schema and messages", () => {
  it("assumptionsJsonSchema() describes every rate with its unit", () => {
    const s = assumptionsJsonSchema() as { title: string; properties: Record<string, { description?: string }> };
    expect(s.title).toBe("hubspoke assumptions");
    expect(Object.keys(s.properties)).toEqual(["wards", "targetOccupancy", "targetBlocking", "community", "outOfArea"]);
    expect(s.properties.targetOccupancy.description).toMatch(/RCPsych/);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test.prop([fc.double({ min: 0, max: 1e6, noNaN: true })], { seed: 13, numRuns: 20 })("a bare number says what to write, with that number", (v) => {
    let message = "";
    try {
      parseAssumptions({ wards: { adultAcute: { admissionsPer100kPerYear: v, meanLengthOfStayDays: { value: 30, source: "s" } } } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`wards.adultAcute.admissionsPer100kPerYear: expected a figure with its source: write { "value": ${v}, "source": "where it comes from" }`);
  });

  it("a wrong shape in an assumptions file names the file's field (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubspoke-init-a-"));
    await cli(["init", dir]);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ wards: { adultAcute: { admissionsPer100kPerYear: 75, meanLengthOfStayDays: { value: 30, source: "x" } } } }));
    const r = await cli(["evaluate", "--sites", join(dir, "sites.csv"), "--zones", join(dir, "zones.csv"), "--roads", join(dir, "roads.geojson"), "--assumptions", join(dir, "bad.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('write { "value": 75, "source": "where it comes from" }');
  });
});
