// The HTML comparison opened in headless Chromium (Debian's `chromium`, installed by .ci/run):
// the maps, the gainers/losers chart and the data attribution are present and visible.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { applyScenario, compareScenarios, comparisonToHtml, createServiceNetwork, dataAndAssumptions, evaluate, renderSvgMap } from "../../src/index.js";
import { testAssumptions, testGraph, testSites, testZones } from "../support/scenario-fixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

function report(): string {
  const network = createServiceNetwork({
    sites: structuredClone(testSites),
    zones: structuredClone(testZones),
    assumptions: structuredClone(testAssumptions),
    graph: testGraph(),
    metadata: { name: "Test line", attribution: ["© OpenStreetMap contributors, ODbL (test roads)."] },
  });
  const scenarios = [
    { id: "baseline", name: "Baseline", changes: [] },
    { id: "close-b", name: "Close hub B", changes: [{ type: "closeSite" as const, siteId: "hub-b", reassignSpokesTo: "hub-a" }] },
  ];
  const results = scenarios.map((s) => evaluate(network, s));
  const comparison = compareScenarios(results, { thresholdMinutes: 1 });
  const maps = results.map((r, k) => ({ heading: `Map: ${r.scenario.name}`, svg: renderSvgMap(applyScenario(network, scenarios[k]), { assignments: r.zones.map((z) => ({ zone: z.zone, site: z.hub, minutes: z.hubMinutes })) }, { title: r.scenario.name }) }));
  const change = results[1].zones.map((z, i) => ({ zone: z.zone, deltaMinutes: z.hubMinutes - results[0].zones[i].hubMinutes }));
  maps.push({ heading: "Change map: Close hub B", svg: renderSvgMap(applyScenario(network, scenarios[1]), { change }, { colourBy: "change", title: "Change in minutes" }) });
  return comparisonToHtml(comparison, { maps, sources: dataAndAssumptions(network, results) });
}

describe("comparisonToHtml in a browser", () => {
  it.runIf(haveChromium || process.env.CI === "true")("maps, the gainers/losers chart and the attribution are present and visible", async () => {
    const html = report();
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("requestfailed", (r) => errors.push(`request ${r.url()}`));
      await page.setContent(html, { waitUntil: "load" });
      expect(errors).toEqual([]);
      // three maps (two scenarios, one change map) and one chart, each drawn with a real size
      const figures = page.locator("figure svg");
      expect(await figures.count()).toBe(4);
      for (let k = 0; k < 4; k++) {
        await figures.nth(k).scrollIntoViewIfNeeded();
        expect(await figures.nth(k).isVisible()).toBe(true);
        const box = await figures.nth(k).boundingBox();
        expect(box!.width).toBeGreaterThan(300);
        expect(box!.height).toBeGreaterThan(150);
      }
      const chart = page.locator("svg.gainers-losers");
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.locator("rect.bar.further").count()).toBe(10);
      // the change map fills zones on the diverging scale and says so in its legend
      expect(await page.locator("figure svg").nth(2).locator("#legend").textContent()).toContain("min further");
      // data attribution: in the report's "Data and assumptions" section and at the foot of every map
      const section = page.locator("#data-and-assumptions");
      await section.scrollIntoViewIfNeeded();
      expect(await section.isVisible()).toBe(true);
      expect(await section.textContent()).toContain("© OpenStreetMap contributors, ODbL (test roads).");
      const mapAttribution = page.locator("figure svg #attribution");
      expect(await mapAttribution.count()).toBe(3);
      expect(await mapAttribution.first().isVisible()).toBe(true);
      expect(await page.getByRole("heading", { name: "Assumptions", exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole("heading", { name: "Provenance", exact: true }).isVisible()).toBe(true);
      if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
