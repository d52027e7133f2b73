// In-process CLI tests (runCli with string-capturing streams) for board-ready output:
// trade-offs instead of a default ranking, --rank-by / --weights, units and "—", warnings on
// stderr, "wrote FILE", --columns, CSV byte-order mark, and evaluate's CSV columns.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { testAssumptions, testSites, testZones } from "../support/scenario-fixtures.js";

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = "";
  return w;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// The tiny line network of tests/support/scenario-fixtures.ts as a --network file (fast to load),
// with the spokes' staffing and hub B's running cost left out: those figures are unknown.
const dir = mkdtempSync(join(tmpdir(), "hubspoke-board-"));
const line = (a: number, b: number, highway: string) => ({ type: "Feature", properties: { highway }, geometry: { type: "LineString", coordinates: [[a * 0.01, 51], [b * 0.01, 51]] } });
const sites = testSites.map((s) => {
  const { staffWte: _staff, ...rest } = s as typeof s & { staffWte?: number };
  return s.id === "hub-b" ? { ...rest, runningCostPerYear: undefined } : rest;
});
const networkFile = join(dir, "network.json");
writeFileSync(networkFile, JSON.stringify({ sites, zones: testZones, assumptions: testAssumptions, roads: { type: "FeatureCollection", features: [line(0, 1, "primary"), line(1, 2, "primary"), line(2, 3, "residential"), line(3, 4, "residential")] } }));
const net = ["--network", networkFile, "--no-progress"];
const closeB = join(dir, "close-b.json");
writeFileSync(closeB, JSON.stringify({ id: "close-b", name: "Close hub B", changes: [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }] }));
const moreBeds = join(dir, "more-beds.json");
writeFileSync(moreBeds, JSON.stringify({ id: "more-beds", name: "More beds at A", changes: [{ type: "setBeds", siteId: "hub-a", beds: { adultAcute: 30 } }] }));

describe("hubspoke compare: trade-offs, not a default winner", () => {
  it("JSON has no ranking, the non-dominated set and each option's trade-offs; the table lists them with units", async () => {
    const r = await cli(["compare", closeB, "-f", "json", ...net]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.ranking).toBeNull();
    expect(c.nonDominated).toContain("baseline");
    const option = c.options[0];
    expect(option.worse.map((t: { metric: string }) => t.metric)).toContain("access.hub.p90Minutes");
    const estate = c.rows.find((row: { metric: string }) => row.metric === "estate.runningCostPerYear");
    // hub B has no running cost: the baseline's estate cost is unknown, never £0, so the option's has no delta
    expect(estate.cells.map((x: { value: unknown; delta: unknown }) => [x.value, x.delta])).toEqual([[null, null], [1_180_000, null]]);
    expect(estate.cells[0].reason).toMatch(/have no runningCostPerYear/);

    const t = await cli(["compare", closeB, ...net]);
    expect(t.code).toBe(0);
    expect(t.stdout.split("\n")[0]).toMatch(/^option\s+non-dominated\s+better than baseline\s+worse than baseline\s+unknown$/);
    expect(t.stdout).toMatch(/90th percentile minutes to nearest hub \+\d+\.\d/);
    expect(t.stdout).toContain("Estate running cost");
    // notes and warnings go to stderr, the table alone to stdout
    expect(t.stderr).toContain("Non-dominated over");
    expect(t.stderr).toMatch(/have no runningCostPerYear/);
  }, 120_000);

  it("--rank-by and --weights rank and state the criterion, with a caution beside an option that worsens access", async () => {
    const r = await cli(["compare", closeB, moreBeds, "--rank-by", "capacity.outOfAreaBedDays,access.hub.meanMinutes", "-f", "json", ...net]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.ranking.criterion).toMatch(/^Out-of-area bed-days \(lower is better\), then Mean minutes/);
    const closing = c.ranking.order.find((o: { scenario: string }) => o.scenario === "close-b");
    expect(closing.cautions.join(" ")).toMatch(/90th percentile minutes to nearest hub worse than the baseline \(\+1\.3 minutes\)/);
    const w = await cli(["compare", closeB, "--weights", "access.hub.meanMinutes=2,capacity.outOfAreaBedDays=1", ...net]);
    expect(w.code).toBe(0);
    expect(w.stdout.split("\n")[0]).toMatch(/^rank\s+scenario/);
    expect(w.stdout).toContain("Baseline (baseline)");
    const bad = await cli(["compare", closeB, "--weights", "access.hub.meanMinutes=-1", ...net]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--weights takes key=weight pairs with positive weights");
    const both = await cli(["compare", closeB, "--weights", "a=1", "--rank-by", "b", ...net]);
    expect(both.code).toBe(2);
  }, 120_000);
});

describe("hubspoke evaluate: columns that line up, files that open cleanly", () => {
  it("evaluate a.json b.json -f csv keys rows by metric, one column per scenario; -o writes a BOM and says where", async () => {
    const r = await cli(["evaluate", closeB, moreBeds, "-f", "csv", ...net]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("metric,label,unit,Close hub B,More beds at A");
    const open = lines.find((l) => l.startsWith("estate.openHubs,"))!;
    expect(open).toBe("estate.openHubs,Open hubs,sites,1,2");
    for (const l of lines.slice(1, -1)) expect(l.split(",").length).toBeGreaterThanOrEqual(5);
    expect(r.stderr).toMatch(/have no staffWte/);

    const out = join(dir, "nested", "metrics.csv");
    const f = await cli(["evaluate", closeB, "-o", out, ...net]);
    expect(f.code).toBe(0);
    expect(f.stdout).toBe("");
    expect(f.stderr).toContain(`wrote ${out}`);
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const noBom = await cli(["evaluate", closeB, "-o", out, "--no-bom", ...net]);
    expect(noBom.code).toBe(0);
    expect(readFileSync(out, "utf8").startsWith("metric,label,unit,")).toBe(true);
  }, 120_000);

  it("the table shows % for shares, whole people and — for unknown; --columns picks and renames", async () => {
    const r = await cli(["evaluate", ...net]);
    expect(r.stdout.split("\n")[0]).toMatch(/^metric\s+unit\s+Baseline$/);
    expect(r.code).toBe(0);
    const line = (label: string) => r.stdout.split("\n").find((l) => l.startsWith(label))!;
    expect(line("Population within 30 min of a hub")).toMatch(/%\s+\d+\.\d%$/);
    expect(line("Population with no reachable hub")).toMatch(/people\s+0$/);
    expect(line("Estate running cost")).toMatch(/—$/);
    expect(line("Staff shortfall")).toMatch(/—$/);
    const c = await cli(["evaluate", "--columns", "metric=Measure,Baseline=Today", ...net]);
    expect(c.code).toBe(0);
    expect(c.stdout.split("\n")[0]).toMatch(/^Measure\s+Today$/);
    const bad = await cli(["evaluate", "--columns", "nope=X", ...net]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--columns names unknown field(s) "nope"');
  }, 120_000);
});
