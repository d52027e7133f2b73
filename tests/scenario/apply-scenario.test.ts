import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { InvalidInputError, UnknownIdError, applyScenario, type ChangeInput } from "../../src/index.js";
import { snapshot, testNetwork, thrown } from "../support/scenario-fixtures.js";

const scenario = (...changes: ChangeInput[]) => ({ id: "s", name: "S", changes });
const site = (net: ReturnType<typeof testNetwork>, id: string) => net.sites.find((s) => s.id === id)!;

describe("applyScenario: site changes", () => {
  it("applyScenario(net, closeSite) marks the site closed and reassigns spokes when asked", () => {
    const net = testNetwork();
    const out = applyScenario(net, scenario({ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }));
    expect(site(out, "hub-b").status).toBe("closed");
    expect(site(out, "spoke-2").hub).toBe("hub-a");
    expect(site(net, "hub-b").status).toBe("open");
    expect(site(net, "spoke-2").hub).toBe("hub-b");
  });

  it("openSite brings a candidate in as a spoke of an open hub, and reopens a closed site", () => {
    const net = testNetwork();
    const out = applyScenario(
      net,
      scenario(
        { type: "openSite", siteId: "cand-x", as: "spoke", hub: "hub-b" },
        { type: "closeSite", siteId: "spoke-1" },
        { type: "openSite", siteId: "spoke-1" },
      ),
    );
    expect(site(out, "cand-x")).toMatchObject({ kind: "spoke", hub: "hub-b", status: "open" });
    expect(site(out, "spoke-1").status).toBe("open");
  });

  it("addSite appends, moveSite moves, and later changes can refer to an added site", () => {
    const out = applyScenario(
      testNetwork(),
      scenario(
        { type: "addSite", site: { id: "hub-c", name: "Hub C", kind: "hub", location: [0.02, 51], beds: { adultAcute: 6 } } },
        { type: "reassignSpoke", siteId: "spoke-2", hub: "hub-c" },
        { type: "moveSite", siteId: "hub-a", location: [0.005, 51.001] },
      ),
    );
    expect(out.sites.map((s) => s.id)).toEqual(["hub-a", "hub-b", "spoke-1", "spoke-2", "cand-x", "hub-c"]);
    expect(site(out, "hub-c").status).toBe("open");
    expect(site(out, "spoke-2").hub).toBe("hub-c");
    expect(site(out, "hub-a").location).toEqual([0.005, 51.001]);
  });

  it("setBeds sets or adds per ward and keeps other wards", () => {
    const out = applyScenario(
      testNetwork(),
      scenario({ type: "setBeds", siteId: "hub-a", beds: { adultAcute: 14 } }, { type: "setBeds", siteId: "hub-a", beds: { pici: 3 }, mode: "add" }),
    );
    expect(site(out, "hub-a").beds).toEqual({ adultAcute: 14, pici: 5 });
  });

  it("community and estate changes set their fields", () => {
    const out = applyScenario(
      testNetwork(),
      scenario(
        { type: "setCaseloadCapacity", siteId: "spoke-1", caseloadCapacity: 55 },
        { type: "setStaffing", siteId: "spoke-1", staffWte: 6.5 },
        { type: "setCrisisSlots", siteId: "spoke-2", crisisSlotsPerDay: 4 },
        { type: "setRunningCost", siteId: "hub-b", runningCostPerYear: 750_000 },
        { type: "setContactPolicy", maxDaysBetweenContacts: 7, homeVisitShare: 0.3, source: "policy option B" },
      ),
    );
    expect(site(out, "spoke-1")).toMatchObject({ caseloadCapacity: 55, staffWte: 6.5 });
    expect(site(out, "spoke-2").crisisSlotsPerDay).toBe(4);
    expect(site(out, "hub-b").runningCostPerYear).toBe(750_000);
    expect(out.assumptions.community!.maxDaysBetweenContacts).toEqual({ value: 7, source: "policy option B", assumption: true });
    expect(out.assumptions.community!.homeVisitShare.value).toBe(0.3);
  });
});

