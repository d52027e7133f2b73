import { InvalidInputError, NotCoveredError, UnknownIdError } from "../errors.js";
import type { CostMatrix, LonLat, RoadGraph } from "../model/index.js";
import { coreOf } from "../routing/router-core.js";
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
  /** Memo for content hashes of immutable inputs (keyed by object identity). */
  readonly hashes: WeakMap<object, string>;
  /**
   * Memo for analysis results keyed by a content key of their inputs (e.g. a capacitated
   * assignment for the same hubs, loads and capacities), so options that leave those inputs
   * unchanged do not solve again.
   */
  readonly results: Map<string, unknown>;
  /**
   * Values derived from immutable inputs, keyed by the input object's identity, then by a
   * content key (e.g. evaluate's access, catchment, capacity and community pieces per set of
   * open sites, so an option that leaves the hubs alone reuses every hub measure).
   */
  readonly derived: WeakMap<object, Map<string, unknown>>;
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

const WITH_LEGS = Symbol.for("hubspoke.scenarioCache.columnsWithLegs");

/**
 * `cache.matrix(zones, sites)`, routing along with any new column of a `legs.destinations`
 * site the legs to it from `legs.origins` (memoised as legMatrix cells). Falls back to plain
 * `matrix` for a cache not made by createScenarioCache.
 */
