import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IoError } from "../../src/errors.js";
import { parseSitesCsv, toCsv } from "../../src/io/index.js";

const CSV = `Site ID,Name,Type,Longitude,Latitude,Hub,beds_adultAcute,Staff WTE
h1,Priority House,hub,0.5213,51.2721,,60,
s1,"Canterbury, CMHT",spoke,1.0789,51.2802,h1,,24.5
c1,Candidate A,candidate,0.9,51.1,,,
`;

describe("parseSitesCsv", () => {
  it("parseSitesCsv(text) reads aliases, quoting, beds columns and defaults", () => {
    const sites = parseSitesCsv(CSV);
    expect(sites.map((s) => s.id)).toEqual(["h1", "s1", "c1"]);
    expect(sites[0]).toEqual({ id: "h1", name: "Priority House", kind: "hub", location: [0.5213, 51.2721], beds: { adultAcute: 60 }, status: "open" });
    expect(sites[1].name).toBe("Canterbury, CMHT");
    expect(sites[1].hub).toBe("h1");
    expect(sites[1].staffWte).toBe(24.5);
  });

  it("parseSitesCsv(text, { columns }) maps any header", () => {
    const sites = parseSitesCsv("code,label,what,x_deg,y_deg\nA,Alpha,hub,1,51\n", { columns: { id: "code", name: "label", kind: "what", lon: "x_deg", lat: "y_deg" } });
    expect(sites[0].location).toEqual([1, 51]);
  });

  it("names the file, row and column of a bad cell, and its value", () => {
    const bad = "id,name,kind,lon,lat\nh1,A,hub,0.5,51\nh2,B,hub,0.6,abc\nh3,C,clinic,0.7,51\n";
    let err: unknown;
    try {
      parseSitesCsv(bad, { file: "sites.csv" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IoError);
    const io = err as IoError;
    expect(io.code).toBe("IO_ERROR");
    expect(io.issues.map((i) => i.path)).toEqual(["sites.csv:row 3:lat", "sites.csv:row 4:kind"]);
    expect(io.issues[0].message).toContain('"abc"');
    expect(io.message).toMatch(/^parseSitesCsv: sites\.csv:row 3:lat: expected a number \(got "abc"\) \(and 1 more\)/);
  });

  it("a beds column that would address a prototype (beds___proto__, beds_constructor) is an error, not a count dropped", () => {
    expect(() => parseSitesCsv("id,name,kind,lon,lat,beds_adultAcute,beds___proto__\nh1,H,hub,0.5,51,3,4\n", { file: "sites.csv" })).toThrowError(
      /sites\.csv:row 1:beds___proto__: the name "__proto__" is not allowed/,
    );
    expect(() => parseSitesCsv("id,name,kind,lon,lat,beds_adultAcute,beds_constructor\nh1,H,hub,0.5,51,3,4\n", { file: "sites.csv" })).toThrowError(
      /sites\.csv:row 2:beds_constructor: "constructor" cannot name a beds entry/,
    );
  });

  it("hints at British National Grid when coordinates are metres", () => {
    expect(() => parseSitesCsv("id,name,kind,lon,lat\nh1,A,hub,575000,155000\n")).toThrowError(/British National Grid/);
  });

  it("reports duplicate ids and missing columns", () => {
    expect(() => parseSitesCsv("id,name,kind,lon,lat\nh1,A,hub,0.5,51\nh1,B,hub,0.6,51\n")).toThrowError(/row 3:id: duplicate site id "h1" \(first on row 2\)/);
    expect(() => parseSitesCsv("id,name,kind,lon\nh1,A,hub,0.5\n")).toThrowError(/sites\.csv:row 1:lat: no column for lat/);
    expect(() => parseSitesCsv("id,name,kind,lon,lat\n")).toThrowError(IoError);
  });

  const arbSite = fc.record({
    id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
    name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0 && !s.startsWith("=")),
    kind: fc.constantFrom("hub", "candidate"),
    lon: fc.double({ min: -10, max: 5, noNaN: true }).map((v) => v + 0),
    lat: fc.double({ min: 49, max: 60, noNaN: true }).map((v) => v + 0),
    caseloadCapacity: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  });
  test.prop([fc.uniqueArray(arbSite, { minLength: 1, maxLength: 8, selector: (s) => s.id })])("toCsv → parseSitesCsv round-trips sites", (rows) => {
    const sites = parseSitesCsv(toCsv(rows, { columns: ["id", "name", "kind", "lon", "lat", "caseloadCapacity"] }));
    expect(sites.map((s) => [s.id, s.name, s.kind, s.location[0], s.location[1], s.caseloadCapacity])).toEqual(
      rows.map((r) => [r.id, r.name, r.kind, r.lon, r.lat, r.caseloadCapacity]),
    );
  });
});
