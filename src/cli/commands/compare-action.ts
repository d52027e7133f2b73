// `hubspoke compare`: the work, imported only when the command runs (options and help are in compare.ts).
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
import { withRoadGraph } from "../engines.js";
import { addModeOptions, type ModeFlags } from "../modes.js";
import { BASELINE, changeMap, cliModes, evaluateAll, resultNotes, scenarioFiles, scenarioMap } from "./evaluate-action.js";
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

export interface CompareFlags extends CommonFlags, ModeFlags {
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

/** Run `hubspoke compare` (loaded only when the command runs; options are in compare.ts). */
export async function runCompare(io: CliIo, bundled: BundledLoader, files: string[], flags: CompareFlags): Promise<void> {
  const threshold = Number(flags.thresholdMinutes);
  if (!Number.isFinite(threshold) || threshold < 0) throw new CliInputError(`compare: --threshold-minutes must be minutes ≥ 0 (got "${flags.thresholdMinutes}").`);
  const options = await readScenarios(files);
  const scenarios = flags.baseline === undefined ? [BASELINE, ...options.filter((s) => s.id !== BASELINE.id)] : options;
  if (flags.baseline !== undefined && !scenarios.some((s) => s.id === flags.baseline)) {
    throw new CliInputError(`compare: --baseline "${flags.baseline}" is not the id of any scenario file (ids: ${scenarios.map((s) => s.id).join(", ")}).`);
  }
  const network = withRoadGraph(await loadNetwork(flags, bundled));
  const results = await evaluateAll(network, scenarios, flags, scenarioFiles(files, options), await cliModes(flags, network));
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
}