describe("applyScenario: demand, assumptions and roads", () => {
  it("scaleDemand scales population, households and age bands, optionally per district", () => {
    const out = applyScenario(testNetwork(), scenario({ type: "scaleDemand", factor: 1.5, districts: ["South"] }));
    expect(out.zones.map((z) => z.population)).toEqual([1000, 2000, 2250, 750]);
    expect(out.zones[2].households).toBe(900);
    expect(out.zones[2].householdsNoCar).toBe(45);
    const need = applyScenario(testNetwork(), scenario({ type: "scaleDemand", factor: 1.2, of: "need" }));
    expect(need.zones.map((z) => z.need)).toEqual([1.2, 1.2, 1.2, 1.2]);
    expect(need.zones[0].population).toBe(1000);
  });

  it("setAssumption replaces a figure by dotted path and revalidates", () => {
    const out = applyScenario(testNetwork(), scenario({ type: "setAssumption", path: "wards.adultAcute.meanLengthOfStayDays.value", value: 25 }));
    expect(out.assumptions.wards.adultAcute.meanLengthOfStayDays).toEqual({ value: 25, source: "test", assumption: false });
  });

  it("setRoadSpeed divides minutes by the factor on a copy of the graph", () => {
    const net = testNetwork();
    const out = applyScenario(net, scenario({ type: "setRoadSpeed", factors: { primary: 0.5 } }));
    expect(out.graph).not.toBe(net.graph);
    expect(out.graph!.getEdgeAttribute("e0-1", "minutes")).toBe(4);
    expect(out.graph!.getEdgeAttribute("e2-3", "minutes")).toBe(4);
    expect(net.graph!.getEdgeAttribute("e0-1", "minutes")).toBe(2);
  });

  it("closeRoad drops edges by key, name and ref on a copy", () => {
    const net = testNetwork();
    const byKey = applyScenario(net, scenario({ type: "closeRoad", edges: ["e3-4"] }));
    expect(byKey.graph!.hasEdge("e3-4")).toBe(false);
    expect(byKey.graph!.hasEdge("e4-3")).toBe(true);
    const byName = applyScenario(net, scenario({ type: "closeRoad", name: "Mill Lane" }));
    expect(byName.graph!.size).toBe(6);
    const byRef = applyScenario(net, scenario({ type: "closeRoad", ref: "A1" }));
    expect(byRef.graph!.size).toBe(4);
    expect(net.graph!.size).toBe(8);
  });

  it("a scenario without road changes shares the input graph", () => {
    const net = testNetwork();
    expect(applyScenario(net, scenario({ type: "closeSite", siteId: "spoke-1" })).graph).toBe(net.graph);
  });
});

