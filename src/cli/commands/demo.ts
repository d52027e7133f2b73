import { join } from "node:path";
import type { Command } from "commander";
import { renderHtmlReport } from "../../io/render-html-report.js";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { stringifyGeoJSON } from "../../io/write-geojson.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import { nearestSites } from "../../access/index.js";
import { nearestCatchments } from "../../catchment/index.js";
import { addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish, progressFor } from "../context.js";
import { routerFor } from "../engines.js";
import { emit } from "../output.js";
import type { BundledLoader } from "../inputs.js";

interface DemoFlags extends CommonFlags {
  outDir: string;
  maps: boolean;
}

export function registerDemo(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("demo")
    .summary("Kent & Medway on real roads: nearest hub and spoke, maps in out/")
    .description(
      "Load the bundled Kent & Medway network (1,107 LSOAs, OpenStreetMap roads, 3 hubs, 20 spokes), route every zone to its nearest hub and spoke, " +
        "print the catchments, and write maps and data to --out-dir: kent-medway-hubs.svg (zones coloured by nearest hub), kent-medway-minutes.svg (minutes to the nearest hub) and kent-medway-zones.geojson.",
    )
    .option("--out-dir <dir>", "folder for the maps and GeoJSON", "out")
    .option("--no-maps", "do not write the SVG maps and GeoJSON");
  const formats = ["table", "json", "csv", "md", "html"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke demo\n  hubspoke demo --out-dir reports --format md --out reports/demo.md");
  cmd.action(async (flags: DemoFlags) => {
    checkFormat("demo", flags, formats, "table");
    const progress = progressFor("Routing", flags);
    const network = await bundled();
    const { KENT_MEDWAY_ATTRIBUTION } = await import("../../kent-medway/index.js");
    progress.update(1, 4);
    const router = routerFor(network);
    const open = network.sites.filter((s) => s.status === "open");
    const hubs = open.filter((s) => s.kind === "hub");
    const spokes = open.filter((s) => s.kind === "spoke");
    const matrix = router.travelTimes(network.zones, [...hubs, ...spokes]);
    progress.update(2, 4);
    const population = network.zones.map((z) => z.population);
    const hubIds = hubs.map((s) => s.id);
    const spokeIds = spokes.map((s) => s.id);
    const toHub = nearestSites(matrix, { among: hubIds }).nearest;
    const catchments = new Map(
      [...nearestCatchments(matrix, { among: hubIds, population }).sites, ...nearestCatchments(matrix, { among: spokeIds, population }).sites].map((c) => [c.site, c] as const),
    );
    progress.update(3, 4);
    progress.stop();
    const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    const rows = [...hubs, ...spokes].map((s) => {
      const c = catchments.get(s.id)!;
      return { site: s.id, name: s.name, kind: s.kind, zones: c.zones.length, population: c.population ?? 0, meanMinutes: round1(c.meanMinutes), maxMinutes: round1(c.maxMinutes) };
    });
    const unreachable = toHub.filter((r) => r.destination === null).map((r) => r.origin);
    const hubMap = () => renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: nearest inpatient hub by road", colourBy: "hub", mainRoads: true });
    const minutesMap = () => renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: minutes to the nearest hub by road", colourBy: "minutes", mainRoads: true });
    if (flags.maps) {
      const dir = flags.outDir;
      await emit(hubMap(), join(dir, "kent-medway-hubs.svg"), io.stdout);
      await emit(minutesMap(), join(dir, "kent-medway-minutes.svg"), io.stdout);
      await emit(stringifyGeoJSON(zonesToGeoJSON(network.zones, { assignments: toHub })), join(dir, "kent-medway-zones.geojson"), io.stdout);
      io.stderr.write(`hubspoke demo: wrote ${join(dir, "kent-medway-hubs.svg")}, ${join(dir, "kent-medway-minutes.svg")} and ${join(dir, "kent-medway-zones.geojson")}\n`);
    }
    await finish("demo", io, flags, {
      rows: () => rows,
      json: () => ({ catchments: rows, unreachable, provenance: { network: "kentMedway()", engine: "hubspoke-router" } }),
      html: () =>
        renderHtmlReport({
          title: "Kent & Medway baseline: nearest hub and spoke by road",
          subtitle: `${network.zones.length} LSOAs, ${hubs.length} hubs, ${spokes.length} spokes; ${unreachable.length} zones unreachable.`,
          sections: [
            { heading: "Nearest hub", svg: hubMap(), caption: "Each LSOA coloured by the hub nearest by road." },
            { heading: "Travel time to the nearest hub", svg: minutesMap() },
            { heading: "Catchments", table: { columns: ["Site", "Kind", "Zones", "Population", "Mean minutes", "Max minutes"], rows: rows.map((r) => [r.name, r.kind, r.zones, r.population, r.meanMinutes, r.maxMinutes]) } },
          ],
          footer: [...KENT_MEDWAY_ATTRIBUTION, "Generated by hubspoke demo."],
        }),
      md: () =>
        `# Kent & Medway baseline\n\nNearest open hub and spoke by road for ${network.zones.length} LSOAs (${unreachable.length} unreachable).\n\n| Site | Kind | Zones | Population | Mean minutes | Max minutes |\n|---|---|--:|--:|--:|--:|\n${rows.map((r) => `| ${r.name} | ${r.kind} | ${r.zones} | ${r.population} | ${r.meanMinutes ?? "–"} | ${r.maxMinutes ?? "–"} |`).join("\n")}\n`,
    }, "table");
  });
}
