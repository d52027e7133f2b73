// Scenario changes that edit sites: open, close, add, move, beds, capacities, staffing, costs.
import { type ChangeOf, type Draft, invalid, label, requireSite, requireKind, requireOpenHub, requireWards, openSpokesOf } from "./draft.js";

/** Open a closed site; a candidate opens as the hub or spoke named by `as`. */
export function openSite(draft: Draft, change: ChangeOf<"openSite">, i: number): void {
  const at = `changes[${i}]`;
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
}

/** Close a site; closing an open hub moves its open spokes to `reassignSpokesTo`. */
export function closeSite(draft: Draft, change: ChangeOf<"closeSite">, i: number): void {
  const at = `changes[${i}]`;
  const k = requireSite(draft, i, change, change.siteId);
  const site = draft.sites[k];
  if (site.status === "closed") {
    throw invalid(`${at}.siteId`, `${label(i, change)} closes "${site.id}", which is already closed (in the network or by an earlier change). Remove the change, or check the site id`);
  }
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
}

/** Add a new site (a spoke needs an existing hub; an open spoke an open one). */
export function addSite(draft: Draft, change: ChangeOf<"addSite">, i: number): void {
  const at = `changes[${i}]`;
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
}

/** Move a site to a new location. */
export function moveSite(draft: Draft, change: ChangeOf<"moveSite">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  draft.updateSite(k, { location: [change.location[0], change.location[1]] });
}

/** Set (or, with `mode: "add"`, add to) a hub's beds per ward type. */
export function setBeds(draft: Draft, change: ChangeOf<"setBeds">, i: number): void {
  const at = `changes[${i}]`;
  const k = requireSite(draft, i, change, change.siteId);
  requireKind(draft, i, change, k, ["hub", "candidate"]);
  requireWards(draft, i, change, change.beds, `${at}.beds`);
  const beds = { ...(draft.sites[k].beds ?? {}) };
  for (const [ward, n] of Object.entries(change.beds)) {
    const next = change.mode === "add" ? (beds[ward] ?? 0) + n : n;
    if (next < 0) {
      throw invalid(`${at}.beds.${ward}`, `${label(i, change)} leaves "${change.siteId}" with ${next} ${ward} beds; beds cannot be negative`);
    }
    beds[ward] = next;
  }
  draft.updateSite(k, { beds });
}

/** Set a spoke's caseload capacity. */
export function setCaseloadCapacity(draft: Draft, change: ChangeOf<"setCaseloadCapacity">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  requireKind(draft, i, change, k, ["spoke", "candidate"]);
  draft.updateSite(k, { caseloadCapacity: change.caseloadCapacity });
}

/** Move a spoke to another open hub. */
export function reassignSpoke(draft: Draft, change: ChangeOf<"reassignSpoke">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  requireKind(draft, i, change, k, ["spoke"]);
  requireOpenHub(draft, i, change, change.hub, "hub");
  draft.updateSite(k, { hub: change.hub });
}

/** Set a spoke's staff WTE. */
export function setStaffing(draft: Draft, change: ChangeOf<"setStaffing">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  requireKind(draft, i, change, k, ["spoke", "candidate"]);
  draft.updateSite(k, { staffWte: change.staffWte });
}

/** Set a spoke's crisis slots per day. */
export function setCrisisSlots(draft: Draft, change: ChangeOf<"setCrisisSlots">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  requireKind(draft, i, change, k, ["spoke", "candidate"]);
  draft.updateSite(k, { crisisSlotsPerDay: change.crisisSlotsPerDay });
}

/** Set a site's running cost per year. */
export function setRunningCost(draft: Draft, change: ChangeOf<"setRunningCost">, i: number): void {
  const k = requireSite(draft, i, change, change.siteId);
  draft.updateSite(k, { runningCostPerYear: change.runningCostPerYear });
}