describe("applyScenario: errors name the change", () => {
  const cases: [string, ChangeInput[], string, string, RegExp][] = [
    ["an unknown site", [{ type: "scaleDemand", factor: 1 }, { type: "closeSite", siteId: "hub-z" }], "UNKNOWN_ID", "changes[1].siteId", /changes\[1\] \(closeSite\): site "hub-z" is not in the network/],
    ["an unknown district", [{ type: "scaleDemand", factor: 2, districts: ["North", "East"] }], "UNKNOWN_ID", "changes[0].districts[1]", /district "East".*Known districts: "North", "South"/],
    ["closing the last hub", [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }, { type: "closeSite", siteId: "hub-a" }], "INVALID_INPUT", "changes[1].siteId", /the last open hub/],
    ["closing a hub with spokes", [{ type: "closeSite", siteId: "hub-a" }], "INVALID_INPUT", "changes[0].siteId", /leaves its spokes "spoke-1" without a hub/],
    ["closing a closed hub", [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }, { type: "closeSite", siteId: "hub-b" }], "INVALID_INPUT", "changes[1].siteId", /closes "hub-b", which is already closed/],
    ["scaling demand past what can be counted", [{ type: "scaleDemand", factor: 1e308 }], "INVALID_INPUT", "changes[0].factor", /factor 1e\+308 scales population of zone "z1" to Infinity/],
    ["closing a closed spoke", [{ type: "closeSite", siteId: "spoke-1" }, { type: "closeSite", siteId: "spoke-1" }], "INVALID_INPUT", "changes[1].siteId", /closes "spoke-1", which is already closed/],
    ["reassigning to a closed hub", [{ type: "closeSite", siteId: "hub-b", reassignSpokesTo: "hub-a" }, { type: "reassignSpoke", siteId: "spoke-1", hub: "hub-b" }], "INVALID_INPUT", "changes[1].hub", /hub "hub-b" is closed/],
    ["reassigning to a spoke", [{ type: "reassignSpoke", siteId: "spoke-1", hub: "spoke-2" }], "INVALID_INPUT", "changes[0].hub", /"spoke-2" is a spoke, not a hub/],
    ["adding a spoke without a hub", [{ type: "addSite", site: { id: "s9", name: "S9", kind: "spoke", location: [0, 51] } }], "INVALID_INPUT", "changes[0].site.hub", /without a hub/],
    ["adding a duplicate id", [{ type: "addSite", site: { id: "hub-a", name: "Again", kind: "hub", location: [0, 51] } }], "INVALID_INPUT", "changes[0].site.id", /already used by sites\[0\]/],
    ["opening a candidate without a role", [{ type: "openSite", siteId: "cand-x" }], "INVALID_INPUT", "changes[0].as", /candidate/],
    ["opening a candidate spoke without a hub", [{ type: "openSite", siteId: "cand-x", as: "spoke" }], "INVALID_INPUT", "changes[0].hub", /without a hub/],
    ["beds for an unknown ward", [{ type: "setBeds", siteId: "hub-a", beds: { adultAcut: 3 } }], "UNKNOWN_ID", "changes[0].beds.adultAcut", /ward type "adultAcut"/],
    ["beds on a spoke", [{ type: "setBeds", siteId: "spoke-1", beds: { adultAcute: 3 } }], "INVALID_INPUT", "changes[0].siteId", /applies to hub or candidate sites/],
    ["negative beds", [{ type: "setBeds", siteId: "hub-b", beds: { adultAcute: -9 }, mode: "add" }], "INVALID_INPUT", "changes[0].beds.adultAcute", /-1 adultAcute beds/],
    ["caseload on a hub", [{ type: "setCaseloadCapacity", siteId: "hub-a", caseloadCapacity: 3 }], "INVALID_INPUT", "changes[0].siteId", /spoke or candidate/],
    ["staffing an unknown spoke", [{ type: "setStaffing", siteId: "spoke-9", staffWte: 3 }], "UNKNOWN_ID", "changes[0].siteId", /changes\[0\] \(setStaffing\): site "spoke-9"/],
    ["crisis slots on a hub", [{ type: "setCrisisSlots", siteId: "hub-a", crisisSlotsPerDay: 3 }], "INVALID_INPUT", "changes[0].siteId", /spoke or candidate/],
    ["running cost of an unknown site", [{ type: "setRunningCost", siteId: "nowhere", runningCostPerYear: 3 }], "UNKNOWN_ID", "changes[0].siteId", /site "nowhere"/],
    ["an unknown road class", [{ type: "setRoadSpeed", factors: { motorway: 0.9 } }], "UNKNOWN_ID", "changes[0].factors.motorway", /road class "motorway".*"primary", "residential"/],
    ["an unknown edge", [{ type: "closeRoad", edges: ["e0-9"] }], "UNKNOWN_ID", "changes[0].edges[0]", /road edge "e0-9"/],
    ["an unknown road name", [{ type: "closeRoad", name: "High Street" }], "UNKNOWN_ID", "changes[0].name", /road name "High Street"/],
    ["an unknown assumption path", [{ type: "setAssumption", path: "wards.paeds.meanLengthOfStayDays.value", value: 3 }], "UNKNOWN_ID", "changes[0].path", /assumption "wards.paeds".*"adultAcute", "pici"/],
    ["an invalid assumption value", [{ type: "setAssumption", path: "wards.pici.meanLengthOfStayDays.value", value: -3 }], "INVALID_INPUT", "changes[0].value", /assumptions.wards.pici.meanLengthOfStayDays.value invalid/],
    ["an assumption path through __proto__", [{ type: "setAssumption", path: "__proto__.polluted", value: 1 }], "INVALID_INPUT", "changes[0].path", /"__proto__" cannot be an assumption key/],
    ["an assumption path through constructor", [{ type: "setAssumption", path: "wards.constructor.prototype.x", value: 1 }], "INVALID_INPUT", "changes[0].path", /"constructor" cannot be an assumption key/],
    ["an inherited assumption key", [{ type: "setAssumption", path: "wards.toString.value", value: 1 }], "UNKNOWN_ID", "changes[0].path", /assumption "wards.toString"/],
    ["beds for an inherited ward name", [{ type: "setBeds", siteId: "hub-a", beds: { toString: 3 } }], "UNKNOWN_ID", "changes[0].beds.toString", /ward type "toString"/],
  ];
  for (const [what, changes, code, path, message] of cases) {
    it(`rejects ${what}`, () => {
      const e = thrown(() => applyScenario(testNetwork(), scenario(...changes)));
      expect(e.code).toBe(code);
      expect(e.issues![0].path).toBe(path);
      expect(e.message).toMatch(/^applyScenario: /);
      expect(e.message).toMatch(message);
    });
  }

  it("never writes through an object prototype, whatever the scenario file says", () => {
    expect(() => applyScenario(testNetwork(), scenario({ type: "setAssumption", path: "__proto__.polluted", value: 1 }))).toThrow(InvalidInputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects road changes on a network without a graph", () => {
    const e = thrown(() => applyScenario(testNetwork({ graph: false }), scenario({ type: "closeRoad", ref: "A1" })));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toMatch(/changes\[0\] changes roads, but the network has no road graph/);
  });

  it("rejects a contact policy when the network has no community assumptions", () => {
    const net = testNetwork();
    const { community: _c, ...rest } = net.assumptions;
    const e = thrown(() => applyScenario({ ...net, assumptions: rest }, scenario({ type: "setContactPolicy", homeVisitShare: 0.2 })));
    expect(e.issues![0].path).toBe("changes[0]");
    expect(e).toBeInstanceOf(InvalidInputError);
  });

  it("unknown ids raise UnknownIdError carrying the id", () => {
    const e = thrown(() => applyScenario(testNetwork(), scenario({ type: "moveSite", siteId: "x", location: [0, 51] })));
    expect(e).toBeInstanceOf(UnknownIdError);
    expect((e as UnknownIdError).id).toBe("x");
  });
});

