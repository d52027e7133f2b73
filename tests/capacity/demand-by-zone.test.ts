import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError, UnknownIdError, demandByZone } from "../../src/index.js";
import type { AssumptionsInput, DemandZoneInput } from "../../src/index.js";

const assumptions: AssumptionsInput = {
  wards: {
    adultAcute: {
      admissionsPer100kPerYear: { value: 200, source: "assumption: illustrative flat rate", assumption: true },
      admissionsPer100kByAgeBand: { value: { "18-64": 250, "65+": 100 }, source: "Hypothetical table 1" },
      meanLengthOfStayDays: { value: 36.5, source: "NHS Benchmarking (illustrative)" },
    },
    pici: {
      admissionsPer100kPerYear: { value: 10, source: "assumption: illustrative", assumption: true },
      meanLengthOfStayDays: { value: 20, source: "assumption: illustrative", assumption: true },
    },
  },
};
const zone = (id: string, population: number, extra: Partial<DemandZoneInput> = {}): DemandZoneInput => ({
  id,
  name: id,
  location: [0.5, 51.3],
  population,
  ...extra,
});

describe("demandByZone", () => {
  it("demandByZone(zones, assumptions) gives admissions, bed-days and offered load by hand", () => {
    const d = demandByZone([zone("z1", 100_000), zone("z2", 50_000, { need: 2 })], assumptions);
    expect(d.wards).toEqual(["adultAcute", "pici"]);
    expect(d.zones[0].wards.adultAcute).toEqual({ admissionsPerYear: 200, bedDaysPerYear: 7300, offeredLoadBeds: 20 });
    // 50,000 × 200 / 100,000 × need 2 = 200 admissions
    expect(d.zones[1].wards.adultAcute.admissionsPerYear).toBe(200);
    expect(d.zones[0].wards.pici).toEqual({ admissionsPerYear: 10, bedDaysPerYear: 200, offeredLoadBeds: 200 / 365 });
    expect(d.totals.adultAcute.offeredLoadBeds).toBeCloseTo(40, 12);
    expect(d.offeredLoad.adultAcute).toEqual([20, 20]);
    expect(d.sources).toContain("adultAcute.meanLengthOfStayDays = 36.5 (source: NHS Benchmarking (illustrative))");
    expect(d.sources).toContain("pici.admissionsPer100kPerYear = 10 (assumption: illustrative)");
    expect(d.warnings.some((w) => w.includes("no ageBands"))).toBe(true);
    expect(d.warnings.some((w) => /\d+ of 5 rates are assumptions/.test(w))).toBe(true);
  });

  it("uses age-band rates where the zone has age bands, flat rate for unknown bands", () => {
    const d = demandByZone([zone("z1", 3000, { ageBands: { "18-64": 2000, "65+": 800, "0-17": 200 } })], assumptions, { wards: ["adultAcute"] });
    // 2000·250 + 800·100 + 200·200 (flat) = 620,000 / 100,000 = 6.2
    expect(d.zones[0].wards.adultAcute.admissionsPerYear).toBeCloseTo(6.2, 12);
    expect(d.zones[0].ageBanded).toEqual(["adultAcute"]);
    expect(d.warnings.some((w) => w.includes('"0-17"'))).toBe(true);
    const flat = demandByZone([zone("z1", 3000, { ageBands: { "18-64": 2000, "65+": 1000 } })], assumptions, { wards: ["adultAcute"], useAgeBands: false });
    expect(flat.zones[0].wards.adultAcute.admissionsPerYear).toBeCloseTo(6, 12);
  });

  it("rejects bad zones, rates without a source and unknown ward types with coded errors", () => {
    expect(() => demandByZone([zone("z1", -5)], assumptions)).toThrowError(InvalidInputError);
    expect(() => demandByZone([zone("z1", -5)], assumptions)).toThrowError(/zones\[0\]\.population.*got -5/);
    expect(() => demandByZone([zone("z1", Number.NaN)], assumptions)).toThrowError(/got NaN/);
    const unsourced = { wards: { a: { admissionsPer100kPerYear: { value: 1, source: "" }, meanLengthOfStayDays: { value: 1, source: "x" } } } };
    expect(() => demandByZone([zone("z1", 5)], unsourced)).toThrowError(/assumptions\.wards\.a\.admissionsPer100kPerYear\.source/);
    expect(() => demandByZone([zone("z1", 5)], assumptions, { wards: ["nope"] })).toThrowError(UnknownIdError);
  });
});

test.prop([fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 10 }), fc.double({ min: 0.5, max: 4, noNaN: true })])(
  "totals equal the sum over zones and scale linearly with population",
  (pops, k) => {
    const zs = pops.map((p, i) => zone(`z${i}`, p));
    const a = demandByZone(zs, assumptions);
    const b = demandByZone(zs.map((z) => ({ ...z, population: z.population * k })), assumptions);
    const sum = a.zones.reduce((s, z) => s + z.wards.adultAcute.bedDaysPerYear, 0);
    expect(a.totals.adultAcute.bedDaysPerYear).toBeCloseTo(sum, 6);
    expect(b.totals.adultAcute.offeredLoadBeds).toBeCloseTo(a.totals.adultAcute.offeredLoadBeds * k, 6);
  },
);
