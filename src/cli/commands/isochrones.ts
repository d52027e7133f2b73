// `hubspoke isochrones`: options and help only; the work is in isochrones-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import type { IsochronesFlags } from "./isochrones-action.js";

export function registerIsochrones(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("isochrones")
    .summary("drive-time bands around a site, as polygons")
    .description(
      "Areas that can reach a site (or be reached from it) by road within each band of minutes, as nested MultiPolygons with the population inside each (from the network's zones).",
    )
    .option("-s, --site <id>", "site id (default: every open hub, one after another)")
    .option("-b, --bands <minutes>", "comma-separated increasing minutes", "15,30,45,60")
    .option("--direction <to|from>", "travel to the site (default) or from it", "to");
  addNetworkOptions(cmd);
  const formats = ["geojson", "table", "json", "svg"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke isochrones --site hub-maidstone -f geojson -o out/maidstone.geojson\n  hubspoke isochrones --bands 30,60 -f svg -o out/hubs-isochrones.svg");
  cmd.action(async (flags: IsochronesFlags) => {
    checkFormat("isochrones", flags, formats, "table");
    const { runIsochrones } = await import("./isochrones-action.js");
    await runIsochrones(io, bundled, flags);
  });
}
