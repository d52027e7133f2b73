import { DOMParser } from "@xmldom/xmldom";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { comparisonToHtml } from "../../src/io/index.js";
import { compareScenarios } from "../../src/scenario/index.js";
import type { ComparableResult } from "../../src/scenario/index.js";

function result(id: string, name: string, mean: number, hubs: (string | null)[], minutes: number[]): ComparableResult {
  return {
    scenario: { id, name },
    metrics: [
      { key: "access.hub.meanMinutes", label: "Mean minutes to nearest hub", unit: "minutes", better: "lower", value: mean },
      { key: "capacity.outOfAreaBedDays", label: "Out-of-area bed-days", unit: "bed-days", better: "lower", value: 100 * mean },
    ],
    zones: hubs.map((hub, i) => ({ zone: `z${i}`, population: 1000 * (i + 1), imdDecile: (i % 10) + 1, district: null, urbanRural: null, hub, hubMinutes: minutes[i], spoke: null, spokeMinutes: Infinity, hierarchicalHub: null })),
  } as unknown as ComparableResult;
}

const base = result("baseline", "Baseline", 20, ["hA", "hB", "hB"], [10, 20, 30]);
const option = result("close-b", "Close B <hub>", 35, ["hA", "hA", null], [10, 45, Infinity]);
const comparison = compareScenarios([base, option], { baseline: "baseline", thresholdMinutes: 5 });

function body(html: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (l, m) => errors.push(`${l}: ${m}`) }).parseFromString(html.slice(html.indexOf("<main>"), html.indexOf("</main>") + 7), "text/xml");
  expect(errors).toEqual([]);
  return doc;
}

describe("comparisonToHtml", () => {
  it("comparisonToHtml(comparison) shows trade-offs, values with deltas, gainers/losers with a chart, switches and data and assumptions; no ranking unless asked", () => {
    const html = comparisonToHtml(comparison, { siteNames: { hA: "Hub A", hB: "Hub B" }, footer: ["source: test"] });
    expect(html).not.toMatch(/<script|src="http|href="http/);
    const doc = body(html);
    const headings = Array.from(doc.getElementsByTagName("h2")).map((h) => h.textContent);
    expect(headings).toEqual(expect.arrayContaining(["Trade-offs against the baseline", "Metrics", "Gainers and losers", "Who gains and who loses: Close B <hub>", "Catchment switches", "Data and assumptions", "Warnings"]));
    expect(headings).not.toContain("Ranking (as asked)");
    const cells = Array.from(doc.getElementsByTagName("td")).map((t) => t.textContent);
    expect(cells).toContain("35.0 (+15.0, worse)");
    expect(cells).toContain("Close B <hub>");
    expect(cells).toContain("no (dominated by Baseline)");
    expect(cells).toContain("Hub B → Hub A");
    expect(cells).toContain("Hub B → none");
    expect(doc.getElementsByTagName("svg").length).toBe(1); // the gainers/losers chart
  });

  it("comparisonToHtml(ranked comparison) shows the ranking with its criterion and cautions", () => {
    const ranked = compareScenarios([base, option], { baseline: "baseline", rankBy: { weights: { "capacity.outOfAreaBedDays": 1 } } });
    const doc = body(comparisonToHtml(ranked));
    const section = Array.from(doc.getElementsByTagName("section")).find((s) => s.getElementsByTagName("h2")[0].textContent === "Ranking (as asked)")!;
    const cells = Array.from(section.getElementsByTagName("td")).map((t) => t.textContent);
    expect(cells.slice(0, 2)).toEqual(["1", "Baseline (baseline)"]);
    expect(cells).toContain("⚠ Mean minutes to nearest hub worse than the baseline (+15.0 minutes)");
  });

  it("rejects a map that is not SVG", () => {
    expect(() => comparisonToHtml(comparison, { maps: [{ heading: "x", svg: "<img>" }] })).toThrowError(InvalidInputError);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 3, maxLength: 3 })])("any minutes render to a well-formed report with one row per metric", (mins) => {
    const c = compareScenarios([base, result("o", "O", mins[0], ["hA", "hB", "hA"], mins)], { baseline: "baseline" });
    const doc = body(comparisonToHtml(c));
    expect(doc.getElementsByTagName("table")[1].getElementsByTagName("tbody")[0].getElementsByTagName("tr")).toHaveLength(c.rows.length);
  });
});
