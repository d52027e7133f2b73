import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  DuplicateIdError,
  NotAlignedError,
  UnknownIdError,
  compareScenarios,
  comparisonToCsv,
  comparisonToMarkdown,
  type ComparableResult,
  type ZoneOutcome,
} from "../../src/index.js";
import { thrown } from "../support/scenario-fixtures.js";

function zone(zoneId: string, population: number, imdDecile: number | null, hub: string | null, hubMinutes: number): ZoneOutcome {
  return { zone: zoneId, population, imdDecile, district: null, urbanRural: null, hub, hubMinutes, spoke: null, spokeMinutes: Infinity, hierarchicalHub: null };
}

function result(id: string, oob: number, mean: number, zones: ZoneOutcome[]): ComparableResult {
  return {
    scenario: { id, name: id.toUpperCase() },
    metrics: [
      { key: "access.hub.meanMinutes", label: "Mean minutes to hub", unit: "minutes", better: "lower", value: mean },
      { key: "capacity.outOfAreaBedDays", label: "Out-of-area bed-days", unit: "bed-days/year", better: "lower", value: oob },
      { key: "access.hub.within45", label: "Within 45 min", unit: "share", better: "higher", value: 1 - mean / 100 },
    ],
    zones,
  };
}

const baseZones = [zone("z1", 100, 1, "A", 10), zone("z2", 200, 5, "A", 20), zone("z3", 300, 9, "B", 30)];
const base = result("base", 500, 20, baseZones);
const optA = result("a", 100, 25, [zone("z1", 100, 1, "A", 10), zone("z2", 200, 5, "B", 32), zone("z3", 300, 9, "B", 30)]);
const optB = result("b", 100, 18, [zone("z1", 100, 1, "C", 3), zone("z2", 200, 5, "A", 20), zone("z3", 300, 9, null, Infinity)]);

describe("compareScenarios", () => {
  it("compareScenarios(results, { baseline }) gives values and deltas per metric", () => {
    const c = compareScenarios([base, optA, optB], { baseline: "base" });
    const mean = c.rows.find((r) => r.metric === "access.hub.meanMinutes")!;
    expect(mean.cells).toEqual([
      { scenario: "base", value: 20, delta: 0 },
      { scenario: "a", value: 25, delta: 5 },
      { scenario: "b", value: 18, delta: -2 },
    ]);
    expect(c.rows.map((r) => r.metric)).toEqual(["access.hub.meanMinutes", "capacity.outOfAreaBedDays", "access.hub.within45"]);
  });

  it("treats float noise from rescaling as no change", () => {
    const noisy = result("noisy", 500, (0.1 + 0.2) * (20 / 0.3), baseZones);
    const c = compareScenarios([base, noisy]);
    expect(c.rows[0].cells[1].value).not.toBe(20);
    expect(c.rows[0].cells[1].delta).toBe(0);
  });

  it("ranks by out-of-area bed-days, then mean minutes, and states the criterion", () => {
    const c = compareScenarios([base, optA, optB]);
    expect(c.ranking.order.map((o) => o.scenario)).toEqual(["b", "a", "base"]);
    expect(c.ranking.order[2].baseline).toBe(true);
    expect(c.ranking.criterion).toBe("Out-of-area bed-days (lower is better), then Mean minutes to hub (lower is better)");
    const byShare = compareScenarios([base, optA, optB], { rankBy: ["access.hub.within45"] });
    expect(byShare.ranking.order.map((o) => o.scenario)).toEqual(["b", "base", "a"]);
    const reversed = compareScenarios([base, optA, optB], { rankBy: [{ metric: "access.hub.meanMinutes", better: "higher" }] });
    expect(reversed.ranking.order.map((o) => o.scenario)).toEqual(["a", "base", "b"]);
  });

  it("reports gainers and losers beyond the threshold by IMD decile, unreachable as infinitely further", () => {
    const c = compareScenarios([base, optA, optB], { thresholdMinutes: 5 });
    const [a, b] = c.gainersLosers;
    expect(a.further).toEqual({ population: 200, zones: 1, byImdDecile: { "5": 200 } });
    expect(a.nearer).toEqual({ population: 0, zones: 0, byImdDecile: {} });
    expect(b.nearer).toEqual({ population: 100, zones: 1, byImdDecile: { "1": 100 } });
    expect(b.further).toEqual({ population: 300, zones: 1, byImdDecile: { "9": 300 } });
    expect(b.changes.map((z) => [z.zone, z.deltaMinutes])).toEqual([["z3", Infinity], ["z1", -7]]);
  });

  it("lists catchment switches with population", () => {
    const c = compareScenarios([base, optA, optB]);
    expect(c.switches).toEqual([
      { scenario: "a", zone: "z2", from: "A", to: "B", population: 200 },
      { scenario: "b", zone: "z1", from: "A", to: "C", population: 100 },
      { scenario: "b", zone: "z3", from: "B", to: null, population: 300 },
    ]);
  });

  it("errors: duplicate ids, unknown baseline, unknown metric, misaligned zones", () => {
    expect(thrown(() => compareScenarios([base, base]))).toBeInstanceOf(DuplicateIdError);
    const e = thrown(() => compareScenarios([base, optA], { baseline: "nope" }));
    expect(e).toBeInstanceOf(UnknownIdError);
    expect(e.issues![0].path).toBe("options.baseline");
    expect(thrown(() => compareScenarios([base], { rankBy: ["access.spoke.meanMinutes"] })).issues![0].path).toBe("options.rankBy[0]");
    expect(thrown(() => compareScenarios([base, result("short", 0, 0, baseZones.slice(1))]))).toBeInstanceOf(NotAlignedError);
    expect(thrown(() => compareScenarios([])).code).toBe("INVALID_INPUT");
    expect(thrown(() => compareScenarios([base], { thresholdMinute: 3 } as never)).code).toBe("INVALID_INPUT");
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 8 })])(
    "comparing a result with itself gives zero deltas, no switches and no gainers or losers; ranking is a permutation",
    (figures) => {
      const results = figures.map(([oob, mean], i) => result(`s${i}`, oob, mean, baseZones));
      const c = compareScenarios([base, ...results]);
      for (const r of c.rows) expect(r.cells[0].delta).toBe(0);
      expect(c.switches).toEqual([]);
      for (const g of c.gainersLosers) expect(g.further.population + g.nearer.population).toBe(0);
      expect(c.ranking.order.map((o) => o.scenario).sort()).toEqual(["base", ...results.map((r) => r.scenario.id)].sort());
      const ranks = c.ranking.order.map((o) => o.values[0] as number);
      for (let k = 1; k < ranks.length; k++) expect(ranks[k]).toBeGreaterThanOrEqual(ranks[k - 1]);
    },
  );
});

