import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli-run.js";
import { type FakeOsrm, startFakeOsrm } from "../support/io-fake-osrm.js";

const dir = mkdtempSync(join(tmpdir(), "hubspoke-cli-"));
const sitesCsv = join(dir, "sites.csv");
const zonesCsv = join(dir, "zones.csv");
writeFileSync(sitesCsv, "id,name,kind,lon,lat,hub\nh1,Hub One,hub,0.5,51.3,\ns1,Spoke One,spoke,0.6,51.2,h1\n");
writeFileSync(zonesCsv, "LSOA21CD,LSOA21NM,lon,lat,population\nz1,Zone 1,0.5,51.3,100\nz2,Zone 2,0.7,51.4,200\n");

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm();
});
afterAll(async () => {
  await osrm.close();
});

describe("hubspoke matrix", () => {
  it("hubspoke matrix --engine osrm writes a long CSV of minutes (exit 0)", async () => {
    const r = await runCliInProcess(["matrix", "--engine", "osrm", "--osrm-url", osrm.url, "--sites", sitesCsv, "--zones", zonesCsv, "--batch-size", "1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // fake OSRM: 1000 s per Manhattan degree
    expect(r.stdout).toBe("origin,destination,minutes\nz1,h1,0\nz1,s1,3.33\nz2,h1,5\nz2,s1,5\n");
  });

  it("--format json and --out write the matrix with provenance to a file", async () => {
    const out = join(dir, "nested", "m.json");
    const r = await runCliInProcess(["matrix", "-e", "osrm", "--osrm-url", osrm.url, "--sites", sitesCsv, "--zones", zonesCsv, "--to", "hubs", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const m = JSON.parse(readFileSync(out, "utf8"));
    expect(m.destinations).toEqual(["h1"]);
    expect(m.minutes).toEqual([0, 5]);
    expect(m.provenance.engine).toBe("osrm");
  });

  it("--engine table imports an r5r CSV and prints a table", async () => {
    const ttm = join(dir, "ttm.csv");
    writeFileSync(ttm, "from_id,to_id,travel_time_p50\nz1,h1,12\nz2,h1,NA\n");
    const r = await runCliInProcess(["matrix", "-e", "table", "--table", ttm, "--table-format", "r5r", "-f", "table"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("origin           h1\n------  -----------\nz1               12\nz2      unreachable\n");
  });

  it("exits 2 naming the file, row and field of a bad cell", async () => {
    const bad = join(dir, "bad-zones.csv");
    writeFileSync(bad, "id,lon,lat,population\nz1,0.5,51.3,100\nz2,0.5,north,5\n");
    const r = await runCliInProcess(["matrix", "-e", "osrm", "--osrm-url", osrm.url, "--sites", sitesCsv, "--zones", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('bad-zones.csv:row 3:lat: expected a number (got "north")');
  });

  it("exits 2 on usage errors and a missing file, 1 when the engine fails", async () => {
    expect((await runCliInProcess(["matrix", "--bogus"])).code).toBe(2);
    expect((await runCliInProcess(["matrix", "-e", "osrm", "--sites", sitesCsv, "--zones", zonesCsv])).stderr).toContain("needs --osrm-url");
    const missing = await runCliInProcess(["matrix", "-e", "osrm", "--osrm-url", osrm.url, "--sites", join(dir, "nope.csv"), "--zones", zonesCsv]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read ".*nope\.csv" \(ENOENT\)/);
    const down = await runCliInProcess(["matrix", "-e", "osrm", "--osrm-url", "http://127.0.0.1:9", "--retries", "0", "--sites", sitesCsv, "--zones", zonesCsv]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/batch 1 of 1 .* failed after 1 attempt\(s\): network error/);
    const fmt = await runCliInProcess(["matrix", "-e", "osrm", "--osrm-url", osrm.url, "--sites", sitesCsv, "--zones", zonesCsv, "-f", "geojson"]);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain("--format geojson is not available for this command (use csv, json, table).");
  });

  it("--engine router routes on --roads from an .osm file; --engine euclidean needs no roads", async () => {
    const osm = join(__dirname, "../fixtures/io/tiny.osm");
    const sites = join(dir, "osm-sites.csv");
    const zones = join(dir, "osm-zones.csv");
    writeFileSync(sites, "id,name,kind,lon,lat\nh1,Hub,hub,0.05,51.05\n");
    writeFileSync(zones, "id,lon,lat,population\nz1,0,51,10\nz2,0.05,51,20\n");
    const r = await runCliInProcess(["matrix", "--sites", sites, "--zones", zones, "--roads", osm, "-f", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.provenance.engine).toBe("hubspoke-router");
    // z2 sits on the road between z1 and the hub, so it is nearer
    expect(m.minutes[1]).toBeGreaterThan(0);
    expect(m.minutes[0]).toBeGreaterThan(m.minutes[1]);
    const e = await runCliInProcess(["matrix", "-e", "euclidean", "--sites", sites, "--zones", zones, "-f", "json"]);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout).provenance.engine).toBe("euclidean");
    const noRoads = await runCliInProcess(["matrix", "--sites", sites, "--zones", zones]);
    expect(noRoads.code).toBe(2);
    expect(noRoads.stderr).toContain("this network has no roads");
  });

  it("lists zones far from any road: unsnapped in JSON, a warning on stderr and a second CSV beside --out", async () => {
    const roads = join(dir, "one-road.geojson");
    writeFileSync(roads, JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { highway: "primary" }, geometry: { type: "LineString", coordinates: [[0.49, 51.3], [0.55, 51.3], [0.61, 51.3]] } }] }));
    const zones = join(dir, "far-zones.csv");
    writeFileSync(zones, "id,lon,lat,population\nz1,0.52,51.301,100\nz-far,1.5,52,200\n");
    const json = await runCliInProcess(["matrix", "--sites", sitesCsv, "--zones", zones, "--roads", roads, "--to", "hubs", "-f", "json"]);
    expect(json.code).toBe(0);
    const m = JSON.parse(json.stdout);
    expect([m.unsnapped, m.islands, m.minutes[1]]).toEqual([["z-far"], [], null]);
    const out = join(dir, "far", "m.csv");
    const csv = await runCliInProcess(["matrix", "--sites", sitesCsv, "--zones", zones, "--roads", roads, "--to", "hubs", "-o", out]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain("warning: 1 zone(s) or site(s) are farther than the snapping distance from any road; their minutes are empty (unreachable): z-far");
    expect(csv.stderr).toContain(`the full list is in ${join(dir, "far", "m.unsnapped.csv")}`);
    expect(readFileSync(join(dir, "far", "m.unsnapped.csv"), "utf8")).toBe("\uFEFFid,role,problem\nz-far,zone,unsnapped: farther than 2000 m from any road; its minutes are empty (unreachable)\n");
    const e = await runCliInProcess(["matrix", "-e", "euclidean", "--sites", sitesCsv, "--zones", zones, "-f", "json"]);
    expect(JSON.parse(e.stdout).unsnapped).toEqual([]);
  });

  it("a table row for a zone or site the network does not have exits 2 naming the row", async () => {
    const ttm = join(dir, "ttm-unknown.csv");
    writeFileSync(ttm, "from_id,to_id,travel_time_p50\nz1,h1,12\nz9,h1,30\n");
    const r = await runCliInProcess(["matrix", "-e", "table", "--table", ttm, "--table-format", "r5r", "--sites", sitesCsv, "--zones", zonesCsv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ttm-unknown.csv:row 3:travel_time_p50: origin "z9" is not a known origin');
    const mode = await runCliInProcess(["matrix", "-e", "euclidean", "--sites", sitesCsv, "--zones", zonesCsv, "--mode", `walk=${ttm}`]);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('origin "z9" is not a known origin');
  });

  it("--help and --version exit 0; the version matches package.json", async () => {
    const help = await runCliInProcess(["matrix", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: hubspoke matrix");
    const v = await runCliInProcess(["--version"]);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")).version);
  });
});
