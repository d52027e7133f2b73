import { InvalidInputError, UnknownIdError, formatPath, parseInput } from "../errors.js";
import {
  AssumptionsSchema,
  type Assumptions,
  type DemandZone,
  type RoadGraph,
  type ServiceNetwork,
  type Site,
} from "../model/index.js";
import { type Change, type Scenario, type ScenarioInput, ScenarioSchema } from "./schema.js";
import { hasOwnKey, ownValue, UNSAFE_KEYS } from "../internal/own-keys.js";
import { checkNetwork } from "../model/check-network.js";

const WHERE = "applyScenario";

/** Mutable working copy; every array/object is copied before its first edit (copy-on-write). */
class Draft {
  sites: Site[];
  zones: readonly DemandZone[];
  assumptions: Assumptions;
  graph: RoadGraph | undefined;
  private readonly index = new Map<string, number>();
  private zonesCopied = false;
  private assumptionsCopied = false;
  private graphCopied = false;

  private readonly base: ServiceNetwork;

  constructor(base: ServiceNetwork) {
    this.base = base;
    this.sites = base.sites.slice();
    this.zones = base.zones;
    this.assumptions = base.assumptions;
    this.graph = base.graph;
    this.sites.forEach((s, i) => this.index.set(s.id, i));
  }

  siteIndex(id: string): number | undefined {
    return this.index.get(id);
  }

  /** Replace a site by a shallow copy with the given fields. */
  updateSite(i: number, fields: Partial<Site>): void {
    this.sites[i] = { ...this.sites[i], ...fields };
  }

  addSite(site: Site): void {
    this.index.set(site.id, this.sites.length);
    this.sites.push(site);
  }

  editableZones(): DemandZone[] {
    if (!this.zonesCopied) {
      this.zones = this.zones.slice();
      this.zonesCopied = true;
    }
    return this.zones as DemandZone[];
  }

  editableAssumptions(): Assumptions {
    if (!this.assumptionsCopied) {
      this.assumptions = structuredClone(this.assumptions);
      this.assumptionsCopied = true;
    }
    return this.assumptions;
  }

  editableGraph(at: string): RoadGraph {
    if (this.graph === undefined) {
      throw new InvalidInputError(WHERE, [
        { path: at, message: `${at} changes roads, but the network has no road graph. Build one with buildRoadGraph and pass it as network.graph` },
      ]);
    }
    if (!this.graphCopied) {
      this.graph = this.graph.copy() as RoadGraph;
      this.graphCopied = true;
    }
    return this.graph;
  }

  result(): ServiceNetwork {
    return {
      sites: this.sites,
      zones: this.zones,
      assumptions: this.assumptions,
      ...(this.base.roads === undefined ? {} : { roads: this.base.roads }),
      ...(this.graph === undefined ? {} : { graph: this.graph }),
    };
  }
}

function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError(WHERE, [{ path, message }]);
}

function label(i: number, change: Change): string {
  return `changes[${i}] (${change.type})`;
}

function requireSite(draft: Draft, i: number, change: Change, id: string, field = "siteId"): number {
  const k = draft.siteIndex(id);
  if (k === undefined) {
    throw new UnknownIdError(WHERE, `${label(i, change)}: site`, id, `changes[${i}].${field}`, "Check the id against network.sites (ids are case-sensitive), or add it first with addSite.");
  }
  return k;
}

function requireKind(draft: Draft, i: number, change: Change, k: number, kinds: readonly Site["kind"][], field = "siteId"): void {
  const site = draft.sites[k];
  if (!kinds.includes(site.kind)) {
    throw invalid(`changes[${i}].${field}`, `${label(i, change)} applies to ${kinds.join(" or ")} sites, but "${site.id}" is a ${site.kind}`);
  }
}

function requireOpenHub(draft: Draft, i: number, change: Change, hubId: string, field: string): void {
  const k = requireSite(draft, i, change, hubId, field);
  const hub = draft.sites[k];
  if (hub.kind !== "hub") throw invalid(`changes[${i}].${field}`, `${label(i, change)}: "${hubId}" is a ${hub.kind}, not a hub`);
  if (hub.status === "closed") throw invalid(`changes[${i}].${field}`, `${label(i, change)}: hub "${hubId}" is closed. Open it first with openSite`);
}

function requireWards(draft: Draft, i: number, change: Change, beds: Record<string, number>, path: string): void {
  for (const ward of Object.keys(beds)) {
    if (!hasOwnKey(draft.assumptions.wards, ward)) {
      const known = Object.keys(draft.assumptions.wards).map((w) => `"${w}"`).join(", ") || "none";
      throw new UnknownIdError(WHERE, `${label(i, change)}: ward type`, ward, `${path}.${ward}`, `Known ward types: ${known}.`);
    }
  }
}

