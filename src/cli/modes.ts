import type { Command } from "commander";
import { readOdTable } from "../io/node/index.js";
import { OD_TABLE_FORMATS, type OdTableFormat } from "../io/parse-od-table.js";
import type { ServiceNetwork } from "../model/types.js";
import { matrixProvider } from "../routing/matrix-provider.js";
import type { TravelTimeProvider } from "../routing/provider.js";
import { CliInputError } from "./errors.js";

import type { ModeFlags } from "./mode-options.js";

export { addModeOptions, type ModeFlags } from "./mode-options.js";

/** One `--mode "NAME=FILE[:FORMAT]"`: a named travel mode from an imported OD table. */
export interface ModeSpec {
  readonly name: string;
  readonly file: string;
  readonly format: OdTableFormat;
}


/** The primary mode's name: the one the roads (or `--mode car=…`) time. */
export const PRIMARY_MODE = "car";


/** Parse the `--mode` values; names must be unique. */
export function parseModeSpecs(values: readonly string[] | undefined): ModeSpec[] {
  const out: ModeSpec[] = [];
  for (const value of values ?? []) {
    const eq = value.indexOf("=");
    const name = eq < 0 ? "" : value.slice(0, eq).trim();
    let file = eq < 0 ? "" : value.slice(eq + 1).trim();
    if (name === "" || file === "") throw new CliInputError(`--mode "${value}": write NAME=FILE[:FORMAT], e.g. --mode "public transport=pt.csv:r5r".`);
    let format: string | undefined;
    const colon = file.lastIndexOf(":");
    if (colon > 0 && (OD_TABLE_FORMATS as readonly string[]).includes(file.slice(colon + 1))) {
      format = file.slice(colon + 1);
      file = file.slice(0, colon);
    } else if (colon > 1 && /^[a-z-]+$/i.test(file.slice(colon + 1))) {
      throw new CliInputError(`--mode "${value}": unknown table format "${file.slice(colon + 1)}" (use ${OD_TABLE_FORMATS.join(", ")}).`);
    }
    if (format === undefined) {
      if (!/\.csv$/i.test(file)) throw new CliInputError(`--mode "${value}": say the table's format after a colon, e.g. "${name}=${file}:osrm" (formats: ${OD_TABLE_FORMATS.join(", ")}).`);
      format = "r5r";
    }
    if (name === "__proto__" || name === "constructor" || name === "prototype") throw new CliInputError(`--mode "${value}": "${name}" is a reserved name; choose another mode name.`);
    if (out.some((m) => m.name === name)) throw new CliInputError(`--mode: the mode "${name}" is given twice.`);
    out.push({ name, file, format: format as OdTableFormat });
  }
  return out;
}

/**
 * Read each mode's table as a provider (ids from the file, or zones × all sites for index-only
 * formats). Long tables carry their own ids: a row for a zone or site outside `known` (default:
 * the network's zones and sites) is an error naming the row, not a row left unused.
 */
export async function loadModes(specs: readonly ModeSpec[], network: ServiceNetwork, knownIds?: { origins: readonly string[]; destinations: readonly string[] }): Promise<Map<string, TravelTimeProvider>> {
  const out = new Map<string, TravelTimeProvider>();
  const ids = { origins: network.zones.map((z) => z.id), destinations: network.sites.map((s) => s.id) };
  for (const spec of specs) {
    const byFile = spec.format === "r5r" || spec.format === "traveltime";
    const known = { knownOrigins: [...(knownIds ?? ids).origins], knownDestinations: [...(knownIds ?? ids).destinations] };
    const m = await readOdTable(spec.file, { format: spec.format, ...(byFile ? known : ids) });
    out.set(spec.name, matrixProvider({ origins: m.origins, destinations: m.destinations, minutes: m.minutes, provenance: { engine: m.provenance?.engine ?? spec.format, ...(m.provenance?.profile === undefined ? {} : { profile: m.provenance.profile }), notes: [`mode "${spec.name}" from ${spec.file}`] } }));
  }
  return out;
}

/** Check `--without-car-mode` names a mode. */
export function withoutCarMode(flags: ModeFlags, specs: readonly ModeSpec[]): string | undefined {
  const name = flags.withoutCarMode;
  if (name === undefined) return undefined;
  const names = [PRIMARY_MODE, ...specs.map((s) => s.name).filter((n) => n !== PRIMARY_MODE)];
  if (!names.includes(name)) throw new CliInputError(`--without-car-mode "${name}" is not a mode (modes: ${names.map((n) => `"${n}"`).join(", ")}). Add it with --mode "${name}=FILE".`);
  return name;
}
