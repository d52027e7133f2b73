// evaluate and compare on a planner's own files (CSV, GeoJSON roads, assumptions), in-process.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, writeArea } from "../support/own-area-files.js";

const area = writeArea();

describe("hubspoke evaluate / compare on own files", () => {
  it("evaluate builds the road graph from --roads and reports table, json and html", async () => {
    const table = await cli(["evaluate", area.closeB, ...area.flags]);
    expect(table.stderr).not.toMatch(/^hubspoke:/m); // warnings only, no error
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Mean minutes to nearest hub \(population-weighted\)\s+minutes\s+\d/);
    const json = await cli(["evaluate", area.closeB, ...area.flags, "-f", "json"]);
    expect(json.code).toBe(0);
    const [r] = JSON.parse(json.stdout);
    expect(r.sites.hubs).toEqual(["hub-a"]);
    expect(r.zones.map((z: { hub: string }) => z.hub)).toEqual(["hub-a", "hub-a", "hub-a", "hub-a"]);
    expect(r.provenance.travelTimes).toBe("hubspoke-router");
    const html = await cli(["evaluate", area.closeB, ...area.flags, "-f", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(html.stdout).toContain("<svg ");
  });

  it("compare ranks options on own files in table, json and html", async () => {
    const table = await cli(["compare", area.closeB, area.openX, ...area.flags]);
    expect(table.stderr).not.toMatch(/^hubspoke:/m); // warnings only, no error
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Close hub B");
    const json = await cli(["compare", area.closeB, area.openX, ...area.flags, "-f", "json"]);
    const c = JSON.parse(json.stdout);
    expect(c.baseline).toBe("baseline");
    const mean = c.rows.find((row: { metric: string }) => row.metric === "access.hub.meanMinutes");
    expect(mean.cells.length).toBe(3);
    expect(mean.cells[1].delta).toBeGreaterThan(0); // closing hub B lengthens trips
    const html = await cli(["compare", area.closeB, area.openX, ...area.flags, "-f", "html"]);
    expect(html.code).toBe(0);
    // a map per scenario (3), then per option a change map and a gainers/losers chart (2 × 2)
    expect(html.stdout.match(/<svg [^>]*role="img"/g)).toHaveLength(7);
  });

  it("a scenario that fails on the network names its file (exit 2)", async () => {
    const bad = join(area.dir, "unknown-site.json");
    writeFileSync(bad, JSON.stringify({ id: "u", name: "U", changes: [{ type: "closeSite", siteId: "hub-nowhere" }] }));
    const r = await cli(["evaluate", bad, ...area.flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hubspoke: unknown-site\.json: applyScenario: changes\[0\] \(closeSite\)/);
    expect(r.stderr).toContain("hub-nowhere");
    const c = await cli(["compare", area.closeB, bad, ...area.flags]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("unknown-site.json");
  });

  it("without --roads, evaluate says how to give roads", async () => {
    const r = await cli(["evaluate", "--sites", area.sites, "--zones", area.zones, "--assumptions", area.assumptions]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--roads/);
  });

  it("--mode adds public transport beside car; --without-car-mode moves the no-car metrics to it", async () => {
    const pt = join(area.dir, "pt.csv");
    const zones = [["E01000001", 0], ["E01000002", 1], ["E01000003", 3], ["E01000004", 4]] as const;
    const sites = [["hub-a", 0], ["hub-b", 4], ["spoke-1", 1], ["spoke-2", 3], ["cand-x", 2]] as const;
    writeFileSync(pt, `from_id,to_id,travel_time_p50\n${zones.flatMap(([z, zp]) => sites.map(([s, sp]) => `${z},${s},${10 + 5 * Math.abs(zp - sp)}`)).join("\n")}\n`);
    const modes = ["--mode", `public transport=${pt}:r5r`, "--without-car-mode", "public transport"];
    const json = await cli(["compare", area.closeB, ...area.flags, ...modes, "-f", "json"]);
    expect(json.stderr).toBe("");
    const c = JSON.parse(json.stdout);
    const keys = c.rows.map((r: { metric: string }) => r.metric);
    expect(keys.slice(0, 2)).toEqual(["access.hub.meanMinutes", "access.hub.meanMinutes@public transport"]);
    const ptMean = c.rows.find((r: { metric: string }) => r.metric === "access.hub.meanMinutes@public transport");
    expect(ptMean.label).toBe("Mean minutes to nearest hub (population-weighted), public transport");
    expect(ptMean.cells[0].value).toBeCloseTo((1000 * 10 + 2000 * 15 + 1500 * 15 + 500 * 10) / 5000, 9);
    expect(c.rows.find((r: { metric: string }) => r.metric === "equity.noCar.meanMinutes").label).toMatch(/by public transport/);
    const html = await cli(["compare", area.closeB, ...area.flags, ...modes, "-f", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain("Mean minutes to nearest hub (population-weighted), public transport");
    const table = await cli(["evaluate", area.openX, ...area.flags, ...modes]);
    expect(table.stdout).toMatch(/Mean minutes to nearest hub \(population-weighted\), public transport\s+minutes\s+1\d/);
    const matrix = await cli(["matrix", ...area.flags, "--to", "hubs", "--mode", `public transport=${pt}`]);
    expect(matrix.stdout.split("\n")[0]).toBe("\ufeffmode,origin,destination,minutes"); // CSV for Excel: UTF-8 byte-order mark
    expect(matrix.stdout).toContain("public transport,E01000001,hub-a,10");
    const unknown = await cli(["evaluate", ...area.flags, "--mode", `public transport=${pt}`, "--without-car-mode", "bus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--without-car-mode "bus" is not a mode/);
    const badSpec = await cli(["evaluate", ...area.flags, "--mode", "public transport"]);
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).toMatch(/write NAME=FILE\[:FORMAT\]/);
    // a table without the candidate: opening it stops, naming the change and the mode
    const partial = join(area.dir, "pt-partial.csv");
    writeFileSync(partial, `from_id,to_id,travel_time_p50\n${zones.flatMap(([z, zp]) => sites.slice(0, 4).map(([s, sp]) => `${z},${s},${10 + 5 * Math.abs(zp - sp)}`)).join("\n")}\n`);
    const open = await cli(["evaluate", area.openX, ...area.flags, "--mode", `public transport=${partial}`]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/open-x\.json: evaluate: changes\[0\] \(openSite "cand-x"\) needs travel times for mode "public transport"/);
  });
});
