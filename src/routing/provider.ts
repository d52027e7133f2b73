import type { CostMatrix } from "../model/types.js";
import type { LocatedItem } from "./types.js";

/** An origin or destination for a provider: an id, or an item with an id (and location). */
export type ProviderEndpoint = string | { readonly id: string; readonly location?: readonly [number, number] };

/** A source of travel-time matrices other than the built-in router (see `travelTimes`). */
export interface TravelTimeProvider {
  readonly kind: "travel-time-provider";
  /** Engine name as it appears in provenance, e.g. `"euclidean"`, `"osrm"`. */
  readonly engine: string;
  /**
   * How the provider finds a trip's ends: `"location"` times any `{ id, location }` item (so a
   * moved or new site is timed where it now is), `"id"` looks ids up in a fixed table (a moved
   * site would silently keep its old times, so scenario evaluation refuses it). Default `"id"`.
   */
  readonly keyedBy?: "id" | "location";
  travelTimes(
    origins: readonly ProviderEndpoint[] | readonly LocatedItem[],
    destinations: readonly ProviderEndpoint[] | readonly LocatedItem[],
    options?: { cutoffMinutes?: number },
  ): CostMatrix;
}

/** True if `value` is a {@link TravelTimeProvider}. */
export function isTravelTimeProvider(value: unknown): value is TravelTimeProvider {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as { kind?: unknown }).kind === "travel-time-provider" &&
    typeof (value as { travelTimes?: unknown }).travelTimes === "function"
  );
}
