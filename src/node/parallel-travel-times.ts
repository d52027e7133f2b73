import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { InvalidInputError } from "../errors.js";
import { runDijkstra, runSearches } from "../routing/kernel.js";
import { coreOf, type TravelTimesOptions } from "../routing/router-core.js";
import type { Endpoint, RoutedCostMatrix, Router } from "../routing/types.js";

/** Options of {@link parallelTravelTimes}: `workers` (default: available cores) plus travelTimes options. */
export type ParallelTravelTimesOptions = TravelTimesOptions & { workers?: number };

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const runDijkstra = (${runDijkstra.toString()});
const runSearches = (${runSearches.toString()});
const d = workerData;
const n = d.n;
runSearches(runDijkstra, new Int32Array(d.offsets), new Int32Array(d.targets), new Float64Array(d.weights),
  d.from, d.to, d.seedStart, d.seedNodes, d.seedCosts, d.exitStart, d.exitNodes, d.exitCosts,
  d.cutoff, new Float64Array(d.out), d.tStride, d.sStride,
  new Float64Array(n), new Int32Array(n), new Float64Array(n), new Int32Array(n));
parentPort.postMessage("done");
`;

function shared<T extends Int32Array | Float64Array>(a: T): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return sab;
}

/**
 * `router.travelTimes` spread over worker threads (Node only): the CSR is shared through
 * SharedArrayBuffers and each worker runs a contiguous block of the per-site (or per-zone)
 * searches with the very same kernel, so the matrix is identical to the single-thread one.
 *
 * @param router - A router from `createRouter`.
 * @param origins - As `router.travelTimes`.
 * @param destinations - As `router.travelTimes`.
 * @param options.workers - Worker threads. Default `os.availableParallelism()`.
 * @param options.cutoffMinutes - Default Infinity.
 * @returns The same {@link RoutedCostMatrix} as `router.travelTimes`.
 * @throws {@link InvalidInputError} if `router` was not made by `createRouter`.
 * @example
 * const m = await parallelTravelTimes(createRouter(graph), zones, sites, { workers: 2 });
 */
export async function parallelTravelTimes(
  router: Router,
  origins: readonly Endpoint[],
  destinations: readonly Endpoint[],
  options: ParallelTravelTimesOptions = {},
): Promise<RoutedCostMatrix> {
  const where = "parallelTravelTimes";
  const core = coreOf(router);
  if (core === undefined) throw new InvalidInputError(where, [{ path: "router", message: "expected a router made by createRouter" }]);
  const { workers: requested, ...rest } = options;
  const workers = Math.max(1, Math.floor(requested ?? availableParallelism()));
  const plan = core.plan(where, origins, destinations, rest);
  const out = new SharedArrayBuffer(plan.rows * plan.cols * 8);
  if (plan.searches === 0 || workers === 1) {
    const local = new Float64Array(plan.rows * plan.cols);
    core.runPlan(plan, local);
    return plan.finish(local);
  }
  const c = core.c;
  const reverse = plan.mode === "reverse";
  const offsets = shared(reverse ? c.rOffsets : c.offsets);
  const targets = shared(reverse ? c.rTargets : c.targets);
  const weights = shared(reverse ? c.rMinutes : c.minutes);
  const per = Math.ceil(plan.searches / workers);
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const from = w * per;
    const to = Math.min(plan.searches, from + per);
    if (from >= to) break;
    jobs.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            n: c.n,
            offsets,
            targets,
            weights,
            from,
            to,
            seedStart: plan.seedStart,
            seedNodes: plan.seedNodes,
            seedCosts: plan.seedCosts,
            exitStart: plan.exitStart,
            exitNodes: plan.exitNodes,
            exitCosts: plan.exitCosts,
            cutoff: plan.cutoff,
            out,
            tStride: plan.tStride,
            sStride: plan.sStride,
          },
        });
        worker.once("message", () => {
          void worker.terminate();
          resolve();
        });
        worker.once("error", reject);
      }),
    );
  }
  await Promise.all(jobs);
  return plan.finish(Float64Array.from(new Float64Array(out)));
}
