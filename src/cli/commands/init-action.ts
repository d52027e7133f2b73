// `hubspoke init`: the work, imported only when the command runs (options and help are in init.ts).
import { access, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CliIo } from "../context.js";
import { CliInputError } from "../errors.js";
import { ASSUMPTIONS_TEMPLATE, ROADS_TEMPLATE, SCENARIO_TEMPLATE, SITES_TEMPLATE, ZONES_TEMPLATE, renderAssumptionsTemplate } from "../templates.js";

/** The files `hubspoke init` writes, name → text. */
export function initFiles(): Record<string, string> {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return {
    "sites.csv": SITES_TEMPLATE,
    "zones.csv": ZONES_TEMPLATE,
    "roads.geojson": json(ROADS_TEMPLATE),
    "assumptions.json": json(ASSUMPTIONS_TEMPLATE),
    "assumptions.commented.jsonc": renderAssumptionsTemplate(),
    "scenario.json": json(SCENARIO_TEMPLATE),
    "README.txt": README,
  };
}

const README = `Starter files written by 'hubspoke init'. They describe a small made-up example area and run
as they are; replace them row by row with your own area (docs/your-own-area.md shows how).

  sites.csv        hubs (inpatient units, beds_<ward> columns), spokes (community bases, with their hub),
                   candidates (sites you might open). Coordinates are WGS84 lon/lat.
  zones.csv        demand zones at population-weighted centroids, ONS headers (LSOA21CD, LAD24NM, IMD decile,
                   RUC21NM, households without a car).
  roads.geojson    roads as GeoJSON LineStrings with OpenStreetMap highway tags (or use an .osm / .osm.pbf extract).
  assumptions.json demand and capacity rates, each with its source (assumptions.commented.jsonc explains each field;
                   docs/assumptions.md is the full guide).
  scenario.json    one redesign option; copy it for each option you want to compare.

Run:
  hubspoke evaluate scenario.json --sites sites.csv --zones zones.csv --roads roads.geojson --assumptions assumptions.json
  hubspoke compare scenario.json --sites sites.csv --zones zones.csv --roads roads.geojson --assumptions assumptions.json -f html -o report.html

Public transport beside car: add --mode "public transport=pt.csv:r5r" --without-car-mode "public transport"
(a travel-time table from r5r, OpenTripPlanner or TravelTime; see docs/your-own-area.md).
`;

/** Write the starter files into `dir` (never over existing files unless `force`). */
export async function runInit(io: CliIo, dir: string, flags: { force?: boolean }): Promise<void> {
  const files = initFiles();
  if (flags.force !== true) {
    const existing: string[] = [];
    for (const name of Object.keys(files)) {
      try {
        await access(join(dir, name));
        existing.push(name);
      } catch {
        // not there: fine
      }
    }
    if (existing.length > 0) throw new CliInputError(`init: ${dir} already has ${existing.join(", ")}; nothing was written. Use another folder, or --force to overwrite.`);
  }
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  io.stdout.write(`Wrote ${Object.keys(files).join(", ")} to ${dir}. Next: read ${join(dir, "README.txt")}.\n`);
}
