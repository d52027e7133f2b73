import { InvalidInputError, NotCoveredError, UnknownIdError } from "../errors.js";
import type { CostMatrix, LonLat, RoadGraph } from "../model/index.js";
import { coreOf } from "../routing/router-core.js";
import { ScenarioMemo } from "./internal/memo.js";
import { isTravelTimeProvider, type Endpoint, type LocatedItem, type Router, type SnappedPoint, type TravelTimeProvider } from "../routing/index.js";

/** What scenario travel times come from: the router, or any travel-time provider. */
export type TravelTimeSource = Router | TravelTimeProvider;

/** A zones × sites matrix assembled from cached columns, with the snapping report. */
export interface CachedMatrix extends CostMatrix {
  /** Zone and site ids that could not be snapped to the road graph. */
  readonly unsnapped: readonly string[];
  /** Zone and site ids that snapped onto an island (not the main strongly connected component). */
  readonly islands: readonly string[];
}

/** Counters showing how much work the cache saved. */
export interface ScenarioCacheStats {
  /** Site columns computed by the router. */
  readonly computed: number;
  /** Site columns served from the cache. */
  readonly reused: number;
  /** Router calls made (one per batch of missing columns, one per leg destination with missing cells). */
  readonly routerCalls: number;
  /** Rows of small site-to-site matrices (spoke → hub legs) with at least one cell computed. */
  readonly legRowsComputed: number;
}

/**
 * Travel-time columns (one per site and location) kept across scenario evaluations that share
 * one road graph. Hold one per baseline graph and pass it to {@link evaluate} as `cache`.
 */
export interface ScenarioCache {
  /** The router the columns come from (its graph is the graph the columns are valid for); `null` for a provider. */
  readonly router: Router | null;
  /** The router or provider the columns come from. */
  readonly source: TravelTimeSource;
  /** Engine name for provenance: `"hubspoke-router"`, or the provider's `engine`. */
  readonly engine: string;
  /**
   * The zones × sites matrix for these zones and sites, computing only columns not seen before
   * (a site is identified by its id and location: a moved site is a new column).
   */
  matrix(zones: readonly LocatedItem[], sites: readonly LocatedItem[]): CachedMatrix;
  /**
   * A small origins × destinations matrix (e.g. spoke → hub legs) memoised per cell (origin and
   * destination id and location); only missing cells are routed, one reverse search per
   * destination with a missing cell (always reverse, so a cell has the same value however the
   * requests were batched).
   */
  legMatrix(origins: readonly LocatedItem[], destinations: readonly LocatedItem[]): CachedMatrix;
  /** Whether the columns are valid for `graph` (router: the same graph object as the router's; a provider does not read the graph: always true). */
  covers(graph: RoadGraph | undefined): boolean;
  stats(): ScenarioCacheStats;
  /** Forget every column, leg and memoised result (e.g. to bound memory in a very long sweep). */
  clear(): void;
}

interface ZoneSet {
  readonly origins: readonly Endpoint[];
  readonly ids: readonly string[];
  readonly idSet: ReadonlySet<string>;
  readonly unsnapped: readonly string[];
  readonly islands: readonly string[];
  readonly columns: Map<string, { minutes: Float64Array; unsnapped: boolean; island: boolean }>;
}

/** Sites whose legs to new leg-destination columns are routed along with those columns. */
interface LegRequest {
  readonly origins: readonly LocatedItem[];
  /** Ids of sites whose columns are leg destinations. */
  readonly destinations: ReadonlySet<string>;
}

/** What evaluate reaches of a cache beyond its public interface: the memo and columns with legs. */
export interface CacheInternals {
  readonly memo: ScenarioMemo;
  /**
   * `cache.matrix(zones, sites)`, routing along with any new column of a `legs.destinations`
   * site the legs to it from `legs.origins` (memoised as legMatrix cells).
   */
  columnsWithLegs(zones: readonly LocatedItem[], sites: readonly LocatedItem[], legs: LegRequest): CachedMatrix;
}

// the internals of every cache, by cache object (a cache not made by createScenarioCache gets
// a memo of its own on first use, and plain `matrix` for columns)
const internals = new WeakMap<ScenarioCache, CacheInternals>();

