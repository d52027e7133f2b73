import type { Command } from "commander";
import { comparisonToHtml } from "../../io/comparison-to-html.js";
import { type CompareScenariosOptions, type ScenarioComparison, compareScenarios, comparisonToCsv, comparisonToMarkdown, dataAndAssumptions } from "../../scenario/index.js";
import { nonDominatedText, tradeOffText } from "../../scenario/comparison-to-markdown.js";
import { formatValue } from "../../scenario/format.js";
import type { Ranking } from "../../scenario/rank-scenarios.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { CliInputError } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { readScenarios } from "../scenario-files.js";
import { BASELINE, changeMap, evaluateAll, resultNotes, scenarioMap } from "./evaluate.js";
import type { ServiceNetwork } from "../../model/types.js";
import type { Scenario, ScenarioResult } from "../../scenario/index.js";

/** A map per scenario (nearest hub), then a change map per option against the baseline. */
function reportMaps(network: ServiceNetwork, scenarios: readonly Scenario[], results: readonly ScenarioResult[], baselineId: string): { heading: string; svg: string; caption: string }[] {
  const b = results.findIndex((r) => r.scenario.id === baselineId);
  const maps = results.map((r, k) => ({ heading: `Map: ${r.scenario.name}`, svg: scenarioMap(network, scenarios[k], r), caption: "Zones coloured by their nearest open hub by road; closed sites crossed out." }));
  results.forEach((r, k) => {
    if (k === b) return;
    maps.push({ heading: `Change map: ${r.scenario.name}`, svg: changeMap(network, scenarios[k], r, results[b]), caption: `Minutes to the nearest hub, option minus ${results[b].scenario.name}: purple nearer, orange further.` });
  });
  return maps;
}

interface CompareFlags extends CommonFlags {
  baseline?: string;
  thresholdMinutes: string;
  maps: boolean;
  rankBy?: string;
  weights?: string;
  criteria?: string;
}

/** `--rank-by a,b` or `--weights a=2,b=1` → the `rankBy` option (or undefined: no ranking). */
export function rankByFlag(flags: { rankBy?: string; weights?: string }): CompareScenariosOptions["rankBy"] {
  if (flags.rankBy !== undefined && flags.weights !== undefined) throw new CliInputError("compare: give --rank-by or --weights, not both.");
  if (flags.rankBy !== undefined) {
    const keys = flags.rankBy.split(",").map((k) => k.trim()).filter((k) => k !== "");
    if (keys.length === 0) throw new CliInputError(`compare: --rank-by needs metric keys, e.g. --rank-by access.hub.meanMinutes (got "${flags.rankBy}").`);
    return keys;
  }
  if (flags.weights === undefined) return undefined;
  const weights: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const part of flags.weights.split(",")) {
    const m = /^\s*([^=\s]+)\s*=\s*([^\s]+)\s*$/.exec(part);
    const w = m === null ? Number.NaN : Number(m[2]);
    if (m === null || !Number.isFinite(w) || w <= 0) throw new CliInputError(`compare: --weights takes key=weight pairs with positive weights, e.g. access.hub.meanMinutes=2,capacity.outOfAreaBedDays=1 (got "${part}").`);
    weights[m[1]] = w;
  }
  return { weights: { ...weights } };
}

/** Rows of the default table: per option, the non-dominated flag and its trade-offs. */
function tradeOffRows(comparison: ScenarioComparison): Record<string, unknown>[] {
  return comparison.options.map((o) => ({
    option: o.name,
    "non-dominated": o.nonDominated ? "yes" : `no (by ${o.dominatedBy.map((id) => comparison.scenarios.find((s) => s.id === id)?.name ?? id).join(", ")})`,
    "better than baseline": tradeOffText(o.better),
    "worse than baseline": tradeOffText(o.worse),
    unknown: o.unknown.length === 0 ? "—" : o.unknown.map((u) => u.label).join("; "),
  }));
}

function rankingRows(comparison: ScenarioComparison, ranking: Ranking): Record<string, unknown>[] {
  const rowOf = new Map(comparison.rows.map((r) => [r.metric, r] as const));
  return ranking.order.map((o) => ({
    rank: o.rank,
    scenario: o.baseline ? `${o.name} (baseline)` : o.name,
    ...Object.fromEntries(ranking.keys.map((k, i) => [rowOf.get(k.metric)?.label ?? k.metric, formatValue(o.values[i], rowOf.get(k.metric)?.unit ?? "")])),
    ...(o.score === null ? {} : { score: o.score.toFixed(3) }),
    caution: o.cautions.length === 0 ? "—" : o.cautions.join("; "),
  }));
}

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
  const formats = ["table", "json", "csv", "md", "html"] as const;
  addOutputOptions(cmd, formats, "table");
  cmd.addHelpText("after", "\nExamples:\n  hubspoke compare close-canterbury.json new-hub-ashford.json\n  hubspoke compare *.json -f html -o out/options.html\n  hubspoke compare *.json --rank-by access.hub.meanMinutes,capacity.outOfAreaBedDays\n  hubspoke compare *.json --weights access.hub.meanMinutes=2,equity.deprivationGapMinutes=1");
  cmd.action(async (files: string[], flags: CompareFlags) => {
    checkFormat("compare", flags, formats, "table");
    const threshold = Number(flags.thresholdMinutes);
    if (!Number.isFinite(threshold) || threshold < 0) throw new CliInputError(`compare: --threshold-minutes must be minutes ≥ 0 (got "${flags.thresholdMinutes}").`);
    const options = await readScenarios(files);
    const scenarios = flags.baseline === undefined ? [BASELINE, ...options.filter((s) => s.id !== BASELINE.id)] : options;
    if (flags.baseline !== undefined && !scenarios.some((s) => s.id === flags.baseline)) {
      throw new CliInputError(`compare: --baseline "${flags.baseline}" is not the id of any scenario file (ids: ${scenarios.map((s) => s.id).join(", ")}).`);
    }
    const network = await loadNetwork(flags, bundled);
    const results = await evaluateAll(network, scenarios, flags);
    const rankBy = rankByFlag(flags);
    const criteria = flags.criteria?.split(",").map((k) => k.trim()).filter((k) => k !== "");
    const comparison = compareScenarios(results, {
      baseline: flags.baseline ?? BASELINE.id,
      thresholdMinutes: threshold,
      ...(rankBy === undefined ? {} : { rankBy }),
      ...(criteria === undefined || criteria.length === 0 ? {} : { criteria }),
    });
    const siteNames = Object.fromEntries(network.sites.map((s) => [s.id, s.name]));
    const sources = dataAndAssumptions(network, results);
    await finish("compare", io, flags, {
      rows: () => (comparison.ranking === null ? tradeOffRows(comparison) : rankingRows(comparison, comparison.ranking)),
      notes: () => [nonDominatedText(comparison), ...resultNotes(results), ...comparison.warnings],
      json: () => comparison,
      csv: ({ bom }) => comparisonToCsv(comparison, { bom }),
      md: () => comparisonToMarkdown(comparison, { sources }),
      html: () =>
        comparisonToHtml(comparison, {
          sources,
          siteNames,
          maps: flags.maps ? reportMaps(network, scenarios, results, comparison.baseline) : [],
        }),
    }, "table");
  });
}
