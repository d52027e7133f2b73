import * as z from "zod/mini";
import { InvalidInputError, ProviderError, UnknownIdError, parseInput } from "../errors.js";
import type { CostMatrix, LonLat } from "../model/types.js";
import { LonLatSchema } from "../model/schemas.js";
import type { LocatedItem } from "./types.js";
import type { TravelTimeProvider } from "./provider.js";

/** A travel-time source that answers asynchronously, such as `osrmProvider` (a server's table service). */
export interface AsyncTravelTimeSource {
  /** Engine name as it appears in provenance, e.g. `"osrm"`. */
  readonly engine?: string;
  travelTimes(origins: readonly LocatedItem[], destinations: readonly LocatedItem[]): Promise<CostMatrix>;
}

/** The places to time: every origin (zones, and sites whose legs to a hub are needed) to every destination. */
export interface PrefetchRequest {
  readonly origins: readonly LocatedItem[];
  readonly destinations: readonly LocatedItem[];
}

const ItemsSchema = z.array(z.object({ id: z.string().check(z.minLength(1)), location: LonLatSchema }));
const RequestSchema = z.object({ origins: ItemsSchema, destinations: ItemsSchema });

const placeKey = (location: LonLat): string => `${location[0]},${location[1]}`;

/** One copy of each place (by location), in first-seen order. */
function distinctPlaces(items: readonly LocatedItem[]): LocatedItem[] {
  const seen = new Map<string, LocatedItem>();
  for (const item of items) {
    const key = placeKey(item.location);
    if (!seen.has(key)) seen.set(key, { id: `p${seen.size}`, location: item.location });
  }
  return [...seen.values()];
}

/**
 * Fetch the minutes between a set of places once from an asynchronous source (an OSRM server
 * through `osrmProvider`, say) and answer later requests from memory, so synchronous analyses
 * such as `evaluate`, `compareScenarios` and the scenario cache can use it. The provider is keyed
 * by location: a site that a scenario moves or opens is timed where it now stands, as long as
 * that place was in the request (collect every scenario's sites first, for example with
 * `scenarioPlaces`). A place that was not fetched is an {@link UnknownIdError}, which the
 * scenario cache reports as `NOT_COVERED`; it is never timed by some other rule.
 *
 * Method: the distinct locations among origins and among destinations are sent as one request;
 * later requests look cells up by location, so ids may repeat across scenarios.
 *
 * @param source - An asynchronous source with `travelTimes(origins, destinations)`.
 * @param request - `{ origins, destinations }`, each `{ id, location: [lon, lat] }`.
 * @returns A synchronous provider (`keyedBy: "location"`) over the fetched minutes.
 * @throws {@link InvalidInputError} for a bad source or request; {@link ProviderError} when
 *   the source answers with the wrong shape.
 * @example
 * const osrm = osrmProvider({ url: "http://127.0.0.1:5000" });
 * const places = scenarioPlaces(network, [baseline, moveHub]);
 * const provider = await prefetchTravelTimes(osrm, places);
 * const result = evaluate(network, moveHub, { provider });
 */
export async function prefetchTravelTimes(source: AsyncTravelTimeSource, request: PrefetchRequest): Promise<TravelTimeProvider> {
  const where = "prefetchTravelTimes";
  if (source === null || typeof source !== "object" || typeof (source as AsyncTravelTimeSource).travelTimes !== "function") {
    throw new InvalidInputError(where, [{ path: "source", message: "expected a source with travelTimes(origins, destinations), e.g. osrmProvider({ url })" }]);
  }
  const req = parseInput(where, RequestSchema, request, "request");
  const origins = distinctPlaces(req.origins);
  const destinations = distinctPlaces(req.destinations);
  const matrix = await source.travelTimes(origins, destinations);
  const cols = destinations.length;
  if (matrix?.minutes?.length !== origins.length * cols) {
    throw new ProviderError(where, `the source answered ${matrix?.minutes?.length ?? "no"} minutes for ${origins.length} × ${cols} places`);
  }
  for (let k = 0; k < matrix.minutes.length; k++) {
    if (!(matrix.minutes[k] >= 0)) throw new ProviderError(where, `the source answered ${matrix.minutes[k]} minutes (from place ${Math.floor(k / cols)} to ${k % cols}); minutes must be non-negative or Infinity`);
  }
  return tableByPlace(source.engine ?? "prefetched", origins, destinations, matrix.minutes);
}

/** A location-keyed synchronous provider over row-major minutes between distinct places. */
function tableByPlace(engine: string, origins: readonly LocatedItem[], destinations: readonly LocatedItem[], minutes: Float64Array): TravelTimeProvider {
  const row = new Map(origins.map((o, i) => [placeKey(o.location), i] as const));
  const col = new Map(destinations.map((d, j) => [placeKey(d.location), j] as const));
  const index = (map: Map<string, number>, item: LocatedItem, what: string, path: string): number => {
    const k = map.get(placeKey(item.location));
    if (k === undefined) throw new UnknownIdError(`${engine}: prefetched travel times`, what, item.id, path, "Add this place to the prefetch request (every scenario's sites, at their new locations).");
    return k;
  };
  return {
    kind: "travel-time-provider",
    engine,
    keyedBy: "location",
    travelTimes(from, to) {
      const o = parseInput("prefetchTravelTimes.travelTimes", ItemsSchema, from, "origins");
      const d = parseInput("prefetchTravelTimes.travelTimes", ItemsSchema, to, "destinations");
      const rows = o.map((x, i) => index(row, x, "origin", `origins[${i}]`));
      const cs = d.map((x, j) => index(col, x, "destination", `destinations[${j}]`));
      const out = new Float64Array(rows.length * cs.length);
      rows.forEach((r, i) => cs.forEach((c, j) => (out[i * cs.length + j] = minutes[r * destinations.length + c])));
      return { origins: o.map((x) => x.id), destinations: d.map((x) => x.id), minutes: out, provenance: { engine, notes: ["prefetched once, answered by location"] } } as CostMatrix;
    },
  };
}
