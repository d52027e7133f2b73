import * as z from "zod/mini";
import { DuplicateIdError, InvalidInputError, type InputIssue, parseInput } from "../errors.js";
import {
  AssumptionsSchema,
  DemandZoneSchema,
  ServiceNetworkInputSchema,
  SiteSchema,
} from "./schemas.js";
import type { Assumptions, DemandZone, RoadGraph, ServiceNetwork, Site } from "./types.js";
import { hasOwnKey } from "../internal/own-keys.js";
import { requireObject, requireString } from "../internal/shapes.js";

function uniqueIds(where: string, collection: string, items: readonly { id: string }[]): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const first = seen.get(items[i].id);
    if (first !== undefined) throw new DuplicateIdError(where, collection, items[i].id, first, i);
    seen.set(items[i].id, i);
  }
}

/** Duck-typed graphology check (graphology-utils/is-graph style), so two copies of graphology work. */
export function isRoadGraph(value: unknown): value is RoadGraph {
  if (value === null || typeof value !== "object") return false;
  const g = value as Record<string, unknown>;
  return (
    typeof g.addUndirectedEdgeWithKey === "function" &&
    typeof g.dropNode === "function" &&
    typeof g.multi === "boolean" &&
    typeof g.forEachEdge === "function"
  );
}

/**
 * Check the cross-record rules that a per-record schema cannot see: unique site ids, each
 * spoke's `hub` is an existing hub (and only spokes name one), and every `beds` key is a ward
 * type in `assumptions.wards`. {@link createServiceNetwork} runs these itself; use this on
 * sites and assumptions you assemble or edit by hand.
 *
 * @param sites - Parsed sites (e.g. from {@link parseSites}).
 * @param assumptions - Parsed assumptions (e.g. from {@link parseAssumptions}).
 * @throws {@link InvalidInputError} listing every broken rule with its path, or when `sites` is
 *   not an array or `assumptions` has no `wards` object.
 * @throws {@link DuplicateIdError} if two sites share an id.
 * @example
 * checkNetworkRules(network.sites, network.assumptions); // throws if a spoke names a missing hub
 */
export function checkNetworkRules(sites: readonly Site[], assumptions: Assumptions): void {
  const where = "checkNetworkRules";
  parseInput(where, z.array(SiteSchema), sites, "sites");
  const wards = (assumptions as { wards?: unknown } | null)?.wards;
  if (wards === null || typeof wards !== "object" || Array.isArray(wards)) {
    throw new InvalidInputError(where, [{ path: "assumptions.wards", message: "expected an object of ward types (see parseAssumptions)" }]);
  }
  networkRules(where, sites, assumptions);
}

/** {@link checkNetworkRules} reporting as `where` (the public function that called it). */
function networkRules(where: string, sites: readonly Site[], assumptions: Assumptions): void {
  uniqueIds(where, "sites", sites);
  const byId = new Map(sites.map((s) => [s.id, s] as const));
  const issues: InputIssue[] = [];
  sites.forEach((site, i) => {
    if (site.kind === "spoke" && site.hub !== undefined) {
      const hub = byId.get(site.hub);
      if (hub === undefined) {
        issues.push({ path: `sites[${i}].hub`, message: `spoke "${site.id}" names hub "${site.hub}", which is not a site. Add the hub or fix the id` });
      } else if (hub.kind !== "hub") {
        issues.push({ path: `sites[${i}].hub`, message: `spoke "${site.id}" names "${site.hub}" as its hub, but that site is a ${hub.kind}` });
      }
    }
    if (site.kind !== "spoke" && site.hub !== undefined) {
      issues.push({ path: `sites[${i}].hub`, message: `only spokes have a parent hub; "${site.id}" is a ${site.kind}` });
    }
    if (site.beds !== undefined) {
      for (const ward of Object.keys(site.beds)) {
        if (!hasOwnKey(assumptions.wards, ward)) {
          issues.push({
            path: `sites[${i}].beds.${ward}`,
            message: `ward type "${ward}" has no entry in assumptions.wards (known: ${Object.keys(assumptions.wards).map((w) => `"${w}"`).join(", ") || "none"})`,
          });
        }
      }
    }
  });
  if (issues.length > 0) throw new InvalidInputError(where, issues);
}

