import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import type { ServiceNetwork } from "../model/index.js";
import { markdownCell } from "./format.js";
import type { Assert, Same } from "../internal/type-checks.js";

/** One planning figure with where it comes from. */
export interface SourcedFigure {
  /** Dotted path in the assumptions, e.g. `wards.adultAcute.meanLengthOfStayDays`. */
  readonly path: string;
  readonly value: string;
  readonly source: string;
  /** True when the figure is an assumption (its `source` is then the rationale). */
  readonly assumed: boolean;
}

/** The "Data and assumptions" part every report and map carries. */
export interface DataAndAssumptions {
  /** Licence attribution lines (e.g. "© OpenStreetMap contributors, ODbL"). */
  readonly attribution: readonly string[];
  /** Every sourced figure of the assumptions, in document order. */
  readonly assumptions: readonly SourcedFigure[];
  /** Each scenario's warnings, scenario by scenario. */
  readonly warnings: readonly { readonly scenario: string; readonly message: string }[];
  /** Content hashes per scenario, so a figure can be reproduced. */
  readonly provenance: readonly { readonly scenario: string; readonly hashes: Readonly<Record<string, string | null>> }[];
}

/** The part of a scenario result this reads. */
export interface SourcedResult {
  readonly scenario: { readonly id: string; readonly name: string };
  readonly warnings: readonly string[];
  readonly provenance: Readonly<Record<string, string | null>>;
}

const OptionsSchema = z.strictObject({
  /** Attribution lines; default the network's `metadata.attribution`. */
  attribution: z.optional(z.array(z.string().check(z.minLength(1)))),
});
export interface DataAndAssumptionsOptions {
  /**
   * Attribution lines; default the network's `metadata.attribution`.
   */
  attribution?: string[];
}
type DataAndAssumptionsOptionsCheck = Assert<Same<DataAndAssumptionsOptions, z.input<typeof OptionsSchema>>>;

function isSourced(v: unknown): v is { value: unknown; source: string; assumption?: boolean } {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.hasOwn(v, "value") && typeof (v as { source?: unknown }).source === "string";
}

function valueText(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (v !== null && typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join(", ");
  return String(v);
}

function collect(value: unknown, path: string, out: SourcedFigure[]): void {
  if (isSourced(value)) {
    out.push({ path, value: valueText(value.value), source: value.source, assumed: value.assumption === true });
    return;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const key of Object.keys(value)) collect((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, out);
}

/**
 * Gather the "Data and assumptions" of a set of results: the data's licence attribution, every
 * planning figure with its source and whether it is an assumption, each scenario's warnings and
 * provenance hashes. Reports ({@link comparisonToMarkdown}, `comparisonToHtml`) and maps print it.
 *
 * @param network - The network the results were evaluated on (its `assumptions` and `metadata.attribution`).
 * @param results - Results of {@link evaluate} (their `scenario`, `warnings` and `provenance`).
 * @returns A {@link DataAndAssumptions}.
 * @throws {@link InvalidInputError} if the network has no assumptions, a result is malformed, or an option is bad.
 * @example
 * const sources = dataAndAssumptions(network, results);
 * comparisonToMarkdown(compareScenarios(results), { sources });
 */
export function dataAndAssumptions(network: Pick<ServiceNetwork, "assumptions" | "metadata">, results: readonly SourcedResult[], options: DataAndAssumptionsOptions = {}): DataAndAssumptions {
  const where = "dataAndAssumptions";
  const opts = parseInput(where, OptionsSchema, options, "options");
  if (network === null || typeof network !== "object" || network.assumptions === null || typeof network.assumptions !== "object") {
    throw new InvalidInputError(where, [{ path: "network.assumptions", message: "expected a service network with assumptions" }]);
  }
  if (!Array.isArray(results as unknown)) throw new InvalidInputError(where, [{ path: "results", message: `expected an array of scenario results (got ${results === null ? "null" : typeof results})` }]);
  results.forEach((r, i) => {
    const ok = r !== null && typeof r === "object" && typeof r.scenario?.id === "string" && Array.isArray(r.warnings) && r.provenance !== null && typeof r.provenance === "object";
    if (!ok) throw new InvalidInputError(where, [{ path: `results[${i}]`, message: "expected a result of evaluate: { scenario, warnings, provenance }" }]);
  });
  const assumptions: SourcedFigure[] = [];
  collect(network.assumptions, "", assumptions);
  return {
    attribution: opts.attribution ?? network.metadata?.attribution ?? [],
    assumptions,
    warnings: results.flatMap((r) => r.warnings.map((message) => ({ scenario: r.scenario.name, message }))),
    provenance: results.map((r) => ({ scenario: r.scenario.name, hashes: { ...r.provenance } })),
  };
}

/** The "Data and assumptions" part as Markdown (a level-3 heading and its lists). */
export function dataAndAssumptionsMarkdown(d: DataAndAssumptions | undefined, extraWarnings: readonly string[] = []): string {
  const out: string[] = ["### Data and assumptions", ""];
  if (d === undefined) {
    out.push("Sources were not supplied with this report: pass `sources: dataAndAssumptions(network, results)`.", "");
  } else {
    out.push("**Data attribution**", "", ...(d.attribution.length > 0 ? d.attribution.map((a) => `- ${a}`) : ["- The network states no attribution (set `metadata.attribution`)."]), "");
    const assumed = d.assumptions.filter((a) => a.assumed).length;
    out.push(`**Assumptions** (${assumed} of ${d.assumptions.length} figures are assumptions, not measured)`, "");
    out.push("| Figure | Value | Assumed | Source or rationale |", "|:---|---:|:---|:---|");
    for (const a of d.assumptions) out.push(`| ${markdownCell(a.path)} | ${markdownCell(a.value)} | ${a.assumed ? "yes" : "no"} | ${markdownCell(a.source)} |`);
    out.push("");
  }
  const warnings = [...(d?.warnings.map((w) => `${w.scenario}: ${w.message}`) ?? []), ...extraWarnings];
  out.push("**Warnings**", "", ...(warnings.length > 0 ? [...new Set(warnings)].map((w) => `- ${w}`) : ["- None."]), "");
  if (d !== undefined && d.provenance.length > 0) {
    const keys = Object.keys(d.provenance[0].hashes);
    out.push("**Provenance** (content hashes)", "", `| Scenario | ${keys.join(" | ")} |`, `|:---|${keys.map(() => ":---").join("|")}|`);
    for (const p of d.provenance) out.push(`| ${markdownCell(p.scenario)} | ${keys.map((k) => `\`${p.hashes[k] ?? "—"}\``).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}
