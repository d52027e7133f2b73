import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  InfeasibleError,
  InvalidInputError,
  NotAlignedError,
  capacitatedAssignment,
  createCostMatrix,
} from "../../src/index.js";
import { arbTransportCase } from "../support/capacity-arbitraries.js";
import { getHighs, transportLp } from "../support/capacity-oracles.js";

type Highs = Awaited<ReturnType<typeof getHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await getHighs();
});

const sink = { name: "OOA", minutes: 200, costPerBedDay: 500 };

describe("capacitatedAssignment", () => {
  it("capacitatedAssignment(matrix, [8, 6], [10, 10]) displaces 4 of z2 to B because A is full", () => {
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
    const r = capacitatedAssignment(m, [8, 6], [10, 10]);
    expect(r.flows.map((f) => [f.zone, f.site, f.amount])).toEqual([
      ["z1", "A", 8],
      ["z2", "A", 2],
      ["z2", "B", 4],
    ]);
    // 8·10 + 2·12 + 4·20 = 184 (sending z1 to B instead would cost 8·20 more)
    expect(r.totalPersonMinutes).toBe(184);
    expect(r.sites).toEqual([
      { site: "A", capacity: 10, load: 10, spare: 0, utilisation: 1 },
      { site: "B", capacity: 10, load: 4, spare: 6, utilisation: 0.4 },
    ]);
    expect(r.zones[0].status).toBe("nearest");
    expect(r.zones[1].status).toBe("displaced");
    expect(r.zones[1].fullSites).toEqual(["A"]);
    expect(r.zones[1].explanation).toBe("4 displaced to B (20 min) because A is full");
    expect(r.method).toBe("min-cost-flow");
    expect(r.outOfArea).toBeNull();
  });

  it("prefers displacing the zone that loses least (exchange argument)", () => {
    // A holds 5. z1: A 10 / B 50; z2: A 10 / B 12 → z2 moves (+2/unit), not z1 (+40/unit)
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 50, 10, 12]);
    const r = capacitatedAssignment(m, [5, 5], [5, 10]);
    expect(r.flows.map((f) => [f.zone, f.site, f.amount])).toEqual([
      ["z1", "A", 5],
      ["z2", "B", 5],
    ]);
  });

  it("sends overflow to the named sink and reports admissions, bed-days and cost", () => {
    const m = createCostMatrix(["z1", "z2"], ["A"], [10, Infinity]);
    const r = capacitatedAssignment(m, [3, 2], [2], {
      outOfArea: sink,
      demandUnit: "admissions",
      meanLengthOfStayDays: 30,
    });
    expect(r.outOfArea).toEqual({
      name: "OOA",
      demand: 3,
      admissionsPerYear: 3,
      bedDaysPerYear: 90,
      costPerYear: 45_000,
      minutes: 200,
      personMinutes: 600,
    });
    expect(r.zones[0].status).toBe("outOfArea");
    expect(r.zones[0].explanation).toMatch(/1 out of area \(OOA\) because every reachable site is full; 2 placed at A/);
    expect(r.zones[1].explanation).toBe("2 out of area (OOA): no site is reachable");
    expect(r.flows.filter((f) => f.outOfArea).map((f) => [f.zone, f.site, f.amount])).toEqual([
      ["z1", "OOA", 1],
      ["z2", "OOA", 2],
    ]);
    expect(r.totalPersonMinutes).toBe(2 * 10 + 3 * 200);
    expect(r.warnings.some((w) => w.includes('zone "z2" reaches no site'))).toBe(true);
  });

  it("beds demand gives bed-days = beds × 365", () => {
    const m = createCostMatrix(["z1"], ["A"], [10]);
    const r = capacitatedAssignment(m, [12], [10], { outOfArea: sink });
    expect(r.outOfArea?.bedDaysPerYear).toBe(730);
    expect(r.outOfArea?.admissionsPerYear).toBeNull();
    expect(r.outOfArea?.costPerYear).toBe(730 * 500);
  });

  it("uses the sink only for demand that does not fit, even when the sink is nearer", () => {
    const m = createCostMatrix(["z1"], ["A"], [90]);
    const r = capacitatedAssignment(m, [10], [10], { outOfArea: { name: "OOA", minutes: 5, costPerBedDay: 1 } });
    expect(r.outOfArea?.demand).toBe(0);
    expect(r.sites[0].load).toBe(10);
  });

  it("accepts records keyed by id", () => {
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
    const r = capacitatedAssignment(m, { z2: 6, z1: 8 }, { B: 10, A: 10 });
    expect(r.totalPersonMinutes).toBe(184);
  });

  it("single-source mode serves each zone whole (branch and bound, exact)", () => {
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
    const r = capacitatedAssignment(m, [8, 6], [10, 10], { singleSource: true });
    expect(r.flows.map((f) => [f.zone, f.site, f.amount])).toEqual([
      ["z1", "A", 8],
      ["z2", "B", 6],
    ]);
    expect(r.method).toBe("branch-and-bound");
    expect(r.lowerBound).toBe(184);
    expect(r.totalPersonMinutes).toBe(200);
    expect(r.gap).toBeCloseTo(16 / 184, 12);
    // A is not full (8 of 10), but has no room for all of z2's 6: the reason says so
    expect(r.zones[1].status).toBe("displaced");
    expect(r.zones[1].fullSites).toEqual([]);
    expect(r.zones[1].explanation).toBe("6 displaced to B (20 min) because no nearer site has room for all of this zone's demand (with single source, a zone goes whole to one site)");
  });

  it("single-source falls back to the stated heuristic above exactLimit", () => {
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
    const r = capacitatedAssignment(m, [8, 6], [10, 10], { singleSource: true, exactLimit: 0 });
    expect(r.method).toBe("heuristic");
    expect(r.totalPersonMinutes).toBe(200);
  });

  it("without a sink, a shortfall is an InfeasibleError saying by how much", () => {
    const m = createCostMatrix(["z1", "z2"], ["A", "B"], [10, 30, 12, 20]);
    expect(() => capacitatedAssignment(m, [8, 6], [5, 4])).toThrowError(InfeasibleError);
    expect(() => capacitatedAssignment(m, [8, 6], [5, 4])).toThrowError(
      "capacitatedAssignment: infeasible: capacity falls 5 short: demand 14 exceeds what the reachable sites can hold (total capacity 9). Add capacity or pass options.outOfArea.",
    );
  });

  it("without a sink, a zone with no reachable site is an InfeasibleError naming it", () => {
    const m = createCostMatrix(["z1", "z2"], ["A"], [10, Infinity]);
    expect(() => capacitatedAssignment(m, [1, 1], [100])).toThrowError(/zone "z2" reach no site/);
  });

  it("rejects negative, NaN and misaligned demand or capacity, naming argument and value", () => {
    const m = createCostMatrix(["z1", "z2"], ["A"], [10, 12]);
    expect(() => capacitatedAssignment(m, [1, -2], [5])).toThrowError(InvalidInputError);
    expect(() => capacitatedAssignment(m, [1, -2], [5])).toThrowError(/demand\[1\]: demand for "z2" must be a finite non-negative number \(got -2\)/);
    expect(() => capacitatedAssignment(m, [1, Number.NaN], [5])).toThrowError(/\(got NaN\)/);
    expect(() => capacitatedAssignment(m, [1, 2], [Number.NaN])).toThrowError(/capacity\[0\]: capacity for "A" .*\(got NaN\)/);
    expect(() => capacitatedAssignment(m, [1, 2], [-1])).toThrowError(/capacity/);
    try {
      capacitatedAssignment(m, [1, -2], [Number.NaN]);
    } catch (e) {
      expect((e as InvalidInputError).issues.map((i) => i.path)).toEqual(["demand[1]", "capacity[0]"]);
    }
    expect(() => capacitatedAssignment(m, [1], [5])).toThrowError(NotAlignedError);
    expect(() => capacitatedAssignment(m, [1, 2], [5, 6])).toThrowError(/capacity has 2 entries but matrix.destinations has 1/);
    expect(() => capacitatedAssignment(m, { z1: 1, zz: 2 }, [5])).toThrowError(/demand key "zz"/);
    expect(() => capacitatedAssignment(m, [1, 2], [5], { outOfArea: { minutes: -1, costPerBedDay: 1 } })).toThrowError(/options.outOfArea.minutes/);
    expect(() => capacitatedAssignment(m, [1, 2], [5], { outOfArea: { minutes: 1, costPerBedDay: 1 }, demandUnit: "admissions" })).toThrowError(
      /meanLengthOfStayDays/,
    );
  });
});

