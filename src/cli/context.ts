import type { Command } from "commander";
import type { NetworkFlags } from "./inputs.js";
import { CliInputError } from "./errors.js";
import { type Format, formatFor } from "./formats.js";
import type { CommandOutput } from "./output.js";

/** Where a command writes, and whether it may draw progress. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface CommonFlags extends NetworkFlags {
  format?: string;
  out?: string;
  progress?: boolean;
  /** `--no-bom` sets false: CSV without the UTF-8 byte-order mark. */
  bom?: boolean;
  columns?: string;
}

export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .option("--network <file.json>", "service network JSON: { sites, zones, roads?, assumptions }")
    .option("--sites <file>", "sites CSV or GeoJSON (with --zones)")
    .option("--zones <file>", "zones CSV or GeoJSON, e.g. LSOA population-weighted centroids (with --sites)")
    .option("--roads <file>", "roads: GeoJSON LineStrings, .osm or .osm.pbf")
    .option("--assumptions <file.json>", "planning assumptions JSON (rates with sources)");
}

export function addOutputOptions(cmd: Command, formats: readonly Format[], fallback: Format): Command {
  return cmd
    .option("-f, --format <format>", `output format: ${formats.join("|")} (default: from --out extension, else ${fallback})`)
    .option("-o, --out <file>", "write to a file instead of stdout (folders are created)")
    .option("--columns <field=header,...>", "table/csv: keep these fields, in this order, renamed (e.g. metric=Metric,Baseline=Now)")
    .option("--no-bom", "csv: no UTF-8 byte-order mark (it is written by default so Excel reads £ and – correctly)")
    .option("--no-progress", "never draw a progress bar (it is only drawn on a terminal anyway)");
}

export async function finish(command: string, io: CliIo, flags: CommonFlags, output: CommandOutput, fallback: Format): Promise<void> {
  const { emit, render } = await import("./output.js");
  const format = formatFor(flags.out, flags.format, fallback);
  // The BOM helps spreadsheets open a CSV file; on stdout it would only get in a pipe's way.
  const toFile = flags.out !== undefined && flags.out !== "-";
  const text = render(command, output, format, { bom: flags.bom !== false && toFile, ...(flags.columns === undefined ? {} : { columns: flags.columns }) });
  if ((format === "table" || format === "csv") && output.notes !== undefined) {
    for (const note of [...new Set(output.notes())]) io.stderr.write(`${note}\n`);
  }
  await emit(text, flags.out, io.stdout, io.stderr);
  if (flags.out !== undefined && output.files !== undefined) for (const f of output.files()) await emit(f.text, f.path, io.stdout, io.stderr);
}

/** Check `--format` before any work, so a typo fails at once (exit 2), not after a long run. */
export function checkFormat(command: string, flags: CommonFlags, supported: readonly Format[], fallback: Format): void {
  const format = formatFor(flags.out, flags.format, fallback);
  if (!supported.includes(format)) throw new CliInputError(`${command}: --format ${format} is not available for this command (use ${supported.join(", ")}).`);
}
