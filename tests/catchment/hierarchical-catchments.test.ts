import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { hierarchicalCatchments } from "../../src/catchment/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix, createServiceNetwork } from "../../src/model/index.js";
import { fakeRouter, gridGraph } from "../support/catchment-fake-router.js";

// H1 west, H2 east; S1 (→H1) and S2 (→H1) and S3 (→H2, closed); zones z1..z3.
const network = createServiceNetwork({
  sites: [
    { id: "H1", name: "Hub 1", kind: "hub", location: [0.5, 51.3] },
    { id: "H2", name: "Hub 2", kind: "hub", location: [0.6, 51.3] },
    { id: "S1", name: "Spoke 1", kind: "spoke", hub: "H1", location: [0.52, 51.3] },
    { id: "S2", name: "Spoke 2", kind: "spoke", hub: "H1", location: [0.58, 51.3] },
    { id: "S3", name: "Spoke 3", kind: "spoke", hub: "H2", location: [0.59, 51.3], status: "closed" },
  ],
  zones: [
    { id: "z1", name: "Z1", location: [0.51, 51.3], population: 1000 },
    { id: "z2", name: "Z2", location: [0.59, 51.3], population: 2000, need: 1.5 },
    { id: "z3", name: "Z3", location: [1.5, 51.3], population: 10 },
  ],
  assumptions: { wards: {} },
});
//                          H1  H2  S1  S2  S3
const matrix = createCostMatrix(["z1", "z2", "z3"], ["H1", "H2", "S1", "S2", "S3"], [
  5, 30, 3, 25, 27,
  28, 6, 22, 4, 2,
  Infinity, Infinity, Infinity, Infinity, Infinity,
]);
const spokeHub = createCostMatrix(["S1", "S2"], ["H1", "H2"], [4, 28, 24, 5]);

describe("hierarchicalCatchments", () => {
  it("sends each zone to its nearest open spoke and that spoke's hub, beside the nearest hub directly", () => {
    const r = hierarchicalCatchments(network, matrix, { spokeHubMinutes: spokeHub });
    expect(r.zones[0]).toEqual({
      zone: "z1", population: 1000, spoke: "S1", spokeMinutes: 3, hub: "H1", hubLegMinutes: 4, viaSpokeMinutes: 7,
      hubDirectMinutes: 5, nearestHub: "H1", nearestHubMinutes: 5, extraMinutes: 0,
    });
    // z2: S3 is closed, so S2 (4 min) → H1 (24 min); nearest hub is H2 at 6 min, H1 directly is 28
    expect(r.zones[1]).toMatchObject({ spoke: "S2", spokeMinutes: 4, hub: "H1", hubLegMinutes: 24, viaSpokeMinutes: 28, hubDirectMinutes: 28, nearestHub: "H2", extraMinutes: 22 });
    expect(r.zones[2]).toMatchObject({ zone: "z3", spoke: null, hub: null, spokeMinutes: Infinity, extraMinutes: null });
    expect(r.unreachable).toEqual(["z3"]);
    expect(r.flows).toEqual([
      { spoke: "S1", hub: "H1", zones: 1, population: 1000, demand: 1000, hubLegMinutes: 4 },
      { spoke: "S2", hub: "H1", zones: 1, population: 2000, demand: 3000, hubLegMinutes: 24 },
    ]);
    expect(r.summary).toEqual({ population: 3010, populationSentFurther: 2000, meanExtraMinutes: (2000 * 22) / 3000 });
    expect(JSON.parse(JSON.stringify(r)).zones[2].spokeMinutes).toBeNull();
  });

  it("times the spoke → hub leg with a router when no spokeHubMinutes is given", () => {
    const g = gridGraph(12, 1);
    const r = hierarchicalCatchments(network, matrix, { router: { travelTimes: (o, d) => fakeRouter(g).travelTimes(o, d) } });
    // S1 [0.52] and H1 [0.5] snap to columns 1 and 0 of the grid: one 1-minute edge
    expect(r.flows[0].hubLegMinutes).toBe(1);
    expect(r.flows[1].hubLegMinutes).toBeGreaterThan(1);
  });

  it("errors clearly when the leg times are missing or ids do not line up", () => {
    expect(() => hierarchicalCatchments(network, matrix)).toThrowError(/pass options\.spokeHubMinutes/);
    expect(() => hierarchicalCatchments(network, matrix)).toThrowError(InvalidInputError);
    const noS2 = createCostMatrix(["z1", "z2", "z3"], ["H1", "H2", "S1"], new Array(9).fill(1));
    expect(() => hierarchicalCatchments(network, noS2, { spokeHubMinutes: spokeHub })).toThrowError(UnknownIdError);
    expect(() => hierarchicalCatchments(network, noS2, { spokeHubMinutes: spokeHub })).toThrowError(/open spoke "S2"/);
    const twoZones = createCostMatrix(["z1", "z2"], ["H1", "H2", "S1", "S2", "S3"], new Array(10).fill(1));
    expect(() => hierarchicalCatchments(network, twoZones, { spokeHubMinutes: spokeHub })).toThrowError(NotAlignedError);
    const legMissing = createCostMatrix(["S1"], ["H1", "H2"], [1, 2]);
    expect(() => hierarchicalCatchments(network, matrix, { spokeHubMinutes: legMissing })).toThrowError(/spoke "S2"/);
  });
});

test.prop([
  fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 60 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), { minLength: 6 * 5, maxLength: 6 * 5 }),
  fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 6, maxLength: 6 }),
  fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 4, maxLength: 4 }),
])("hierarchy: extra minutes are never negative and referral flows conserve the reachable population", (minutes, pops, legs) => {
  const net = createServiceNetwork({
    sites: [
      { id: "H1", name: "H1", kind: "hub", location: [0.5, 51.3] },
      { id: "H2", name: "H2", kind: "hub", location: [0.6, 51.3] },
      { id: "S1", name: "S1", kind: "spoke", hub: "H1", location: [0.5, 51.3] },
      { id: "S2", name: "S2", kind: "spoke", hub: "H2", location: [0.6, 51.3] },
      { id: "S3", name: "S3", kind: "spoke", hub: "H1", location: [0.6, 51.3] },
    ],
    zones: pops.map((population, i) => ({ id: `z${i}`, name: `z${i}`, location: [0.5, 51.3], population })),
    assumptions: { wards: {} },
  });
  const m = createCostMatrix(pops.map((_, i) => `z${i}`), ["H1", "H2", "S1", "S2", "S3"], minutes);
  const leg = createCostMatrix(["S1", "S2", "S3"], ["H1", "H2"], [legs[0], legs[1], legs[2], legs[3], legs[1], legs[0]]);
  const r = hierarchicalCatchments(net, m, { spokeHubMinutes: leg });
  for (const z of r.zones) {
    if (z.extraMinutes !== null) expect(z.extraMinutes).toBeGreaterThanOrEqual(0);
    if (z.viaSpokeMinutes !== null) expect(z.viaSpokeMinutes).toBe(z.spokeMinutes + (z.hubLegMinutes as number));
  }
  const reachable = r.zones.filter((z) => z.spoke !== null).reduce((a, z) => a + z.population, 0);
  expect(r.flows.reduce((a, f) => a + f.population, 0)).toBe(reachable);
  expect(r.summary.populationSentFurther).toBeLessThanOrEqual(reachable);
});
