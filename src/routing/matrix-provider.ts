import * as z from "zod/mini";
import { InvalidInputError, parseInput, UnknownIdError } from "../errors.js";
import { createCostMatrix } from "../model/cost-matrix.js";
import type { Provenance } from "../model/types.js";
import type { ProviderEndpoint, TravelTimeProvider } from "./provider.js";

const Cell = z.nullable(z.number().check(z.nonnegative()));
const MatrixTableSchema = z.strictObject({
  origins: z.array(z.string().check(z.minLength(1))),
  destinations: z.array(z.string().check(z.minLength(1))),
  /** Row-major flat array, or one row per origin; `null` = unreachable. */
  minutes: z.union([z.array(Cell), z.array(z.array(Cell)), z.custom<Float64Array>((v) => v instanceof Float64Array, "expected an array or a Float64Array")]),
  provenance: z.strictObject({
    engine: z.string().check(z.minLength(1)),
    profile: z.optional(z.string()),
    date: z.optional(z.string()),
    inputs: z.optional(z.record(z.string(), z.string())),
    notes: z.optional(z.array(z.string())),
  }),
});
/**
 * An OD table imported from another engine (OSRM, Valhalla, r5r, TravelTime, TRACC…), or a
 * {@link CostMatrix} with provenance (e.g. from `parseOdTable`; `Infinity` = unreachable).
 */
export type MatrixTable = Omit<z.input<typeof MatrixTableSchema>, "origins" | "destinations" | "minutes"> & {
  readonly origins: readonly string[];
  readonly destinations: readonly string[];
  readonly minutes: readonly (number | null)[] | readonly (readonly (number | null)[])[] | Float64Array;
};

/**
 * Wrap an imported origin–destination table as a travel-time provider, keeping its provenance.
 * `travelTimes(provider, origins, destinations)` returns the sub-matrix for the requested ids,
 * in the requested order.
 *
 * @param table - `{ origins, destinations, minutes, provenance }`: minutes row-major (flat, or
 *   one array per origin, or a `Float64Array` as in a {@link CostMatrix}), `null` or
 *   `Infinity` = unreachable; provenance needs at least `engine`.
 * @returns A provider answering any subset of the table's ids. Minutes; Infinity = unreachable.
 * @throws {@link InvalidInputError} for a malformed table (wrong shape, NaN or negative minutes).
 * @throws {@link DuplicateIdError} if an id repeats in the table.
 * @throws {@link UnknownIdError} (when queried) for an id not in the table.
 * @example
 * const osrm = matrixProvider({ origins: ["z1"], destinations: ["hubA"], minutes: [[21.5]],
 *   provenance: { engine: "osrm", profile: "car", date: "2024-05-01" } });
 * travelTimes(osrm, ["z1"], ["hubA"]).minutes[0]; // 21.5
 */
export function matrixProvider(table: MatrixTable): TravelTimeProvider {
  const where = "matrixProvider";
  const t = parseInput(where, MatrixTableSchema, table, "table");
  let flat: ArrayLike<number | null>;
  if (t.minutes instanceof Float64Array) {
    flat = t.minutes;
  } else if (t.minutes.length > 0 && Array.isArray(t.minutes[0])) {
    const rows = t.minutes as (number | null)[][];
    if (rows.length !== t.origins.length) {
      throw new InvalidInputError(where, [{ path: "table.minutes", message: `expected ${t.origins.length} rows (one per origin), got ${rows.length}` }]);
    }
    rows.forEach((r, i) => {
      if (r.length !== t.destinations.length) {
        throw new InvalidInputError(where, [{ path: `table.minutes[${i}]`, message: `expected ${t.destinations.length} values (one per destination), got ${r.length}` }]);
      }
    });
    flat = rows.flat();
  } else {
    flat = t.minutes as (number | null)[];
  }
  const full = createCostMatrix(t.origins, t.destinations, flat, t.provenance as Provenance);
  const rowOf = new Map(full.origins.map((id, i) => [id, i] as const));
  const colOf = new Map(full.destinations.map((id, j) => [id, j] as const));
  const idOf = (x: ProviderEndpoint): string => (typeof x === "string" ? x : x.id);
  return {
    kind: "travel-time-provider",
    engine: t.provenance.engine,
    keyedBy: "id",
    travelTimes(origins, destinations, options = {}) {
      const q = "matrixProvider.travelTimes";
      const oIds = (origins as readonly ProviderEndpoint[]).map(idOf);
      const dIds = (destinations as readonly ProviderEndpoint[]).map(idOf);
      const rows = oIds.map((id, k) => {
        const i = rowOf.get(id);
        if (i === undefined) throw new UnknownIdError(q, "origin", id, `origins[${k}]`, "The imported table has no row for it; re-run the engine with this origin");
        return i;
      });
      const cols = dIds.map((id, k) => {
        const j = colOf.get(id);
        if (j === undefined) throw new UnknownIdError(q, "destination", id, `destinations[${k}]`, "The imported table has no column for it; re-run the engine with this destination");
        return j;
      });
      const cutoff = options.cutoffMinutes ?? Infinity;
      const nc = full.destinations.length;
      const out = new Float64Array(rows.length * cols.length);
      for (let a = 0; a < rows.length; a++) {
        for (let b = 0; b < cols.length; b++) {
          const v = full.minutes[rows[a] * nc + cols[b]];
          out[a * cols.length + b] = v <= cutoff ? v : Infinity;
        }
      }
      return createCostMatrix(oIds, dIds, out, full.provenance);
    },
  };
}
