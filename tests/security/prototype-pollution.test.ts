// Every key, path and id that comes from a file, set to "__proto__", "constructor" and
// "prototype": Object.prototype must stay untouched, and the result must be either correct
// (an id is just a string) or a coded error naming the path. Never a silent drop, never a
// TypeError.
import { afterEach, describe, expect, it } from "vitest";
import {
  HubspokeError,
  applyScenario,
  compareScenarios,
  createCostMatrix,
  createServiceNetwork,
  demandByZone,
  evaluate,
  nearestSites,
  parseAssumptions,
  parseOdTable,
  parseScenario,
  parseSitesCsv,
  parseSitesGeoJSON,
  parseZonesCsv,
  parseZonesGeoJSON,
  toCsv,
} from "../../src/index.js";
import { testAssumptions, testNetwork, testSites, testZones } from "../support/scenario-fixtures.js";

const NAMES = ["__proto__", "constructor", "prototype"] as const;

/** Nothing was written to Object.prototype (or Array.prototype) by anything so far. */
function prototypeClean(): boolean {
  const probe: Record<string, unknown> = {};
  return Object.keys(Object.prototype).length === 0 && Object.keys(Array.prototype).length === 0 && probe.polluted === undefined && probe.x === undefined && typeof probe.constructor === "function";
}

/** Either the call's value, or its coded error; a TypeError (or any other class) fails the test. */
function outcome<T>(fn: () => T): { value: T } | { error: HubspokeError } {
  try {
    return { value: fn() };
  } catch (e) {
    if (e instanceof HubspokeError) return { error: e };
    throw e;
  }
}

afterEach(() => {
  expect(prototypeClean()).toBe(true);
});