/**
 * Validate and assemble a {@link ServiceNetwork}.
 *
 * Every record passes its zod schema (coordinates in range, non-negative populations and
 * capacities, no NaN), then cross-record rules: unique site and zone ids, each spoke's `hub`
 * is an existing hub, `beds` keys are ward types in `assumptions.wards`. Defaults are
 * applied (`status: "open"`, `need: 1`). The input is not mutated.
 *
 * @param input - `{ sites, zones, roads?, graph?, assumptions }`.
 * @returns The validated network (plain data; `graph` is passed through by reference).
 * @throws {@link InvalidInputError} listing every bad path and value.
 * @throws {@link DuplicateIdError} if two sites or two zones share an id.
 * @example
 * const network = createServiceNetwork({
 *   sites: [{ id: "hub-a", name: "Hub A", kind: "hub", location: [0.52, 51.27] }],
 *   zones: [{ id: "z1", name: "Zone 1", location: [0.5, 51.3], population: 1500 }],
 *   assumptions: { wards: {} },
 * });
 */
export function createServiceNetwork(input: unknown): ServiceNetwork {
  const where = "createServiceNetwork";
  let graph: RoadGraph | undefined;
  let rest: unknown = input;
  if (input !== null && typeof input === "object" && "graph" in input) {
    const { graph: g, ...others } = input as Record<string, unknown>;
    if (g !== undefined && !isRoadGraph(g)) {
      throw new InvalidInputError(where, [{ path: "graph", message: "expected a graphology directed graph (see buildRoadGraph)" }]);
    }
    graph = g as RoadGraph | undefined;
    rest = others;
  }
  const parsed = parseInput(where, ServiceNetworkInputSchema, rest);
  networkRules(where, parsed.sites, parsed.assumptions);
  uniqueIds(where, "zones", parsed.zones);
  const network: ServiceNetwork = {
    sites: parsed.sites,
    zones: parsed.zones,
    assumptions: parsed.assumptions,
    ...(parsed.roads === undefined ? {} : { roads: parsed.roads }),
    ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
    ...(graph === undefined ? {} : { graph }),
  };
  return network;
}

/**
 * Parse untrusted site records (e.g. from JSON) into validated {@link Site}s.
 *
 * @throws {@link InvalidInputError} naming each bad path (`[3].location[0]`) and value.
 * @throws {@link DuplicateIdError} if an id repeats.
 * @example
 * const sites = parseSites(JSON.parse(text));
 */
export function parseSites(value: unknown): Site[] {
  const sites = parseInput("parseSites", z.array(SiteSchema).check(z.minLength(1, "expected at least one site")), value);
  uniqueIds("parseSites", "sites", sites);
  return sites;
}

/**
 * Parse untrusted zone records into validated {@link DemandZone}s.
 *
 * @throws {@link InvalidInputError} naming each bad path and value.
 * @throws {@link DuplicateIdError} if an id repeats.
 * @example
 * const zones = parseZones([{ id: "z1", name: "Z1", location: [0.5, 51.3], population: 1200 }]);
 */
export function parseZones(value: unknown): DemandZone[] {
  const zones = parseInput("parseZones", z.array(DemandZoneSchema).check(z.minLength(1, "expected at least one zone")), value);
  uniqueIds("parseZones", "zones", zones);
  return zones;
}

/**
 * Parse untrusted planning assumptions; every figure must carry a `source` (or, for an
 * assumption, a rationale).
 *
 * @throws {@link InvalidInputError} naming each bad path and value.
 * @example
 * const assumptions = parseAssumptions({
 *   wards: { adultAcute: {
 *     admissionsPer100kPerYear: { value: 180, source: "assumption: KMPT-like rate", assumption: true },
 *     meanLengthOfStayDays: { value: 35, source: "NHS Benchmarking 2023", assumption: true } } },
 * });
 */
export function parseAssumptions(value: unknown): Assumptions {
  return parseInput("parseAssumptions", AssumptionsSchema, value);
}
