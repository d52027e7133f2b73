import { join } from "node:path";
import type { Command } from "commander";
import { renderHtmlReport } from "../../io/render-html-report.js";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { stringifyGeoJSON } from "../../io/write-geojson.js";
import { zonesToGeoJSON } from "../../io/zones-to-geojson.js";
import type { NearestResult } from "../../routing/types.js";
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
    const toHub = router.nearest(network.zones, hubs);
    progress.update(2, 4);
    const toSpoke = router.nearest(network.zones, spokes);
    progress.update(3, 4);
    progress.stop();
    const pop = new Map(network.zones.map((z) => [z.id, z.population] as const));
    const summarise = (rows: readonly NearestResult[], siteId: string) => {
      const mine = rows.filter((r) => r.destination === siteId);
      const people = mine.reduce((a, r) => a + (pop.get(r.origin) ?? 0), 0);
      const weighted = mine.reduce((a, r) => a + r.minutes * (pop.get(r.origin) ?? 0), 0);
      return { zones: mine.length, population: people, meanMinutes: people > 0 ? Math.round((weighted / people) * 10) / 10 : null, maxMinutes: mine.length > 0 ? Math.round(Math.max(...mine.map((r) => r.minutes)) * 10) / 10 : null };
    };
    const rows = [...hubs, ...spokes].map((s) => ({ site: s.id, name: s.name, kind: s.kind, ...summarise(s.kind === "hub" ? toHub : toSpoke, s.id) }));
    const unreachable = toHub.filter((r) => r.destination === null).map((r) => r.origin);
    const hubMap = () => renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: nearest inpatient hub by road", colourBy: "hub" });
    const minutesMap = () => renderSvgMap(network, { assignments: toHub }, { title: "Kent & Medway: minutes to the nearest hub by road", colourBy: "minutes" });
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
