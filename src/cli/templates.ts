// Starter files for `hubspoke init`: a tiny example area that runs as it is, for a planner to
// replace row by row. The assumptions template is also shipped, with comments, as
// templates/assumptions.jsonc (tests check the file matches renderAssumptionsTemplate()).

/** Example sites: two inpatient hubs, two community bases, one candidate (columns the CLI reads). */
export const SITES_TEMPLATE = `id,name,kind,lon,lat,hub,status,beds_adultAcute,beds_olderAdult,beds_picu,staff_wte,crisis_slots_per_day,running_cost_per_year,source
hub-north,Example North Hospital,hub,0.000,51.000,,open,20,8,4,,,6000000,example row: replace with your site
hub-south,Example South Hospital,hub,0.040,51.000,,open,16,6,0,,,5000000,example row: replace with your site
cmht-north,Example North CMHT,spoke,0.010,51.001,hub-north,open,,,,12,3,250000,example row: replace with your site
cmht-south,Example South CMHT,spoke,0.030,51.001,hub-south,open,,,,10,2,250000,example row: replace with your site
cand-central,Example central candidate site,candidate,0.020,51.001,,open,,,,,,,example row: a site you might open
`;

/** Example zones with ONS-style headers (LSOA code and name, LAD, IMD decile, rural-urban class). */
export const ZONES_TEMPLATE = `LSOA21CD,LSOA21NM,lon,lat,population,LAD24NM,Index of Multiple Deprivation (IMD) Decile,RUC21NM,households,households_no_car
X00000001,Example zone 1,0.000,51.002,1600,Example North,2,Urban: Nearer to a major town or city,700,180
X00000002,Example zone 2,0.010,51.002,1800,Example North,5,Urban: Nearer to a major town or city,760,120
X00000003,Example zone 3,0.030,51.002,1500,Example South,8,Larger rural: Nearer to a major town or city,620,40
X00000004,Example zone 4,0.040,51.002,1400,Example South,9,Smaller rural: Nearer to a major town or city,600,30
`;

/** Example roads as OpenStreetMap-style GeoJSON (LineStrings with `highway` tags). */
export const ROADS_TEMPLATE = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { highway: "primary", name: "Example Road" }, geometry: { type: "LineString", coordinates: [[0, 51.001], [0.01, 51.001], [0.02, 51.001]] } },
    { type: "Feature", properties: { highway: "secondary", name: "Example Lane" }, geometry: { type: "LineString", coordinates: [[0.02, 51.001], [0.03, 51.001], [0.04, 51.001]] } },
    { type: "Feature", properties: { highway: "residential" }, geometry: { type: "LineString", coordinates: [[0, 51.001], [0, 51.002]] } },
    { type: "Feature", properties: { highway: "residential" }, geometry: { type: "LineString", coordinates: [[0.04, 51.001], [0.04, 51.002]] } },
  ],
};

/** An example redesign option. */
export const SCENARIO_TEMPLATE = {
  id: "open-central",
  name: "Open the central candidate as a hub",
  description: "Example option: replace with your own changes (see docs/scenarios.md for every change type).",
  changes: [
    { type: "openSite", siteId: "cand-central", as: "hub" },
    { type: "setBeds", siteId: "cand-central", beds: { adultAcute: 10 } },
    { type: "setRunningCost", siteId: "cand-central", runningCostPerYear: 3000000, note: "assumption: half a hub's running cost" },
  ],
};

const NHSBN = "NHS Benchmarking Network mental health inpatient benchmarking";