function caseMatrix(c: { zones: string[]; sites: string[]; minutes: number[] }) {
  return createCostMatrix(c.zones, c.sites, c.minutes);
}

test.prop([arbTransportCase()])("flows conserve demand, respect capacity and use no unreachable pair", (c) => {
  const r = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink });
  const total = c.demand.reduce((a, b) => a + b, 0);
  expect(r.totalAssigned + (r.outOfArea?.demand ?? 0)).toBeCloseTo(total, 9);
  r.sites.forEach((s, j) => expect(s.load).toBeLessThanOrEqual(c.capacity[j] * (1 + 1e-12) + 1e-12));
  for (const f of r.flows) {
    if (!f.outOfArea) expect(f.minutes).not.toBe(Infinity);
  }
  r.zones.forEach((z, i) => expect(z.assigned + z.outOfArea).toBeCloseTo(c.demand[i], 9));
});

test.prop([arbTransportCase()])("the cost equals the LP optimum from HiGHS (same objective with the sink)", (c) => {
  const r = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink });
  // the sink is a column with unlimited capacity; out-of-area demand must equal the LP's minimum
  const n = c.zones.length;
  const m = c.sites.length;
  const M = m + 1;
  const big = 1e5;
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) cost.push(c.minutes[i * m + j]);
    cost.push(big + sink.minutes);
  }
  const lp = transportLp(highs, n, M, cost, c.demand, [...c.capacity, Infinity]);
  expect(lp).not.toBeNull();
  const ours = r.inAreaPersonMinutes + (r.outOfArea?.demand ?? 0) * (big + sink.minutes);
  expect(Math.abs(ours - (lp as number))).toBeLessThan(1e-6 * Math.max(1, lp as number));
});

