// `hubspoke compare`: options and help only; the work is in compare-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import { addModeOptions, type ModeFlags } from "../mode-options.js";
import type { CompareFlags } from "./compare-action.js";

export function registerCompare(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("compare")
    .summary("compare redesign options side by side against a baseline")
    .description(
      "Evaluate the baseline (the network as it is, or --baseline <id> among the files) and each option, then report where each option is better and worse " +
        "than the baseline, the non-dominated options, metric deltas, gainers and losers by IMD decile and catchment switches. No single winner is named " +
        "unless you ask for a ranking with --rank-by or --weights. --format html gives a one-file report with maps and charts.",
    )
    .argument("<scenarios...>", "scenario JSON files (options)")
    .option("--baseline <id>", "scenario id to compare against (default: the unchanged network)")
    .option("--threshold-minutes <m>", "a zone gains or loses when its minutes change by more than this", "5")
    .option("--no-maps", "leave the maps out of the HTML report")
    .option("--criteria <keys>", "metric keys of the non-dominated set, comma-separated (default: access, deprivation gap, out-of-area bed-days, estate cost)")
    .option("--rank-by <keys>", "rank by these metric keys in order (no ranking unless asked)")
    .option("--weights <key=w,...>", "rank by a weighted score of these metrics, each scaled 0 (best) to 1 (worst)");
  addNetworkOptions(cmd);
  addModeOptions(cmd);
  const formats = ["table", "json", "csv", "md", "html"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke compare close-canterbury.json new-hub-ashford.json\n  hubspoke compare *.json -f html -o out/options.html\n  hubspoke compare *.json --rank-by access.hub.meanMinutes,capacity.outOfAreaBedDays\n  hubspoke compare *.json --weights access.hub.meanMinutes=2,equity.deprivationGapMinutes=1");
  cmd.action(async (files: string[], flags: CompareFlags) => {
    checkFormat("compare", flags, formats, "table");
    const { runCompare } = await import("./compare-action.js");
    await runCompare(io, bundled, files, flags);
  });
}