function openSpokesOf(draft: Draft, hubId: string): number[] {
  const out: number[] = [];
  draft.sites.forEach((s, k) => {
    if (s.kind === "spoke" && s.status === "open" && s.hub === hubId) out.push(k);
  });
  return out;
}

function applyOne(draft: Draft, change: Change, i: number): void {
  const at = `changes[${i}]`;
  switch (change.type) {
    case "openSite": {
      const k = requireSite(draft, i, change, change.siteId);
      const site = draft.sites[k];
      if (change.as !== undefined && site.kind !== "candidate") {
        throw invalid(`${at}.as`, `${label(i, change)}: "as" applies to candidate sites only; "${site.id}" is already a ${site.kind}`);
      }
      if (site.kind === "candidate" && change.as === undefined) {
        throw invalid(`${at}.as`, `${label(i, change)}: "${site.id}" is a candidate; say which role it opens as with "as": "hub" or "spoke"`);
      }
      const kind = change.as ?? site.kind;
      if (kind === "spoke") {
        const hub = change.hub ?? site.hub;
        if (hub === undefined) throw invalid(`${at}.hub`, `${label(i, change)} leaves spoke "${site.id}" without a hub. Name its hub with "hub"`);
        requireOpenHub(draft, i, change, hub, change.hub === undefined ? "siteId" : "hub");
        draft.updateSite(k, { kind, hub, status: "open" });
      } else {
        if (change.hub !== undefined) throw invalid(`${at}.hub`, `${label(i, change)}: only spokes have a parent hub; "${site.id}" opens as a ${kind}`);
        draft.updateSite(k, { kind, status: "open" });
      }
      return;
    }
    case "closeSite": {
      const k = requireSite(draft, i, change, change.siteId);
      const site = draft.sites[k];
      if (change.reassignSpokesTo !== undefined && site.kind !== "hub") {
        throw invalid(`${at}.reassignSpokesTo`, `${label(i, change)}: reassignSpokesTo applies to hubs; "${site.id}" is a ${site.kind}`);
      }
      if (site.kind === "hub" && site.status === "open") {
        const others = draft.sites.filter((s) => s.kind === "hub" && s.status === "open" && s.id !== site.id);
        if (others.length === 0) {
          throw invalid(`${at}.siteId`, `${label(i, change)} closes "${site.id}", the last open hub. Open or add another hub first`);
        }
        const spokes = openSpokesOf(draft, site.id);
        if (spokes.length > 0) {
          if (change.reassignSpokesTo === undefined) {
            const names = spokes.map((s) => `"${draft.sites[s].id}"`).join(", ");
            throw invalid(`${at}.siteId`, `${label(i, change)} closes hub "${site.id}" and leaves its spokes ${names} without a hub. Add "reassignSpokesTo" or reassignSpoke changes before it`);
          }
          if (change.reassignSpokesTo === site.id) throw invalid(`${at}.reassignSpokesTo`, `${label(i, change)}: cannot reassign spokes to the hub being closed ("${site.id}")`);
          requireOpenHub(draft, i, change, change.reassignSpokesTo, "reassignSpokesTo");
          for (const s of spokes) draft.updateSite(s, { hub: change.reassignSpokesTo });
        } else if (change.reassignSpokesTo !== undefined) {
          requireOpenHub(draft, i, change, change.reassignSpokesTo, "reassignSpokesTo");
        }
      }
      draft.updateSite(k, { status: "closed" });
      return;
    }
    case "addSite": {
      const site = change.site;
      const existing = draft.siteIndex(site.id);
      if (existing !== undefined) {
        throw invalid(`${at}.site.id`, `${label(i, change)}: site id "${site.id}" is already used by sites[${existing}]. Choose a new id, or use moveSite/openSite on the existing site`);
      }
      if (site.kind === "spoke") {
        if (site.hub === undefined) throw invalid(`${at}.site.hub`, `${label(i, change)} adds spoke "${site.id}" without a hub. Set site.hub to an open hub`);
        if (site.status === "open") requireOpenHub(draft, i, change, site.hub, "site.hub");
        else requireSite(draft, i, change, site.hub, "site.hub");
      } else if (site.hub !== undefined) {
        throw invalid(`${at}.site.hub`, `${label(i, change)}: only spokes have a parent hub; "${site.id}" is a ${site.kind}`);
      }
      if (site.beds !== undefined) requireWards(draft, i, change, site.beds, `${at}.site.beds`);
      draft.addSite(site);
      return;
    }
    case "moveSite": {
      const k = requireSite(draft, i, change, change.siteId);
      draft.updateSite(k, { location: [change.location[0], change.location[1]] });
      return;
    }
    case "setBeds": {
      const k = requireSite(draft, i, change, change.siteId);
      requireKind(draft, i, change, k, ["hub", "candidate"]);
      requireWards(draft, i, change, change.beds, `${at}.beds`);
      const beds = { ...(draft.sites[k].beds ?? {}) };
      for (const [ward, n] of Object.entries(change.beds)) {
        const next = change.mode === "add" ? (ownValue(beds, ward) ?? 0) + n : n;
        if (next < 0) {
          throw invalid(`${at}.beds.${ward}`, `${label(i, change)} leaves "${change.siteId}" with ${next} ${ward} beds; beds cannot be negative`);
        }
        beds[ward] = next;
      }
      draft.updateSite(k, { beds });
      return;
    }
    case "setCaseloadCapacity": {
      const k = requireSite(draft, i, change, change.siteId);
      requireKind(draft, i, change, k, ["spoke", "candidate"]);
      draft.updateSite(k, { caseloadCapacity: change.caseloadCapacity });
      return;
    }
    case "reassignSpoke": {
      const k = requireSite(draft, i, change, change.siteId);
      requireKind(draft, i, change, k, ["spoke"]);
      requireOpenHub(draft, i, change, change.hub, "hub");
      draft.updateSite(k, { hub: change.hub });
      return;
    }
    case "scaleDemand": {
      const zones = draft.editableZones();
      let wanted: Set<string> | undefined;
      if (change.districts !== undefined) {
        const known = new Set<string>();
        for (const z of zones) if (z.district !== undefined) known.add(z.district);
        change.districts.forEach((d, n) => {
          if (!known.has(d)) {
            const list = [...known].slice(0, 20).map((x) => `"${x}"`).join(", ") || "none (zones carry no district)";
            throw new UnknownIdError(WHERE, `${label(i, change)}: district`, d, `${at}.districts[${n}]`, `Known districts: ${list}.`);
          }
        });
        wanted = new Set(change.districts);
      }
      const f = change.factor;
      for (let z = 0; z < zones.length; z++) {
        const zone = zones[z];
        if (wanted !== undefined && (zone.district === undefined || !wanted.has(zone.district))) continue;
        if (change.of === "need") {
          zones[z] = { ...zone, need: zone.need * f };
          continue;
        }
        const next: DemandZone = { ...zone, population: zone.population * f };
        if (zone.households !== undefined) next.households = Math.round(zone.households * f);
        if (zone.householdsNoCar !== undefined) next.householdsNoCar = Math.round(zone.householdsNoCar * f);
        if (zone.ageBands !== undefined) {
          const bands: Record<string, number> = {};
          for (const [band, n] of Object.entries(zone.ageBands)) bands[band] = n * f;
          next.ageBands = bands;
        }
        zones[z] = next;
      }
      return;
    }
    case "setRoadSpeed": {
      const graph = draft.editableGraph(at);
      const classes = new Set<string>();
      graph.forEachEdge((_k, attr) => {
        if (typeof attr.highway === "string") classes.add(attr.highway);
      });
      for (const cls of Object.keys(change.factors)) {
        if (!classes.has(cls)) {
          const list = [...classes].sort().map((c) => `"${c}"`).join(", ") || "none (edges carry no highway)";
          throw new UnknownIdError(WHERE, `${label(i, change)}: road class`, cls, `${at}.factors.${cls}`, `Road classes in the graph: ${list}.`);
        }
      }
      graph.forEachEdge((key, attr) => {
        const f = typeof attr.highway === "string" ? ownValue(change.factors, attr.highway) : undefined;
        if (f !== undefined) graph.setEdgeAttribute(key, "minutes", attr.minutes / f);
      });
      return;
    }
    case "closeRoad": {
      const graph = draft.editableGraph(at);
      const drop = new Set<string>();
      change.edges?.forEach((key, n) => {
        if (!graph.hasEdge(key)) {
          throw new UnknownIdError(WHERE, `${label(i, change)}: road edge`, key, `${at}.edges[${n}]`, "Use the edge keys of network.graph (graph.edges()).");
        }
        drop.add(key);
      });
      for (const field of ["name", "ref"] as const) {
        const wanted = change[field];
        if (wanted === undefined) continue;
        let found = 0;
        graph.forEachEdge((key, attr) => {
          if (attr[field] === wanted) {
            drop.add(key);
            found++;
          }
        });
        if (found === 0) {
          throw new UnknownIdError(WHERE, `${label(i, change)}: road ${field}`, wanted, `${at}.${field}`, `No edge of network.graph has ${field} "${wanted}".`);
        }
      }
      for (const key of drop) graph.dropEdge(key);
      return;
    }
    case "setAssumption": {
      const assumptions = draft.editableAssumptions() as unknown as Record<string, unknown>;
      const keys = change.path.split(".");
      const unsafe = keys.find((k) => UNSAFE_KEYS.has(k));
      if (unsafe !== undefined) throw invalid(`${at}.path`, `${label(i, change)}: "${unsafe}" cannot be part of an assumption path (got "${change.path}")`);
      let parent: Record<string, unknown> = assumptions;
      for (let n = 0; n < keys.length - 1; n++) {
        const next = hasOwnKey(parent, keys[n]) ? parent[keys[n]] : undefined;
        if (next === null || typeof next !== "object" || Array.isArray(next)) {
          const known = Object.keys(parent).map((x) => `"${x}"`).join(", ") || "none";
          throw new UnknownIdError(WHERE, `${label(i, change)}: assumption`, keys.slice(0, n + 1).join("."), `${at}.path`, `Known keys there: ${known}.`);
        }
        parent = next as Record<string, unknown>;
      }
      parent[keys[keys.length - 1]] = structuredClone(change.value);
      const checked = AssumptionsSchema.safeParse(assumptions);
      if (!checked.success) {
        throw new InvalidInputError(
          WHERE,
          checked.error.issues.map((issue) => ({
            path: `${at}.value`,
            message: `${label(i, change)} makes assumptions.${formatPath(issue.path)} invalid: ${issue.message}`,
          })),
          { cause: checked.error },
        );
      }
      draft.assumptions = checked.data;
      return;
    }
    case "setStaffing": {
      const k = requireSite(draft, i, change, change.siteId);
      requireKind(draft, i, change, k, ["spoke", "candidate"]);
      draft.updateSite(k, { staffWte: change.staffWte });
      return;
    }
    case "setCrisisSlots": {
      const k = requireSite(draft, i, change, change.siteId);
      requireKind(draft, i, change, k, ["spoke", "candidate"]);
      draft.updateSite(k, { crisisSlotsPerDay: change.crisisSlotsPerDay });
      return;
    }
    case "setContactPolicy": {
      if (draft.assumptions.community === undefined) {
        throw invalid(at, `${label(i, change)} needs community assumptions, but network.assumptions.community is missing`);
      }
      const community = draft.editableAssumptions().community!;
      if (change.maxDaysBetweenContacts !== undefined) {
        community.maxDaysBetweenContacts = { value: change.maxDaysBetweenContacts, source: change.source, assumption: true };
      }
      if (change.homeVisitShare !== undefined) {
        community.homeVisitShare = { value: change.homeVisitShare, source: change.source, assumption: true };
      }
      return;
    }
    case "setRunningCost": {
      const k = requireSite(draft, i, change, change.siteId);
      draft.updateSite(k, { runningCostPerYear: change.runningCostPerYear });
      return;
    }
  }
}

