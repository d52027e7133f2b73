import * as z from "zod/mini";
import { DuplicateIdError, HubspokeError, ProviderError, parseInput } from "../errors.js";
import { createCostMatrix } from "../model/cost-matrix.js";
import { LonLatSchema } from "../model/schemas.js";
import type { CostMatrix } from "../model/types.js";
import type { LocatedItem } from "../routing/types.js";
import { contentHash } from "./internal.js";
import type { Assert, Same } from "../internal/type-checks.js";

const OsrmProviderOptionsSchema = z.strictObject({
  /** Base URL of an OSRM server, e.g. `http://127.0.0.1:5000`. */
  url: z.url({ protocol: /^https?$/ }),
  /** OSRM profile segment of the path (`driving`, `car`, …). */
  profile: z._default(z.string().check(z.regex(/^[\w-]+$/, "profile must be a simple path segment")), "driving"),
  /** Maximum origins and maximum destinations per request (OSRM's default `--max-table-size` is 100 coordinates in all). */
  batchSize: z._default(z.number().check(z.int()).check(z.minimum(1)).check(z.maximum(10_000)), 50),
  /** Per-request timeout. */
  timeoutMs: z._default(z.number().check(z.int()).check(z.minimum(1)), 30_000),
  /** Extra attempts after a timeout, network error or HTTP 5xx/429 (never after 4xx). */
  retries: z._default(z.number().check(z.int()).check(z.minimum(0)).check(z.maximum(10)), 2),
  /** First back-off delay; doubles on each retry. */
  backoffMs: z._default(z.number().check(z.int()).check(z.minimum(0)), 500),
  /** Requests in flight at once. */
  concurrency: z._default(z.number().check(z.int()).check(z.minimum(1)).check(z.maximum(64)), 2),
});
export interface OsrmProviderOptions {
  /**
   * Base URL of an OSRM server, e.g. `http://127.0.0.1:5000`.
   */
  url: string;
  /**
   * OSRM profile segment of the path (`driving`, `car`, …).
   * @defaultValue `"driving"`
   */
  profile?: string;
  /**
   * Maximum origins and maximum destinations per request (OSRM's default `--max-table-size` is 100 coordinates in all).
   * @defaultValue `50`
   */
  batchSize?: number;
  /**
   * Per-request timeout.
   * @defaultValue `30_000`
   */
  timeoutMs?: number;
  /**
   * Extra attempts after a timeout, network error or HTTP 5xx/429 (never after 4xx).
   * @defaultValue `2`
   */
  retries?: number;
  /**
   * First back-off delay; doubles on each retry.
   * @defaultValue `500`
   */
  backoffMs?: number;
  /**
   * Requests in flight at once.
   * @defaultValue `2`
   */
  concurrency?: number;
}
type OsrmProviderOptionsCheck = Assert<Same<OsrmProviderOptions, z.input<typeof OsrmProviderOptionsSchema>>>;

const ItemsSchema = z.array(z.object({ id: z.string().check(z.minLength(1)), location: LonLatSchema }));

/** Options of one {@link OsrmProvider.travelTimes} call. */
export interface OsrmTravelTimesOptions {
  /** Called after each batch with batches done and in all (e.g. to drive a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Abort the whole run. */
  readonly signal?: AbortSignal;
}

/** A travel-time provider backed by an OSRM server's `table` service. */
export interface OsrmProvider {
  readonly engine: "osrm";
  readonly url: string;
  readonly profile: string;
  /**
   * Minutes from each origin to each destination (rows = origins), `Infinity` where OSRM
   * finds no route.
   */
  travelTimes(origins: readonly LocatedItem[], destinations: readonly LocatedItem[], options?: OsrmTravelTimesOptions): Promise<CostMatrix>;
}

interface Batch {
  index: number;
  o0: number;
  o1: number;
  d0: number;
  d1: number;
}

class RetryableError extends Error {}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms === 0) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/**
 * A provider that asks an OSRM server (Luxen & Vetter 2011; contraction hierarchies or MLD)
 * for travel times through its `table` service, the route to national-scale matrices on an
 * engine you already run.
 *
 * The origins × destinations matrix is cut into blocks of at most `batchSize` origins by
 * `batchSize` destinations; each block is one `GET /table/v1/{profile}/{coords}?sources=…&destinations=…&annotations=duration`
 * request, with up to `concurrency` in flight. A request that times out, fails on the
 * network or answers HTTP 5xx/429 is retried up to `retries` times with exponential back-off
 * (`backoffMs`, 2×, 4×…); a 4xx or an OSRM error code fails at once. If any block still fails,
 * no partial matrix is returned: a {@link ProviderError} names the block (its origin and
 * destination ranges), the cause, and how many blocks had succeeded. Durations (seconds)
 * become minutes; `null` (no route) becomes `Infinity`.
 *
 * @returns A provider whose async `travelTimes(origins, destinations, { onProgress, signal })` resolves to a
 *   {@link CostMatrix} (minutes) with provenance `{ engine: "osrm", profile, inputs: { url, origins, destinations } }`.
 * @throws {@link InvalidInputError} for bad options; the returned promise rejects with
 *   {@link InvalidInputError} for bad endpoints, {@link DuplicateIdError} for a repeated origin or
 *   destination id (both before any request is sent), and {@link ProviderError} on a failed
 *   block or a malformed answer.
 * @example
 * const osrm = osrmProvider({ url: "http://127.0.0.1:5000", batchSize: 100 });
 * const matrix = await osrm.travelTimes(network.zones, network.sites);
 */