/** The memo and leg-aware columns of a cache. */
export function cacheInternals(cache: ScenarioCache): CacheInternals {
  let hit = internals.get(cache);
  if (hit === undefined) {
    hit = { memo: new ScenarioMemo(), columnsWithLegs: (zones, sites) => cache.matrix(zones, sites) };
    internals.set(cache, hit);
  }
  return hit;
}

/** `cache.matrix(zones, sites)` with the legs to new leg-destination columns routed alongside (see {@link CacheInternals}). */
export function matrixWithLegs(cache: ScenarioCache, zones: readonly LocatedItem[], sites: readonly LocatedItem[], legs: LegRequest): CachedMatrix {
  return cacheInternals(cache).columnsWithLegs(zones, sites, legs);
}

/** Id prefix of sites routed as extra origins alongside zones (kept apart from zone ids). */
const LEG_ORIGIN = "\u0000site\u0000";

function locationKey(id: string, location: LonLat): string {
  return `${id}\u0000${location[0]}\u0000${location[1]}`;
}

function zonesKey(zones: readonly LocatedItem[]): string {
  let key = "";
  for (const z of zones) key += `${locationKey(z.id, z.location)}\u0001`;
  return key;
}

/** The two things the cache asks of its source: snap zones once, time columns. */
interface ColumnSource {
  readonly engine: string;
  readonly router: Router | null;
  snapZones(zones: readonly LocatedItem[]): { origins: Endpoint[]; unsnapped: string[]; islands: string[] };
  /** Minutes origins × destinations (row-major), with the ids that could not be snapped or sit on islands. */
  times(origins: readonly Endpoint[], destinations: readonly LocatedItem[]): { minutes: Float64Array; unsnapped: ReadonlySet<string>; islands: ReadonlySet<string> };
}

const NONE: ReadonlySet<string> = new Set();

/** Provenance of travel times from a router made with `preprocess: "ch"`. */
export const ROUTER_CH = "hubspoke-router: contraction hierarchy (RPHAST)";
/** Provenance when a road change makes a contraction-hierarchy router fall back to plain Dijkstra. */
export const ROUTER_CH_FALLBACK = "hubspoke-router: Dijkstra on the changed roads (road change; the contraction hierarchy covers the unchanged graph only)";

/** Whether a router was made with `preprocess: "ch"`. */
export function isChRouter(router: Router | null | undefined): boolean {
  return router != null && coreOf(router)?.ch != null;
}

function routerSource(router: Router): ColumnSource {
  return {
    engine: isChRouter(router) ? ROUTER_CH : "hubspoke-router",
    router,
    snapZones(zones) {
      const snap = router.snap(zones.map((z) => ({ id: z.id, location: z.location })));
      const byId = new Map<string, SnappedPoint>();
      for (const p of snap.snapped) byId.set(p.id, p);
      return {
        origins: zones.map((z): Endpoint => byId.get(z.id) ?? { id: z.id, location: z.location }),
        unsnapped: snap.unsnapped.map((u) => u.id),
        islands: [...snap.islands],
      };
    },
    times(origins, destinations) {
      const m = router.travelTimes(origins, destinations, { direction: "reverse" });
      return { minutes: m.minutes, unsnapped: new Set(m.snapping.unsnapped), islands: new Set(m.snapping.islands) };
    },
  };
}

function providerSource(provider: TravelTimeProvider): ColumnSource {
  return {
    engine: provider.engine,
    router: null,
    snapZones: (zones) => ({ origins: zones.map((z) => ({ id: z.id, location: z.location })), unsnapped: [], islands: [] }),
    times(origins, destinations) {
      let m: CostMatrix;
      try {
        m = provider.travelTimes(origins as readonly LocatedItem[], destinations);
      } catch (error) {
        if (!(error instanceof UnknownIdError)) throw error;
        const isOrigin = (origins as readonly LocatedItem[]).some((o) => o.id === error.id);
        const what = isOrigin ? "origin (zone or site)" : "destination (site)";
        throw new NotCoveredError(
          "createScenarioCache",
          `the ${provider.engine} travel times have no ${what} "${error.id}". Supply a table that covers it (e.g. every candidate site as a destination), or use a router or a provider that times any location for this mode.`,
          [{ path: isOrigin ? "origins" : "destinations", message: `not covered: "${error.id}"` }],
          error.id,
        );
      }
      if (m.origins.length !== origins.length || m.destinations.length !== destinations.length) {
        throw new NotCoveredError("createScenarioCache", `the ${provider.engine} provider answered ${m.origins.length} × ${m.destinations.length} minutes for ${origins.length} × ${destinations.length} requested.`);
      }
      return { minutes: m.minutes, unsnapped: NONE, islands: NONE };
    },
  };
}