/**
 * Apply a scenario's changes, in order, to a network and return the new network.
 *
 * Pure: the input network (sites, zones, assumptions and road graph) is never mutated.
 * Records that a change touches are copied; untouched records are shared. Road changes
 * (`setRoadSpeed`, `closeRoad`) edit a `graph.copy()`; without road changes the result
 * shares the input's graph, which lets {@link evaluate} reuse travel-time columns. `roads`
 * (the GeoJSON source) is passed through unchanged.
 *
 * Each change is checked against the network as it stands after the earlier changes, so a
 * change may refer to a site added earlier. Rules: named sites, hubs, ward types, districts,
 * road classes, edges and assumption paths must exist; a change may not close the last open
 * hub or leave an open spoke without an open hub; kind-specific changes (`setBeds` on hubs,
 * `setCaseloadCapacity`, `setStaffing`, `setCrisisSlots` on spokes) check the site's kind.
 * Changing `speed` by factor `f` divides each matching edge's minutes by `f`.
 *
 * @param network - The baseline network (from {@link createServiceNetwork} or `kentMedway()`).
 * @param scenario - A scenario object or file contents (parsed with {@link ScenarioSchema}).
 * @returns A new {@link ServiceNetwork}.
 * @throws {@link InvalidInputError} if the scenario is malformed or a change breaks a rule;
 *   the issue path names the change, e.g. `changes[3].siteId`.
 * @throws {@link UnknownIdError} if a change names a site, ward type, district, road class,
 *   edge or assumption that does not exist (path `changes[i].…`).
 * @example
 * const option = applyScenario(network, {
 *   id: "move-hub", name: "Move the Canterbury hub",
 *   changes: [{ type: "moveSite", siteId: "hub-canterbury", location: [1.05, 51.29] }],
 * });
 */
export function applyScenario(network: ServiceNetwork, scenario: ScenarioInput | Scenario): ServiceNetwork {
  checkNetwork(WHERE, network);
  const parsed = parseInput(WHERE, ScenarioSchema, scenario);
  const draft = new Draft(network);
  parsed.changes.forEach((change, i) => applyOne(draft, change, i));
  return draft.result();
}
