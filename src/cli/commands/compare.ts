import type { Command } from "commander";
import { comparisonToHtml } from "../../io/comparison-to-html.js";
import { compareScenarios, comparisonToCsv, comparisonToMarkdown } from "../../scenario/index.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { CliInputError } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { readScenarios } from "../scenario-files.js";
import { withRoadGraph } from "../engines.js";
import { addModeOptions, type ModeFlags } from "../modes.js";
import { BASELINE, cliModes, evaluateAll, scenarioFiles, scenarioMap } from "./evaluate.js";

interface CompareFlags extends CommonFlags, ModeFlags {
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
  addModeOptions(cmd);
  const formats = ["table", "json", "csv", "md", "html"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke compare close-canterbury.json new-hub-ashford.json\n  hubspoke compare *.json -f html -o out/options.html");
  cmd.action(async (files: string[], flags: CompareFlags) => {
    checkFormat("compare", flags, formats, "table");
    const threshold = Number(flags.thresholdMinutes);
    if (!Number.isFinite(threshold) || threshold < 0) throw new CliInputError(`compare: --threshold-minutes must be minutes ≥ 0 (got "${flags.thresholdMinutes}").`);
    const options = await readScenarios(files);
    const scenarios = flags.baseline === undefined ? [BASELINE, ...options.filter((s) => s.id !== BASELINE.id)] : options;
    if (flags.baseline !== undefined && !scenarios.some((s) => s.id === flags.baseline)) {
      throw new CliInputError(`compare: --baseline "${flags.baseline}" is not the id of any scenario file (ids: ${scenarios.map((s) => s.id).join(", ")}).`);
    }
    const network = withRoadGraph(await loadNetwork(flags, bundled));
    const results = await evaluateAll(network, scenarios, flags, scenarioFiles(files, options), await cliModes(flags, network));
    const comparison = compareScenarios(results, { baseline: flags.baseline ?? BASELINE.id, thresholdMinutes: threshold });
    const siteNames = Object.fromEntries(network.sites.map((s) => [s.id, s.name]));
    await finish("compare", io, flags, {
      rows: () => comparison.ranking.order.map((o) => ({ rank: o.rank, scenario: o.name, ...Object.fromEntries(comparison.ranking.keys.map((k, i) => [comparison.rows.find((r) => r.metric === k.metric)?.label ?? k.metric, o.values[i]])) })),
      json: () => comparison,
      csv: () => comparisonToCsv(comparison),
      md: () => comparisonToMarkdown(comparison),
      html: () =>
        comparisonToHtml(comparison, {
          siteNames,
          maps: flags.maps ? results.map((r, k) => ({ heading: `Map: ${r.scenario.name}`, svg: scenarioMap(network, scenarios[k], r) })) : [],
        }),
    }, "table");
  });
}
