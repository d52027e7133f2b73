import { basename } from "node:path";
import { type ParseError, parse as parseJsonc } from "jsonc-parser";
import { IoError } from "../errors.js";
import { readOsm, readSites, readZones } from "../io/node/index.js";
import { readInputText } from "../io/node/read-bytes.js";
import { jsonErrorPosition } from "../internal/json-position.js";
import { parseRoadsText } from "./roads.js";
import { createServiceNetwork } from "../model/create-service-network.js";
import type { ServiceNetwork, Site } from "../model/types.js";
import { CliInputError } from "./errors.js";

/** Options shared by every command that needs a network. */
export interface NetworkFlags {
  network?: string;
  sites?: string;
  zones?: string;
  roads?: string;
  assumptions?: string;
}

export async function readJsonFile(where: string, path: string): Promise<unknown> {
  const text = await readInputText(where, path);
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON with comments (the commented assumptions template) is read too
    const errors: ParseError[] = [];
    const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length === 0) return value;
    const message = (error as Error).message;
    const file = basename(path);
    const at = jsonErrorPosition(text);
    const place = at === null ? file : `${file}:${at}`;
    throw new IoError(where, `${place}: not valid JSON (${message}).`, [{ path: place, message }], { cause: error });
  }
}

/** The bundled network, loaded lazily so commands that do not need it stay fast. */
export type BundledLoader = () => Promise<ServiceNetwork>;

/**
 * Build the network from `--network file.json`, or from `--sites`/`--zones` (+ `--roads`,
 * `--assumptions`), else the bundled Kent & Medway network.
 */
export async function loadNetwork(flags: NetworkFlags, bundled: BundledLoader | undefined, options: { rates?: boolean } = {}): Promise<ServiceNetwork> {
  const where = "hubspoke";
  // A command that reads no rates (matrix, isochrones) needs no ward for the beds columns.
  const bedsOf = (sites: Site[]): Site[] => (options.rates === false && flags.assumptions === undefined ? sites.map(({ beds: _beds, ...s }) => s) : sites);
  if (flags.network !== undefined) {
    if (flags.sites !== undefined || flags.zones !== undefined) throw new CliInputError("give either --network or --sites/--zones, not both.");
    const input = (await readJsonFile(where, flags.network)) as Record<string, unknown>;
    const roads = flags.roads !== undefined ? await loadRoads(flags.roads) : input.roads;
    const assumptions = flags.assumptions !== undefined ? await readJsonFile(where, flags.assumptions) : input.assumptions;
    return createServiceNetwork({ ...input, ...(roads === undefined ? {} : { roads }), assumptions: assumptions ?? { wards: {} } });
  }
  if (flags.sites !== undefined || flags.zones !== undefined) {
    if (flags.sites === undefined || flags.zones === undefined) throw new CliInputError("--sites and --zones go together (or use --network).");
    const [read, zones] = await Promise.all([readSites(flags.sites), readZones(flags.zones)]);
    const sites = bedsOf(read);
    const roads = flags.roads !== undefined ? await loadRoads(flags.roads) : undefined;
    const assumptions = flags.assumptions !== undefined ? await readJsonFile(where, flags.assumptions) : { wards: {} };
    return createServiceNetwork({ sites, zones, assumptions, ...(roads === undefined ? {} : { roads }) });
  }
  if (bundled === undefined) throw new CliInputError("no network given: pass --network <file.json> or --sites <file> --zones <file>.");
  const network = await bundled();
  if (flags.roads !== undefined || flags.assumptions !== undefined) {
    const roads = flags.roads !== undefined ? await loadRoads(flags.roads) : network.roads;
    const assumptions = flags.assumptions !== undefined ? await readJsonFile(where, flags.assumptions) : network.assumptions;
    return createServiceNetwork({ sites: network.sites, zones: network.zones, assumptions, ...(roads === undefined ? {} : { roads }) });
  }
  return network;
}

async function loadRoads(path: string): Promise<unknown> {
  if (/\.osm(\.pbf)?$|\.pbf$/i.test(path)) return (await readOsm(path)).roads;
  return parseRoadsText(await readJsonFile("hubspoke", path), basename(path));
}
