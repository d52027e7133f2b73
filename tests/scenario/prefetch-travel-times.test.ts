import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { type CostMatrix, type ScenarioInput, InvalidInputError, ProviderError, euclideanProvider, evaluate, osrmProvider, prefetchTravelTimes, scenarioPlaces } from "../../src/index.js";
import { type FakeOsrm, startFakeOsrm } from "../support/io-fake-osrm.js";
import { testNetwork, thrown } from "../support/scenario-fixtures.js";

// An asynchronous engine (OSRM's table service, here a loopback fake) asked once for every place
// the scenarios need, then evaluate() runs synchronously on the fetched minutes.
const network = testNetwork({ graph: false });
const moveHubB: ScenarioInput = { id: "move-b", name: "Move hub B", changes: [{ type: "moveSite", siteId: "hub-b", location: [0.035, 51] }] };
const openX: ScenarioInput = { id: "open-x", name: "Open X", changes: [{ type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-a" }] };

describe("prefetchTravelTimes + scenarioPlaces with OSRM", () => {
  let server: FakeOsrm;
  beforeAll(async () => {
    server = await startFakeOsrm();
  });
  afterAll(async () => server.close());

  it("times moved and opened sites where they stand, in one round of requests, equal to asking OSRM directly", async () => {
    const osrm = osrmProvider({ url: server.url, batchSize: 50 });
    const places = scenarioPlaces(network, [moveHubB, openX]);
    expect(places.destinations.filter((d) => d.id === "hub-b")).toHaveLength(2); // old and new place
    const before = server.requests.length;
    const provider = await prefetchTravelTimes(osrm, places);
    const fetched = server.requests.length - before;
    const moved = evaluate(network, moveHubB, { provider });
    evaluate(network, openX, { provider });
    expect(server.requests.length - before).toBe(fetched); // evaluating asks the server nothing more
    expect(moved.provenance.travelTimes).toBe("osrm");
    // the moved hub's column is OSRM's answer for its new place
    const hubs = [{ id: "hub-a", location: [0, 51] as [number, number] }, { id: "hub-b", location: [0.035, 51] as [number, number] }];
    const direct = await osrm.travelTimes(network.zones, hubs);
    const nearest = network.zones.map((_, i) => Math.min(direct.minutes[i * 2], direct.minutes[i * 2 + 1]));
    expect(moved.zones.map((z) => z.hubMinutes)).toEqual(nearest);
  });

  it("a place that was not fetched, and a road change, stop with NOT_COVERED naming the change", async () => {
    const provider = await prefetchTravelTimes(osrmProvider({ url: server.url }), scenarioPlaces(network, []));
    const e = thrown(() => evaluate(network, moveHubB, { provider }));
    expect(e.code).toBe("NOT_COVERED");
    expect(e.message).toMatch(/changes\[0\]/);
  });
});

describe("prefetchTravelTimes errors", () => {
  it("rejects a missing source, a bad request and a malformed answer with coded errors", async () => {
    await expect(prefetchTravelTimes(null as never, { origins: [], destinations: [] })).rejects.toThrowError(InvalidInputError);
    await expect(prefetchTravelTimes(euclidAsync(), { origins: [{ id: "a", location: [200, 51] }], destinations: [] } as never)).rejects.toThrowError(/request\.origins\[0\]\.location/);
    const broken = { engine: "broken", travelTimes: async () => ({ origins: [], destinations: [], minutes: new Float64Array(0) }) as CostMatrix };
    await expect(prefetchTravelTimes(broken, { origins: [{ id: "a", location: [0, 51] }], destinations: [{ id: "b", location: [0.1, 51] }] })).rejects.toThrowError(ProviderError);
    const negative = { engine: "neg", travelTimes: async () => ({ origins: ["p0"], destinations: ["p0"], minutes: Float64Array.of(-1) }) as CostMatrix };
    await expect(prefetchTravelTimes(negative, { origins: [{ id: "a", location: [0, 51] }], destinations: [{ id: "b", location: [0.1, 51] }] })).rejects.toThrowError(/non-negative/);
  });
});

function euclidAsync() {
  const e = euclideanProvider();
  return { engine: "euclidean", travelTimes: async (o: readonly { id: string; location: [number, number] }[], d: readonly { id: string; location: [number, number] }[]) => e.travelTimes(o, d) };
}

// oracle: every answer equals the source's own answer for the same places, whatever ids they carry
const place = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => [a / 100, 51 + b / 100] as [number, number]);
test.prop([fc.array(place, { minLength: 1, maxLength: 8 }), fc.array(place, { minLength: 1, maxLength: 6 })])(
  "prefetched minutes equal the source's, looked up by location",
  async (from, to) => {
    const origins = from.map((location, i) => ({ id: `o${i}`, location }));
    const destinations = to.map((location, j) => ({ id: `d${j}`, location }));
    const provider = await prefetchTravelTimes(euclidAsync(), { origins, destinations });
    const got = provider.travelTimes(origins, destinations);
    const want = euclideanProvider().travelTimes(origins, destinations);
    expect(Array.from(got.minutes)).toEqual(Array.from(want.minutes));
  },
);
