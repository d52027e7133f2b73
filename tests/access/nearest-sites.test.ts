import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { nearestSites } from "../../src/access/index.js";
import { InvalidInputError, UnknownIdError } from "../../src/errors.js";
import { createCostMatrix } from "../../src/model/index.js";
import { arbMatrixCase } from "../support/access-arbitraries.js";

const m = createCostMatrix(["z1", "z2", "z3"], ["a", "b", "c"], [10, 5, 5, Infinity, Infinity, Infinity, 30, 40, 20]);

describe("nearestSites", () => {
  it("nearestSites(m) picks the fastest site, first in input order on ties, and lists the unreachable", () => {
    const r = nearestSites(m);
    expect(r.nearest).toEqual([
      { origin: "z1", destination: "b", minutes: 5 },
      { origin: "z2", destination: null, minutes: Infinity },
      { origin: "z3", destination: "c", minutes: 20 },
    ]);
    expect(r.unreachable).toEqual(["z2"]);
    expect(r.warnings).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(r)).nearest[1].minutes).toBeNull();
  });

  it("nearestSites(m, { among }) restricts the choice", () => {
    expect(nearestSites(m, { among: ["c", "a"] }).nearest.map((n) => n.destination)).toEqual(["c", null, "c"]);
    expect(nearestSites(m, { among: ["a"] }).nearest.map((n) => n.minutes)).toEqual([10, Infinity, 30]);
    expect(nearestSites(m, { among: [] }).unreachable).toEqual(["z1", "z2", "z3"]);
  });

  it("throws on unknown ids and bad input", () => {
    expect(() => nearestSites(m, { among: ["zz"] })).toThrowError(UnknownIdError);
    expect(() => nearestSites(m, { among: ["zz"] })).toThrowError(/site "zz" is not in the network/);
    expect(() => nearestSites({} as never)).toThrowError(InvalidInputError);
    expect(() => nearestSites(m, { nope: 1 } as never)).toThrowError(InvalidInputError);
  });
});

test.prop([arbMatrixCase()])("nearestSites equals a brute-force minimum with ties to the first column", ({ matrix }) => {
  const r = nearestSites(matrix);
  const cols = matrix.destinations.length;
  matrix.origins.forEach((origin, i) => {
    const row = Array.from(matrix.minutes.subarray(i * cols, (i + 1) * cols));
    const best = Math.min(...row);
    expect(r.nearest[i].minutes).toBe(best);
    expect(r.nearest[i].destination).toBe(best === Infinity ? null : matrix.destinations[row.indexOf(best)]);
  });
});
