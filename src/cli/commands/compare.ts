// `hubspoke compare`: options and help only; the work is in compare-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";

export interface CompareFlags extends CommonFlags {
  baseline?: string;
  thresholdMinutes: string;
  maps: boolean;
}

export function registerCompare(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("compare")
    .summary("compare redesign options side by side against a baseline")
    .description(
      "Evaluate the baseline (the network as it is, or --baseline <id> among the files) and each option, then report metric deltas, the ranking, " +
        "gainers and losers by IMD decile and catchment switches. --format html gives a one-file report with a map of each option.",
    )
    .argument("<scenarios...>", "scenario JSON files (options)")
    .option("--baseline <id>", "scenario id to compare against (default: the unchanged network)")
    .option("--threshold-minutes <m>", "a zone gains or loses when its minutes change by more than this", "5")
    .option("--no-maps", "leave the maps out of the HTML report");
  addNetworkOptions(cmd);
  const formats = ["table", "json", "csv", "md", "html"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke compare close-canterbury.json new-hub-ashford.json\n  hubspoke compare *.json -f html -o out/options.html");
  cmd.action(async (files: string[], flags: CompareFlags) => {
    checkFormat("compare", flags, formats, "table");
    const { runCompare } = await import("./compare-action.js");
    await runCompare(io, bundled, files, flags);
  });
}
