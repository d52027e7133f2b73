import * as z from "zod/mini";
import { parseInput } from "../errors.js";
import { createServiceNetwork, type ServiceNetwork } from "../model/index.js";
import { DEFAULT_SPEED_PROFILE, type SpeedProfile } from "../network/speed-profile.js";
import data from "./data.cjs";
import { decodeRoadGraph, decodeZoneGeometry, decodeZones, type RoadsFixture, type SitesFixture, type ZonesFixture } from "./decode.js";
import type { Assert, Same } from "../internal/type-checks.js";

const ClassSpeedSchema = z.strictObject({ urban: z.number().check(z.positive()), rural: z.number().check(z.positive()) });

const KentMedwayOptionsSchema = z.strictObject({
  /** km/h by road class, urban and rural; must cover every class in the data. */
  speedProfile: z._default(z.record(z.string(), ClassSpeedSchema), () => ({ ...DEFAULT_SPEED_PROFILE })),
  /** Include the simplified LSOA boundaries as `zone.geometry` (≈ 0.5 MB of coordinates). */
  boundaries: z._default(z.boolean(), true),
  /** Include candidate sites (NHS hospitals and other KMPT sites) for redesign options. */
  candidates: z._default(z.boolean(), true),
  /** Include the road graph as `network.graph`. */
  roads: z._default(z.boolean(), true),
});
export interface KentMedwayOptions {
  /**
   * km/h by road class, urban and rural; must cover every class in the data.
   * @defaultValue `() => ({ ...DEFAULT_SPEED_PROFILE })`
   */
  speedProfile?: SpeedProfile;
  /**
   * Include the simplified LSOA boundaries as `zone.geometry` (≈ 0.5 MB of coordinates).
   * @defaultValue `true`
   */
  boundaries?: boolean;
  /**
   * Include candidate sites (NHS hospitals and other KMPT sites) for redesign options.
   * @defaultValue `true`
   */
  candidates?: boolean;
  /**
   * Include the road graph as `network.graph`.
   * @defaultValue `true`
   */
  roads?: boolean;
}
type KentMedwayOptionsCheck = Assert<Same<KentMedwayOptions, z.input<typeof KentMedwayOptionsSchema>>>;

/**
 * Attribution lines the bundled data's licences require (OGL v3.0 for ONS, MHCLG and NHS data;
 * ODbL 1.0 for OpenStreetMap). Show them wherever results or maps built on `kentMedway()` appear.
 */
export const KENT_MEDWAY_ATTRIBUTION: readonly string[] = [
  "© OpenStreetMap contributors, ODbL (road network, August 2021).",
  "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2021–2023.",
  "Contains public sector information from the English Indices of Deprivation 2025 (MHCLG), licensed under the Open Government Licence v3.0.",
  "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains National Statistics data © Crown copyright and database right 2025.",
  "Contains NHS Organisation Data Service data © NHS England (formerly NHS Digital), licensed under the Open Government Licence v3.0.",
];

/** How spokes got their parent hub, and the known gaps in the site data. */
export const KENT_MEDWAY_SITE_NOTES: { readonly parentHubRule: string; readonly gaps: readonly string[] } = (data.sites as SitesFixture).notes;

/**
 * The bundled Kent & Medway mental-health network, built from real open data: a baseline for
 * the "Communities of Excellence" redesign in a single call.
 *
 * Contents (sources, vintages and licences in `fixtures/kent-medway/README.md`):
 * - **zones**: all 1,107 Census 2021 LSOAs of the 12 Kent districts and Medway (population
 *   1,855,899): ONS population-weighted centroid, Census 2021 population in six age bands
 *   (`0_15` … `65_plus`), district, IMD 2025 decile, ONS 2021 urban/rural class, households
 *   and households without a car, and boundaries simplified at 25 m.
 * - **sites**: the three KMPT inpatient hubs (`hub-dartford` Little Brook Hospital,
 *   `hub-maidstone` Priority House, `hub-canterbury` St Martin's Hospital) with beds per ward
 *   type (`adultAcute`, `olderAdult`, `pici`: ASSUMPTIONS, no open source publishes them);
 *   20 adult community mental health team bases (NHS ODS, September 2018) as spokes, each
 *   with the hub nearest by road as its parent; and candidate sites (NHS trust hospitals and
 *   other KMPT sites). Tunbridge Wells and Tonbridge & Malling have no CMHT base in the 2018
 *   data and none is invented; Highlands House, Hadlow Road and Kings Hill are candidates.
 *   Every site's `source` says where its location comes from.
 * - **graph**: the OpenStreetMap road network (August 2021; 62.6k nodes, 10,948 km) as a
 *   graphology `MultiDirectedGraph`; nodes carry `lon`/`lat`, edges `minutes`, `metres`,
 *   `urbanMetres`, `highway` (`motorway` … `minor`, `*_link` for slip roads), `oneway` and
 *   `coordinates`. The data has no speed limits: minutes come from `speedProfile` (urban or
 *   rural per road class, each segment classed by the LSOA containing its midpoint).
 * - **assumptions**: admission rates, lengths of stay, 85 % occupancy target, community and
 *   out-of-area figures, each with a source or marked `assumption: true` with its rationale.
 *
 * Each call builds a fresh network and graph (nothing cached, so callers may mutate their copy).
 *
 * @returns A validated `ServiceNetwork` with `graph` (minutes on edges) unless `roads: false`.
 * @throws {@link InvalidInputError} for unknown options or a speed profile missing a class.
 * @example
 * import { kentMedway } from "hubspoke/kent-medway";
 * const network = kentMedway();
 * network.zones.length; // 1107
 * network.sites.filter((s) => s.kind === "hub").map((s) => s.id);
 * // ["hub-dartford", "hub-maidstone", "hub-canterbury"]
 */
export function kentMedway(options: KentMedwayOptions = {}): ServiceNetwork {
  const where = "kentMedway";
  const opts = parseInput(where, KentMedwayOptionsSchema, options);
  const zones = decodeZones(data.zones as ZonesFixture, false);
  const allSites = (data.sites as SitesFixture).sites;
  const sites = opts.candidates ? allSites : allSites.filter((s) => s.kind !== "candidate");
  const graph = opts.roads ? decodeRoadGraph(data.roads as RoadsFixture, opts.speedProfile as SpeedProfile, where) : undefined;
  const network = createServiceNetwork({
    sites: structuredClone(sites),
    zones,
    assumptions: structuredClone(data.assumptions),
    metadata: { name: "Kent & Medway", attribution: [...KENT_MEDWAY_ATTRIBUTION] },
    ...(graph === undefined ? {} : { graph }),
  });
  if (!opts.boundaries) return network;
  // Boundaries are attached after validation: running zod over ~50k boundary vertices would
  // double the load time, and they are decoded from the bundled fixture, whose geometry the
  // tests validate against ZoneGeometrySchema.
  const geometry = decodeZoneGeometry(data.zones as ZonesFixture);
  return { ...network, zones: network.zones.map((zone, i) => ({ ...zone, geometry: geometry[i] })) };
}
