import * as z from "zod/mini";
import { InvalidInputError, parseInput } from "../errors.js";
import { describeValue } from "../internal/describe.js";
import { AssumptionsSchema, SiteSchema } from "./schemas.js";
import type { ServiceNetwork } from "./types.js";

const SitesSchema = z.array(SiteSchema);

function finiteAtLeast0(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}

/**
 * The zone fields the analyses read, checked by hand: zones can number tens of thousands with
 * boundaries, so a schema parse on every evaluation would cost more than the evaluation.
 */
function isCountRecord(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key) && !finiteAtLeast0((value as Record<string, unknown>)[key])) return false;
  return true;
}

const OPTIONAL_STRINGS = ["name", "district", "urbanRural"] as const;
const OPTIONAL_COUNTS = ["imdDecile", "households", "householdsNoCar"] as const;

function zoneProblems(zones: readonly unknown[], path: string): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const bad = (at: string, key: string, want: string, got: unknown) => problems.push({ path: `${at}.${key}`, message: `expected ${want} (got ${describeValue(got)})` });
  for (let k = 0; k < zones.length && problems.length < 10; k++) {
    const zn = zones[k] as Record<string, unknown> | null;
    if (zn === null || typeof zn !== "object" || Array.isArray(zn)) {
      problems.push({ path: `${path}[${k}]`, message: `expected a zone object (got ${describeValue(zn)})` });
      continue;
    }
    const loc = zn.location as unknown[];
    // hot path: the common all-good zone costs a few typeof checks
    const ok =
      typeof zn.id === "string" && zn.id !== "" && Array.isArray(loc) && Number.isFinite(loc[0]) && Number.isFinite(loc[1]) && finiteAtLeast0(zn.population) && (zn.need === undefined || finiteAtLeast0(zn.need));
    if (ok && zn.district === undefined && zn.urbanRural === undefined && zn.imdDecile === undefined && zn.households === undefined && zn.householdsNoCar === undefined && zn.ageBands === undefined && typeof zn.name === "string") continue;
    const at = `${path}[${k}]`;
    if (typeof zn.id !== "string" || zn.id === "") bad(at, "id", "a non-empty string id", zn.id);
    if (!Array.isArray(loc) || !Number.isFinite(loc[0]) || !Number.isFinite(loc[1])) problems.push({ path: `${at}.location`, message: "expected [lon, lat] as two finite numbers" });
    if (!finiteAtLeast0(zn.population)) bad(at, "population", "a non-negative finite number", zn.population);
    if (zn.need !== undefined && !finiteAtLeast0(zn.need)) bad(at, "need", "a non-negative finite number", zn.need);
    for (const key of OPTIONAL_STRINGS) if (zn[key] !== undefined && typeof zn[key] !== "string") bad(at, key, "a string", zn[key]);
    for (const key of OPTIONAL_COUNTS) if (zn[key] !== undefined && !finiteAtLeast0(zn[key])) bad(at, key, "a non-negative finite number", zn[key]);
    const bands = zn.ageBands;
    if (bands !== undefined && !isCountRecord(bands)) {
      problems.push({ path: `${at}.ageBands`, message: "expected a record of non-negative finite numbers" });
    }
  }
  return problems;
}

/**
 * Check that `network` has the {@link ServiceNetwork} shape (an object with `sites` and
 * `zones` arrays and an `assumptions` object, each item with the fields the analyses read)
 * before anything reads it, so `null`, an array, a half-built or hand-edited object is a coded
 * error naming the path, never a `TypeError`. Internal.
 */
export function checkNetwork(where: string, network: unknown, argument = "network"): ServiceNetwork {
  const n = network as Partial<ServiceNetwork> | null;
  const problems: { path: string; message: string }[] = [];
  if (n === null || typeof n !== "object" || Array.isArray(n)) {
    const got = n === null ? "null" : Array.isArray(n) ? "an array" : typeof n;
    problems.push({ path: argument, message: `expected a ServiceNetwork { sites, zones, assumptions } from createServiceNetwork (got ${got})` });
  } else {
    if (!Array.isArray(n.sites)) problems.push({ path: `${argument}.sites`, message: "expected an array of sites (build the network with createServiceNetwork)" });
    if (!Array.isArray(n.zones)) problems.push({ path: `${argument}.zones`, message: "expected an array of zones (build the network with createServiceNetwork)" });
    if (n.assumptions === null || typeof n.assumptions !== "object") problems.push({ path: `${argument}.assumptions`, message: "expected an assumptions object" });
  }
  if (problems.length > 0) throw new InvalidInputError(where, problems);
  checkZones(where, n!.zones, `${argument}.zones`);
  checkSites(where, n!.sites, `${argument}.sites`);
  parseInput(where, AssumptionsSchema, n!.assumptions, `${argument}.assumptions`);
  return n as ServiceNetwork;
}

/**
 * Throw unless `zones` is an array of zones with the fields the analyses and writers read
 * (id, name, location, population, need, district, ...). Checked by hand: O(zones). Internal.
 */
export function checkZones(where: string, zones: unknown, path = "zones"): void {
  if (!Array.isArray(zones)) throw new InvalidInputError(where, [{ path, message: `expected an array of zones (got ${describeValue(zones)})` }]);
  const problems = zoneProblems(zones, path);
  if (problems.length > 0) throw new InvalidInputError(where, problems);
}

/** Throw unless `sites` passes the site schema (sites are few, so every field is checked). Internal. */
export function checkSites(where: string, sites: unknown, path = "sites"): void {
  // sites are few: the schema checks every field the engines read
  parseInput(where, SitesSchema, sites, path);
}