export function matrixWithLegs(cache: ScenarioCache, zones: readonly LocatedItem[], sites: readonly LocatedItem[], legs: LegRequest): CachedMatrix {
  const columns = (cache as unknown as Record<symbol, ((z: readonly LocatedItem[], s: readonly LocatedItem[], l: LegRequest) => CachedMatrix) | undefined>)[WITH_LEGS];
  return columns === undefined ? cache.matrix(zones, sites) : columns(zones, sites, legs);
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
  const zoneSets = new Map<string, ZoneSet>();
  let computed = 0;
  let reused = 0;
  let routerCalls = 0;
  let legRowsComputed = 0;
  const legCells = new Map<string, number>();
  const legFlags = new Map<string, { unsnapped: boolean; island: boolean }>();
  const hashes = new WeakMap<object, string>();
  const results = new Map<string, unknown>();
  let derived = new WeakMap<object, Map<string, unknown>>();

  const keyOf = new WeakMap<readonly LocatedItem[], string>();
  function zoneSet(zones: readonly LocatedItem[]): ZoneSet {
    // scenarios share the zones array unless they change demand; key it once per array
    let key = keyOf.get(zones);
    if (key === undefined) {
      key = zonesKey(zones);
      keyOf.set(zones, key);
    }
    let set = zoneSets.get(key);
    if (set !== undefined) return set;
    const snap = src.snapZones(zones);
    set = {
      origins: snap.origins,
      ids: zones.map((z) => z.id),
      idSet: new Set(zones.map((z) => z.id)),
      unsnapped: snap.unsnapped,
      islands: snap.islands,
      columns: new Map(),
    };
    zoneSets.set(key, set);
    return set;
  }

  function columns(zones: readonly LocatedItem[], sites: readonly LocatedItem[], legs: LegRequest | null): CachedMatrix {
    const set = zoneSet(zones);
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
    if (missing.length > 0) {
      // Always one reverse search per new site, so a column has the same bits however the
      // requests were batched. When a new column is a leg destination (a hub), the leg origins
      // (spokes and candidates) ride along as extra origins: their cells are the site → site
      // legs legMatrix would route (the same search, the same bits), so e.g. a moved hub's
      // spokes, or a candidate later opened as a spoke, get their leg to it for free.
      const extra: LocatedItem[] = [];
      const extraKeys: string[] = [];
      // (router only: a provider keyed by id would not know the prefixed leg origins)
      if (legs !== null && router !== null && missing.some((s) => legs.destinations.has(s.id))) {
        const seen = new Set<string>();
        for (const o of legs.origins) {
          const id = `${LEG_ORIGIN}${o.id}`;
          const key = locationKey(o.id, o.location);
          if (seen.has(key) || set.idSet.has(id)) continue;
          seen.add(key);
          extra.push({ id, location: o.location });
          extraKeys.push(key);
        }
      }
      const m = src.times(extra.length === 0 ? set.origins : [...set.origins, ...extra], missing);
      routerCalls++;
      const { unsnapped, islands } = m;
      const rows = set.ids.length;
      const cols = missing.length;
      for (let j = 0; j < cols; j++) {
        const column = new Float64Array(rows);
        for (let i = 0; i < rows; i++) column[i] = m.minutes[i * cols + j];
        const id = missing[j].id;
        set.columns.set(missingKeys[j], { minutes: column, unsnapped: unsnapped.has(id), island: islands.has(id) });
        legFlags.set(missingKeys[j], { unsnapped: unsnapped.has(id), island: islands.has(id) });
        for (let e = 0; e < extra.length; e++) legCells.set(`${extraKeys[e]}\u0002${missingKeys[j]}`, m.minutes[(rows + e) * cols + j]);
      }
      for (let e = 0; e < extra.length; e++) legFlags.set(extraKeys[e], { unsnapped: unsnapped.has(extra[e].id), island: islands.has(extra[e].id) });
      computed += cols;
    }
    reused += sites.length - missing.length;
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
      provenance: { engine: src.engine, notes: ["columns assembled by createScenarioCache"] },
    };
  }

  const cache: ScenarioCache = {
    router,
    source,
    engine: src.engine,
    hashes,
    results,
    get derived() {
      return derived;
    },
    covers: (graph) => (router === null ? true : graph !== undefined && graph === router.graph),
    stats: () => ({ computed, reused, routerCalls, legRowsComputed }),
    clear: () => {
      zoneSets.clear();
      results.clear();
      legCells.clear();
      legFlags.clear();
      derived = new WeakMap();
    },
    legMatrix(origins, destinations) {
      const oKeys = origins.map((o) => locationKey(o.id, o.location));
      const dKeys = destinations.map((d) => locationKey(d.id, d.location));
      const rows = origins.length;
      const cols = destinations.length;
      // Missing cells are routed one reverse search per destination, over the origins missing
      // that destination only. Always reverse: a cell is then the same bits however it was
      // batched (a forward search sums the same path in the other order and can differ in the
      // last bit), so incremental and from-scratch evaluations agree exactly.
      const rowMissing = new Uint8Array(rows);
      for (let j = 0; j < cols; j++) {
        const need: number[] = [];
        for (let i = 0; i < rows; i++) if (!legCells.has(`${oKeys[i]}\u0002${dKeys[j]}`)) need.push(i);
        if (need.length === 0) continue;
        const m = src.times(
          need.map((i) => ({ id: origins[i].id, location: origins[i].location })),
          [{ id: destinations[j].id, location: destinations[j].location }],
        );
        routerCalls++;
        const { unsnapped, islands } = m;
        need.forEach((i, r) => {
          legCells.set(`${oKeys[i]}\u0002${dKeys[j]}`, m.minutes[r]);
          legFlags.set(oKeys[i], { unsnapped: unsnapped.has(origins[i].id), island: islands.has(origins[i].id) });
          rowMissing[i] = 1;
        });
        legFlags.set(dKeys[j], { unsnapped: unsnapped.has(destinations[j].id), island: islands.has(destinations[j].id) });
      }
      for (let i = 0; i < rows; i++) legRowsComputed += rowMissing[i];
      const minutes = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) minutes[i * cols + j] = legCells.get(`${oKeys[i]}\u0002${dKeys[j]}`)!;
      const flagged = (f: "unsnapped" | "island") => [...new Set([...origins.filter((o, i) => legFlags.get(oKeys[i])?.[f]).map((o) => o.id), ...destinations.filter((d, j) => legFlags.get(dKeys[j])?.[f]).map((d) => d.id)])];
      return {
        origins: origins.map((o) => o.id),
        destinations: destinations.map((d) => d.id),
        minutes,
        unsnapped: flagged("unsnapped"),
        islands: flagged("island"),
        provenance: { engine: src.engine, notes: ["cells memoised by createScenarioCache"] },
      };
    },
    matrix: (zones, sites) => columns(zones, sites, null),
  };
  Object.defineProperty(cache, WITH_LEGS, { value: columns, enumerable: false });
  return cache;
}

function columnSourceOf(source: TravelTimeSource): ColumnSource {
  if (isTravelTimeProvider(source)) return providerSource(source);
  const r = source as Router | null;
  if (r !== null && typeof r === "object" && typeof r.travelTimes === "function" && typeof r.snap === "function" && r.graph !== undefined) return routerSource(r);
  throw new InvalidInputError("createScenarioCache", [{ path: "source", message: "expected a router (createRouter(graph)) or a travel-time provider (matrixProvider, euclideanProvider)" }]);
}
