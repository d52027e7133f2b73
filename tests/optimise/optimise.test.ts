import { describe, expect, it } from "vitest";
import {
  InfeasibleError,
  InvalidInputError,
  NotAlignedError,
  UnknownIdError,
  createCostMatrix,
  maximalCoverage,
  pCenter,
  pMedian,
  setCover,
} from "../../src/index.js";
import { bruteMedian } from "../support/optimise-oracles.js";

// zones a, b, c; sites s1, s2: a is 1 from s1, c is 1 from s2
const small = createCostMatrix(["a", "b", "c"], ["s1", "s2"], [1, 9, 2, 8, 9, 1]);

// a line of 6 zones at x = 0..5 and 6 sites at the same points; minutes = |x − y| × 10
function line(): ReturnType<typeof createCostMatrix> {
  const ids = [0, 1, 2, 3, 4, 5];
  const minutes: number[] = [];
  for (const i of ids) for (const j of ids) minutes.push(Math.abs(i - j) * 10);
  return createCostMatrix(ids.map((i) => `z${i}`), ids.map((j) => `s${j}`), minutes);
}

describe("pMedian", () => {
  it("pMedian(small, { p: 1 }) picks the site nearest the weight", async () => {
    const r = await pMedian(small, { p: 1, weights: [10, 10, 1] });
    expect(r.chosen).toEqual(["s1"]);
    expect(r.objective).toBe(39);
    expect(r.meanMinutes).toBeCloseTo(39 / 21, 12);
    expect(r.proven).toBe(true);
    expect(r.gap).toBe(0);
    expect(r.assignment).toEqual({ a: "s1", b: "s1", c: "s1" });
    expect(r.served).toEqual({ s1: ["a", "b", "c"] });
  });

  it("pMedian(line, { p: 2 }) splits the line in halves", async () => {
    const r = await pMedian(line(), { p: 2 });
    // sites at 1 and 4: minutes 10,0,10 + 10,0,10 = 40
    expect(r.chosen).toEqual(["s1", "s4"]);
    expect(r.objective).toBe(40);
    expect(r.lowerBound).toBe(40);
  });

  it("honours fixed, exclude and weights keyed by id", async () => {
    const r = await pMedian(line(), { p: 2, fixed: ["s0"], exclude: ["s4"], weights: { z0: 1, z1: 1, z2: 1, z3: 1, z4: 1, z5: 1 } });
    expect(r.chosen).toContain("s0");
    expect(r.chosen).not.toContain("s4");
    expect(r.objective).toBe(bruteMedian(line(), [1, 1, 1, 1, 1, 1], 2, ["s0"], ["s4"]));
  });

  it("zero-weight zones are legal and cost nothing", async () => {
    const r = await pMedian(small, { p: 1, weights: [0, 0, 5] });
    expect(r.chosen).toEqual(["s2"]);
    expect(r.objective).toBe(5);
  });

  it("errors: p too large, fixed and excluded, unknown id, misaligned weights", async () => {
    await expect(pMedian(small, { p: 2, exclude: ["s1"] })).rejects.toThrowError(InfeasibleError);
    await expect(pMedian(small, { p: 2, exclude: ["s1"] })).rejects.toThrowError(
      "pMedian: infeasible: p (2) is larger than the 1 allowed candidate site(s) (2 in the matrix, 1 excluded). Lower p or exclude fewer sites.",
    );
    await expect(pMedian(small, { p: 1, fixed: ["s1"], exclude: ["s1"] })).rejects.toThrowError(InvalidInputError);
    await expect(pMedian(small, { p: 1, fixed: ["nope"] })).rejects.toThrowError(UnknownIdError);
    await expect(pMedian(small, { p: 1, weights: [1, 2] })).rejects.toThrowError(NotAlignedError);
    await expect(pMedian(small, { p: 0 } as never)).rejects.toThrowError(InvalidInputError);
    await expect(pMedian(small, { p: 1, fixed: ["s1", "s2"] })).rejects.toThrowError(/smaller than the 2 fixed/);
  });

  it("zones no candidate reaches are an error unless allowUnreachable", async () => {
    const m = createCostMatrix(["a", "b"], ["s1", "s2"], [1, 2, Infinity, Infinity]);
    await expect(pMedian(m, { p: 1 })).rejects.toThrowError(/1 zone\(s\) cannot reach any allowed candidate \("b"\)/);
    const r = await pMedian(m, { p: 1, allowUnreachable: true });
    expect(r.unreachable).toEqual(["b"]);
    expect(r.objective).toBe(1);
    expect(r.assignment.b).toBeNull();
    expect(r.warnings.join(" ")).toMatch(/left out of the objective/);
  });

  it("throws when no p sites reach every zone", async () => {
    const m = createCostMatrix(["a", "b"], ["s1", "s2"], [1, Infinity, Infinity, 1]);
    await expect(pMedian(m, { p: 1 })).rejects.toThrowError(/no choice of 1 site\(s\) reaches every zone/);
  });

  it("capacitated: splits a zone when the nearest site is full (HiGHS)", async () => {
    const r = await pMedian(small, { p: 2, weights: [10, 10, 10], capacity: [15, 100] });
    // s1 takes a (10) and 5 of b; b's other 5 go to s2 (8 min): 10·1 + 5·2 + 5·8 + 10·1 = 70
    expect(r.objective).toBeCloseTo(70, 6);
    expect(r.load?.s1.weight).toBeCloseTo(15, 6);
    expect(r.flows?.filter((f) => f.zone === "b").length).toBe(2);
    const single = await pMedian(small, { p: 2, weights: [10, 10, 10], capacity: [15, 100], singleSource: true });
    expect(single.objective).toBeCloseTo(10 + 80 + 10, 6);
  });

  it("capacitated: capacity below demand is a clear error", async () => {
    await expect(pMedian(small, { p: 1, weights: [10, 10, 10], capacity: [20, 25] })).rejects.toThrowError(
      "pMedian: infeasible: the 1 largest allowed sites (fixed ones included) hold 25 in capacity, below total demand 30. Raise p or capacities.",
    );
  });

  it("solver: highs agrees with the built-in solver", async () => {
    const a = await pMedian(line(), { p: 3, solver: "highs" });
    const b = await pMedian(line(), { p: 3 });
    expect(a.objective).toBeCloseTo(b.objective, 9);
    expect(a.method).toBe("highs");
  });
});