describe.each(NAMES)("ids and keys from files named %s", (name) => {
  it("a site id in sites CSV and GeoJSON is just an id", () => {
    const sites = parseSitesCsv(`id,name,kind,lon,lat,beds_adultAcute\n${name},Hub,hub,0.1,51,5\nh2,Other,hub,0.2,51,3\n`);
    expect(sites.map((s) => s.id)).toEqual([name, "h2"]);
    expect(Object.hasOwn(sites[0], "id")).toBe(true);
    const geo = parseSitesGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", properties: { id: name, name: "Hub", kind: "hub" }, geometry: { type: "Point", coordinates: [0.1, 51] } }] });
    expect(geo[0].id).toBe(name);
  });

  it("a zone id in zones CSV and GeoJSON is just an id", () => {
    const zones = parseZonesCsv(`id,name,lon,lat,population,district\n${name},Z,0.1,51,100,${name}\n`);
    expect(zones[0].id).toBe(name);
    expect(zones[0].district).toBe(name);
    const geo = parseZonesGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", properties: { id: name, name: "Z", population: 5 }, geometry: { type: "Point", coordinates: [0.1, 51] } }] });
    expect(geo[0].id).toBe(name);
  });

  it("a bed-count column for a ward of that name is a coded error or a plain key, never a prototype write", () => {
    const r = outcome(() => parseSitesCsv(`id,name,kind,lon,lat,beds_${name}\nh1,Hub,hub,0.1,51,5\n`));
    if ("value" in r) expect(r.value[0].beds).toEqual(JSON.parse(`{"${name}": 5}`));
    // "__proto__" is refused at the header (row 1); "constructor" and "prototype" at the value (row 2)
    else expect([r.error.code, r.error.issues[0].path]).toEqual(["IO_ERROR", `sites.csv:row ${name === "__proto__" ? 1 : 2}:beds_${name}`]);
  });

  it("GeoJSON properties and bed keys of that name: a coded error or plain keys", () => {
    const feature = (props: string) =>
      JSON.parse(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"h","name":"H","kind":"hub",${props}},"geometry":{"type":"Point","coordinates":[0.1,51]}}]}`);
    for (const props of [`"${name}":{"polluted":1}`, `"beds_${name}":5`, `"beds":{"${name}":5}`]) {
      const r = outcome(() => parseSitesGeoJSON(feature(props)));
      if ("value" in r) expect(Object.getPrototypeOf(r.value[0])).toBe(Object.prototype);
      else expect(r.error.code).toMatch(/IO_ERROR|INVALID_INPUT/);
      // an own "__proto__" key anywhere is refused by its path, not dropped
      if (name === "__proto__" && !props.startsWith('"beds_')) expect("error" in r && r.error.issues[0].path).toMatch(/^sites\.geojson:features\[0\]\.properties(\.beds)?\.__proto__$/);
      expect(prototypeClean()).toBe(true);
    }
  });

  it("OD-table ids (CSV rows and id lists) are just ids", () => {
    const m = parseOdTable(`from_id,to_id,travel_time_p50\n${name},h1,12\nz2,${name},30\n`, { format: "r5r" });
    expect(m.origins).toEqual([name, "z2"]);
    expect(m.destinations).toEqual(["h1", name]);
    expect(Array.from(m.minutes)).toEqual([12, Infinity, Infinity, 30]);
    const o = parseOdTable({ durations: [[60, 120]] }, { format: "openrouteservice", origins: [name], destinations: ["constructor", "prototype"] });
    expect(o.origins).toEqual([name]);
    const t = parseOdTable({ results: [{ search_id: name, locations: [{ id: "z1", properties: [{ travel_time: 600 }] }], unreachable: [] }] }, { format: "traveltime" });
    expect(t.origins).toEqual([name]);
    // a key of that name inside a JSON table body: ignored like any unknown key, or refused by path
    const body = `{"${name}":{"durations":[[1,1]],"polluted":1},"durations":[[60,120]]}`;
    const j = outcome(() => parseOdTable(body, { format: "openrouteservice", origins: ["z1"], destinations: ["a", "b"] }));
    if ("value" in j) expect(Array.from(j.value.minutes)).toEqual([1, 2]);
    else expect(j.error.code).toMatch(/IO_ERROR|INVALID_INPUT/);
  });

  it("a network whose hub, spoke and zone ids, district and ward are that name evaluates correctly", () => {
    const sites = structuredClone(testSites) as unknown as { id: string; hub?: string; beds?: Record<string, number> }[];
    sites[0].id = name; // hub-a
    sites[2].hub = name; // spoke-1's hub
    const zones = structuredClone(testZones) as unknown as { id: string; district: string }[];
    zones[0].id = name;
    zones[1].district = name;
    const network = createServiceNetwork({ sites, zones, assumptions: structuredClone(testAssumptions), graph: testNetwork().graph } as never);
    const base = evaluate(network, { id: "baseline", name: "Baseline" });
    const closed = evaluate(network, { id: name, name: "Closed", changes: [{ type: "closeSite", siteId: "spoke-1" }] });
    expect(base.zones.find((z) => z.zone === name)?.hub).toBe(name);
    const c = compareScenarios([base, closed]);
    expect(c.scenarios.map((s) => s.id)).toEqual(["baseline", name]);
    // a materiality or weight keyed by the name: an own "__proto__" key is refused by name, others are plain keys
    const m = outcome(() => compareScenarios([base, closed], { materiality: JSON.parse(`{"${name}": 1}`) }));
    if ("error" in m) expect([name, m.error.issues[0].path]).toEqual(["__proto__", "options.materiality.__proto__"]);
    else expect(m.value.rows.length).toBe(c.rows.length);
    const matrix = createCostMatrix([name, "z2"], [name, "b"], [1, 2, 3, 4]);
    expect(nearestSites(matrix).nearest[0]).toMatchObject({ origin: name, destination: name, minutes: 1 });
    expect(toCsv([{ [name]: 1, b: 2 }], { bom: false })).toBe(`${name},b\n1,2\n`);
  });

  it("a scenario file: ids, districts, road classes and assumption paths of that name", () => {
    const network = testNetwork();
    const cases: unknown[] = [
      { type: "closeSite", siteId: name },
      { type: "scaleDemand", factor: 2, districts: [name] },
      { type: "setRoadSpeed", factors: JSON.parse(`{"${name}": 2}`) },
      { type: "setAssumption", path: `${name}.polluted`, value: 1 },
      { type: "setAssumption", path: `wards.${name}`, value: 1 },
      { type: "setBeds", siteId: "hub-a", beds: JSON.parse(`{"${name}": 4}`) },
      { type: "addSite", site: { id: name, name: "New", kind: "candidate", location: [0.02, 51] } },
    ];
    for (const change of cases) {
      const scenario = JSON.parse(JSON.stringify({ id: name, name: "S", changes: [change] })) as unknown;
      const r = outcome(() => applyScenario(network, scenario as never));
      if ("error" in r) expect(r.error.issues[0].path).toMatch(/^(changes\[0\]|scenario)/);
      else if ((change as { type: string }).type === "addSite") expect(r.value.sites.at(-1)?.id).toBe(name);
      expect(prototypeClean()).toBe(true);
    }
    expect(parseScenario({ id: name, name: "S" }).id).toBe(name);
  });

  it("assumptions: a ward type of that name is a coded error or a plain key", () => {
    const text = JSON.stringify(testAssumptions).replace('"pici"', JSON.stringify(name));
    const r = outcome(() => parseAssumptions(JSON.parse(text)));
    if ("value" in r) {
      expect(Object.hasOwn(r.value.wards, name)).toBe(true);
      expect(demandByZone(structuredClone(testZones) as never, r.value as never).wards).toContain(name);
    } else expect(r.error.code).toBe("INVALID_INPUT");
  });
});
