import { InvalidInputError } from "../errors.js";
import type { ServiceNetwork } from "./types.js";

/**
 * Check that `network` has the {@link ServiceNetwork} shape (an object with `sites` and
 * `zones` arrays and an `assumptions` object) before anything reads it, so `null`, an array or
 * a half-built object is a coded error naming the argument, never a `TypeError`. Internal.
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
  return n as ServiceNetwork;
}
