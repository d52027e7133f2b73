import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli-run.js";

describe("hubspoke demo", () => {
  it("routes Kent & Medway, prints the catchments and writes maps and GeoJSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubspoke-demo-"));
    const r = await runCliInProcess(["demo", "--out-dir", dir, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const hubs = out.catchments.filter((c: { kind: string }) => c.kind === "hub");
    expect(hubs.map((h: { site: string }) => h.site)).toEqual(["hub-dartford", "hub-maidstone", "hub-canterbury"]);
    // every zone is in exactly one hub catchment
    expect(hubs.reduce((a: number, h: { zones: number }) => a + h.zones, 0) + out.unreachable.length).toBe(1107);
    for (const h of hubs) {
      expect(h.meanMinutes).toBeGreaterThan(5);
      expect(h.meanMinutes).toBeLessThan(60);
    }
    const svg = readFileSync(join(dir, "kent-medway-hubs.svg"), "utf8");
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    expect(Array.from(doc.getElementsByTagName("g")).filter((g) => g.getAttribute("data-kind") === "hub")).toHaveLength(3);
    const fc = JSON.parse(readFileSync(join(dir, "kent-medway-zones.geojson"), "utf8"));
    expect(fc.features).toHaveLength(1107);
    expect(r.stderr).toContain("wrote");
  }, 120_000);

  it("--format md prints a Markdown table; a bad --format exits 2", async () => {
    const md = await runCliInProcess(["demo", "--no-maps", "-f", "md"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Kent & Medway baseline/);
    expect(md.stdout).toContain("| Little Brook Hospital, Dartford | hub | 224 |");
    const html = await runCliInProcess(["demo", "--no-maps", "-f", "html"]);
    expect(html.code).toBe(0);
    expect(html.stdout.startsWith("<!doctype html>")).toBe(true);
    expect(html.stdout.match(/<svg /g)).toHaveLength(2);
    expect(html.stdout).toContain("OpenStreetMap");
    const bad = await runCliInProcess(["demo", "--no-maps", "-f", "pdf"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of table, json, csv, geojson, md, html, svg (got "pdf")');
  }, 120_000);
});
