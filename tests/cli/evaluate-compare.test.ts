import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli-run.js";

const dir = mkdtempSync(join(tmpdir(), "hubspoke-scen-"));
const closeCanterbury = join(dir, "close-canterbury.json");
writeFileSync(closeCanterbury, JSON.stringify({ id: "close-canterbury", name: "Close Canterbury hub", changes: [{ type: "closeSite", siteId: "hub-canterbury", reassignSpokesTo: "hub-maidstone" }] }));
const bad = join(dir, "bad.json");
writeFileSync(bad, JSON.stringify({ id: "bad", name: "Bad", changes: [{ type: "closeSite", siteId: 42 }] }));
const unknown = join(dir, "unknown.json");
writeFileSync(unknown, JSON.stringify({ id: "unknown", name: "Unknown site", changes: [{ type: "closeSite", siteId: "hub-nowhere" }] }));

describe("hubspoke evaluate / compare", () => {
  it("compare <option> names no winner: closing a hub is worse on access, trade-offs and deltas in JSON", async () => {
    const r = await runCliInProcess(["compare", closeCanterbury, "-f", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.baseline).toBe("baseline");
    expect(c.ranking).toBeNull();
    expect(c.nonDominated).toContain("baseline");
    expect(c.options[0].worse.map((t: { metric: string }) => t.metric)).toContain("access.hub.meanMinutes");
    const mean = c.rows.find((row: { metric: string }) => row.metric === "access.hub.meanMinutes");
    expect(mean.cells[1].delta).toBeGreaterThan(0); // closing a hub never shortens the nearest-hub trip
    expect(c.switches.length).toBeGreaterThan(0);
  }, 180_000);

  it("compare -f html writes one self-contained report with a map per scenario; -f md uses the Markdown writer", async () => {
    const html = await runCliInProcess(["compare", closeCanterbury, "-f", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(html.stdout.match(/<svg [^>]*role="img"/g)).toHaveLength(4); // a map per scenario, a change map and the gainers/losers chart
    expect(html.stdout).not.toMatch(/<script|src="http/);
    expect(html.stdout).toContain("Catchment switches");
    const md = await runCliInProcess(["compare", closeCanterbury, "-f", "md"]);
    expect(md.stdout).toContain("## Scenario comparison");
  }, 180_000);

  it("evaluate with no file reports the baseline metrics; -f svg draws three hubs", async () => {
    const r = await runCliInProcess(["evaluate", "-f", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("metric,label,unit,Baseline");
    const svg = await runCliInProcess(["evaluate", closeCanterbury, "-f", "svg"]);
    expect(svg.code).toBe(0);
    expect(svg.stdout.match(/data-kind="hub"/g)).toHaveLength(3);
    expect(svg.stdout).toMatch(/data-site="hub-canterbury" data-kind="hub" data-status="closed"/);
  }, 180_000);

  it("exits 2 naming the scenario file and field, or the unknown site", async () => {
    const a = await runCliInProcess(["evaluate", bad]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^hubspoke: bad\.json: parseScenario: invalid input/);
    expect(a.stderr).toContain("changes[0].siteId: Invalid input: expected string, received number (got 42)");
    const b = await runCliInProcess(["evaluate", unknown]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("hub-nowhere");
    const c = await runCliInProcess(["compare", closeCanterbury, "--baseline", "nope"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--baseline "nope" is not the id of any scenario file');
  }, 180_000);
});
