import { beforeAll, describe, expect, it } from "vitest";
import { area, booleanClockwise } from "@turf/turf";
import { accessSummary } from "../../src/access/index.js";
import { catchmentPolygons, hierarchicalCatchments, isochrones, nearestCatchments } from "../../src/catchment/index.js";
import { kentMedway } from "../../src/kent-medway/index.js";
import type { CostMatrix, ServiceNetwork } from "../../src/model/types.js";
import { createRouter } from "../../src/routing/index.js";
import type { Router } from "../../src/routing/types.js";

const COUNTY_POPULATION = 1_855_899; // Census 2021, 12 Kent districts + Medway (fixtures/kent-medway)

describe("Kent & Medway hub catchments", () => {
  let network: ServiceNetwork;
  let router: Router;
  let matrix: CostMatrix;
  let population: number[];
  const hubs = () => network.sites.filter((s) => s.kind === "hub" && s.status === "open");

  beforeAll(() => {
    network = kentMedway({ candidates: false });
    router = createRouter(network.graph!);
    matrix = router.travelTimes(network.zones, hubs());
    population = network.zones.map((z) => z.population);
  });

  it("the three hubs' nearest catchments cover every zone and their populations sum to the county total", () => {
    expect(hubs().map((h) => h.id)).toEqual(["hub-dartford", "hub-maidstone", "hub-canterbury"]);
    const r = nearestCatchments(matrix, { population });
    expect(r.unreachable).toEqual([]);
    expect(r.sites).toHaveLength(3);
    const zones = r.sites.flatMap((s) => s.zones);
    expect(zones).toHaveLength(network.zones.length);
    expect(new Set(zones).size).toBe(1107);
    const total = r.sites.reduce((a, s) => a + (s.population as number), 0);
    expect(total).toBe(COUNTY_POPULATION);
    for (const s of r.sites) expect(s.population as number).toBeGreaterThan(200_000);
    const summary = accessSummary(matrix, population);
    expect(summary.population).toBe(COUNTY_POPULATION);
    expect(summary.medianMinutes as number).toBeLessThan(summary.p90Minutes as number);
  });

  it("hub catchment polygons are one valid RFC 7946 feature per hub covering the county", () => {
    const { polygons, unassigned } = catchmentPolygons(network.zones, nearestCatchments(matrix, { population }));
    expect(unassigned).toEqual([]);
    expect(polygons.features.map((f) => f.properties.site)).toEqual(["hub-dartford", "hub-maidstone", "hub-canterbury"]);
    expect(polygons.features.reduce((a, f) => a + f.properties.population, 0)).toBe(COUNTY_POPULATION);
    const zoneArea = network.zones.reduce((a, z) => a + area({ type: "Feature", properties: {}, geometry: z.geometry! }), 0);
    const polygonArea = polygons.features.reduce((a, f) => a + area(f), 0);
    // boundaries simplified independently overlap a little (≈ 0.1 % of the county), so the
    // union is slightly smaller than the sum of zone areas
    expect(Math.abs(polygonArea / zoneArea - 1)).toBeLessThan(0.005);
    for (const f of polygons.features) {
      const parts = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const p of parts) {
        expect(booleanClockwise(p[0])).toBe(false);
        expect(p).toHaveLength(1); // no sliver holes between neighbouring zones of one hub
      }
    }
  });

  it("the spoke → hub hierarchy routes every reachable zone, conserves population and never beats the nearest hub", () => {
    const open = network.sites.filter((s) => (s.kind === "hub" || s.kind === "spoke") && s.status === "open");
    const all = router.travelTimes(network.zones, open);
    const r = hierarchicalCatchments(network, all, { router });
    expect(r.flows.length).toBe(open.filter((s) => s.kind === "spoke").length);
    const routed = r.zones.filter((z) => z.spoke !== null).reduce((a, z) => a + z.population, 0);
    expect(r.flows.reduce((a, f) => a + f.population, 0)).toBe(routed);
    expect(routed + r.zones.filter((z) => z.spoke === null).reduce((a, z) => a + z.population, 0)).toBe(COUNTY_POPULATION);
    for (const z of r.zones) if (z.extraMinutes !== null) expect(z.extraMinutes).toBeGreaterThanOrEqual(0);
    for (const f of r.flows) expect(f.hubLegMinutes === null || Number.isFinite(f.hubLegMinutes)).toBe(true);
    expect(r.summary.populationSentFurther).toBeLessThan(COUNTY_POPULATION);
  });

  it("30/45/60-minute isochrones around Priority House nest and hold growing populations", () => {
    const hub = hubs().find((h) => h.id === "hub-maidstone")!;
    const r = isochrones(router, hub, [30, 45, 60], { zones: network.zones });
    const pops = r.bands.features.map((f) => f.properties.population as number);
    expect(pops[0]).toBeGreaterThan(100_000);
    expect(pops[0]).toBeLessThanOrEqual(pops[1]);
    expect(pops[1]).toBeLessThanOrEqual(pops[2]);
    expect(pops[2]).toBeLessThanOrEqual(COUNTY_POPULATION);
    const areas = r.bands.features.map((f) => area(f));
    expect(areas[0]).toBeLessThan(areas[1]);
    expect(areas[1]).toBeLessThan(areas[2]);
  });
});
