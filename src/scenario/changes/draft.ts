// The working copy that scenario changes edit, and the checks they share.
import { InvalidInputError, UnknownIdError } from "../../errors.js";
import type { Assumptions, DemandZone, RoadGraph, ServiceNetwork, Site } from "../../model/index.js";
import type { Change } from "../schema.js";

/** The change of one `type`. */
export type ChangeOf<T extends Change["type"]> = Extract<Change, { type: T }>;

export const WHERE = "applyScenario";

/** Mutable working copy; every array/object is copied before its first edit (copy-on-write). */
export class Draft {
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
      ...(this.base.metadata === undefined ? {} : { metadata: this.base.metadata }),
    };
  }
}

export function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError(WHERE, [{ path, message }]);
}

export function label(i: number, change: Change): string {
  return `changes[${i}] (${change.type})`;
}

export function requireSite(draft: Draft, i: number, change: Change, id: string, field = "siteId"): number {
  const k = draft.siteIndex(id);
  if (k === undefined) {
    throw new UnknownIdError(WHERE, `${label(i, change)}: site`, id, `changes[${i}].${field}`, "Check the id against network.sites (ids are case-sensitive), or add it first with addSite.");
  }
  return k;
}

export function requireKind(draft: Draft, i: number, change: Change, k: number, kinds: readonly Site["kind"][], field = "siteId"): void {
  const site = draft.sites[k];
  if (!kinds.includes(site.kind)) {
    throw invalid(`changes[${i}].${field}`, `${label(i, change)} applies to ${kinds.join(" or ")} sites, but "${site.id}" is a ${site.kind}`);
  }
}

export function requireOpenHub(draft: Draft, i: number, change: Change, hubId: string, field: string): void {
  const k = requireSite(draft, i, change, hubId, field);
  const hub = draft.sites[k];
  if (hub.kind !== "hub") throw invalid(`changes[${i}].${field}`, `${label(i, change)}: "${hubId}" is a ${hub.kind}, not a hub`);
  if (hub.status === "closed") throw invalid(`changes[${i}].${field}`, `${label(i, change)}: hub "${hubId}" is closed. Open it first with openSite`);
}

export function requireWards(draft: Draft, i: number, change: Change, beds: Record<string, number>, path: string): void {
  for (const ward of Object.keys(beds)) {
    if (!Object.hasOwn(draft.assumptions.wards, ward)) {
      const known = Object.keys(draft.assumptions.wards).map((w) => `"${w}"`).join(", ") || "none";
      throw new UnknownIdError(WHERE, `${label(i, change)}: ward type`, ward, `${path}.${ward}`, `Known ward types: ${known}.`);
    }
  }
}

export function openSpokesOf(draft: Draft, hubId: string): number[] {
  const out: number[] = [];
  draft.sites.forEach((s, k) => {
    if (s.kind === "spoke" && s.status === "open" && s.hub === hubId) out.push(k);
  });
  return out;
}

