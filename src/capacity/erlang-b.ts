import { InvalidInputError } from "../errors.js";
import { show } from "./internal/values.js";

/**
 * Largest offered load the Erlang functions take, in erlangs. The recursion runs until the
 * answer is reached or B(n) underflows to 0, about a + 40·√a steps at most, so this bounds
 * every call to a few hundred milliseconds; no hospital bed pool comes near it.
 */
export const MAX_OFFERED_LOAD = 1e7;

/** Check servers / load at a public boundary. */
export function checkErlangArgs(where: string, servers: unknown, offeredLoad: unknown): void {
  const issues: { path: string; message: string }[] = [];
  if (typeof servers !== "number" || !Number.isInteger(servers) || servers < 0) {
    issues.push({ path: "servers", message: `servers must be a non-negative integer (got ${show(servers)})` });
  }
  if (typeof offeredLoad !== "number" || !Number.isFinite(offeredLoad) || offeredLoad < 0) {
    issues.push({ path: "offeredLoad", message: `offeredLoad must be a finite non-negative number of erlangs (got ${show(offeredLoad)})` });
  } else if (offeredLoad > MAX_OFFERED_LOAD) {
    issues.push({ path: "offeredLoad", message: `offeredLoad must be at most ${MAX_OFFERED_LOAD} erlangs (got ${show(offeredLoad)}); split the load into smaller pools, or check its units (erlangs = admissions per day × mean stay in days)` });
  }
  if (issues.length > 0) throw new InvalidInputError(where, issues);
}

/**
 * Erlang B by the recursion, no validation (internal). Once B(n) underflows to 0 every later
 * term is 0 too, so the loop stops there: erlangB(1e12, 1) takes a few hundred steps.
 */
export function erlangBKernel(servers: number, a: number): number {
  let b = 1;
  for (let n = 1; n <= servers && b > 0; n++) b = (a * b) / (n + a * b);
  return b;
}

/**
 * Erlang's loss formula: the probability that an arrival finds all `servers` busy (and is
 * lost — for beds, placed out of area) in an M/G/c/c system with `offeredLoad` erlangs.
 *
 * Method: the stable recursion B(0) = 1, B(n) = a·B(n−1) / (n + a·B(n−1)) (Erlang 1917;
 * Jagerman 1974), which never forms a factorial or a power, so it is exact to rounding for
 * thousands of servers and loads. Insensitive to the length-of-stay distribution beyond its
 * mean. Offered load a = admissions per day × mean length of stay (days) = mean beds occupied
 * with unlimited beds.
 *
 * @param servers - Beds (non-negative integer).
 * @param offeredLoad - Offered load in erlangs (≥ 0, at most {@link MAX_OFFERED_LOAD}).
 * @returns Blocking probability in [0, 1]: the share of admissions that find no bed.
 * @throws {@link InvalidInputError} if `servers` is not a non-negative integer or the load
 *   is negative, NaN, infinite or above {@link MAX_OFFERED_LOAD}. Any number of servers is
 *   fine: the recursion stops when B underflows to 0.
 * @example
 * erlangB(2, 1); // 0.2
 * erlangB(300, 280); // ≈ 0.0129
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkErlangArgs("erlangB", servers, offeredLoad);
  return erlangBKernel(servers, offeredLoad);
}