/**
 * Create an explicit travel-time column cache over a router (or any travel-time provider), for fast repeated scenario
 * evaluation.
 *
 * Method: a scenario that opens, closes, adds or moves sites changes only destinations, so the
 * zones × sites matrix is assembled from per-site columns keyed by site id and location.
 * Closing a site drops its column, opening or moving one computes one column (the router runs
 * one search per new destination on the reversed graph, always, so a column has the same bits
 * however requests are batched), and columns for unchanged sites are reused. Zones are snapped
 * once per zone set. Spoke → hub legs are memoised per cell; {@link evaluate} times them with
 * each new hub column (spokes and candidates as extra origins of the same search), so only a
 * spoke at a new place needs a leg search of its own. {@link evaluate} also keeps the pieces
 * of a result that read only some columns (hub access, catchments and equity; spoke access;
 * hierarchical catchments; capacity per ward; community measures) keyed by those sites, so a
 * spoke change reuses the hub pieces and a hub change the spoke pieces (at most 256 pieces per
 * zone set, least recently used out). Road changes produce a different graph, which this cache
 * does not cover ({@link ScenarioCache.covers} is false): {@link evaluate} then routes on the
 * changed graph without touching the cache. Nothing is global: the caller holds the cache and
 * drops it (or calls `clear()`) to free memory: about zones × 8 bytes per column, and on
 * Kent & Medway about 2.4 MB per option that moves a hub (three ward assignments with per-zone
 * explanations, hub access and catchments) and 0.6 MB per option that moves a spoke.
 *
 * With a provider instead of a router (`matrixProvider` over an imported table,
 * `euclideanProvider`, or a prefetched OSRM matrix), columns come from the provider in the same
 * way; nothing is snapped, and a table without a column (or row) that a scenario needs stops
 * with a {@link NotCoveredError} naming it. Spoke → hub legs are asked of the provider too.
 *
 * @param source - A router from `createRouter(graph)` (its graph must not change afterwards),
 *   or a {@link TravelTimeProvider}.
 * @returns A {@link ScenarioCache}.
 * @throws {@link InvalidInputError} when `source` is neither a router nor a provider.
 * @example
 * const router = createRouter(network.graph);
 * const cache = createScenarioCache(router);
 * const results = options.map((s) => evaluate(network, s, { cache }));
 * cache.stats(); // { computed: 14, reused: 372, routerCalls: 9 }
 */
export function createScenarioCache(source: TravelTimeSource): ScenarioCache {
  const src = columnSourceOf(source);
  const router = src.router;
  const state: CacheState = {
    src,
    zoneSets: new Map(),
    keyOf: new WeakMap(),
    legCells: new Map(),
    legFlags: new Map(),
    counts: { computed: 0, reused: 0, routerCalls: 0, legRowsComputed: 0 },
  };
  const memo = new ScenarioMemo();
  const cache: ScenarioCache = {
    router,
    source,
    engine: src.engine,
    covers: (graph) => (router === null ? true : graph !== undefined && graph === router.graph),
    stats: () => ({ ...state.counts }),
    clear: () => {
      state.zoneSets.clear();
      state.legCells.clear();
      state.legFlags.clear();
      memo.clear();
    },
    legMatrix: (origins, destinations) => legMatrix(state, origins, destinations),
    matrix: (zones, sites) => columns(state, { zones, sites, legs: null }),
  };
  internals.set(cache, { memo, columnsWithLegs: (zones, sites, legs) => columns(state, { zones, sites, legs }) });
  return cache;
}

/** A cache's columns, legs and counters (plain data; the functions below work on it). */
interface CacheState {
  readonly src: ColumnSource;
  readonly zoneSets: Map<string, ZoneSet>;
  /** Zone-set key per zones array (scenarios share the array unless they change demand). */
  readonly keyOf: WeakMap<readonly LocatedItem[], string>;
  /** Leg minutes by origin location key, then destination location key. */
  readonly legCells: Map<string, Map<string, number>>;
  readonly legFlags: Map<string, { unsnapped: boolean; island: boolean }>;
  readonly counts: { computed: number; reused: number; routerCalls: number; legRowsComputed: number };
}