const ids = ["hub-a", "hub-b", "spoke-1", "spoke-2", "cand-x", "ghost"];
const arbChange: fc.Arbitrary<ChangeInput> = fc.oneof(
  fc.record({ type: fc.constant("closeSite" as const), siteId: fc.constantFrom(...ids), reassignSpokesTo: fc.constantFrom("hub-a", "hub-b") }),
  fc.record({ type: fc.constant("openSite" as const), siteId: fc.constantFrom(...ids) }),
  fc.record({ type: fc.constant("moveSite" as const), siteId: fc.constantFrom(...ids), location: fc.tuple(fc.double({ min: 0, max: 0.04, noNaN: true }), fc.constant(51)) }),
  fc.record({ type: fc.constant("reassignSpoke" as const), siteId: fc.constantFrom(...ids), hub: fc.constantFrom("hub-a", "hub-b") }),
  fc.record({ type: fc.constant("setBeds" as const), siteId: fc.constantFrom(...ids), beds: fc.record({ adultAcute: fc.integer({ min: 0, max: 30 }) }) }),
  fc.record({ type: fc.constant("scaleDemand" as const), factor: fc.double({ min: 0, max: 3, noNaN: true }) }),
  fc.record({ type: fc.constant("setRoadSpeed" as const), factors: fc.record({ primary: fc.double({ min: 0.1, max: 2, noNaN: true }) }) }),
  fc.record({ type: fc.constant("closeRoad" as const), edges: fc.subarray(["e0-1", "e1-2", "e2-3", "e3-4"], { minLength: 1 }) }),
  fc.record({ type: fc.constant("setAssumption" as const), path: fc.constant("wards.adultAcute.meanLengthOfStayDays.value"), value: fc.double({ min: 1, max: 60, noNaN: true }) }),
);

describe("applyScenario properties", () => {
  test.prop([fc.array(arbChange, { maxLength: 6 })])("apply is pure: the input network is unchanged, whether it succeeds or throws", (changes) => {
    const net = testNetwork();
    const before = snapshot(net);
    try {
      applyScenario(net, scenario(...changes));
    } catch {
      // rule violations are fine here; purity must hold either way
    }
    expect(snapshot(net)).toEqual(before);
  });

  test.prop([fc.array(arbChange, { maxLength: 6 })])("apply is deterministic", (changes) => {
    const net = testNetwork();
    let a: unknown;
    let b: unknown;
    try {
      a = snapshot(applyScenario(net, scenario(...changes)));
    } catch (e) {
      a = (e as Error).message;
    }
    try {
      b = snapshot(applyScenario(net, scenario(...changes)));
    } catch (e) {
      b = (e as Error).message;
    }
    expect(a).toEqual(b);
  });

  it("an empty scenario returns an equal network sharing the graph", () => {
    const net = testNetwork();
    const out = applyScenario(net, { id: "baseline", name: "Baseline" });
    expect(snapshot(out)).toEqual(snapshot(net));
    expect(out.graph).toBe(net.graph);
  });

  test.prop([fc.array(arbChange, { maxLength: 6 })])("after any accepted scenario, every open spoke has an open hub and one hub stays open", (changes) => {
    let out;
    try {
      out = applyScenario(testNetwork(), scenario(...changes));
    } catch {
      return;
    }
    const hubs = new Set(out.sites.filter((s) => s.kind === "hub" && s.status === "open").map((s) => s.id));
    expect(hubs.size).toBeGreaterThan(0);
    for (const s of out.sites) if (s.kind === "spoke" && s.status === "open") expect(hubs.has(s.hub!)).toBe(true);
  });
});
