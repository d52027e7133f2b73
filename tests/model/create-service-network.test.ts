import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  DuplicateIdError,
  checkNetworkRules,
  InvalidInputError,
  createServiceNetwork,
  parseAssumptions,
  parseSites,
  parseZones,
} from "../../src/index.js";

const assumptions = {
  wards: {
    adultAcute: {
      admissionsPer100kPerYear: { value: 150, source: "test" },
      meanLengthOfStayDays: { value: 30, source: "test" },
    },
  },
};
const hub = { id: "hub-a", name: "Hub A", kind: "hub", location: [0.5, 51.3], beds: { adultAcute: 20 } };
const spoke = { id: "spoke-1", name: "Spoke 1", kind: "spoke", location: [0.6, 51.2], hub: "hub-a" };
const zone = { id: "z1", name: "Zone 1", location: [0.55, 51.25], population: 1500 };

function input(overrides: Record<string, unknown> = {}) {
  return { sites: [hub, spoke], zones: [zone], assumptions, ...overrides };
}

function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    return e as InvalidInputError;
  }
  throw new Error("expected a throw");
}

describe("createServiceNetwork", () => {
  it("createServiceNetwork(input) applies defaults and keeps order", () => {
    const net = createServiceNetwork(input());
    expect(net.sites.map((s) => s.id)).toEqual(["hub-a", "spoke-1"]);
    expect(net.sites[0].status).toBe("open");
    expect(net.zones[0].need).toBe(1);
    expect(net.assumptions.wards.adultAcute.meanLengthOfStayDays).toEqual({ value: 30, source: "test", assumption: false });
  });

  it("does not mutate its input", () => {
    const raw = input();
    const copy = structuredClone(raw);
    createServiceNetwork(raw);
    expect(raw).toEqual(copy);
  });

  it("rejects a duplicate site id, naming both positions", () => {
    const e = thrown(() => createServiceNetwork(input({ sites: [hub, { ...hub, name: "again" }] })));
    expect(e).toBeInstanceOf(DuplicateIdError);
    expect(e.code).toBe("DUPLICATE_ID");
    expect(e.message).toBe('createServiceNetwork: sites[1] repeats the id "hub-a" of sites[0]. Ids must be unique within sites.');
  });

  it("rejects a duplicate zone id", () => {
    const e = thrown(() => createServiceNetwork(input({ zones: [zone, zone] })));
    expect(e).toBeInstanceOf(DuplicateIdError);
    expect(e.issues[0].path).toBe("zones[1].id");
  });

  it("rejects a spoke whose hub does not exist", () => {
    const e = thrown(() => createServiceNetwork(input({ sites: [hub, { ...spoke, hub: "hub-x" }] })));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.issues).toEqual([
      { path: "sites[1].hub", message: 'spoke "spoke-1" names hub "hub-x", which is not a site. Add the hub or fix the id' },
    ]);
  });

  it("rejects a spoke whose hub is another spoke", () => {
    const other = { ...spoke, id: "spoke-2", hub: "spoke-1" };
    const e = thrown(() => createServiceNetwork(input({ sites: [hub, spoke, other] })));
    expect(e.issues[0].path).toBe("sites[2].hub");
    expect(e.issues[0].message).toContain("is a spoke");
  });

  it("rejects a longitude of 191 with the path and value", () => {
    const e = thrown(() => createServiceNetwork(input({ zones: [{ ...zone, location: [191, 51] }] })));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.issues[0].path).toBe("zones[0].location[0]");
    expect(e.issues[0].message).toContain("got 191");
    expect(e.message).toMatch(/^createServiceNetwork: invalid input \(1 problem\): zones\[0\]\.location\[0\]: longitude/);
  });

  it("rejects a negative population", () => {
    const e = thrown(() => createServiceNetwork(input({ zones: [{ ...zone, population: -5 }] })));
    expect(e.issues[0].path).toBe("zones[0].population");
    expect(e.issues[0].message).toContain("got -5");
  });

  it("rejects NaN anywhere", () => {
    const e = thrown(() => createServiceNetwork(input({ zones: [{ ...zone, population: Number.NaN }] })));
    expect(e.issues[0].path).toBe("zones[0].population");
    expect(e.issues[0].message).toContain("NaN");
    const e2 = thrown(() => createServiceNetwork(input({ sites: [{ ...hub, location: [Number.NaN, 51] }, spoke] })));
    expect(e2.issues[0].path).toBe("sites[0].location[0]");
  });

  it("rejects an empty site list", () => {
    const e = thrown(() => createServiceNetwork(input({ sites: [] })));
    expect(e.issues[0]).toEqual({ path: "sites", message: "a network needs at least one site (got an array of 0)" });
  });

  it("rejects negative capacities and unknown ward types", () => {
    const e = thrown(() => createServiceNetwork(input({ sites: [{ ...hub, beds: { adultAcute: -1 } }, spoke] })));
    expect(e.issues[0].path).toBe("sites[0].beds.adultAcute");
    const e2 = thrown(() => createServiceNetwork(input({ sites: [{ ...hub, beds: { pici: 4 } }, spoke] })));
    expect(e2.issues[0].path).toBe("sites[0].beds.pici");
    expect(e2.issues[0].message).toContain('ward type "pici"');
  });

  it("rejects misspelt fields instead of ignoring them", () => {
    const e = thrown(() => createServiceNetwork(input({ zones: [{ ...zone, populaton: 3 }] })));
    expect(e.issues.some((i) => i.path.startsWith("zones[0]"))).toBe(true);
  });

  it("rejects an assumption without a source", () => {
    const e = thrown(() =>
      parseAssumptions({ wards: { a: { admissionsPer100kPerYear: { value: 1, source: "" }, meanLengthOfStayDays: { value: 2, source: "x" } } } }),
    );
    expect(e.issues[0].path).toBe("wards.a.admissionsPer100kPerYear.source");
  });

  it("rejects a graph that is not a graphology graph", () => {
    const e = thrown(() => createServiceNetwork({ ...input(), graph: { nodes: [] } }));
    expect(e.issues[0].path).toBe("graph");
  });
});

