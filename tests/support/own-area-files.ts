// A tiny planner's area as plain files (sites and zones CSV with ONS headers, OSM-style roads
// GeoJSON with highway tags, an assumptions file, scenario files), for CLI tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { runCli } from "../../src/cli/program.js";

export const SITES_CSV = `id,name,kind,lon,lat,hub,beds_adultAcute,staff_wte,running_cost_per_year
hub-a,Hub A,hub,0.000,51.000,,10,,1000000
hub-b,Hub B,hub,0.040,51.000,,8,,900000
spoke-1,Spoke 1,spoke,0.010,51.001,hub-a,,4,100000
spoke-2,Spoke 2,spoke,0.030,51.001,hub-b,,3,80000
cand-x,Candidate X,candidate,0.020,51.001,,,,
`;

export const ZONES_CSV = `LSOA21CD,LSOA21NM,lon,lat,population,LAD24NM,imd_decile,RUC21NM,households,households_no_car
E01000001,Zone 1,0.000,51.002,1000,North,1,Urban,400,100
E01000002,Zone 2,0.010,51.002,2000,North,5,Urban,800,80
E01000003,Zone 3,0.030,51.002,1500,South,8,Rural,600,30
E01000004,Zone 4,0.040,51.002,500,South,10,Rural,200,10
`;

export const ROADS = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { highway: "primary", name: "London Road" }, geometry: { type: "LineString", coordinates: [[0, 51.001], [0.01, 51.001], [0.02, 51.001]] } },
    { type: "Feature", properties: { highway: "residential", name: "Mill Lane" }, geometry: { type: "LineString", coordinates: [[0.02, 51.001], [0.03, 51.001], [0.04, 51.001]] } },
  ],
};

export const ASSUMPTIONS = {
  wards: { adultAcute: { admissionsPer100kPerYear: { value: 200, source: "test" }, meanLengthOfStayDays: { value: 30, source: "test" } } },
  targetOccupancy: { value: 0.85, source: "test" },
};

/** Write the area into a fresh temporary folder; returns the folder and each file's path. */
export function writeArea(): { dir: string; sites: string; zones: string; roads: string; assumptions: string; closeB: string; openX: string; flags: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "hubspoke-own-area-"));
  const path = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const sites = path("sites.csv", SITES_CSV);
  const zones = path("zones.csv", ZONES_CSV);
  const roads = path("roads.geojson", JSON.stringify(ROADS));
  const assumptions = path("assumptions.json", JSON.stringify(ASSUMPTIONS));
  const closeB = path("close-b.json", JSON.stringify({ id: "close-b", name: "Close hub B", changes: [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }] }));
  const openX = path("open-x.json", JSON.stringify({ id: "open-x", name: "Open X as a hub", changes: [{ type: "openSite", siteId: "cand-x", as: "hub" }, { type: "setBeds", siteId: "cand-x", beds: { adultAcute: 4 } }] }));
  return { dir, sites, zones, roads, assumptions, closeB, openX, flags: ["--sites", sites, "--zones", zones, "--roads", roads, "--assumptions", assumptions, "--no-progress"] };
}

/** Run the CLI in-process, capturing stdout and stderr. */
export async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}