describe("comparison writers", () => {
  const c = compareScenarios([base, optA, optB]);

  it("comparisonToMarkdown(comparison) prints the side-by-side table, ranking, equity and switches", () => {
    const md = comparisonToMarkdown(c, { title: "Test" });
    expect(md.startsWith("## Test\n")).toBe(true);
    expect(md).toContain("| Mean minutes to hub | minutes | lower | 20 | 25 (+5) | 18 (−2) |");
    expect(md).toContain("| Within 45 min | share | higher | 80.0% | 75.0% (−5.0 pts) | 82.0% (+2.0 pts) |");
    expect(md).toContain("| 1 | B | 100 | 18 |");
    expect(md).toContain("| B | further | 300 |");
    expect(md).toContain("| z3 | 300 | 9 | 30 | unreachable | +∞ |");
    expect(md).toContain("| A | A → B | 1 | 200 |");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("comparisonToCsv(comparison) writes long-format tables at full precision", () => {
    const csv = comparisonToCsv(c).split("\n");
    expect(csv[0]).toBe("metric,label,unit,better,scenario,value,delta");
    expect(csv[1]).toBe("access.hub.meanMinutes,Mean minutes to hub,minutes,lower,base,20,0");
    expect(csv.length).toBe(1 + 3 * 3 + 1);
    expect(comparisonToCsv(c, { table: "switches" })).toBe("scenario,zone,from,to,population\na,z2,A,B,200\nb,z1,A,C,100\nb,z3,B,,300\n");
    expect(comparisonToCsv(c, { table: "ranking" }).split("\n")[1]).toBe("1,b,B,false,100,18");
    expect(comparisonToCsv(c, { table: "gainersLosers" }).split("\n")[2]).toBe("b,z3,300,9,30,Infinity,Infinity");
    expect(thrown(() => comparisonToCsv(c, { table: "zones" } as never)).code).toBe("INVALID_INPUT");
  });
});
