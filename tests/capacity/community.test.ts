import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  DuplicateIdError,
  InvalidInputError,
  NotAlignedError,
  UnknownIdError,
  caseloadByZone,
  contactCapacity,
  createCostMatrix,
  staffTravel,
} from "../../src/index.js";
import type { DemandZoneInput } from "../../src/index.js";

const community = {
  caseloadPer1000: { value: 5, source: "assumption: illustrative", assumption: true },
  caseloadPer1000ByAgeBand: { value: { "18-64": 6, "65+": 3 }, source: "Hypothetical table 2" },
  referralsPer1000PerYear: { value: 12, source: "assumption: illustrative", assumption: true },
  contactsPerWtePerWeek: { value: 20, source: "assumption: illustrative", assumption: true },
  maxDaysBetweenContacts: { value: 28, source: "Community mental health framework (28-day contact)" },
  homeVisitShare: { value: 0.5, source: "assumption: illustrative", assumption: true },
  crisisContactsPerDayPer100k: { value: 3, source: "assumption: illustrative", assumption: true },
  homeVisitMinutes: { value: 60, source: "assumption: illustrative", assumption: true },
};
const zone = (id: string, population: number, extra: Partial<DemandZoneInput> = {}): DemandZoneInput => ({
  id,
  name: id,
  location: [0.5, 51.3],
  population,
  ...extra,
});

describe("caseloadByZone", () => {
  it("caseloadByZone(zones, community) gives caseload, referrals, contacts and crisis demand by hand", () => {
    const r = caseloadByZone([zone("z1", 10_000), zone("z2", 20_000, { need: 1.5 })], community);
    expect(r.zones[0]).toEqual({
      zone: "z1",
      population: 10_000,
      need: 1,
      caseload: 50,
      referralsPerYear: 120,
      contactsPerWeek: 12.5,
      crisisContactsPerDay: 0.3,
      ageBanded: false,
    });
    expect(r.zones[1].caseload).toBe(150);
    expect(r.totals.caseload).toBe(200);
    expect(r.caseload).toEqual([50, 150]);
    expect(r.sources).toContain("maxDaysBetweenContacts = 28 (source: Community mental health framework (28-day contact))");
    expect(r.warnings.some((w) => w.includes("no ageBands"))).toBe(true);
  });

  it("uses age-band caseload rates and reads full Assumptions", () => {
    const r = caseloadByZone([zone("z1", 1000, { ageBands: { "18-64": 800, "65+": 200 } })], { wards: {}, community });
    // 800·6/1000 + 200·3/1000 = 5.4
    expect(r.zones[0].caseload).toBeCloseTo(5.4, 12);
    expect(r.zones[0].ageBanded).toBe(true);
  });

  it("rejects bad zones, missing community rates and unsourced rates", () => {
    expect(() => caseloadByZone([zone("z1", -1)], community)).toThrowError(InvalidInputError);
    expect(() => caseloadByZone([zone("z1", 1)], { wards: {} })).toThrowError(/assumptions.community/);
    expect(() => caseloadByZone([zone("z1", 1)], { ...community, caseloadPer1000: { value: 5, source: "" } })).toThrowError(
      /assumptions.caseloadPer1000.source/,
    );
  });
});

describe("contactCapacity", () => {
  it("contactCapacity: caseload 280 at 28 days needs 70 contacts/week; 3 WTE × 20 gives 60 → 10 short, 0.5 WTE", () => {
    const r = contactCapacity([{ id: "s1", caseload: 280, staffWte: 3, runningCostPerYear: 120_000 }], community);
    const s = r.spokes[0];
    expect(s.contactsNeededPerWeek).toBe(70);
    expect(s.homeVisitsPerWeek).toBe(35);
    expect(s.clinicContactsPerWeek).toBe(35);
    expect(s.contactCapacityPerWeek).toBe(60);
    expect(s.shortfallContactsPerWeek).toBe(10);
    expect(s.wteNeeded).toBe(3.5);
    expect(s.shortfallWte).toBe(0.5);
    expect(s.utilisation).toBeCloseTo(70 / 60, 12);
    expect(r.totals.runningCostPerYear).toBe(120_000);
    expect(r.sources).toContain("minutesPerWteWeek = 2250 (source: NHS Agenda for Change 37.5-hour week)");
  });

  it("home-visit travel reduces what the staff can deliver", () => {
    // 2250/20 = 112.5 min per contact; half are home visits with 45 min travel: 135 min per contact
    const r = contactCapacity([{ id: "s1", caseload: 280, staffWte: 3, travelMinutesPerHomeVisit: 45 }], community);
    expect(r.spokes[0].contactCapacityPerWeek).toBeCloseTo(6750 / 135, 12);
    expect(r.spokes[0].staffMinutesNeededPerWeek).toBeCloseTo(70 * 135, 9);
  });

  it("rejects negative WTE, NaN caseload and duplicate ids", () => {
    expect(() => contactCapacity([{ id: "s1", caseload: 1, staffWte: -1 }], community)).toThrowError(/spokes\[0\]\.staffWte/);
    expect(() => contactCapacity([{ id: "s1", caseload: Number.NaN, staffWte: 1 }], community)).toThrowError(InvalidInputError);
    expect(() => contactCapacity([{ id: "s1", caseload: 1, staffWte: 1 }, { id: "s1", caseload: 1, staffWte: 1 }], community)).toThrowError(DuplicateIdError);
  });
});

