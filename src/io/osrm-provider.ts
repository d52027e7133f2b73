import * as z from "zod/mini";
import { HubspokeError, ProviderError, parseInput } from "../errors.js";
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
 * @throws {@link InvalidInputError} for bad options or endpoints; the returned promise rejects with
 *   {@link ProviderError} on a failed block or a malformed answer.
 * @example
 * const osrm = osrmProvider({ url: "http://127.0.0.1:5000", batchSize: 100 });
 * const matrix = await osrm.travelTimes(network.zones, network.sites);
 */
export function osrmProvider(options: OsrmProviderOptions): OsrmProvider {
  const where = "osrmProvider";
  const opts = parseInput(where, OsrmProviderOptionsSchema, options, "options");
  const base = opts.url.replace(/\/+$/, "");

  async function request(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new RetryableError(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, { signal: controller.signal, headers: { accept: "application/json" } });
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
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async function travelTimes(origins: readonly LocatedItem[], destinations: readonly LocatedItem[], callOptions: OsrmTravelTimesOptions = {}): Promise<CostMatrix> {
    const where2 = "osrmProvider.travelTimes";
    parseInput(where2, ItemsSchema.check(z.minLength(1, "expected at least one origin")), origins, "origins");
    parseInput(where2, ItemsSchema.check(z.minLength(1, "expected at least one destination")), destinations, "destinations");
    const rows = origins.length;
    const cols = destinations.length;
    const minutes = new Float64Array(rows * cols);
    const batches: Batch[] = [];
    for (let o0 = 0; o0 < rows; o0 += opts.batchSize) {
      for (let d0 = 0; d0 < cols; d0 += opts.batchSize) {
        batches.push({ index: batches.length, o0, o1: Math.min(rows, o0 + opts.batchSize), d0, d1: Math.min(cols, d0 + opts.batchSize) });
      }
    }
    const coord = (p: LocatedItem) => `${Math.round(p.location[0] * 1e6) / 1e6},${Math.round(p.location[1] * 1e6) / 1e6}`;
    const notes = new Set<string>();
    let done = 0;
    let failure: ProviderError | undefined;
    const describe = (b: Batch) => `batch ${b.index + 1} of ${batches.length} (origins ${b.o0}–${b.o1 - 1} × destinations ${b.d0}–${b.d1 - 1})`;

    async function runBatch(b: Batch): Promise<void> {
      const nO = b.o1 - b.o0;
      const nD = b.d1 - b.d0;
      const coords = [...origins.slice(b.o0, b.o1), ...destinations.slice(b.d0, b.d1)].map(coord).join(";");
      const sources = Array.from({ length: nO }, (_, k) => k).join(";");
      const dests = Array.from({ length: nD }, (_, k) => nO + k).join(";");
      const path = `/table/v1/${opts.profile}/${coords}?sources=${sources}&destinations=${dests}&annotations=duration`;
      let last = "";
      for (let attempt = 0; attempt <= opts.retries; attempt++) {
        if (attempt > 0) await sleep(opts.backoffMs * 2 ** (attempt - 1), callOptions.signal);
        let body: { durations?: unknown; data_version?: unknown };
        try {
          body = (await request(path, callOptions.signal)) as typeof body;
        } catch (error) {
          if (error instanceof RetryableError) {
            last = error.message;
            continue;
          }
          if (callOptions.signal?.aborted) throw error;
          throw new ProviderError(where2, `${describe(b)} failed: ${(error as Error).message}; ${done} of ${batches.length} batches had succeeded. Check the coordinates, profile and server limits (--max-table-size).`, { cause: error });
        }
        const grid = body.durations;
        if (!Array.isArray(grid) || grid.length !== nO || grid.some((r) => !Array.isArray(r) || r.length !== nD)) {
          throw new ProviderError(where2, `${describe(b)}: expected a ${nO} × ${nD} durations array in the answer. Is ${base} an OSRM server?`);
        }
        for (let i = 0; i < nO; i++) {
          const row = grid[i] as unknown[];
          for (let j = 0; j < nD; j++) {
            const v = row[j];
            if (v === null) minutes[(b.o0 + i) * cols + b.d0 + j] = Infinity;
            else if (typeof v === "number" && Number.isFinite(v) && v >= 0) minutes[(b.o0 + i) * cols + b.d0 + j] = v / 60;
            else throw new ProviderError(where2, `${describe(b)}: duration [${i}][${j}] is ${JSON.stringify(v)}, not seconds ≥ 0 or null.`);
          }
        }
        if (typeof body.data_version === "string") notes.add(`OSRM data_version ${body.data_version}`);
        done++;
        callOptions.onProgress?.(done, batches.length);
        return;
      }
      throw new ProviderError(
        where2,
        `${describe(b)} failed after ${opts.retries + 1} attempt(s): ${last}; ${done} of ${batches.length} batches had succeeded, so no matrix is returned. Lower batchSize, raise timeoutMs or retries, or check the server.`,
      );
    }

    let next = 0;
    const worker = async () => {
      while (failure === undefined && next < batches.length) {
        const b = batches[next++];
        try {
          await runBatch(b);
        } catch (error) {
          if (error instanceof HubspokeError || !(callOptions.signal?.aborted ?? false)) {
            failure ??= error instanceof ProviderError ? error : new ProviderError(where2, `${describe(b)} failed: ${(error as Error).message}.`, { cause: error });
          } else {
            throw error;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, batches.length) }, worker));
    if (failure !== undefined) throw failure;
    return createCostMatrix(
      origins.map((o) => o.id),
      destinations.map((d) => d.id),
      minutes,
      {
        engine: "osrm",
        profile: opts.profile,
        inputs: {
          url: base,
          origins: contentHash(origins.map((o) => `${o.id}@${coord(o)}`).join("\n")),
          destinations: contentHash(destinations.map((d) => `${d.id}@${coord(d)}`).join("\n")),
        },
        notes: [`${batches.length} table request(s) of at most ${opts.batchSize} × ${opts.batchSize}`, ...notes],
      },
    );
  }

  return { engine: "osrm", url: base, profile: opts.profile, travelTimes };
}
