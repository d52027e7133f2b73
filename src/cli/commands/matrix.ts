// `hubspoke matrix`: options and help only; the work is in matrix-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import { addModeOptions, type ModeFlags } from "../mode-options.js";
import { OD_TABLE_FORMATS } from "../../io/od-table-formats.js";
import type { MatrixFlags } from "./matrix-action.js";

/** The matrix engines the CLI offers. */
export const ENGINES = ["router", "euclidean", "osrm", "table"];

export function registerMatrix(program: Command, io: CliIo, bundled: BundledLoader | undefined): void {
  const engines = ENGINES;
  const cmd = program
    .command("matrix")
    .summary("travel-time matrix from zones to sites")
    .description(
      "Compute (or import) the zones × sites travel-time matrix in minutes.\n" +
        `Engines: ${engines.join(", ")}. 'router' routes on the network's roads (hubspoke's own Dijkstra); 'euclidean' is straight-line distance × 1.3 at 48 km/h; 'osrm' asks an OSRM server's table service in batches; 'table' imports an OD table exported by OSRM, openrouteservice, Valhalla, r5r or TravelTime.`,
    )
    .option("-e, --engine <engine>", `${engines.join("|")}`, engines[0])
    .option("--to <kind>", "destinations: hubs|spokes|candidates|all (open sites)", "all")
    .option("--osrm-url <url>", "OSRM server base URL (engine osrm)")
    .option("--profile <name>", "OSRM profile path segment (engine osrm)", "driving")
    .option("--batch-size <n>", "OSRM origins/destinations per request", "50")
    .option("--timeout-ms <ms>", "OSRM per-request timeout", "30000")
    .option("--retries <n>", "OSRM retries per request", "2")
    .option("--table <file>", "OD table file (engine table)")
    .option("--table-format <format>", `${OD_TABLE_FORMATS.join("|")} (engine table)`)
    .option("--layout <layout>", "csv layout: long|wide", "long")
    .option("--precision <digits>", "csv: decimal places for minutes (0–10)", "2");
  addNetworkOptions(cmd);
  addModeOptions(cmd, false);
  const formats = ["csv", "json", "table"] as const;
  addOutputOptions(cmd, formats, "csv");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke matrix --to hubs -o out/matrix.csv\n  hubspoke matrix --engine osrm --osrm-url http://127.0.0.1:5000 --sites sites.csv --zones zones.csv\n  hubspoke matrix --engine table --table ttm.csv --table-format r5r --format json");
  cmd.action(async (flags: MatrixFlags) => {
    checkFormat("matrix", flags, formats, "csv");
    const { runMatrix } = await import("./matrix-action.js");
    await runMatrix(io, bundled, flags);
  });
}