test.prop([arbTransportCase({ unreachable: false })])("cost is never below the uncapacitated nearest assignment", (c) => {
  const r = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: { name: "OOA", minutes: 90, costPerBedDay: 1 } });
  const m = c.sites.length;
  let nearest = 0;
  c.demand.forEach((d, i) => (nearest += d * Math.min(...c.minutes.slice(i * m, i * m + m))));
  expect(r.totalPersonMinutes).toBeGreaterThanOrEqual(nearest - 1e-9);
});

test.prop([arbTransportCase(), fc.nat(), fc.integer({ min: 1, max: 20 })])("adding capacity never raises cost nor out-of-area demand", (c, pick, extra) => {
  const before = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink });
  const more = [...c.capacity];
  more[pick % more.length] += extra;
  const after = capacitatedAssignment(caseMatrix(c), c.demand, more, { outOfArea: sink });
  const oBefore = before.outOfArea?.demand ?? 0;
  const oAfter = after.outOfArea?.demand ?? 0;
  expect(oAfter).toBeLessThanOrEqual(oBefore + 1e-9);
  if (Math.abs(oAfter - oBefore) < 1e-9) expect(after.totalPersonMinutes).toBeLessThanOrEqual(before.totalPersonMinutes + 1e-9);
});

test.prop([arbTransportCase(), fc.func(fc.integer()), fc.func(fc.integer())])(
  "permuting zones and sites gives the same per-zone flows",
  (c, zkey, skey) => {
    const n = c.zones.length;
    const m = c.sites.length;
    const zp = Array.from({ length: n }, (_, i) => i).sort((a, b) => zkey(a) - zkey(b) || a - b);
    const sp = Array.from({ length: m }, (_, j) => j).sort((a, b) => skey(a) - skey(b) || a - b);
    const minutes: number[] = [];
    for (const i of zp) for (const j of sp) minutes.push(c.minutes[i * m + j]);
    const a = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink });
    const b = capacitatedAssignment(
      createCostMatrix(zp.map((i) => c.zones[i]), sp.map((j) => c.sites[j]), minutes),
      zp.map((i) => c.demand[i]),
      sp.map((j) => c.capacity[j]),
      { outOfArea: sink },
    );
    const key = (r: typeof a) =>
      r.flows.map((f) => `${f.zone}>${f.site}:${f.amount}`).sort();
    expect(key(b)).toEqual(key(a));
  },
);

