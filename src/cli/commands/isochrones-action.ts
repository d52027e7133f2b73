// `hubspoke isochrones`: the work, imported only when the command runs (options and help are in isochrones.ts).
import type { Command } from "commander";
import { type IsochronesResult, isochrones } from "../../catchment/index.js";
import type { Site } from "../../model/types.js";
import { renderSvgMap } from "../../io/render-svg-map.js";
import { addNetworkOptions, addOutputOptions, checkFormat, type CliIo, type CommonFlags, finish } from "../context.js";
import { progressFor } from "../progress.js";
import { routerFor } from "../engines.js";
import { CliInputError } from "../errors.js";
import { type BundledLoader, loadNetwork } from "../inputs.js";

export interface IsochronesFlags extends CommonFlags {
  site?: string;
  bands: string;
  direction: string;
}

/** Run `hubspoke isochrones` (loaded only when the command runs; options are in isochrones.ts). */
export async function runIsochrones(io: CliIo, bundled: BundledLoader, flags: IsochronesFlags): Promise<void> {
  const bands = flags.bands.split(",").map((b) => Number(b.trim()));
  if (bands.some((b) => !Number.isFinite(b) || b <= 0) || bands.some((b, k) => k > 0 && b <= bands[k - 1])) {
    throw new CliInputError(`isochrones: --bands must be increasing positive minutes, e.g. 15,30,45 (got "${flags.bands}").`);
  }
  if (flags.direction !== "to" && flags.direction !== "from") throw new CliInputError(`isochrones: --direction must be to or from (got "${flags.direction}").`);
  const network = await loadNetwork(flags, bundled, { rates: false });
  const sites = flags.site === undefined ? network.sites.filter((s) => s.kind === "hub" && s.status === "open") : network.sites.filter((s) => s.id === flags.site);
  if (sites.length === 0) throw new CliInputError(flags.site === undefined ? "isochrones: the network has no open hubs; pass --site <id>." : `isochrones: site "${flags.site}" is not in the network (sites: ${network.sites.slice(0, 8).map((s) => s.id).join(", ")}${network.sites.length > 8 ? ", …" : ""}).`);
  const router = routerFor(network);
  const progress = progressFor("Isochrones", flags);
  const results: { site: Site; result: IsochronesResult }[] = [];
  try {
    for (let k = 0; k < sites.length; k++) {
      results.push({ site: sites[k], result: isochrones(router, sites[k], bands, { zones: network.zones, direction: flags.direction as "to" | "from" }) });
      progress.update(k + 1, sites.length);
      await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    progress.stop();
  }
  const features = results.flatMap(({ site, result }) => result.bands.features.map((f) => ({ ...f, properties: { site: site.id, name: site.name, direction: result.direction, ...f.properties } })));
  for (const { site, result } of results) for (const w of result.warnings) io.stderr.write(`hubspoke isochrones: ${site.id}: ${w}\n`);
  await finish("isochrones", io, flags, {
    rows: () => features.map((f) => ({ site: f.properties.site, minutes: f.properties.minutes, zones: f.properties.zones, population: f.properties.population })),
    json: () => results.map(({ site, result }) => ({ site: site.id, direction: result.direction, cellMetres: result.cellMetres, bands: result.bands.features.map((f) => f.properties), warnings: result.warnings })),
    geojson: () => ({ type: "FeatureCollection", features }),
    svg: () =>
      renderSvgMap(network, { bands: { type: "FeatureCollection", features } }, {
        title: `${bands.join(" / ")}-minute isochrones ${flags.direction === "to" ? "to" : "from"} ${sites.length === 1 ? sites[0].name : `${sites.length} hubs`}`,
        colourBy: "none",
        mainRoads: true,
      }),
  }, "table");
}
