// `hubspoke demo`: options and help only; the work is in demo-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import type { DemoFlags } from "./demo-action.js";

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
    const { runDemo } = await import("./demo-action.js");
    await runDemo(io, bundled, flags);
  });
}
