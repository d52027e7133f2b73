// A loopback HTTP server that answers /table/v1/... like OSRM, for provider tests.
// Durations are a known function of the coordinates so tests can check every cell.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOsrm {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Seconds between two coordinates: 1000 × Manhattan degrees, or null when either lon is ≥ 9 (an "island"). */
export function fakeSeconds(a: [number, number], b: [number, number]): number | null {
  if (a[0] >= 9 || b[0] >= 9) return a[0] >= 9 && b[0] >= 9 ? 0 : null;
  return Math.round((Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])) * 1000);
}

export async function startFakeOsrm(
  behave: (info: { path: string; attempt: number; coords: [number, number][] }) => { status?: number; delayMs?: number; body?: unknown } | undefined = () => undefined,
): Promise<FakeOsrm> {
  const requests: string[] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    const m = /^\/table\/v1\/([\w-]+)\/(.+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (m === null) return send(400, { code: "InvalidUrl", message: "URL string malformed close to position 1" });
    const coords = decodeURIComponent(m[2]).split(";").map((c) => c.split(",").map(Number) as [number, number]);
    const key = url.pathname + url.search;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const override = behave({ path: key, attempt, coords });
    const answer = () => {
      if (override?.status !== undefined) return send(override.status, override.body ?? { code: "Error", message: "injected failure" });
      const sources = (url.searchParams.get("sources") ?? "").split(";").map(Number);
      const destinations = (url.searchParams.get("destinations") ?? "").split(";").map(Number);
      const durations = sources.map((s) => destinations.map((d) => fakeSeconds(coords[s], coords[d])));
      send(200, { code: "Ok", durations, data_version: "fake-2024-01-01" });
    };
    if (override?.delayMs) setTimeout(answer, override.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
