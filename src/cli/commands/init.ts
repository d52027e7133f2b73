// `hubspoke init`: options and help only; the work is in init-action.ts, imported when the command runs.
import type { Command } from "commander";
import type { CliIo } from "../context.js";

export function registerInit(program: Command, io: CliIo): void {
  program
    .command("init")
    .summary("write starter files (sites, zones, roads, assumptions, scenario) for your own area")
    .description("Write template files for a new area into DIR: sites.csv, zones.csv, roads.geojson, assumptions.json (and a commented copy), scenario.json and a README. They run as they are; replace them with your own data.")
    .argument("<dir>", "folder to write into (created if missing)")
    .option("--force", "overwrite files that already exist")
    .addHelpText("after", "\nExample:\n  hubspoke init my-area && cd my-area && hubspoke evaluate scenario.json --sites sites.csv --zones zones.csv --roads roads.geojson --assumptions assumptions.json")
    .action(async (dir: string, flags: { force?: boolean }) => {
      const { runInit } = await import("./init-action.js");
      await runInit(io, dir, flags);
    });
}
