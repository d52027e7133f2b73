// Tiny hand-checkable network for scenario tests.
//
//   n0 ──primary "A1"── n1 ──primary "A1"── n2 ──residential "Mill Lane"── n3 ──residential── n4
//   lon 0.00            0.01                0.02                          0.03              0.04   (lat 51.0)
//
// Edges both ways; minutes: primary 2 per hop, residential 4 per hop.
// hub-a at n0, hub-b at n4, spoke-1 (→ hub-a) at n1, spoke-2 (→ hub-b) at n3, candidate at n2.
// Zones z1..z4 sit on n0, n1, n3, n4 (districts North, North, South, South).
import Graph from "graphology";
import { createServiceNetwork, type RoadGraph, type ServiceNetwork } from "../../src/index.js";

export const testAssumptions = {
  wards: {
    adultAcute: {
      admissionsPer100kPerYear: { value: 200, source: "test" },
      meanLengthOfStayDays: { value: 30, source: "test" },
    },
    pici: {
      admissionsPer100kPerYear: { value: 20, source: "test" },
      meanLengthOfStayDays: { value: 10, source: "test" },
    },
  },
  targetOccupancy: { value: 0.85, source: "test" },
  community: {
    caseloadPer1000: { value: 10, source: "test" },
    referralsPer1000PerYear: { value: 20, source: "test" },
    contactsPerWtePerWeek: { value: 12, source: "test" },
    maxDaysBetweenContacts: { value: 14, source: "test" },
    homeVisitShare: { value: 0.5, source: "test" },
    crisisContactsPerDayPer100k: { value: 5, source: "test" },
  },
  outOfArea: { costPerBedDay: { value: 600, source: "test" }, minutes: { value: 180, source: "test" } },
};

export function testGraph(): RoadGraph {
  const g = new Graph({ type: "directed", multi: false }) as unknown as RoadGraph;
  for (let k = 0; k <= 4; k++) g.addNode(`n${k}`, { lon: k * 0.01, lat: 51 });
  const link = (a: number, b: number, minutes: number, highway: string, name?: string, ref?: string) => {
    const attrs = { minutes, metres: 700, highway, ...(name ? { name } : {}), ...(ref ? { ref } : {}) };
    g.addDirectedEdgeWithKey(`e${a}-${b}`, `n${a}`, `n${b}`, { ...attrs });
    g.addDirectedEdgeWithKey(`e${b}-${a}`, `n${b}`, `n${a}`, { ...attrs });
  };
  link(0, 1, 2, "primary", "London Road", "A1");
  link(1, 2, 2, "primary", "London Road", "A1");
  link(2, 3, 4, "residential", "Mill Lane");
  link(3, 4, 4, "residential");
  return g;
}

export const testSites = [
  { id: "hub-a", name: "Hub A", kind: "hub", location: [0, 51], beds: { adultAcute: 10, pici: 2 }, runningCostPerYear: 1_000_000 },
  { id: "hub-b", name: "Hub B", kind: "hub", location: [0.04, 51], beds: { adultAcute: 8 }, runningCostPerYear: 900_000 },
  { id: "spoke-1", name: "Spoke 1", kind: "spoke", location: [0.01, 51], hub: "hub-a", caseloadCapacity: 40, staffWte: 4, crisisSlotsPerDay: 2, runningCostPerYear: 100_000 },
  { id: "spoke-2", name: "Spoke 2", kind: "spoke", location: [0.03, 51], hub: "hub-b", caseloadCapacity: 30, staffWte: 3, crisisSlotsPerDay: 1, runningCostPerYear: 80_000 },
  { id: "cand-x", name: "Candidate X", kind: "candidate", location: [0.02, 51] },
] as const;

export const testZones = [
  { id: "z1", name: "Z1", location: [0, 51], population: 1000, district: "North", imdDecile: 1, urbanRural: "urban", households: 400, householdsNoCar: 100 },
  { id: "z2", name: "Z2", location: [0.01, 51], population: 2000, district: "North", imdDecile: 5, urbanRural: "urban", households: 800, householdsNoCar: 80 },
  { id: "z3", name: "Z3", location: [0.03, 51], population: 1500, district: "South", imdDecile: 8, urbanRural: "rural", households: 600, householdsNoCar: 30 },
  { id: "z4", name: "Z4", location: [0.04, 51], population: 500, district: "South", imdDecile: 10, urbanRural: "rural", households: 200, householdsNoCar: 10 },
] as const;

export function testNetwork(options: { graph?: boolean } = {}): ServiceNetwork {
  return createServiceNetwork({
    sites: structuredClone(testSites),
    zones: structuredClone(testZones),
    assumptions: structuredClone(testAssumptions),
    ...(options.graph === false ? {} : { graph: testGraph() }),
  });
}

/** Everything observable about a network, as plain data (the graph via export()). */
export function snapshot(network: ServiceNetwork): unknown {
  return {
    sites: structuredClone(network.sites),
    zones: structuredClone(network.zones),
    assumptions: structuredClone(network.assumptions),
    graph: network.graph === undefined ? null : structuredClone(network.graph.export()),
  };
}

export function thrown(fn: () => unknown): Error & { code?: string; issues?: readonly { path: string; message: string }[] } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}