describe("parseSites / parseZones", () => {
  it("parse valid records", () => {
    expect(parseSites([hub]).length).toBe(1);
    expect(parseZones([zone])[0].need).toBe(1);
  });
  it("report every bad record, not just the first", () => {
    const e = thrown(() => parseZones([{ ...zone, population: -1 }, { ...zone, id: "z2", imdDecile: 11 }]));
    expect(e.issues.map((i) => i.path)).toEqual(["[0].population", "[1].imdDecile"]);
  });
});

test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 })])(
  "createServiceNetwork accepts a population exactly when it is non-negative",
  (pops) => {
    const zones = pops.map((p, i) => ({ ...zone, id: `z${i}`, population: p }));
    const bad = pops.findIndex((p) => p < 0);
    if (bad < 0) {
      expect(createServiceNetwork(input({ zones })).zones.map((z) => z.population)).toEqual(pops);
    } else {
      const e = thrown(() => createServiceNetwork(input({ zones })));
      expect(e.issues[0].path).toBe(`zones[${bad}].population`);
    }
  },
);

describe("checkNetworkRules", () => {
  const sites = parseSites([hub, spoke]);
  const parsedAssumptions = parseAssumptions(assumptions);

  it("passes a consistent network and names broken rules by path", () => {
    expect(() => checkNetworkRules(sites, parsedAssumptions)).not.toThrow();
    const orphan = parseSites([hub, { ...spoke, hub: "hub-x" }]);
    const e = thrown(() => checkNetworkRules(orphan, parsedAssumptions));
    expect(e.message).toMatch(/^checkNetworkRules: /);
    expect(e.issues[0].path).toBe("sites[1].hub");
    expect(() => checkNetworkRules(parseSites([hub, { ...hub, name: "again" }]), parsedAssumptions)).toThrowError(DuplicateIdError);
  });

  it("rejects a non-array site list, a non-site and assumptions without wards, with a coded error", () => {
    expect(thrown(() => checkNetworkRules(null as never, parsedAssumptions)).issues[0].path).toBe("sites");
    expect(thrown(() => checkNetworkRules([null] as never, parsedAssumptions)).issues[0].path).toBe("sites[0]");
    expect(thrown(() => checkNetworkRules(sites, {} as never)).issues[0].path).toBe("assumptions.wards");
  });
});

test.prop([fc.array(fc.constantFrom("hub-a", "hub-x", "spoke-1"), { minLength: 1, maxLength: 6 })], { seed: 2018 })(
  "checkNetworkRules agrees with createServiceNetwork on which spoke parents are valid",
  (parents) => {
    const spokes = parents.map((p, i) => ({ ...spoke, id: `s${i}`, hub: p }));
    const all = [hub, ...spokes];
    let viaCreate: string[] = [];
    let viaCheck: string[] = [];
    try {
      createServiceNetwork(input({ sites: all }));
    } catch (e) {
      viaCreate = (e as InvalidInputError).issues.map((i) => i.path);
    }
    try {
      checkNetworkRules(parseSites(all), parseAssumptions(assumptions));
    } catch (e) {
      viaCheck = (e as InvalidInputError).issues.map((i) => i.path);
    }
    expect(viaCheck).toEqual(viaCreate);
    expect(viaCheck.length > 0).toBe(parents.some((p) => p !== "hub-a"));
  },
);
