// `hubspoke optimise`: options and help only; the work is in optimise-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import type { OptimiseFlags } from "./optimise-action.js";

export const METHODS = ["p-median", "p-center", "mclp", "lscp"] as const;

export function registerOptimise(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("optimise")
    .alias("optimize")
    .summary("choose sites: p-median, p-center, maximal coverage or set cover")
    .description(
      "Choose sites from --among to serve the zones (weighted by population), on the zones × sites travel-time matrix.\n" +
        "Methods: p-median (min population-weighted minutes), p-center (min the longest trip), mclp (max people within --cover-minutes), lscp (fewest sites covering everyone within --cover-minutes). " +
        "--sweep a-b runs p = a…b and reports the trade-off (with a progress bar on a terminal).",
    )
    .option("-m, --method <method>", METHODS.join("|"), "p-median")
    .option("-p, --p <n>", "number of sites to choose (p-median, p-center, mclp)")
    .option("--sweep <a-b>", "run p = a…b (e.g. 2-6) instead of one p")
    .option("--cover-minutes <m>", "coverage standard in minutes (mclp, lscp)")
    .option("--among <kinds>", "candidate sites: hubs, spokes, candidates or all, joined by +", "hubs+candidates")
    .option("--fixed <ids>", "comma-separated site ids that must stay open")
    .option("--exclude <ids>", "comma-separated site ids that may not be chosen")
    .option("--seed <n>", "seed for the heuristics", "1")
    .option("--time-limit-ms <ms>", "stop the search after this long (reports the gap)")
    .option("-e, --engine <engine>", "router|euclidean", "router")
    .option("--allow-unreachable", "p-median, p-center: list zones no candidate reaches instead of stopping with an error");
  addNetworkOptions(cmd);
  const formats = ["table", "json", "csv", "geojson", "svg"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke optimise -p 3\n  hubspoke optimise --method mclp -p 3 --cover-minutes 30 -f svg -o out/mclp.svg\n  hubspoke optimise --sweep 2-6 -f csv -o out/sweep.csv");
  cmd.action(async (flags: OptimiseFlags) => {
    checkFormat("optimise", flags, formats, "table");
    const { runOptimise } = await import("./optimise-action.js");
    await runOptimise(io, bundled, flags);
  });
}
