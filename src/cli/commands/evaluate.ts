// `hubspoke evaluate`: options and help only; the work is in evaluate-action.ts, imported when the
// command runs, so `hubspoke --help` and `--version` load none of it.
import type { Command } from "commander";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags } from "../context.js";
import type { BundledLoader } from "../inputs.js";
import { addModeOptions, type ModeFlags } from "../mode-options.js";

export function registerEvaluate(program: Command, io: CliIo, bundled: BundledLoader): void {
  const cmd = program
    .command("evaluate")
    .summary("evaluate redesign scenarios: access, catchments, beds, equity")
    .description("Apply each scenario file (JSON: { id, name, changes: [...] }) to the network and report its headline metrics. With no file, evaluates the network as it is (the baseline).")
    .argument("[scenarios...]", "scenario JSON files");
  addNetworkOptions(cmd);
  addModeOptions(cmd);
  const formats = ["table", "json", "csv", "md", "html", "geojson", "svg"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke evaluate\n  hubspoke evaluate scenarios/close-canterbury.json -f html -o out/close-canterbury.html\n  hubspoke evaluate a.json b.json -f csv -o out/metrics.csv\n  hubspoke evaluate a.json --sites sites.csv --zones zones.csv --roads roads.geojson --assumptions assumptions.json \\\n    --mode \"public transport=pt.csv:r5r\" --without-car-mode \"public transport\"\n\ngeojson and svg describe the last scenario given.");
  cmd.action(async (files: string[], flags: CommonFlags & ModeFlags) => {
    checkFormat("evaluate", flags, formats, "table");
    const { runEvaluate } = await import("./evaluate-action.js");
    await runEvaluate(io, bundled, files, flags);
  });
}
