import * as z from "zod/mini";
import { DuplicateIdError, parseInput } from "../errors.js";
import { LonLatSchema } from "../model/schemas.js";
import { haversineMetres } from "../internal/geo.js";
import type { TravelTimeProvider } from "./provider.js";
import type { Assert, Same } from "../internal/type-checks.js";

const EuclideanOptionsSchema = z.strictObject({
  /** Average door-to-door speed along the road, km/h. */
  speedKmh: z._default(z.number().check(z.positive()), 48),
  /** Road distance ÷ straight-line distance (≥ 1). */
  circuity: z._default(z.number().check(z.minimum(1)), 1.3),
});
export interface EuclideanProviderOptions {
  /**
   * Average door-to-door speed along the road, km/h.
   * @defaultValue `48`
   */
  speedKmh?: number;
  /**
   * Road distance ÷ straight-line distance (≥ 1).
   * @defaultValue `1.3`
   */
  circuity?: number;
}
type EuclideanProviderOptionsCheck = Assert<Same<EuclideanProviderOptions, z.input<typeof EuclideanOptionsSchema>>>;

const ItemsSchema = z.array(z.object({ id: z.string().check(z.minLength(1)), location: LonLatSchema }));

/**
 * A travel-time provider from straight-line distance: minutes = haversine metres × circuity ÷
 * speed. A quick screen or a fallback where no road data exist; never a substitute for the road
 * router in a business case.
 *
 * Method: great-circle (haversine) distance on the mean Earth sphere, scaled by a circuity
 * factor (road ÷ straight-line distance; about 1.2–1.4 on national road networks, Ballou,
 * Rahardja & Sakai 2002; Boscoe, Henry & Zdeb 2012).
 *
 * @returns A provider for `travelTimes(provider, origins, destinations)`; origins and
 *   destinations are `{ id, location: [lon, lat] }` items. Minutes; never Infinity.
 * @throws {@link InvalidInputError} for a non-positive speed or a circuity below 1, and (when
 *   queried) for items without a valid location.
 * @example
 * const m = travelTimes(euclideanProvider({ speedKmh: 40, circuity: 1.25 }), zones, sites);
 */
export function euclideanProvider(options: EuclideanProviderOptions = {}): TravelTimeProvider {
  const opts = parseInput("euclideanProvider", EuclideanOptionsSchema, options, "options");
  const perMetre = (opts.circuity * 60) / (opts.speedKmh * 1000);
  return {
    kind: "travel-time-provider",
    engine: "euclidean",
    keyedBy: "location",
    travelTimes(origins, destinations, options = {}) {
      const where = "euclideanProvider.travelTimes";
      const o = parseInput(where, ItemsSchema, origins, "origins");
      const d = parseInput(where, ItemsSchema, destinations, "destinations");
      for (const [name, list] of [["origins", o], ["destinations", d]] as const) {
        const seen = new Map<string, number>();
        list.forEach((x, i) => {
          const first = seen.get(x.id);
          if (first !== undefined) throw new DuplicateIdError(where, name, x.id, first, i);
          seen.set(x.id, i);
        });
      }
      const cutoff = options.cutoffMinutes ?? Infinity;
      const out = new Float64Array(o.length * d.length);
      for (let i = 0; i < o.length; i++) {
        const [lon1, lat1] = o[i].location;
        for (let j = 0; j < d.length; j++) {
          const v = haversineMetres(lon1, lat1, d[j].location[0], d[j].location[1]) * perMetre;
          out[i * d.length + j] = v <= cutoff ? v : Infinity;
        }
      }
      return {
        origins: o.map((x) => x.id),
        destinations: d.map((x) => x.id),
        minutes: out,
        provenance: { engine: "euclidean", profile: `${opts.speedKmh} km/h × circuity ${opts.circuity}` },
      };
    },
  };
}