describe("pCenter", () => {
  it("pCenter(small, { p: 1 }) minimises the worst journey", async () => {
    const r = await pCenter(small, { p: 1 });
    // s1 leaves c at 9, s2 leaves a at 9: a tie broken by the smaller total (12 < 18)
    expect(r.objective).toBe(9);
    expect(r.chosen).toEqual(["s1"]);
    expect(r.worstZone).toBe("c");
    expect(r.proven).toBe(true);
  });
  it("pCenter(line, { p: 2 }) covers the line within 10 minutes", async () => {
    const r = await pCenter(line(), { p: 2 });
    expect(r.objective).toBe(10);
    expect(r.chosen).toEqual(["s1", "s4"]);
  });
  it("zero-weight zones do not constrain the radius", async () => {
    const r = await pCenter(small, { p: 1, weights: [0, 1, 1] });
    expect(r.objective).toBe(8); // s2: b at 8, c at 1
    expect(r.chosen).toEqual(["s2"]);
  });
  it("errors on unreachable zones and bad p", async () => {
    const m = createCostMatrix(["a", "b"], ["s1"], [1, Infinity]);
    await expect(pCenter(m, { p: 1 })).rejects.toThrowError(InfeasibleError);
    await expect(pCenter(small, { p: 3 })).rejects.toThrowError(/p \(3\) is larger/);
  });
});

describe("maximalCoverage", () => {
  it("maximalCoverage(small, { p: 1, coverMinutes: 5 }) takes the heavier side", async () => {
    const r = await maximalCoverage(small, { p: 1, coverMinutes: 5, weights: [10, 10, 30] });
    expect(r.chosen).toEqual(["s2"]);
    expect(r.objective).toBe(30);
    expect(r.uncovered).toEqual(["a", "b"]);
    expect(r.assignment).toEqual({ a: null, b: null, c: "s2" });
    expect(r.upperBound).toBe(30);
    expect(r.coveredShare).toBeCloseTo(0.6, 12);
  });
  it("unreachable zones can never be covered and are listed", async () => {
    const m = createCostMatrix(["a", "b"], ["s1"], [1, Infinity]);
    const r = await maximalCoverage(m, { p: 1, coverMinutes: 1e9 });
    expect(r.objective).toBe(1);
    expect(r.unreachable).toEqual(["b"]);
  });
  it("errors on bad options", async () => {
    await expect(maximalCoverage(small, { p: 1 } as never)).rejects.toThrowError(InvalidInputError);
  });
});

describe("setCover", () => {
  it("setCover(line, { coverMinutes: 10 }) needs two sites", async () => {
    const r = await setCover(line(), { coverMinutes: 10 });
    expect(r.objective).toBe(2);
    expect(r.chosen).toEqual(["s1", "s4"]);
    expect(r.lowerBound).toBe(2);
    expect(r.proven).toBe(true);
  });
  it("names zones no candidate can cover", async () => {
    await expect(setCover(small, { coverMinutes: 1.5 })).rejects.toThrowError(
      'setCover: infeasible: 1 zone(s) have no allowed candidate within 1.5 minutes ("b"). Raise coverMinutes, un-exclude sites, or give those zones weight 0.',
    );
  });
  it("fixed sites count towards the total", async () => {
    const r = await setCover(line(), { coverMinutes: 10, fixed: ["s0"] });
    expect(r.chosen).toContain("s0");
    expect(r.objective).toBe(3);
  });
});
