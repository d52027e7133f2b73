/**
 * Kent & Medway redesign options, compared side by side (`npx tsx examples/kent-medway-redesign.ts`).
 *
 * The baseline is today's network from `kentMedway()`: three KMPT inpatient hubs and 20
 * community mental health team (CMHT) bases on OpenStreetMap roads, 1,107 LSOAs. Options:
 *   1. consolidate to two hubs (St Martin's closes; its beds and spokes move to Priority House);
 *   2. move the Maidstone hub to Kings Hill;
 *   3. add a fourth hub at Medway Maritime Hospital for the Medway CMHTs;
 *   4. add older-adult and PICU beds (east Kent) versus
 *   5. add community capacity (+25 % CMHT staff, +1 crisis slot a day at every base);
 *   6. one community base per district (today's bases consolidated, staff pooled);
 *   7. 10 % demand growth on today's network (sensitivity).
 * Ranked by the library's default criterion (fewest out-of-area bed-days, then shortest mean
 * minutes to a hub). Writes to `out/`: the comparison as Markdown and CSV (metrics, ranking,
 * gainers/losers, switches), zones with each option's hub and minutes as GeoJSON, every
 * scenario as a JSON file, and the scenario JSON Schema.
 *
 * ASSUMPTIONS (the open data has no staffing, crisis slots or running costs for KMPT sites):
 * 12 WTE and 3 crisis slots a day per CMHT base, £250,000 a year per CMHT base and £6m a year
 * per inpatient hub. They are applied as a scenario ("assumed figures") on top of the data so
 * that they are visible, versioned and easy to replace with real figures.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringifyGeoJSON } from "../src/io/index.js";
import { kentMedway } from "../src/kent-medway/index.js";
import type { ServiceNetwork } from "../src/model/index.js";
import { createRouter } from "../src/routing/index.js";
import {
  applyScenario,
  compareScenarios,
  comparisonToCsv,
  comparisonToMarkdown,
  createScenarioCache,
  evaluate,
  scenarioJsonSchema,
  uncertainty,
  type ChangeInput,
  type ScenarioInput,
  type ScenarioResult,
  dataAndAssumptions,
} from "../src/scenario/index.js";

const WTE_PER_BASE = 12;
const CRISIS_SLOTS_PER_BASE = 3;
const BASE_COST = 250_000;
const HUB_COST = 6_000_000;

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "..", "out");
mkdirSync(resolve(out, "scenarios"), { recursive: true });

const t0 = performance.now();
const data = kentMedway();
const spokes = data.sites.filter((s) => s.kind === "spoke");
const hubs = data.sites.filter((s) => s.kind === "hub");

// Stated assumptions, applied as a scenario so they are visible and replaceable.
const assumedFigures: ScenarioInput = {
  id: "assumed-figures",
  name: "Assumed staffing, crisis slots and running costs",
  description: `ASSUMPTIONS: ${WTE_PER_BASE} WTE and ${CRISIS_SLOTS_PER_BASE} crisis slots/day per CMHT base; £${BASE_COST.toLocaleString("en-GB")}/year per base; £${HUB_COST.toLocaleString("en-GB")}/year per hub.`,
  changes: [
    ...spokes.flatMap((s): ChangeInput[] => [
      { type: "setStaffing", siteId: s.id, staffWte: s.staffWte ?? WTE_PER_BASE, note: "assumption" },
      { type: "setCrisisSlots", siteId: s.id, crisisSlotsPerDay: s.crisisSlotsPerDay ?? CRISIS_SLOTS_PER_BASE, note: "assumption" },
      { type: "setRunningCost", siteId: s.id, runningCostPerYear: s.runningCostPerYear ?? BASE_COST, note: "assumption" },
    ]),
    ...hubs.map((h): ChangeInput => ({ type: "setRunningCost", siteId: h.id, runningCostPerYear: h.runningCostPerYear ?? HUB_COST, note: "assumption" })),
  ],
};
const network: ServiceNetwork = applyScenario(data, assumedFigures);

// One base per district: keep the first base listed in each district, pool staff and slots there.
const byDistrict = new Map<string, typeof spokes>();
for (const s of spokes) byDistrict.set(s.district ?? s.id, [...(byDistrict.get(s.district ?? s.id) ?? []), s]);
const oneBaseChanges: ChangeInput[] = [];
for (const [district, bases] of byDistrict) {
  if (bases.length < 2) continue;
  const [keep, ...close] = bases;
  oneBaseChanges.push(
    { type: "setStaffing", siteId: keep.id, staffWte: WTE_PER_BASE * bases.length, note: `${district}: staff of ${bases.length} bases pooled` },
    { type: "setCrisisSlots", siteId: keep.id, crisisSlotsPerDay: CRISIS_SLOTS_PER_BASE * bases.length },
    ...close.map((c): ChangeInput => ({ type: "closeSite", siteId: c.id, note: `${district}: consolidated into ${keep.name}` })),
  );
}

const baseline: ScenarioInput = { id: "baseline", name: "Today", description: "Three hubs, 20 CMHT bases (with the assumed figures)." };
const options: ScenarioInput[] = [
  {
    id: "two-hubs",
    name: "Two hubs",
    description: "St Martin's (Canterbury) closes; its beds move to Priority House (Maidstone) and its spokes refer there.",
    changes: [
      { type: "setBeds", siteId: "hub-maidstone", beds: { adultAcute: 56, olderAdult: 18 }, mode: "add" },
      { type: "closeSite", siteId: "hub-canterbury", reassignSpokesTo: "hub-maidstone" },
    ],
  },
  {
    id: "move-maidstone",
    name: "Maidstone hub to Kings Hill",
    description: "Priority House's inpatient service moves to the Kings Hill site (same beds).",
    changes: [{ type: "moveSite", siteId: "hub-maidstone", location: [0.398294, 51.279244] }],
  },
  {
    id: "medway-hub",
    name: "Fourth hub in Medway",
    description: "A 20-bed adult acute and 6-bed older-adult unit at Medway Maritime Hospital; the Medway CMHTs refer there.",
    changes: [
      { type: "openSite", siteId: "cand-rpa02", as: "hub" },
      { type: "setBeds", siteId: "cand-rpa02", beds: { adultAcute: 20, olderAdult: 6 } },
      { type: "setRunningCost", siteId: "cand-rpa02", runningCostPerYear: 3_000_000, note: "assumption: half a hub's cost" },
      { type: "reassignSpoke", siteId: "cmht_me46dq", hub: "cand-rpa02" },
      { type: "reassignSpoke", siteId: "cmht_me74pf", hub: "cand-rpa02" },
    ],
  },
  {
    id: "add-beds",
    name: "Add beds",
    description: "+6 older-adult beds at St Martin's and Little Brook, +6 PICU beds at St Martin's.",
    changes: [
      { type: "setBeds", siteId: "hub-canterbury", beds: { olderAdult: 6, pici: 6 }, mode: "add" },
      { type: "setBeds", siteId: "hub-dartford", beds: { olderAdult: 6 }, mode: "add" },
      { type: "setRunningCost", siteId: "hub-canterbury", runningCostPerYear: HUB_COST + 1_500_000, note: "assumption: £125k per bed-year" },
      { type: "setRunningCost", siteId: "hub-dartford", runningCostPerYear: HUB_COST + 750_000, note: "assumption: £125k per bed-year" },
    ],
  },
  {
    id: "add-community",
    name: "Add community capacity",
    description: "+25 % CMHT staff and one more crisis slot a day at every base.",
    changes: spokes.flatMap((s): ChangeInput[] => [
      { type: "setStaffing", siteId: s.id, staffWte: WTE_PER_BASE * 1.25 },
      { type: "setCrisisSlots", siteId: s.id, crisisSlotsPerDay: CRISIS_SLOTS_PER_BASE + 1 },
      { type: "setRunningCost", siteId: s.id, runningCostPerYear: BASE_COST + 3 * 55_000, note: "assumption: £55k per WTE" },
    ]),
  },
  {
    id: "one-base-per-district",
    name: "One community base per district",
    description: "Districts with two CMHT bases keep one; staff and crisis slots are pooled there.",
    changes: oneBaseChanges,
  },
  {
    id: "demand-growth",
    name: "Demand +10 % (today's network)",
    description: "Sensitivity: population-driven demand 10 % higher everywhere, no service change.",
    changes: [{ type: "scaleDemand", factor: 1.1 }],
  },
];

const cache = createScenarioCache(createRouter(network.graph!));
const results: ScenarioResult[] = [];
for (const s of [baseline, ...options]) {
  const t = performance.now();
  results.push(evaluate(network, s, { cache }));
  process.stdout.write(`evaluated ${s.id.padEnd(24)} ${(performance.now() - t).toFixed(0).padStart(6)} ms\n`);
}
const comparison = compareScenarios(results, { baseline: "baseline", thresholdMinutes: 10 });

// the community question: today's bases vs one per district, on patient access, staff travel and estate cost
const community = compareScenarios(
  results.filter((r) => r.scenario.id === "baseline" || r.scenario.id === "one-base-per-district"),
  { baseline: "baseline", measure: "spoke", thresholdMinutes: 10, rankBy: ["community.staffTravelShare", "access.spoke.meanMinutes"] },
);
const communityKeys = new Set([
  "access.spoke.meanMinutes",
  "access.spoke.p90Minutes",
  "access.spoke.within30",
  "community.patientMinutesPerClinicContact",
  "community.staffTravelShare",
  "community.staffTravelMinutesPerWeek",
  "community.caseloadPerWte",
  "community.contactShortfall",
  "community.crisisShortfallProbability",
  "estate.runningCostPerYear",
  "estate.openSpokes",
]);
const communityView = { ...community, rows: community.rows.filter((r) => communityKeys.has(r.metric)) };

const draws = Number(process.env.HUBSPOKE_DRAWS ?? 10);
// no single winner: the uncertainty runs on the first non-dominated option
const top = comparison.options.find((o) => o.nonDominated) ?? comparison.options[0];
const intervals = [baseline, options.find((o) => o.id === top.scenario)!].map((s) => uncertainty(network, s, { cache, draws, seed: 2026 }));
const uncertaintyLines = [
  `### Uncertainty (${draws} seeded draws, 90 % intervals; demand cv 0.05, length of stay cv 0.10, travel time cv 0.10)`,
  "",
  "| Scenario | Beds needed | Out-of-area bed-days/year | Out-of-area admissions/year | Mean minutes to hub |",
  "|:---|---:|---:|---:|---:|",
  ...intervals.map((u) => {
    const f = (key: string, digits = 0) => {
      const i = u.intervals.find((x) => x.key === key)!;
      return `${i.median.toFixed(digits)} (${i.low.toFixed(digits)}–${i.high.toFixed(digits)})`;
    };
    return `| ${u.scenario.name} | ${f("capacity.bedsNeeded")} | ${f("capacity.outOfAreaBedDays")} | ${f("capacity.outOfAreaAdmissions")} | ${f("access.hub.meanMinutes", 1)} |`;
  }),
  "",
];

const sources = dataAndAssumptions(network, results);
const markdown = [
  comparisonToMarkdown(comparison, { title: "Kent & Medway redesign options", sources }),
  comparisonToMarkdown(communityView, { title: "Community bases: today vs one per district", maxZones: 5, sources }),
  uncertaintyLines.join("\n"),
  `${assumedFigures.description}\n`,
].join("\n");
process.stdout.write(`\n${markdown}`);

writeFileSync(resolve(out, "redesign-comparison.md"), markdown);
writeFileSync(resolve(out, "redesign-comparison.csv"), comparisonToCsv(comparison));
writeFileSync(resolve(out, "redesign-trade-offs.csv"), comparisonToCsv(comparison, { table: "tradeOffs" }));
writeFileSync(resolve(out, "redesign-gainers-losers.csv"), comparisonToCsv(comparison, { table: "gainersLosers" }));
writeFileSync(resolve(out, "redesign-switches.csv"), comparisonToCsv(comparison, { table: "switches" }));
writeFileSync(resolve(out, "scenario.schema.json"), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
for (const s of [assumedFigures, baseline, ...options]) {
  writeFileSync(resolve(out, "scenarios", `${s.id}.json`), `${JSON.stringify({ $schema: "../scenario.schema.json", ...s }, null, 2)}\n`);
}

// zones with the baseline's and every option's hub and minutes (null = unreachable)
const finite = (m: number) => (Number.isFinite(m) ? Math.round(m * 10) / 10 : null);
const features = network.zones.map((z, i) => {
  const properties: Record<string, unknown> = { id: z.id, name: z.name, population: z.population, imdDecile: z.imdDecile ?? null, district: z.district ?? null };
  for (const r of results) {
    const zo = r.zones[i];
    properties[`${r.scenario.id}.hub`] = zo.hub;
    properties[`${r.scenario.id}.hubMinutes`] = finite(zo.hubMinutes);
    properties[`${r.scenario.id}.spokeMinutes`] = finite(zo.spokeMinutes);
  }
  return { type: "Feature" as const, id: z.id, geometry: z.geometry ?? { type: "Point" as const, coordinates: [...z.location] }, properties };
});
// RFC 7946: counter-clockwise outer rings, at most 6 decimals
writeFileSync(resolve(out, "redesign-zones.geojson"), stringifyGeoJSON({ type: "FeatureCollection", features }, { indent: 0 }));
process.stdout.write(`\nwrote out/redesign-*.{md,csv,geojson}, out/scenarios/*.json, out/scenario.schema.json in ${((performance.now() - t0) / 1000).toFixed(1)} s (cache: ${JSON.stringify(cache.stats())})\n`);
