import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it } from "vitest";
import { DuplicateIdError, InvalidInputError, ProviderError } from "../../src/errors.js";
import { osrmProvider } from "../../src/io/index.js";
import { type FakeOsrm, fakeSeconds, startFakeOsrm } from "../support/io-fake-osrm.js";

const pts = (n: number, x0: number) => Array.from({ length: n }, (_, i) => ({ id: `p${x0}-${i}`, location: [x0 + i * 0.01, 51 + i * 0.02] as [number, number] }));
let server: FakeOsrm | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function expected(origins: { location: [number, number] }[], destinations: { location: [number, number] }[]): number[] {
  return origins.flatMap((o) => destinations.map((d) => {
    const s = fakeSeconds(o.location, d.location);
    return s === null ? Infinity : s / 60;
  }));
}

describe("osrmProvider", () => {
  it("osrmProvider({ url }).travelTimes batches the table and assembles minutes with provenance", async () => {
    server = await startFakeOsrm();
    const origins = pts(5, 0);
    const destinations = [...pts(3, 1), { id: "island", location: [9.5, 50] as [number, number] }];
    const progress: [number, number][] = [];
    const m = await osrmProvider({ url: server.url, batchSize: 2, profile: "car" }).travelTimes(origins, destinations, { onProgress: (d, t) => progress.push([d, t]) });
    expect(server.requests).toHaveLength(6); // ceil(5/2) × ceil(4/2)
    expect(server.requests[0]).toMatch(/^\/table\/v1\/car\/0,51;0\.01,51\.02;1,51;1\.01,51\.02\?sources=0;1&destinations=2;3&annotations=duration$/);
    expect(Array.from(m.minutes)).toEqual(expected(origins, destinations));
    expect(m.origins).toEqual(origins.map((o) => o.id));
    expect(m.provenance?.engine).toBe("osrm");
    expect(m.provenance?.profile).toBe("car");
    expect(m.provenance?.notes).toContain("OSRM data_version fake-2024-01-01");
    expect(progress.map((p) => p[0]).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p[1] === 6)).toBe(true);
  });

  it("retries a 503 and a timeout, then succeeds", async () => {
    server = await startFakeOsrm(({ attempt, coords }) => {
      if (coords[0][0] === 0 && attempt === 1) return { status: 503 };
      if (coords[0][0] === 0.02 && attempt === 1) return { delayMs: 400 };
      return undefined;
    });
    const origins = pts(3, 0);
    const m = await osrmProvider({ url: server.url, batchSize: 2, timeoutMs: 150, retries: 2, backoffMs: 5 }).travelTimes(origins, pts(2, 1));
    expect(Array.from(m.minutes)).toEqual(expected(origins, pts(2, 1)));
    expect(server.requests.length).toBe(4);
  });

  it("names the failing batch when retries run out, and returns no partial matrix", async () => {
    server = await startFakeOsrm(({ coords }) => (coords[0][0] === 0.02 ? { status: 500 } : undefined));
    const run = osrmProvider({ url: server.url, batchSize: 2, retries: 1, backoffMs: 1, concurrency: 1 }).travelTimes(pts(3, 0), pts(2, 1));
    await expect(run).rejects.toThrowError(ProviderError);
    await expect(run).rejects.toThrowError(
      /^osrmProvider\.travelTimes: batch 2 of 2 \(origins 2–2 × destinations 0–1\) failed after 2 attempt\(s\): HTTP 500 \(Error: injected failure\); 1 of 2 batches had succeeded/,
    );
  });

  it("fails at once on a 4xx or an OSRM error code", async () => {
    server = await startFakeOsrm(() => ({ status: 400, body: { code: "TooBig", message: "Too many table coordinates" } }));
    const run = osrmProvider({ url: server.url, retries: 3, backoffMs: 1 }).travelTimes(pts(2, 0), pts(2, 1));
    await expect(run).rejects.toThrowError(/batch 1 of 1 \(origins 0–1 × destinations 0–1\) failed: HTTP 400 \(TooBig: Too many table coordinates\)/);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects duplicate origin or destination ids before sending any request", async () => {
    server = await startFakeOsrm();
    const osrm = osrmProvider({ url: server.url });
    const twice = [...pts(2, 0), { id: "p0-0", location: [0.5, 51.5] as [number, number] }];
    await expect(osrm.travelTimes(twice, pts(1, 1))).rejects.toThrowError(DuplicateIdError);
    await expect(osrm.travelTimes(pts(1, 1), twice)).rejects.toThrowError(/destinations\[2\] repeats the id "p0-0" of destinations\[0\]/);
    expect(server.requests).toHaveLength(0);
  });

  it("reports an unreachable server and rejects bad options", async () => {
    const dead = await startFakeOsrm();
    const url = dead.url;
    await dead.close();
    await expect(osrmProvider({ url, retries: 0 }).travelTimes(pts(1, 0), pts(1, 1))).rejects.toThrowError(/failed after 1 attempt\(s\): network error/);
    expect(() => osrmProvider({ url: "ftp://x" })).toThrowError(InvalidInputError);
    expect(() => osrmProvider({ url: "http://127.0.0.1:1", batchSize: 0 })).toThrowError(/options\.batchSize/);
    await expect(osrmProvider({ url: "http://127.0.0.1:1" }).travelTimes([], pts(1, 0))).rejects.toThrowError(/expected at least one origin/);
  });

  test.prop([fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })], { numRuns: 15 })(
    "any batch size and concurrency gives the same matrix as one request",
    async (nO, nD, batchSize, concurrency) => {
      server = await startFakeOsrm();
      try {
        const origins = pts(nO, 0);
        const destinations = pts(nD, 2);
        const m = await osrmProvider({ url: server.url, batchSize, concurrency }).travelTimes(origins, destinations);
        expect(Array.from(m.minutes)).toEqual(expected(origins, destinations));
        expect(server.requests).toHaveLength(Math.ceil(nO / batchSize) * Math.ceil(nD / batchSize));
      } finally {
        await server.close();
        server = undefined;
      }
    },
  );
});
