import { DuplicateIdError, InvalidInputError, NotAlignedError, UnknownIdError } from "../errors.js";
import type { CostMatrix, Provenance } from "./types.js";
import { checkMatrix, checkMatrixShape } from "../internal/align.js";
import { requireArray, requireString } from "../internal/shapes.js";
import { describeValue } from "../internal/describe.js";

function checkUnique(where: string, collection: string, ids: readonly string[]): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== "string" || id.length === 0) {
      throw new InvalidInputError(where, [{ path: `${collection}[${i}]`, message: `expected a non-empty string id (got ${JSON.stringify(id)})` }]);
    }
    const first = seen.get(id);
    if (first !== undefined) throw new DuplicateIdError(where, collection, id, first, i);
    seen.set(id, i);
  }
}

/**
 * Build a validated {@link CostMatrix} from ids and row-major minutes.
 *
 * Checks once, at the boundary: ids are unique non-empty strings, `minutes` has
 * `origins × destinations` entries, and every entry is a non-negative number or `Infinity`
 * (unreachable). `null` entries (from JSON) are read as `Infinity`. NaN and negative
 * values are errors, never coerced.
 *
 * @param origins - Row ids, usually zone ids.
 * @param destinations - Column ids, usually site ids.
 * @param minutes - Row-major minutes (`minutes[i * destinations.length + j]`), as an array or
 *   `Float64Array`; `Infinity` or `null` for unreachable.
 * @param provenance - Where the figures came from.
 * @returns A frozen-shape matrix that owns a copy of `minutes`.
 * @throws {@link DuplicateIdError} if an id repeats.
 * @throws {@link NotAlignedError} if `minutes` has the wrong length.
 * @throws {@link InvalidInputError} if a value is NaN or negative.
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["hubA"], [12.5, Infinity]);
 * matrixMinutes(m, "z2", "hubA"); // Infinity (unreachable)
 */
export function createCostMatrix(
  origins: readonly string[],
  destinations: readonly string[],
  minutes: ArrayLike<number | null>,
  provenance?: Provenance,
): CostMatrix {
  const where = "createCostMatrix";
  const shapes: { path: string; message: string }[] = [];
  if (!Array.isArray(origins)) shapes.push({ path: "origins", message: "expected an array of origin ids (createCostMatrix takes origins, destinations, minutes as three arguments)" });
  if (!Array.isArray(destinations)) shapes.push({ path: "destinations", message: "expected an array of destination ids" });
  const list = minutes as unknown;
  if (!Array.isArray(list) && !(list instanceof Float64Array)) shapes.push({ path: "minutes", message: "expected an array or Float64Array of minutes" });
  if (shapes.length > 0) throw new InvalidInputError(where, shapes);
  checkUnique(where, "origins", origins);
  checkUnique(where, "destinations", destinations);
  const expected = origins.length * destinations.length;
  if (minutes.length !== expected) {
    throw new NotAlignedError(where, "minutes", minutes.length, expected, "origins × destinations");
  }
  const out = new Float64Array(expected);
  const cols = destinations.length;
  for (let k = 0; k < expected; k++) {
    const v = minutes[k];
    if (v === null || v === Infinity) {
      out[k] = Infinity;
    } else if (typeof v !== "number" || Number.isNaN(v) || v < 0) {
      const i = Math.floor(k / cols);
      const j = k % cols;
      throw new InvalidInputError(where, [
        {
          path: `minutes[${k}]`,
          message: `minutes from "${origins[i]}" to "${destinations[j]}" must be a non-negative number or Infinity (got ${describeValue(v)})`,
        },
      ]);
    } else {
      out[k] = v;
    }
  }
  return provenance === undefined
    ? { origins: [...origins], destinations: [...destinations], minutes: out }
    : { origins: [...origins], destinations: [...destinations], minutes: out, provenance };
}

/**
 * Minutes from one origin to one destination, by id.
 *
 * @returns Minutes, or `Infinity` when unreachable.
 * @throws {@link UnknownIdError} if either id is not in the matrix.
 * @example
 * matrixMinutes(matrix, "E01016016", "hub-dartford"); // 18.4
 */
