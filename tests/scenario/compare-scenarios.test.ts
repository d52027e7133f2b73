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
      { scenario: "base", value: 20, delta: 0, reason: null, change: null },
      { scenario: "a", value: 25, delta: 5, reason: null, change: "worse" },
      { scenario: "b", value: 18, delta: -2, reason: null, change: "better" },
    ]);
    expect(c.rows.map((r) => r.metric)).toEqual(["access.hub.meanMinutes", "capacity.outOfAreaBedDays", "access.hub.within45"]);
  });

  it("treats float noise from rescaling as no change", () => {
    const noisy = result("noisy", 500, (0.1 + 0.2) * (20 / 0.3), baseZones);
    const c = compareScenarios([base, noisy]);
    expect(c.rows[0].cells[1].value).not.toBe(20);
    expect(c.rows[0].cells[1].delta).toBe(0);
  });

  it("names no winner by default: no ranking, trade-offs per option and the non-dominated set", () => {
    const c = compareScenarios([base, optA, optB]);
    expect(c.ranking).toBeNull();
    // a: fewer bed-days (−400) but 5 minutes further; b: fewer bed-days and 2 minutes nearer
    const [a, b] = c.options;
    expect(a.better.map((t) => [t.metric, t.delta])).toEqual([["capacity.outOfAreaBedDays", -400]]);
    expect(a.worse.map((t) => [t.metric, t.delta])).toEqual([["access.hub.meanMinutes", 5], ["access.hub.within45", -0.05 + 0]].map(([k, d]) => [k, k === "access.hub.within45" ? expect.closeTo(d as number, 12) : d]));
    expect(b.worse).toEqual([]);
    expect(b.better.map((t) => t.metric)).toEqual(["access.hub.meanMinutes", "capacity.outOfAreaBedDays", "access.hub.within45"]);
    // b is at least as good as everyone on both criteria present, and better on one: only b is non-dominated
    expect(c.criteria.map((k) => [k.metric, k.used])).toEqual([
      ["access.hub.meanMinutes", true],
      ["equity.deprivationGapMinutes", false],
      ["capacity.outOfAreaBedDays", true],
      ["estate.runningCostPerYear", false],
    ]);
    expect(c.nonDominated).toEqual(["b"]);
    expect(a.dominatedBy).toEqual(["b"]);
    expect(c.warnings).toContain('criterion "estate.runningCostPerYear" is left out of the non-dominated set: not in the results');
  });

  it("ranks only when asked, states the criterion, and flags access worsening beside a rank", () => {
    const c = compareScenarios([base, optA, optB], { rankBy: ["capacity.outOfAreaBedDays", "access.hub.meanMinutes"] });
    expect(c.ranking!.order.map((o) => o.scenario)).toEqual(["b", "a", "base"]);
    expect(c.ranking!.order[2].baseline).toBe(true);
    expect(c.ranking!.criterion).toBe("Out-of-area bed-days (lower is better), then Mean minutes to hub (lower is better)");
    expect(c.ranking!.order[1].cautions).toEqual(["Mean minutes to hub worse than the baseline (+5.0 minutes)", "Within 45 min worse than the baseline (−5.0 pts)"]);
    expect(c.ranking!.order[0].cautions).toEqual([]);
    const byShare = compareScenarios([base, optA, optB], { rankBy: ["access.hub.within45"] });
    expect(byShare.ranking!.order.map((o) => o.scenario)).toEqual(["b", "base", "a"]);
    const reversed = compareScenarios([base, optA, optB], { rankBy: [{ metric: "access.hub.meanMinutes", better: "higher" }] });
    expect(reversed.ranking!.order.map((o) => o.scenario)).toEqual(["a", "base", "b"]);
  });

  it("ranks by weights of min–max scaled metrics", () => {
    // minutes 20 / 25 / 18 → 0.286 / 1 / 0; bed-days 500 / 100 / 100 → 1 / 0 / 0
    const c = compareScenarios([base, optA, optB], { rankBy: { weights: { "access.hub.meanMinutes": 3, "capacity.outOfAreaBedDays": 1 } } });
    expect(c.ranking!.method).toBe("weighted");
    expect(c.ranking!.order.map((o) => o.scenario)).toEqual(["b", "base", "a"]);
    expect(c.ranking!.order[1].score).toBeCloseTo((3 * (2 / 7) + 1) / 4, 12);
    expect(c.ranking!.order[2].score).toBeCloseTo(3 / 4, 12);
    expect(c.ranking!.criterion).toContain("3 × Mean minutes to hub (lower is better) + 1 × Out-of-area bed-days (lower is better)");
  });

  it("materiality: a change within the threshold is neither better nor worse; thresholds by key or unit", () => {
    const near = result("near", 500, 20.6, baseZones);
    const c = compareScenarios([base, near]);
    const mean = c.rows.find((r) => r.metric === "access.hub.meanMinutes")!;
    expect(mean.materiality).toBe(1);
    expect(mean.cells[1].change).toBe("within");
    expect(c.options[0].worse).toEqual([]);
    const strict = compareScenarios([base, near], { materiality: { "access.hub.meanMinutes": 0.5 } });
    expect(strict.rows.find((r) => r.metric === "access.hub.meanMinutes")!.cells[1].change).toBe("worse");
    expect(compareScenarios([base, near], { materiality: { minutes: 0 } }).options[0].worse.map((t) => t.metric)).toEqual(["access.hub.meanMinutes"]);
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
    expect(thrown(() => compareScenarios([base], { rankBy: { weights: { nope: 1 } } })).issues![0].path).toBe("options.rankBy.weights.nope");
    expect(thrown(() => compareScenarios([base], { criteria: ["nope"] })).issues![0].path).toBe("options.criteria[0]");
    expect(thrown(() => compareScenarios([base], { rankBy: { weights: { "access.hub.meanMinutes": 0 } } })).code).toBe("INVALID_INPUT");
    expect(thrown(() => compareScenarios([base, null as never])).issues![0].path).toBe("results[1]");
    expect(thrown(() => compareScenarios(null as never)).code).toBe("INVALID_INPUT");
    expect(thrown(() => compareScenarios([base, result("short", 0, 0, baseZones.slice(1))]))).toBeInstanceOf(NotAlignedError);
    expect(thrown(() => compareScenarios([])).code).toBe("INVALID_INPUT");
    expect(thrown(() => compareScenarios([base], { thresholdMinute: 3 } as never)).code).toBe("INVALID_INPUT");
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 8 })])(
    "same zones give no switches nor gainers; a ranking, when asked, is a sorted permutation; the non-dominated set is never empty and nobody in it is dominated",
    (figures) => {
      const results = figures.map(([oob, mean], i) => result(`s${i}`, oob, mean, baseZones));
      const c = compareScenarios([base, ...results], { rankBy: ["capacity.outOfAreaBedDays"] });
      for (const r of c.rows) expect(r.cells[0].delta).toBe(0);
      expect(c.switches).toEqual([]);
      for (const g of c.gainersLosers) expect(g.further.population + g.nearer.population).toBe(0);
      expect(c.ranking!.order.map((o) => o.scenario).sort()).toEqual(["base", ...results.map((r) => r.scenario.id)].sort());
      const ranks = c.ranking!.order.map((o) => o.values[0]);
      for (let k = 1; k < ranks.length; k++) expect(ranks[k]).toBeGreaterThanOrEqual(ranks[k - 1]);
      expect(c.nonDominated.length).toBeGreaterThan(0);
      // oracle: brute-force Pareto over (mean minutes, bed-days), both lower-better
      const all = [base, ...results].map((r) => ({ id: r.scenario.id, m: r.metrics[0].value as number, o: r.metrics[1].value as number }));
      const dominated = (x: (typeof all)[number]) => all.some((y) => y !== x && y.m <= x.m && y.o <= x.o && (y.m < x.m || y.o < x.o));
      expect(c.nonDominated).toEqual(all.filter((x) => !dominated(x)).map((x) => x.id));
      for (const o of c.options) expect(o.nonDominated).toBe(c.nonDominated.includes(o.scenario));
    },
  );

  it("an option better on everything dominates the rest; two options trading access for overflow are both non-dominated", () => {
    const better = result("better", 100, 10, baseZones);
    expect(compareScenarios([base, better, optA]).nonDominated).toEqual(["better"]);
    const nearButFull = result("near-full", 900, 12, baseZones);
    const farButRoomy = result("far-roomy", 50, 30, baseZones);
    const c = compareScenarios([base, nearButFull, farButRoomy]);
    expect(c.nonDominated).toEqual(["base", "near-full", "far-roomy"]);
    expect(c.options[0].better.map((t) => t.metric)).toContain("access.hub.meanMinutes");
    expect(c.options[0].worse.map((t) => t.metric)).toContain("capacity.outOfAreaBedDays");
    expect(c.options[1].better.map((t) => t.metric)).toContain("capacity.outOfAreaBedDays");
    expect(c.options[1].worse.map((t) => t.metric)).toContain("access.hub.meanMinutes");
  });

  it("unknown is not zero: a null metric has its reason, no delta, no trade-off, no dominance and no rank", () => {
    const withCost = (r: ComparableResult, cost: number | null): ComparableResult => ({
      ...r,
      metrics: [...r.metrics, cost === null ? { key: "estate.runningCostPerYear", label: "Estate running cost", unit: "£/year", better: "lower", value: null, reason: "2 of 3 open sites have no runningCostPerYear" } : { key: "estate.runningCostPerYear", label: "Estate running cost", unit: "£/year", better: "lower", value: cost }],
    });
    const c = compareScenarios([withCost(base, null), withCost(optA, 3_000_000), withCost(optB, 1_000_000)], { rankBy: ["estate.runningCostPerYear"] });
    const row = c.rows.find((r) => r.metric === "estate.runningCostPerYear")!;
    expect(row.cells.map((x) => [x.value, x.delta, x.change])).toEqual([[null, null, null], [3_000_000, null, "unknown"], [1_000_000, null, "unknown"]]);
    expect(row.cells[0].reason).toBe("2 of 3 open sites have no runningCostPerYear");
    for (const o of c.options) {
      expect([...o.better, ...o.worse].map((t) => t.metric)).not.toContain("estate.runningCostPerYear");
      expect(o.unknown.map((u) => u.metric)).toEqual(["estate.runningCostPerYear"]);
    }
    expect(c.criteria.find((k) => k.metric === "estate.runningCostPerYear")).toMatchObject({ used: false, note: 'unknown for "base"' });
    expect(c.ranking!.order.map((o) => o.scenario)).toEqual(["b", "a"]);
    expect(c.ranking!.unranked).toEqual([{ scenario: "base", name: "BASE", reason: "Estate running cost is unknown: 2 of 3 open sites have no runningCostPerYear" }]);
    const md = comparisonToMarkdown(c);
    expect(md).toContain("| Estate running cost | £/year | lower | unknown | £3,000,000 | £1,000,000 |");
    expect(comparisonToCsv(c, { bom: false }).split("\n")).toContain("estate.runningCostPerYear,Estate running cost,£/year,lower,100000,base,,,,2 of 3 open sites have no runningCostPerYear");
  });
});