test.prop([fc.double({ min: 0, max: 2000, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true })])(
  "contactCapacity: more WTE never increases the shortfall",
  (caseload, wte, extra, travel) => {
    const r = contactCapacity(
      [
        { id: "a", caseload, staffWte: wte, travelMinutesPerHomeVisit: travel },
        { id: "b", caseload, staffWte: wte + extra, travelMinutesPerHomeVisit: travel },
      ],
      community,
    );
    expect(r.spokes[1].shortfallContactsPerWeek).toBeLessThanOrEqual(r.spokes[0].shortfallContactsPerWeek + 1e-9);
    expect(r.spokes[1].shortfallWte).toBeLessThanOrEqual(r.spokes[0].shortfallWte + 1e-12);
  },
);

describe("staffTravel", () => {
  const m = createCostMatrix(["z1", "z2", "z3"], ["A", "B"], [10, 30, 20, 25, 40, 15]);

  it("staffTravel(matrix, caseload, 'nearest') counts staff minutes to homes and patient minutes to clinic", () => {
    // 28 caseload at 28 days → 7 contacts/week; half home visits
    const r = staffTravel(m, [28, 28, 0], "nearest", { community, staffWte: { A: 2 } });
    expect(r.zones[0]).toEqual({
      zone: "z1",
      base: "A",
      caseload: 28,
      homeVisitsPerWeek: 3.5,
      clinicContactsPerWeek: 3.5,
      roundTripMinutes: 20,
      staffTravelMinutesPerWeek: 70,
      patientTravelMinutesPerWeek: 70,
    });
    expect(r.zones[1].base).toBe("A"); // 20 < 25
    expect(r.totals.staffTravelMinutesPerWeek).toBe(70 + 140);
    const a = r.bases[0];
    expect(a.meanStaffMinutesPerHomeVisit).toBe(30);
    // travel 210 vs face to face 7 × 60 = 420
    expect(a.travelShareOfHomeVisitTime).toBeCloseTo(210 / 630, 12);
    expect(a.travelShareOfStaffTime).toBeCloseTo(210 / 4500, 12);
    expect(r.bases[1].travelShareOfStaffTime).toBeNull();
  });

  it("closing base A (spokeOf all B) lengthens both staff and patient journeys", () => {
    const before = staffTravel(m, [28, 28, 28], "nearest", { community });
    const after = staffTravel(m, [28, 28, 28], ["B", "B", "B"], { community });
    expect(after.totals.staffTravelMinutesPerWeek).toBeGreaterThan(before.totals.staffTravelMinutesPerWeek);
    expect(after.totals.patientTravelMinutesPerWeek).toBeGreaterThan(before.totals.patientTravelMinutesPerWeek);
  });

  it("uses outbound + return minutes when an outbound matrix is given", () => {
    const out = createCostMatrix(["z1", "z2", "z3"], ["A", "B"], [12, 30, 20, 25, 40, 15]);
    const r = staffTravel(m, [28, 0, 0], ["A", null, null], { community, outboundMatrix: out });
    expect(r.zones[0].roundTripMinutes).toBe(22);
  });

  it("lists zones that cannot reach their base instead of dropping them", () => {
    const u = createCostMatrix(["z1", "z2"], ["A"], [10, Infinity]);
    const r = staffTravel(u, [28, 28], "nearest", { community });
    expect(r.unreachable).toEqual(["z2"]);
    expect(r.zones[1].base).toBeNull();
    expect(r.totals.staffTravelMinutesPerWeek).toBe(70);
    expect(r.warnings[0]).toMatch(/1 zone with caseload cannot reach its base \("z2"\)/);
  });

  it("rejects misaligned caseload, unknown bases and missing rates", () => {
    expect(() => staffTravel(m, [1, 2], "nearest", { community })).toThrowError(NotAlignedError);
    expect(() => staffTravel(m, [1, 2, -3], "nearest", { community })).toThrowError(/caseload\[2\].*got -3/);
    expect(() => staffTravel(m, [1, 2, 3], ["A", "C", "B"], { community })).toThrowError(UnknownIdError);
    expect(() => staffTravel(m, [1, 2, 3], "nearest", {})).toThrowError(/options.maxDaysBetweenContacts/);
    expect(() => staffTravel(m, [1, 2, 3], "nearest", { community, staffWte: { Q: 1 } })).toThrowError(UnknownIdError);
  });
});

test.prop([
  fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.integer({ min: 2, max: 5 }).chain((k) =>
      fc.record({
        n: fc.constant(n),
        k: fc.constant(k),
        minutes: fc.array(fc.integer({ min: 1, max: 90 }), { minLength: n * k, maxLength: n * k }),
        caseload: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: n, maxLength: n }),
        keep: fc.array(fc.boolean(), { minLength: k, maxLength: k }),
      }),
    ),
  ),
])("consolidation (removing bases) never shortens total staff travel to a fixed set of home visits", ({ n, k, minutes, caseload, keep }) => {
  const zones = Array.from({ length: n }, (_, i) => `z${i}`);
  const bases = Array.from({ length: k }, (_, j) => `b${j}`);
  const kept = bases.filter((_, j) => keep[j]);
  if (kept.length === 0) kept.push(bases[0]);
  const all = createCostMatrix(zones, bases, minutes);
  const sub: number[] = [];
  for (let i = 0; i < n; i++) for (const b of kept) sub.push(minutes[i * k + bases.indexOf(b)]);
  const fewer = createCostMatrix(zones, kept, sub);
  const before = staffTravel(all, caseload, "nearest", { community });
  const after = staffTravel(fewer, caseload, "nearest", { community });
  expect(after.totals.staffTravelMinutesPerWeek).toBeGreaterThanOrEqual(before.totals.staffTravelMinutesPerWeek - 1e-9);
  expect(after.totals.homeVisitsPerWeek).toBeCloseTo(before.totals.homeVisitsPerWeek, 9);
});