test.prop([arbTransportCase({ maxZones: 6, maxSites: 3 })])("single-source branch and bound matches the HiGHS MIP optimum", (c) => {
  const n = c.zones.length;
  const m = c.sites.length;
  const big = 1e5;
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) cost.push(c.minutes[i * m + j]);
    cost.push(big + sink.minutes);
  }
  const r = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink, singleSource: true });
  expect(r.method).toBe("branch-and-bound");
  for (const z of r.zones) expect(z.sites.length + (z.outOfArea > 0 ? 1 : 0)).toBeLessThanOrEqual(1);
  const mip = transportLp(highs, n, m + 1, cost, c.demand, [...c.capacity, Infinity], true);
  const ours = r.inAreaPersonMinutes + (r.outOfArea?.demand ?? 0) * (big + sink.minutes);
  expect(Math.abs(ours - (mip as number))).toBeLessThan(1e-6 * Math.max(1, mip as number));
});

test.prop([arbTransportCase({ maxZones: 12, maxSites: 4 })])("single-source heuristic is feasible and never below the fractional bound", (c) => {
  const r = capacitatedAssignment(caseMatrix(c), c.demand, c.capacity, { outOfArea: sink, singleSource: true, exactLimit: 0 });
  expect(r.method).toBe("heuristic");
  r.sites.forEach((s, j) => expect(s.load).toBeLessThanOrEqual(c.capacity[j] + 1e-9));
  if (r.gap === null) expect(r.warnings.some((w) => w.includes("more demand out of area"))).toBe(true);
  else expect(r.gap).toBeGreaterThanOrEqual(0);
  expect(r.totalPersonMinutes).toBeGreaterThanOrEqual((r.gap === null ? 0 : (r.lowerBound as number)) - 1e-9);
  for (const z of r.zones) expect(z.sites.length + (z.outOfArea > 0 ? 1 : 0)).toBeLessThanOrEqual(1);
});

test.prop([
  arbTransportCase({ maxZones: 15, maxSites: 5 }),
  fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: 15, maxLength: 15 }),
  fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { minLength: 5, maxLength: 5 }),
])("fractional demand and capacity: still conserving, within capacity and equal to the HiGHS optimum", (c, dd, uu) => {
  const demand = c.demand.map((_, i) => dd[i]);
  const capacity = c.capacity.map((_, j) => uu[j]);
  const r = capacitatedAssignment(caseMatrix(c), demand, capacity, { outOfArea: sink });
  const total = demand.reduce((a, b) => a + b, 0);
  expect(r.totalAssigned + (r.outOfArea?.demand ?? 0)).toBeCloseTo(total, 9);
  r.sites.forEach((s, j) => expect(s.load).toBeLessThanOrEqual(capacity[j] + 1e-9));
  const n = c.zones.length;
  const m = c.sites.length;
  const big = 1e5;
  const cost: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) cost.push(c.minutes[i * m + j]);
    cost.push(big + sink.minutes);
  }
  const lp = transportLp(highs, n, m + 1, cost, demand, [...capacity, Infinity]) as number;
  const ours = r.inAreaPersonMinutes + (r.outOfArea?.demand ?? 0) * (big + sink.minutes);
  expect(Math.abs(ours - lp)).toBeLessThan(1e-6 * Math.max(1, lp));
});