describe("comparison writers", () => {
  const c = compareScenarios([base, optA, optB]);
  const ranked = compareScenarios([base, optA, optB], { rankBy: ["capacity.outOfAreaBedDays", "access.hub.meanMinutes"] });

  it("comparisonToMarkdown(comparison) prints trade-offs, the side-by-side table, equity, switches and data and assumptions", () => {
    const md = comparisonToMarkdown(c, { title: "Test" });
    expect(md.startsWith("## Test\n")).toBe(true);
    expect(md).toContain("### Trade-offs against the baseline");
    expect(md).toContain("Non-dominated over Mean minutes to hub (lower is better), Out-of-area bed-days (lower is better): B.");
    expect(md).toContain("| A | no (dominated by B) | Out-of-area bed-days −400 | Mean minutes to hub +5.0; Within 45 min −5.0 pts | —");
    expect(md).toContain("| Mean minutes to hub | minutes | lower | 20.0 | 25.0 (+5.0, worse) | 18.0 (−2.0, better) |");
    expect(md).toContain("| Within 45 min | % | higher | 80.0% | 75.0% (−5.0 pts, worse) | 82.0% (+2.0 pts, better) |");
    expect(md).not.toContain("### Ranking");
    expect(md).toContain("### Data and assumptions");
    expect(comparisonToMarkdown(ranked)).toContain("| 1 | B | 100 | 18.0 | — |");
    expect(comparisonToMarkdown(ranked)).toContain("| 2 | A | 100 | 25.0 | ⚠ Mean minutes to hub worse than the baseline (+5.0 minutes);");
    expect(md).toContain("| B | further | 300 |");
    expect(md).toContain("| z3 | 300 | 9 | 30.0 | unreachable | +∞ |");
    expect(md).toContain("| A | A → B | 1 | 200 |");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("comparisonToCsv(comparison) writes long-format tables at full precision", () => {
    const withBom = comparisonToCsv(c);
    expect(withBom.startsWith("\uFEFFmetric,")).toBe(true);
    const csv = comparisonToCsv(c, { bom: false }).split("\n");
    expect(csv[0]).toBe("metric,label,unit,better,materiality,scenario,value,delta,change,reason");
    expect(csv[1]).toBe("access.hub.meanMinutes,Mean minutes to hub,minutes,lower,1,base,20,0,,");
    expect(csv[2]).toBe("access.hub.meanMinutes,Mean minutes to hub,minutes,lower,1,a,25,5,worse,");
    expect(csv.length).toBe(1 + 3 * 3 + 1);
    expect(comparisonToCsv(c, { table: "switches", bom: false })).toBe("scenario,zone,from,to,population\na,z2,A,B,200\nb,z1,A,C,100\nb,z3,B,,300\n");
    expect(comparisonToCsv(ranked, { table: "ranking", bom: false }).split("\n")[1]).toBe("1,b,B,false,100,18,,");
    expect(comparisonToCsv(c, { table: "tradeOffs", bom: false }).split("\n")[1]).toBe("a,false,better,capacity.outOfAreaBedDays,Out-of-area bed-days,bed-days/year,500,100,-400,365");
    expect(thrown(() => comparisonToCsv(c, { table: "ranking" })).issues![0].path).toBe("options.table");
    expect(comparisonToCsv(c, { table: "gainersLosers", bom: false }).split("\n")[2]).toBe("b,z3,300,9,30,Infinity,Infinity");
    expect(thrown(() => comparisonToCsv(c, { table: "zones" } as never)).code).toBe("INVALID_INPUT");
  });
});
