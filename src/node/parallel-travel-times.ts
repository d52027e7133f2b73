import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { InvalidInputError } from "../errors.js";
import { heapOps, runDijkstra, runMatrixBuckets, runSearches } from "../routing/kernel.js";
import { chSweep, chUpward, type ChSearchJob, runChSearches } from "../routing/ch/phast.js";
import type { ChEngine } from "../routing/ch/ch-engine.js";
import { coreOf, matrixSearchPlan, type RouterCore, type TravelTimesOptions } from "../routing/router-core.js";
import type { Endpoint, RoutedCostMatrix, Router } from "../routing/types.js";

/** Options of {@link parallelTravelTimes}: `workers` (default: available cores) plus travelTimes options. */
export interface ParallelTravelTimesOptions extends TravelTimesOptions {
  /**
   * Worker threads.
   * @defaultValue `os.availableParallelism()`
   */
  workers?: number;
}

// Each worker takes the next search index from a shared atomic counter until none is left, so
// a worker on a busier core simply runs fewer searches (dynamic load balance); every search
// writes only its own cells of the shared output, so the matrix does not depend on who ran what.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const kernels = {
  dijkstra: (${runDijkstra.toString()}),
  buckets: (${runMatrixBuckets.toString()}),
  heap: { up: (${heapOps.up.toString()}), down: (${heapOps.down.toString()}) },
};
const runSearches = (${runSearches.toString()});
const d = workerData;
const n = d.n;
const counter = new Int32Array(d.counter);
const scratch = {
  dist: new Float64Array(n), heapNodes: new Int32Array(n), heapKeys: new Float64Array(n), pos: new Int32Array(n),
  isTarget: new Uint8Array(n), next: new Int32Array(n), prev: new Int32Array(n), popped: new Int32Array(n),
  heads: new Int32Array(d.buckets),
};
const csr = { offsets: new Int32Array(d.offsets), targets: new Int32Array(d.targets), weights: new Float64Array(d.weights) };
const plan = { ...d.plan, out: new Float64Array(d.plan.out) };
const settled = runSearches(kernels, csr, plan, scratch, () => Atomics.add(counter, 0, 1));
parentPort.postMessage(settled);
`;

// The contraction-hierarchy variant: workers take batches of searches (one RPHAST sweep each).
const CH_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const kernels = {
  upward: (${chUpward.toString()}),
  sweep: (${chSweep.toString()}),
  heap: { up: (${heapOps.up.toString()}), down: (${heapOps.down.toString()}) },
};
const runChSearches = (${runChSearches.toString()});
const d = workerData;
const counter = new Int32Array(d.counter);
const scratch = {
  dist: new Float64Array(d.n).fill(Infinity), pos: new Int32Array(d.n).fill(-1), heapNodes: new Int32Array(d.n),
  heapKeys: new Float64Array(d.n), touched: new Int32Array(d.n), labels: new Float64Array(0),
};
const job = { ...d.job, upOffsets: new Int32Array(d.job.upOffsets), upTargets: new Int32Array(d.job.upTargets),
  upWeights: new Float64Array(d.job.upWeights), sweepOffsets: new Int32Array(d.job.sweepOffsets),
  sweepTargets: new Int32Array(d.job.sweepTargets), sweepWeights: new Float64Array(d.job.sweepWeights),
  localOf: new Int32Array(d.job.localOf), out: new Float64Array(d.job.out) };
const work = runChSearches(job, scratch, () => Atomics.add(counter, 0, 1), kernels);
parentPort.postMessage(work);
`;

// shared copies of the typed arrays of CH jobs, made once per array
const sharedArrays = new WeakMap<Int32Array | Float64Array, SharedArrayBuffer>();
function sharedOnce(a: Int32Array | Float64Array): SharedArrayBuffer {
  let hit = sharedArrays.get(a);
  if (hit === undefined) {
    hit = shared(a);
    sharedArrays.set(a, hit);
  }
  return hit;
}

function runWorker(source: string, workerData: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    worker.once("message", () => {
      void worker.terminate();
      resolve();
    });
    worker.once("error", reject);
  });
}