function legCell(state: CacheState, origin: string, destination: string): number | undefined {
  return state.legCells.get(origin)?.get(destination);
}

function setLegCell(state: CacheState, origin: string, destination: string, minutes: number): void {
  let row = state.legCells.get(origin);
  if (row === undefined) {
    row = new Map();
    state.legCells.set(origin, row);
  }
  row.set(destination, minutes);
}

function zoneSet(state: CacheState, zones: readonly LocatedItem[]): ZoneSet {
  let key = state.keyOf.get(zones);
  if (key === undefined) {
    key = zonesKey(zones);
    state.keyOf.set(zones, key);
  }
  let set = state.zoneSets.get(key);
  if (set !== undefined) return set;
  const snap = state.src.snapZones(zones);
  set = {
    origins: snap.origins,
    ids: zones.map((z) => z.id),
    idSet: new Set(zones.map((z) => z.id)),
    unsnapped: snap.unsnapped,
    islands: snap.islands,
    columns: new Map(),
  };
  state.zoneSets.set(key, set);
  return set;
}

/** The zones × sites matrix from the zone set's columns, routing the missing ones first. */
function columns(state: CacheState, request: { zones: readonly LocatedItem[]; sites: readonly LocatedItem[]; legs: LegRequest | null }): CachedMatrix {
  const { zones, sites, legs } = request;
  const set = zoneSet(state, zones);
  const keys = sites.map((s) => locationKey(s.id, s.location));
  const missing: LocatedItem[] = [];
  const missingKeys: string[] = [];
  const queued = new Set<string>();
  sites.forEach((s, j) => {
    if (set.columns.has(keys[j]) || queued.has(keys[j])) return;
    queued.add(keys[j]);
    missing.push({ id: s.id, location: s.location });
    missingKeys.push(keys[j]);
  });
  if (missing.length > 0) routeColumns(state, set, { sites: missing, keys: missingKeys }, legs);
  state.counts.reused += sites.length - missing.length;
  const rows = set.ids.length;
  const cols = sites.length;
  const minutes = new Float64Array(rows * cols);
  const unsnappedSites: string[] = [];
  const islandSites: string[] = [];
  for (let j = 0; j < cols; j++) {
    const column = set.columns.get(keys[j])!;
    if (column.unsnapped) unsnappedSites.push(sites[j].id);
    if (column.island) islandSites.push(sites[j].id);
    const c = column.minutes;
    for (let i = 0; i < rows; i++) minutes[i * cols + j] = c[i];
  }
  return {
    origins: set.ids,
    destinations: sites.map((s) => s.id),
    minutes,
    unsnapped: [...set.unsnapped, ...unsnappedSites],
    islands: [...set.islands, ...islandSites],
    provenance: { engine: state.src.engine, notes: ["columns assembled by createScenarioCache"] },
  };
}

/**
 * Route the missing columns: always one reverse search per new site, so a column has the same
 * bits however the requests were batched. When a new column is a leg destination (a hub), the
 * leg origins (spokes and candidates) ride along as extra origins: their cells are the site →
 * site legs legMatrix would route (the same search, the same bits), so e.g. a moved hub's
 * spokes, or a candidate later opened as a spoke, get their leg to it for free.
 */
function routeColumns(state: CacheState, set: ZoneSet, missing: { sites: readonly LocatedItem[]; keys: readonly string[] }, legs: LegRequest | null): void {
  const extra = legs === null ? { items: [], keys: [] } : legOrigins(state, set, missing.sites, legs);
  const m = state.src.times(extra.items.length === 0 ? set.origins : [...set.origins, ...extra.items], missing.sites);
  state.counts.routerCalls++;
  const { unsnapped, islands } = m;
  const rows = set.ids.length;
  const cols = missing.sites.length;
  for (let j = 0; j < cols; j++) {
    const column = new Float64Array(rows);
    for (let i = 0; i < rows; i++) column[i] = m.minutes[i * cols + j];
    const id = missing.sites[j].id;
    const key = missing.keys[j];
    set.columns.set(key, { minutes: column, unsnapped: unsnapped.has(id), island: islands.has(id) });
    state.legFlags.set(key, { unsnapped: unsnapped.has(id), island: islands.has(id) });
    for (let e = 0; e < extra.items.length; e++) setLegCell(state, extra.keys[e], key, m.minutes[(rows + e) * cols + j]);
  }
  for (let e = 0; e < extra.items.length; e++) {
    state.legFlags.set(extra.keys[e], { unsnapped: unsnapped.has(extra.items[e].id), island: islands.has(extra.items[e].id) });
  }
  state.counts.computed += cols;
}

