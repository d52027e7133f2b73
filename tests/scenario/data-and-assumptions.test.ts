import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createServiceNetwork, dataAndAssumptions, evaluate } from "../../src/index.js";
import { testAssumptions, testGraph, testSites, testZones, thrown } from "../support/scenario-fixtures.js";

function network(attribution?: string[]) {
  return createServiceNetwork({
    sites: structuredClone(testSites),
    zones: structuredClone(testZones),
    assumptions: structuredClone(testAssumptions),
    graph: testGraph(),
    ...(attribution === undefined ? {} : { metadata: { attribution } }),
  });
}

describe("dataAndAssumptions", () => {
  it("dataAndAssumptions(network, results) gathers attribution, sourced figures, warnings and provenance", () => {
    const net = network(["© OpenStreetMap contributors, ODbL"]);
    const results = [evaluate(net, { id: "baseline", name: "Baseline" })];
    const d = dataAndAssumptions(net, results);
    expect(d.attribution).toEqual(["© OpenStreetMap contributors, ODbL"]);
    expect(d.assumptions[0]).toEqual({ path: "wards.adultAcute.admissionsPer100kPerYear", value: "200", source: "test", assumed: false });
    expect(d.assumptions.map((a) => a.path)).toContain("outOfArea.costPerBedDay");
    expect(d.provenance).toEqual([{ scenario: "Baseline", hashes: results[0].provenance }]);
    expect(d.provenance[0].hashes.scenario).toMatch(/^fnv1a64:|^[0-9a-f]+/);
    expect(d.warnings.every((w) => w.scenario === "Baseline")).toBe(true);
    expect(dataAndAssumptions(net, results, { attribution: ["mine"] }).attribution).toEqual(["mine"]);
    expect(dataAndAssumptions(network(), []).attribution).toEqual([]);
  });

  it("errors: a network without assumptions, results that are not a list, a malformed result, a bad option", () => {
    expect(thrown(() => dataAndAssumptions(null as never, [])).issues![0].path).toBe("network.assumptions");
    expect(thrown(() => dataAndAssumptions(network(), null as never)).issues![0].path).toBe("results");
    expect(thrown(() => dataAndAssumptions(network(), [{ scenario: { id: "x" } } as never])).issues![0].path).toBe("results[0]");
    expect(thrown(() => dataAndAssumptions(network(), [], { attributions: [] } as never)).code).toBe("INVALID_INPUT");
  });

  test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 6 })])("every sourced figure appears once, with its assumed flag", (flags) => {
    const wards: Record<string, unknown> = {};
    flags.forEach((assumption, k) => {
      wards[`w${k}`] = { admissionsPer100kPerYear: { value: k, source: `s${k}`, assumption }, meanLengthOfStayDays: { value: 1 + k, source: `los${k}` } };
    });
    const d = dataAndAssumptions({ assumptions: { wards } as never }, []);
    expect(d.assumptions).toHaveLength(2 * flags.length);
    expect(d.assumptions.filter((a) => a.assumed)).toHaveLength(flags.filter(Boolean).length);
    expect(new Set(d.assumptions.map((a) => a.path)).size).toBe(d.assumptions.length);
  });
});