export function osrmProvider(options: OsrmProviderOptions): OsrmProvider {
  const opts = parseInput("osrmProvider", OsrmProviderOptionsSchema, options, "options");
  const server: Server = { ...opts, base: opts.url.replace(/\/+$/, "") };
  return {
    engine: "osrm",
    url: server.base,
    profile: opts.profile,
    travelTimes: (origins, destinations, callOptions = {}) => osrmTravelTimes(server, { origins, destinations }, callOptions),
  };
}

type ParsedOptions = z.output<typeof OsrmProviderOptionsSchema>;

/** The parsed options and the base URL without trailing slashes. */
interface Server extends ParsedOptions {
  readonly base: string;
}

const where2 = "osrmProvider.travelTimes";

/** One request's JSON body, after HTTP and OSRM status checks; RetryableError for what may pass on a retry. */
async function requestJson(server: Server, path: string, signal: AbortSignal | undefined): Promise<unknown> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new RetryableError(`no answer within ${server.timeoutMs} ms`)), server.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(`${server.base}${path}`, { signal: controller.signal, headers: { accept: "application/json" } });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const reason = controller.signal.reason;
      if (reason instanceof RetryableError) throw reason;
      throw new RetryableError(`network error (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const reason = controller.signal.reason;
      throw reason instanceof RetryableError ? reason : new RetryableError(`response cut off (${(error as Error).message})`);
    }
    return checkedBody(response, text);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The parsed body of an answer, or why it is not a usable OSRM answer. */
function checkedBody(response: Response, text: string): unknown {
  let body: { code?: unknown; message?: unknown } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const detail = body && typeof body.message === "string" ? ` (${String(body.code)}: ${body.message})` : "";
  if (response.status >= 500 || response.status === 429) throw new RetryableError(`HTTP ${response.status}${detail}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}${detail}`);
  if (body === undefined) throw new Error("the answer is not JSON");
  if (body.code !== "Ok") throw new Error(`OSRM answered ${JSON.stringify(body.code)}${typeof body.message === "string" ? ` (${body.message})` : ""}`);
  return body;
}

/** Every id once: checked before any request, so a bad call costs no server time. */
function checkUniqueIds(collection: string, items: readonly LocatedItem[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) throw new DuplicateIdError(where2, collection, item.id, first, i);
    seen.set(item.id, i);
  });
}

function planBatches(rows: number, cols: number, size: number): Batch[] {
  const batches: Batch[] = [];
  for (let o0 = 0; o0 < rows; o0 += size) {
    for (let d0 = 0; d0 < cols; d0 += size) {
      batches.push({ index: batches.length, o0, o1: Math.min(rows, o0 + size), d0, d1: Math.min(cols, d0 + size) });
    }
  }
  return batches;
}

const coord = (p: LocatedItem): string => `${Math.round(p.location[0] * 1e6) / 1e6},${Math.round(p.location[1] * 1e6) / 1e6}`;

/** One travelTimes call's shared state: its inputs, the matrix being filled and the progress so far. */
interface Run {
  readonly server: Server;
  readonly origins: readonly LocatedItem[];
  readonly destinations: readonly LocatedItem[];
  readonly callOptions: OsrmTravelTimesOptions;
  readonly batches: readonly Batch[];
  readonly minutes: Float64Array;
  readonly notes: Set<string>;
  done: number;
}

const describeBatch = (run: Run, b: Batch): string =>
  `batch ${b.index + 1} of ${run.batches.length} (origins ${b.o0}–${b.o1 - 1} × destinations ${b.d0}–${b.d1 - 1})`;

async function osrmTravelTimes(
  server: Server,
  items: { origins: readonly LocatedItem[]; destinations: readonly LocatedItem[] },
  callOptions: OsrmTravelTimesOptions,
): Promise<CostMatrix> {
  const { origins, destinations } = items;
  parseInput(where2, ItemsSchema.check(z.minLength(1, "expected at least one origin")), origins, "origins");
  parseInput(where2, ItemsSchema.check(z.minLength(1, "expected at least one destination")), destinations, "destinations");
  checkUniqueIds("origins", origins);
  checkUniqueIds("destinations", destinations);
  const batches = planBatches(origins.length, destinations.length, server.batchSize);
  const run: Run = { server, origins, destinations, callOptions, batches, minutes: new Float64Array(origins.length * destinations.length), notes: new Set(), done: 0 };
  await runAll(run);
  return createCostMatrix(
    origins.map((o) => o.id),
    destinations.map((d) => d.id),
    run.minutes,
    {
      engine: "osrm",
      profile: server.profile,
      inputs: {
        url: server.base,
        origins: contentHash(origins.map((o) => `${o.id}@${coord(o)}`).join("\n")),
        destinations: contentHash(destinations.map((d) => `${d.id}@${coord(d)}`).join("\n")),
      },
      notes: [`${batches.length} table request(s) of at most ${server.batchSize} × ${server.batchSize}`, ...run.notes],
    },
  );
}

/** Up to `concurrency` batches in flight; the first failure stops new batches and is thrown once all settle. */
async function runAll(run: Run): Promise<void> {
  const { batches, callOptions } = run;
  let failure: ProviderError | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < batches.length) {
      const b = batches[next++];
      try {
        await runBatch(run, b);
      } catch (error) {
        if (error instanceof HubspokeError || !(callOptions.signal?.aborted ?? false)) {
          failure ??= error instanceof ProviderError ? error : new ProviderError(where2, `${describeBatch(run, b)} failed: ${(error as Error).message}.`, { cause: error });
        } else {
          throw error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.server.concurrency, batches.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** One block's request with retries and back-off, its durations written into the matrix. */
async function runBatch(run: Run, b: Batch): Promise<void> {
  const { server, callOptions } = run;
  const nO = b.o1 - b.o0;
  const nD = b.d1 - b.d0;
  const coords = [...run.origins.slice(b.o0, b.o1), ...run.destinations.slice(b.d0, b.d1)].map(coord).join(";");
  const sources = Array.from({ length: nO }, (_, k) => k).join(";");
  const dests = Array.from({ length: nD }, (_, k) => nO + k).join(";");
  const path = `/table/v1/${server.profile}/${coords}?sources=${sources}&destinations=${dests}&annotations=duration`;
  let last = "";
  for (let attempt = 0; attempt <= server.retries; attempt++) {
    if (attempt > 0) await sleep(server.backoffMs * 2 ** (attempt - 1), callOptions.signal);
    let body: { durations?: unknown; data_version?: unknown };
    try {
      body = (await requestJson(server, path, callOptions.signal)) as typeof body;
    } catch (error) {
      if (error instanceof RetryableError) {
        last = error.message;
        continue;
      }
      if (callOptions.signal?.aborted) throw error;
      throw new ProviderError(where2, `${describeBatch(run, b)} failed: ${(error as Error).message}; ${run.done} of ${run.batches.length} batches had succeeded. Check the coordinates, profile and server limits (--max-table-size).`, { cause: error });
    }
    readDurations(run, b, body.durations);
    if (typeof body.data_version === "string") run.notes.add(`OSRM data_version ${body.data_version}`);
    run.done++;
    callOptions.onProgress?.(run.done, run.batches.length);
    return;
  }
  throw new ProviderError(
    where2,
    `${describeBatch(run, b)} failed after ${server.retries + 1} attempt(s): ${last}; ${run.done} of ${run.batches.length} batches had succeeded, so no matrix is returned. Lower batchSize, raise timeoutMs or retries, or check the server.`,
  );
}

/** A block's durations (seconds, null = no route) as minutes in the matrix; anything else is a ProviderError. */
function readDurations(run: Run, b: Batch, grid: unknown): void {
  const nO = b.o1 - b.o0;
  const nD = b.d1 - b.d0;
  const cols = run.destinations.length;
  if (!Array.isArray(grid) || grid.length !== nO || grid.some((r) => !Array.isArray(r) || r.length !== nD)) {
    throw new ProviderError(where2, `${describeBatch(run, b)}: expected a ${nO} × ${nD} durations array in the answer. Is ${run.server.base} an OSRM server?`);
  }
  for (let i = 0; i < nO; i++) {
    const row = grid[i] as unknown[];
    for (let j = 0; j < nD; j++) {
      const v = row[j];
      if (v === null) run.minutes[(b.o0 + i) * cols + b.d0 + j] = Infinity;
      else if (typeof v === "number" && Number.isFinite(v) && v >= 0) run.minutes[(b.o0 + i) * cols + b.d0 + j] = v / 60;
      else throw new ProviderError(where2, `${describeBatch(run, b)}: duration [${i}][${j}] is ${JSON.stringify(v)}, not seconds ≥ 0 or null.`);
    }
  }
}