/** The leg origins to route with new leg-destination columns (router only: a provider keyed by id would not know the prefixed ids). */
function legOrigins(state: CacheState, set: ZoneSet, missing: readonly LocatedItem[], legs: LegRequest): { items: LocatedItem[]; keys: string[] } {
  const items: LocatedItem[] = [];
  const keys: string[] = [];
  if (state.src.router === null || !missing.some((s) => legs.destinations.has(s.id))) return { items, keys };
  const seen = new Set<string>();
  for (const o of legs.origins) {
    const id = `${LEG_ORIGIN}${o.id}`;
    const key = locationKey(o.id, o.location);
    if (seen.has(key) || set.idSet.has(id)) continue;
    seen.add(key);
    items.push({ id, location: o.location });
    keys.push(key);
  }
  return { items, keys };
}

/**
 * `cache.legMatrix`: missing cells are routed one reverse search per destination, over the
 * origins missing that destination only. Always reverse: a cell is then the same bits however
 * it was batched (a forward search sums the same path in the other order and can differ in the
 * last bit), so incremental and from-scratch evaluations agree exactly.
 */
function legMatrix(state: CacheState, origins: readonly LocatedItem[], destinations: readonly LocatedItem[]): CachedMatrix {
  const oKeys = origins.map((o) => locationKey(o.id, o.location));
  const dKeys = destinations.map((d) => locationKey(d.id, d.location));
  const rows = origins.length;
  const cols = destinations.length;
  const rowMissing = new Uint8Array(rows);
  for (let j = 0; j < cols; j++) {
    const need: number[] = [];
    for (let i = 0; i < rows; i++) if (legCell(state, oKeys[i], dKeys[j]) === undefined) need.push(i);
    if (need.length === 0) continue;
    const m = state.src.times(
      need.map((i) => ({ id: origins[i].id, location: origins[i].location })),
      [{ id: destinations[j].id, location: destinations[j].location }],
    );
    state.counts.routerCalls++;
    const { unsnapped, islands } = m;
    need.forEach((i, r) => {
      setLegCell(state, oKeys[i], dKeys[j], m.minutes[r]);
      state.legFlags.set(oKeys[i], { unsnapped: unsnapped.has(origins[i].id), island: islands.has(origins[i].id) });
      rowMissing[i] = 1;
    });
    state.legFlags.set(dKeys[j], { unsnapped: unsnapped.has(destinations[j].id), island: islands.has(destinations[j].id) });
  }
  for (let i = 0; i < rows; i++) state.counts.legRowsComputed += rowMissing[i];
  const minutes = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) minutes[i * cols + j] = legCell(state, oKeys[i], dKeys[j])!;
  const flags = state.legFlags;
  const flagged = (f: "unsnapped" | "island") => [
    ...new Set([...origins.filter((o, i) => flags.get(oKeys[i])?.[f]).map((o) => o.id), ...destinations.filter((d, j) => flags.get(dKeys[j])?.[f]).map((d) => d.id)]),
  ];
  return {
    origins: origins.map((o) => o.id),
    destinations: destinations.map((d) => d.id),
    minutes,
    unsnapped: flagged("unsnapped"),
    islands: flagged("island"),
    provenance: { engine: state.src.engine, notes: ["cells memoised by createScenarioCache"] },
  };
}

function columnSourceOf(source: TravelTimeSource): ColumnSource {
  if (isTravelTimeProvider(source)) return providerSource(source);
  const r = source as Router | null;
  if (r !== null && typeof r === "object" && typeof r.travelTimes === "function" && typeof r.snap === "function" && r.graph !== undefined) return routerSource(r);
  throw new InvalidInputError("createScenarioCache", [{ path: "source", message: "expected a router (createRouter(graph)) or a travel-time provider (matrixProvider, euclideanProvider)" }]);
}