/** A plan's CH searches on `workers` threads, writing the shared `out`. */
async function runChParallel(ch: ChEngine, job: ChSearchJob, out: SharedArrayBuffer, workers: number): Promise<void> {
  const batches = Math.ceil(job.searches / job.batch);
  const counter = new SharedArrayBuffer(4);
  const data = {
    n: ch.h.n,
    counter,
    job: {
      ...job,
      upOffsets: sharedOnce(job.upOffsets),
      upTargets: sharedOnce(job.upTargets),
      upWeights: sharedOnce(job.upWeights),
      sweepOffsets: sharedOnce(job.sweepOffsets),
      sweepTargets: sharedOnce(job.sweepTargets),
      sweepWeights: sharedOnce(job.sweepWeights),
      localOf: sharedOnce(job.localOf),
      out,
    },
  };
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < Math.min(workers, batches); w++) jobs.push(runWorker(CH_WORKER_SOURCE, data));
  await Promise.all(jobs);
}

function shared<T extends Int32Array | Float64Array>(a: T): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return sab;
}

interface SharedCsr {
  readonly offsets: SharedArrayBuffer;
  readonly targets: SharedArrayBuffer;
  readonly weights: SharedArrayBuffer;
}

// shared copies of a router's CSR, made once per router and direction
const sharedCache = new WeakMap<RouterCore, { forward?: SharedCsr; reverse?: SharedCsr }>();

function sharedCsr(core: RouterCore, reverse: boolean): SharedCsr {
  let entry = sharedCache.get(core);
  if (entry === undefined) {
    entry = {};
    sharedCache.set(core, entry);
  }
  const c = core.c;
  const key = reverse ? "reverse" : "forward";
  const hit = entry[key];
  if (hit !== undefined) return hit;
  const made: SharedCsr = {
    offsets: shared(reverse ? c.rOffsets : c.offsets),
    targets: shared(reverse ? c.rTargets : c.targets),
    weights: shared(reverse ? c.rMinutes : c.minutes),
  };
  entry[key] = made;
  return made;
}

/**
 * `router.travelTimes` spread over worker threads (Node only): the CSR is shared through
 * SharedArrayBuffers (copied once per router) and the workers take per-site (or per-zone)
 * searches one at a time from a shared atomic counter, running the very same kernel, so the
 * matrix is identical to the single-thread one whatever the split.
 *
 * @param router - A router from `createRouter`.
 * @param origins - As `router.travelTimes`.
 * @param destinations - As `router.travelTimes`.
 * @returns The same {@link RoutedCostMatrix} as `router.travelTimes`.
 * @throws {@link InvalidInputError} if `router` was not made by `createRouter`, or `workers` is
 *   not an integer >= 1.
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
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1)) {
    throw new InvalidInputError(where, [{ path: "options.workers", message: `expected an integer >= 1 (got ${String(requested)}); omit it to use every core` }]);
  }
  const workers = requested ?? Math.max(1, availableParallelism());
  const plan = core.plan(where, origins, destinations, rest);
  const out = new SharedArrayBuffer(plan.rows * plan.cols * 8);
  if (plan.searches === 0 || workers === 1) {
    const local = new Float64Array(plan.rows * plan.cols);
    core.runPlan(plan, local);
    return plan.finish(local);
  }
  if (core.ch !== null) {
    // the job's own output array is a placeholder: workers write the shared one
    await runChParallel(core.ch, core.ch.job(plan, new Float64Array(0)), out, workers);
    return plan.finish(Float64Array.from(new Float64Array(out)));
  }
  const csr = sharedCsr(core, plan.mode === "reverse");
  const counter = new SharedArrayBuffer(4);
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < Math.min(workers, plan.searches); w++) {
    jobs.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            n: core.c.n,
            offsets: csr.offsets,
            targets: csr.targets,
            weights: csr.weights,
            buckets: core.bucketCount,
            counter,
            // the plan's own output array is a placeholder: workers write the shared one
            plan: { ...matrixSearchPlan(plan, new Float64Array(0), core.bucketDelta), out },
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
