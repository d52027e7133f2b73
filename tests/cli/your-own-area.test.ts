// The worked example of docs/your-own-area.md, executed: Canterbury district cut from the
// bundled data as plain planner files, run through hubspoke init, evaluate and compare with car
// and (illustrative) public transport side by side.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PT_MODE, PT_RULE, cutArea } from "../../examples/own-area/cut-area.js";
import { cli } from "../support/own-area-files.js";

describe("docs/your-own-area.md worked example", () => {
  it("init, then evaluate and compare Canterbury's own files with car and public transport", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hubspoke-your-area-")), "canterbury");
    expect((await cli(["init", dir])).code).toBe(0);
    cutArea(dir); // the planner's files replace the templates; assumptions.json stays from init
    const zones = readFileSync(join(dir, "zones.csv"), "utf8");
    expect(zones.split("\n")[0]).toBe("\ufeffLSOA21CD,LSOA21NM,lon,lat,population,LAD24NM,Index of Multiple Deprivation (IMD) Decile,RUC21NM,households,households_no_car");
    expect(zones.trim().split("\n")).toHaveLength(93); // 92 LSOAs
    const roads = JSON.parse(readFileSync(join(dir, "roads.geojson"), "utf8"));
    expect(roads.features.every((f: { properties: { highway?: string } }) => typeof f.properties.highway === "string")).toBe(true);
    const pt = readFileSync(join(dir, "public-transport.csv"), "utf8").split("\n");
    expect(pt[0]).toBe("\ufefffrom_id,to_id,travel_time_p50,note");
    expect(pt[1]).toContain(PT_RULE);

    const files = ["--sites", join(dir, "sites.csv"), "--zones", join(dir, "zones.csv"), "--roads", join(dir, "roads.geojson"), "--assumptions", join(dir, "assumptions.json")];
    const modes = ["--mode", `${PT_MODE}=${join(dir, "public-transport.csv")}:r5r`, "--without-car-mode", PT_MODE];
    const options = [join(dir, "close-herne-bay.json"), join(dir, "open-whitstable.json")];
    const json = await cli(["compare", ...options, ...files, ...modes, "-f", "json", "--no-progress"]);
    expect(json.stderr).toBe("");
    const c = JSON.parse(json.stdout);
    const row = (key: string) => c.rows.find((r: { metric: string }) => r.metric === key);
    // closing Herne Bay's base lengthens the trip to a community base by car and by public transport
    expect(row("access.spoke.meanMinutes").cells[1].delta).toBeGreaterThan(0);
    expect(row(`access.spoke.meanMinutes@${PT_MODE}`).cells[1].delta).toBeGreaterThan(row("access.spoke.meanMinutes").cells[1].delta);
    // moving the team to Whitstable instead keeps most of it
    expect(row(`access.spoke.meanMinutes@${PT_MODE}`).cells[2].delta).toBeLessThan(row(`access.spoke.meanMinutes@${PT_MODE}`).cells[1].delta);
    expect(row("equity.noCar.meanMinutes").label).toBe(`Mean minutes to hub, households without a car (by ${PT_MODE})`);
    // the illustrative table follows its rule: 10 + 1.8 × car minutes, rounded up
    const car = row("access.hub.meanMinutes").cells[0].value as number;
    const bus = row(`access.hub.meanMinutes@${PT_MODE}`).cells[0].value as number;
    expect(bus).toBeGreaterThanOrEqual(10 + 1.8 * car - 1e-9);
    expect(bus).toBeLessThanOrEqual(10 + 1.8 * car + 1);

    const html = await cli(["compare", ...options, ...files, ...modes, "-f", "html", "--no-progress"]);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain(`Mean minutes to nearest spoke (population-weighted), ${PT_MODE}`);
    // a map per scenario (3), then per option a change map and a gainers/losers chart (2 × 2)
    expect(html.stdout.match(/<svg [^>]*role="img"/g)).toHaveLength(7);
    expect(html.stdout).toContain("Data and assumptions");
    expect(html.stdout).toContain("illustrative");
  }, 120_000);
});