export function matrixMinutes(matrix: CostMatrix, origin: string, destination: string): number {
  checkMatrixShape("matrixMinutes", matrix);
  requireString("matrixMinutes", "origin", origin);
  requireString("matrixMinutes", "destination", destination);
  const i = matrix.origins.indexOf(origin);
  if (i < 0) throw new UnknownIdError("matrixMinutes", "origin", origin, "origin");
  const j = matrix.destinations.indexOf(destination);
  if (j < 0) throw new UnknownIdError("matrixMinutes", "destination", destination, "destination");
  return matrix.minutes[i * matrix.destinations.length + j];
}

/**
 * Keep a subset of a matrix's columns (destinations), in the order given.
 *
 * @example
 * const hubsOnly = selectDestinations(matrix, ["hub-dartford", "hub-maidstone"]);
 */
export function selectDestinations(matrix: CostMatrix, destinations: readonly string[]): CostMatrix {
  const where = "selectDestinations";
  checkMatrixShape(where, matrix);
  requireArray(where, "destinations", destinations);
  checkUnique(where, "destinations", destinations);
  const cols = matrix.destinations.length;
  const index = new Map<string, number>();
  for (let j = 0; j < cols; j++) index.set(matrix.destinations[j], j);
  const picks = destinations.map((id, k) => {
    const j = index.get(id);
    if (j === undefined) throw new UnknownIdError(where, "destination", id, `destinations[${k}]`);
    return j;
  });
  const rows = matrix.origins.length;
  const out = new Float64Array(rows * picks.length);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < picks.length; k++) out[i * picks.length + k] = matrix.minutes[i * cols + picks[k]];
  }
  const result: CostMatrix = { origins: matrix.origins, destinations: [...destinations], minutes: out };
  return matrix.provenance === undefined ? result : { ...result, provenance: matrix.provenance };
}

/**
 * Check a {@link CostMatrix} built by hand (it is a documented plain interface) at a public
 * boundary: ids arrays, a `Float64Array` of `origins × destinations` minutes, and every cell
 * a non-negative number or `Infinity` (unreachable). NaN and negative minutes are errors
 * naming the cell, never read as unreachable or as a saving. Internal (not re-exported).
 */
export function checkCostMatrix(where: string, matrix: unknown, argument = "matrix"): CostMatrix {
  return checkMatrix(where, matrix, argument);
}

/** A {@link CostMatrix} as plain JSON: row-major minutes as one array, `null` for unreachable. */
export interface CostMatrixJSON {
  readonly origins: string[];
  readonly destinations: string[];
  /** Row-major minutes (`minutes[i * destinations.length + j]`); `null` where unreachable. */
  readonly minutes: (number | null)[];
  readonly provenance: Provenance | null;
}

/**
 * A cost matrix as plain JSON values. `JSON.stringify` of a `Float64Array` writes an object
 * keyed by index and turns `Infinity` into `null` silently; this writes a plain array with
 * `null` for unreachable, which {@link createCostMatrix} reads back as `Infinity`.
 *
 * @param matrix - A matrix from a router, a provider or {@link createCostMatrix}.
 * @returns `{ origins, destinations, minutes, provenance }`, ready for `JSON.stringify`.
 * @throws {@link InvalidInputError} if `matrix` is not a cost matrix or has NaN or negative minutes.
 * @example
 * const m = createCostMatrix(["z1", "z2"], ["hubA"], [12.5, Infinity]);
 * JSON.stringify(costMatrixToJSON(m)); // {"origins":["z1","z2"],"destinations":["hubA"],"minutes":[12.5,null],"provenance":null}
 * const back = createCostMatrix(["z1", "z2"], ["hubA"], costMatrixToJSON(m).minutes); // the same matrix
 */
export function costMatrixToJSON(matrix: CostMatrix): CostMatrixJSON {
  const m = checkMatrix("costMatrixToJSON", matrix);
  return {
    origins: [...m.origins],
    destinations: [...m.destinations],
    minutes: Array.from(m.minutes, (v) => (v === Infinity ? null : v)),
    provenance: m.provenance === undefined ? null : structuredClone(m.provenance),
  };
}
