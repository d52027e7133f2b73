// evaluate and compare on a planner's own files (CSV, GeoJSON roads, assumptions), in-process.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, writeArea } from "../support/own-area-files.js";

const area = writeArea();

describe("hubspoke evaluate / compare on own files", () => {
  it("evaluate builds the road graph from --roads and reports table, json and html", async () => {
    const table = await cli(["evaluate", area.closeB, ...area.flags]);
    expect(table.stderr).toBe("");
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
    expect(table.stderr).toBe("");
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
    expect(html.stdout.match(/<svg /g)).toHaveLength(3);
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
});