/** Every figure the capacity models read, each with its source; `assumption: true` where it is one. */
export const ASSUMPTIONS_TEMPLATE = {
  wards: {
    adultAcute: {
      label: "Adult acute (working age)",
      admissionsPer100kPerYear: { value: 75, source: `assumption: order of magnitude of ${NHSBN} (adult acute admissions about 70-80 per 100,000 population a year); replace with your trust's MHSDS figure`, assumption: true },
      meanLengthOfStayDays: { value: 35, source: `assumption: order of magnitude of ${NHSBN} (mean length of stay about 35 days excluding leave)`, assumption: true },
    },
    olderAdult: {
      label: "Older adult (functional and organic)",
      admissionsPer100kPerYear: { value: 15, source: `assumption: about a fifth of adult acute per head of the whole population (${NHSBN}, order of magnitude)`, assumption: true },
      meanLengthOfStayDays: { value: 65, source: `assumption: about two months (${NHSBN}, order of magnitude)`, assumption: true },
    },
    picu: {
      label: "Psychiatric intensive care (PICU)",
      admissionsPer100kPerYear: { value: 8, source: `assumption: about 10% of adult acute admissions (${NHSBN}, order of magnitude)`, assumption: true },
      meanLengthOfStayDays: { value: 30, source: `assumption: about one month (${NHSBN}, order of magnitude)`, assumption: true },
    },
  },
  targetOccupancy: {
    value: 0.85,
    source: "Royal College of Psychiatrists: mental health bed occupancy should not exceed 85% (RCPsych / Strategy Unit, Exploring mental health inpatient capacity, 2019)",
    assumption: false,
  },
  targetBlocking: {
    value: 0.05,
    source: "assumption: planning standard of a 5% chance that an admission finds no bed (Erlang-B); used before targetOccupancy",
    assumption: true,
  },
  community: {
    caseloadPer1000: { value: 8, source: "assumption: order of magnitude of MHSDS people in contact with adult community mental health teams", assumption: true },
    referralsPer1000PerYear: { value: 12, source: "assumption: order of magnitude of MHSDS referrals accepted by adult community teams", assumption: true },
    contactsPerWtePerWeek: { value: 15, source: "assumption: clinical contacts per clinical WTE per week after travel, supervision and admin", assumption: true },
    maxDaysBetweenContacts: { value: 28, source: "assumption: everyone on a caseload seen at least every 4 weeks", assumption: true },
    homeVisitShare: { value: 0.3, source: "assumption: 30% of community contacts are home visits", assumption: true },
    crisisContactsPerDayPer100k: { value: 3, source: "assumption: order of magnitude of NHS Benchmarking Network crisis team activity", assumption: true },
    crisisShortfallTarget: { value: 0.05, source: "assumption: crisis slots sized so demand exceeds them on at most 5% of days", assumption: true },
    homeVisitMinutes: { value: 60, source: "assumption: one hour face to face per home visit, excluding travel", assumption: true },
  },
  outOfArea: {
    name: "Out of area placement",
    costPerBedDay: { value: 600, source: "assumption: order of magnitude of independent-sector acute placements (NHS England out-of-area placement returns, GIRFT)", assumption: true },
    minutes: { value: 120, source: "assumption: placements typically about two hours' drive away", assumption: true },
  },
};

/** Comments for the commented template, keyed by dotted path. */
const COMMENTS: Readonly<Record<string, string>> = {
  "": "hubspoke assumptions. Every figure is { \"value\": …, \"source\": \"where it comes from\", \"assumption\": true|false }.\nReplace the values with your own and cite where each comes from. Field by field guide: docs/assumptions.md.\nJSON Schema: assumptionsJsonSchema() (import { assumptionsJsonSchema } from \"hubspoke\").",
  wards: "Ward types, keyed by the names used in the sites file's beds_<ward> columns (beds_adultAcute, …).\nRemove a ward type you do not plan; add one with the same three fields.",
  "wards.adultAcute.admissionsPer100kPerYear": "Admissions per 100,000 population (all ages) per year. Find it: MHSDS admissions ÷ population, or NHS Benchmarking Network.",
  "wards.adultAcute.meanLengthOfStayDays": "Mean length of stay in days, excluding leave (MHSDS or NHS Benchmarking Network).",
  targetOccupancy: "Bed target, occupancy form: the smallest bed count whose mean occupancy (of admitted patients) is at most this.\nWith few beds it can accept a high chance of finding no bed; targetBlocking below caps that chance, and wins when both are set.",
  targetBlocking: "Bed target, blocking form: the chance an admission finds every bed full (Erlang-B). Delete it to plan on occupancy alone.",
  community: "Community (spoke) rates; delete this block if you plan inpatient beds only.",
  outOfArea: "Where overflow goes when local beds are full: its cost per bed-day (£) and typical travel minutes.",
};

/** The assumptions template as JSON with `//` comments (the packaged templates/assumptions.jsonc). */
export function renderAssumptionsTemplate(): string {
  const lines: string[] = [];
  const comment = (path: string, indent: string) => {
    const text = COMMENTS[path];
    if (text !== undefined) for (const line of text.split("\n")) lines.push(`${indent}// ${line}`);
  };
  const walk = (value: unknown, path: string, indent: string, key: string | null, last: boolean) => {
    const prefix = key === null ? indent : `${indent}${JSON.stringify(key)}: `;
    const comma = last ? "" : ",";
    const isFigure = value !== null && typeof value === "object" && "value" in value;
    if (value === null || typeof value !== "object") {
      lines.push(`${prefix}${JSON.stringify(value)}${comma}`);
      return;
    }
    if (isFigure) {
      lines.push(`${prefix}{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }${comma}`);
      return;
    }
    lines.push(`${prefix}{`);
    const entries = Object.entries(value);
    entries.forEach(([k, v], n) => {
      const childPath = path === "" ? k : `${path}.${k}`;
      comment(childPath, `${indent}  `);
      walk(v, childPath, `${indent}  `, k, n === entries.length - 1);
    });
    lines.push(`${indent}}${comma}`);
  };
  comment("", "");
  walk(ASSUMPTIONS_TEMPLATE, "", "", null, true);
  return `${lines.join("\n")}\n`;
}
