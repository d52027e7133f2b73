/**
 * Site options for a fourth inpatient hub in Kent & Medway: a worked exploration.
 *
 * For every candidate site, add it to the three existing hubs and measure the
 * population-weighted mean and 90th-percentile minutes by road from each LSOA to its nearest
 * hub, and the share of people within 30 minutes. Rank the options and draw the best one.
 *
 * Runs as a plain script (`node --import tsx examples/notebook/site-options.ts`) and, cell by cell, in the Deno Jupyter notebook site-options.ipynb, which
 * imports the same package from npm and shows the SVG map inline.
 */
// The notebook imports these from npm ("npm:hubspoke"); the script imports the same code from the source tree.
import { createRouter, renderSvgMap, type CostMatrix, type ServiceNetwork } from "../../src/index.js";
import { kentMedway } from "../../src/kent-medway/index.js";

export interface SiteOption {
  candidate: string;
  name: string;
  meanMinutes: number;
  p90Minutes: number;
  shareWithin30: number;
  /** Mean minutes saved against the three-hub baseline. */
  savedMinutes: number;
}

/** Population-weighted mean, p90 and share ≤ 30 min of each row's minimum over `columns`. */
function accessFor(matrix: CostMatrix, population: readonly number[], columns: readonly number[]) {
  const cols = matrix.destinations.length;
  const best = population.map((_, i) => Math.min(...columns.map((j) => matrix.minutes[i * cols + j])));
  const total = population.reduce((a, b) => a + b, 0);
  const mean = best.reduce((a, m, i) => a + m * population[i], 0) / total;
  const within = best.reduce((a, m, i) => a + (m <= 30 ? population[i] : 0), 0) / total;
  const order = best.map((m, i) => [m, population[i]] as const).sort((a, b) => a[0] - b[0]);
  let acc = 0;
  let p90 = Infinity;
  for (const [m, p] of order) if ((acc += p) >= 0.9 * total) { p90 = m; break; }
  return { best, mean, p90, within };
}

export function exploreSiteOptions(network: ServiceNetwork = kentMedway()) {
  const router = createRouter(network.graph!);
  const hubs = network.sites.filter((s) => s.kind === "hub" && s.status === "open");
  const candidates = network.sites.filter((s) => s.kind === "candidate");
  // One matrix for everything: zones × (hubs + candidates); each option is a column subset.
  const matrix = router.travelTimes(network.zones, [...hubs, ...candidates]);
  const population = network.zones.map((z) => z.population);
  const hubCols = hubs.map((_, j) => j);
  const baseline = accessFor(matrix, population, hubCols);
  const raw = candidates.map((c, k) => ({ c, a: accessFor(matrix, population, [...hubCols, hubs.length + k]) }));
  // Rank on unrounded means; ties by id, so the order is deterministic.
  raw.sort((x, y) => x.a.mean - y.a.mean || x.c.id.localeCompare(y.c.id));
  const options: SiteOption[] = raw.map(({ c, a }) => {
    return {
      candidate: c.id,
      name: c.name,
      meanMinutes: Math.round(a.mean * 10) / 10,
      p90Minutes: Math.round(a.p90 * 10) / 10,
      shareWithin30: Math.round(a.within * 1000) / 1000,
      savedMinutes: Math.round((baseline.mean - a.mean) * 100) / 100,
    };
  });
  const best = candidates.find((c) => c.id === options[0].candidate)!;
  const withBest = [...hubs, { ...best, kind: "hub" as const }];
  const nearest = router.nearest(network.zones, withBest);
  const sites = network.sites.map((s) => (s.id === best.id ? { ...s, kind: "hub" as const } : s)).filter((s) => s.kind !== "candidate" || s.id === best.id);
  const svg = renderSvgMap({ sites, zones: network.zones }, { assignments: nearest }, { title: `A fourth hub at ${best.name}: nearest hub by road`, colourBy: "hub" });
  return {
    baseline: { meanMinutes: Math.round(baseline.mean * 10) / 10, p90Minutes: Math.round(baseline.p90 * 10) / 10, shareWithin30: Math.round(baseline.within * 1000) / 1000 },
    options,
    svg,
  };
}

// Plain-script entry: print the ranking and write the map.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const result = exploreSiteOptions();
  const lines = [
    `Baseline (3 hubs): mean ${result.baseline.meanMinutes} min, p90 ${result.baseline.p90Minutes} min, ${(result.baseline.shareWithin30 * 100).toFixed(1)}% within 30 min`,
    "",
    "rank  candidate                      mean  p90  ≤30 min  saved",
    ...result.options.slice(0, 10).map((o, i) => `${String(i + 1).padStart(4)}  ${o.name.slice(0, 28).padEnd(28)}  ${o.meanMinutes.toFixed(1).padStart(5)}  ${o.p90Minutes.toFixed(1).padStart(4)}  ${(o.shareWithin30 * 100).toFixed(1).padStart(6)}%  ${o.savedMinutes.toFixed(2).padStart(5)}`),
  ];
  mkdirSync("out", { recursive: true });
  writeFileSync("out/site-options.svg", result.svg);
  process.stdout.write(`${lines.join("\n")}\n\nMap: out/site-options.svg\n`);
}
