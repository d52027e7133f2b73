import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { nearestCatchments } from "../../src/catchment/index.js";
import { InvalidInputError, NotAlignedError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

describe("nearestCatchments", () => {
  const m = createCostMatrix(["z1", "z2", "z3", "z4"], ["a", "b", "c"], [10, 20, 10, 30, 5, 40, Infinity, Infinity, Infinity, 12, 24, 6]);

  it("nearestCatchments(m, { population }) assigns each zone once, ties to the first site, and keeps the unreachable", () => {
    const r = nearestCatchments(m, { population: [100, 200, 50, 300] });
    expect(r.assignment).toEqual([
      { zone: "z1", site: "a", minutes: 10 },
      { zone: "z2", site: "b", minutes: 5 },
      { zone: "z3", site: null, minutes: Infinity },
      { zone: "z4", site: "c", minutes: 6 },
    ]);
    expect(r.sites).toEqual([
      { site: "a", zones: ["z1"], population: 100, meanMinutes: 10, maxMinutes: 10 },
      { site: "b", zones: ["z2"], population: 200, meanMinutes: 5, maxMinutes: 5 },
      { site: "c", zones: ["z4"], population: 300, meanMinutes: 6, maxMinutes: 6 },
    ]);
    expect(r.unreachable).toEqual(["z3"]);
    expect(r.unreachablePopulation).toBe(50);
  });

  it("population-weights minutes over a multi-zone catchment and reports empty catchments", () => {
    const r = nearestCatchments(m, { among: ["a", "c"], population: { z1: 100, z2: 300, z3: 0, z4: 100 } });
    expect(r.sites[0]).toEqual({ site: "a", zones: ["z1", "z2"], population: 400, meanMinutes: (100 * 10 + 300 * 30) / 400, maxMinutes: 30 });
    const none = nearestCatchments(m, { among: ["a", "b", "c"] });
    expect(none.sites[0].population).toBeNull();
    const empty = nearestCatchments(createCostMatrix(["z"], ["a", "b"], [1, 2]));
    expect(empty.sites[1]).toEqual({ site: "b", zones: [], population: null, meanMinutes: null, maxMinutes: null });
    expect(empty.warnings.some((w) => w.includes("empty catchment"))).toBe(true);
  });

  it("throws on unknown sites and bad populations", () => {
    expect(() => nearestCatchments(m, { among: ["x"] })).toThrowError(UnknownIdError);
    expect(() => nearestCatchments(m, { population: [1, 2] })).toThrowError(NotAlignedError);
    expect(() => nearestCatchments(m, { population: [1, 2, -3, 4] })).toThrowError(/options\.population\[2\].*-3/);
    expect(() => nearestCatchments(m, { bogus: true } as never)).toThrowError(InvalidInputError);
  });
});

test.prop([arbMatrixCase()])("each zone is in exactly one nearest catchment or unreachable; populations are conserved", ({ matrix, population }) => {
  const r = nearestCatchments(matrix, { population });
  const seen = [...r.sites.flatMap((s) => s.zones), ...r.unreachable].sort();
  expect(seen).toEqual([...matrix.origins].sort());
  const total = population.reduce((a, b) => a + b, 0);
  expect(r.sites.reduce((a, s) => a + (s.population as number), 0) + (r.unreachablePopulation as number)).toBe(total);
});

test.prop([arbMatrixCase(), fc.nat()])("closing a site moves only its own zones", ({ matrix, population }, pick) => {
  const closed = matrix.destinations[pick % matrix.destinations.length];
  const before = nearestCatchments(matrix, { population });
  const after = nearestCatchments(matrix, { population, among: matrix.destinations.filter((d) => d !== closed) });
  before.assignment.forEach((a, i) => {
    if (a.site !== closed) expect(after.assignment[i].site).toBe(a.site);
    else expect(after.assignment[i].site).not.toBe(closed);
  });
});
