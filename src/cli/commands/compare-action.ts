// `hubspoke compare`: the work, loaded only when the command runs (see compare.ts).
import { comparisonToHtml } from "../../io/comparison-to-html.js";
import { compareScenarios, comparisonToCsv, comparisonToMarkdown } from "../../scenario/index.js";
import { type CliIo, type CommonFlags, finish } from "../context.js";
import type { CompareFlags } from "./compare.js";
import { CliInputError } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";
import { readScenarios } from "../scenario-files.js";
import { BASELINE, evaluateAll, scenarioMap } from "./evaluate-action.js";

export async function runCompare(io: CliIo, bundled: BundledLoader, files: string[], flags: CompareFlags): Promise<void> {
  const threshold = Number(flags.thresholdMinutes);
  if (!Number.isFinite(threshold) || threshold < 0) throw new CliInputError(`compare: --threshold-minutes must be minutes ≥ 0 (got "${flags.thresholdMinutes}").`);
  const options = await readScenarios(files);
  const scenarios = flags.baseline === undefined ? [BASELINE, ...options.filter((s) => s.id !== BASELINE.id)] : options;
  if (flags.baseline !== undefined && !scenarios.some((s) => s.id === flags.baseline)) {
    throw new CliInputError(`compare: --baseline "${flags.baseline}" is not the id of any scenario file (ids: ${scenarios.map((s) => s.id).join(", ")}).`);
  }
  const network = await loadNetwork(flags, bundled);
  const results = await evaluateAll(network, scenarios, flags);
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
}
