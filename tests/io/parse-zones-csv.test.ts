import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IoError } from "../../src/errors.js";
import { parseZonesCsv, toCsv } from "../../src/io/index.js";

describe("parseZonesCsv", () => {
  it("parseZonesCsv(text) reads an ONS-style extract without a mapping", () => {
    const text = `LSOA21CD,LSOA21NM,LAD22NM,Index of Multiple Deprivation (IMD) Decile,lon,lat,population,age_0-17,age_65+
E01024170,Swale 001A,Swale,3,0.7512,51.3401,"1,650",400,300
E01024171,Swale 001B,Swale,7,0.7601,51.3499,1432,350,250
`;
    const zones = parseZonesCsv(text);
    expect(zones).toHaveLength(2);
    expect(zones[0]).toEqual({
      id: "E01024170",
      name: "Swale 001A",
      district: "Swale",
      imdDecile: 3,
      location: [0.7512, 51.3401],
      population: 1650,
      ageBands: { "0-17": 400, "65+": 300 },
      need: 1,
    });
  });

  it("a duplicated header is an IoError naming both columns, and nothing is printed (no-console setup)", () => {
    const text = "id,lon,lat,population,population\nz1,0.5,51,10,20\n";
    expect(() => parseZonesCsv(text, { file: "zones.csv" })).toThrowError(/zones\.csv:row 1:population: columns 4 and 5 are both named "population"/);
    expect(() => parseZonesCsv("id,lon,lat, population ,population\nz1,0.5,51,10,20\n")).toThrowError(IoError);
  });

  it("row numbers are file rows: the header is row 1 and blank lines count", () => {
    const text = "id,lon,lat,population\n\nz1,0.5,51,10\n   \n\nz2,0.5,51,lots\nz3,0.5,51\n";
    try {
      parseZonesCsv(text, { file: "zones.csv" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
      const paths = (e as IoError).issues.map((i) => i.path);
      expect(paths).toEqual(["zones.csv:row 7"]);
    }
    try {
      parseZonesCsv("id,lon,lat,population\n\nz1,0.5,51,10\n\nz2,0.5,51,lots\n", { file: "zones.csv" });
      expect.unreachable();
    } catch (e) {
      expect((e as IoError).issues.map((i) => i.path)).toEqual(["zones.csv:row 5:population"]);
    }
  });

  it("names the row and column of a bad population and an out-of-range decile", () => {
    const text = "id,lon,lat,population,imd_decile\nz1,0.5,51,-4,3\nz2,0.5,51,12,11\nz3,0.5,51,lots,2\n";
    try {
      parseZonesCsv(text, { file: "zones.csv" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
      expect((e as IoError).issues.map((i) => i.path)).toEqual(["zones.csv:row 2:population", "zones.csv:row 3:imd_decile", "zones.csv:row 4:population"]);
      expect((e as IoError).issues[2].message).toBe('expected a number (got "lots")');
    }
  });

  it("uses the id as the name when there is no name column", () => {
    expect(parseZonesCsv("id,lon,lat,population\nz1,0.5,51,10\n")[0].name).toBe("z1");
  });

  test.prop([
    fc.uniqueArray(
      fc.record({ id: fc.stringMatching(/^E0\d{7}$/), lon: fc.double({ min: -6, max: 2, noNaN: true }).map((v) => v + 0), lat: fc.double({ min: 50, max: 56, noNaN: true }).map((v) => v + 0), population: fc.integer({ min: 0, max: 1e6 }) }),
      { minLength: 1, maxLength: 10, selector: (z) => z.id },
    ),
  ])("toCsv → parseZonesCsv keeps every zone, in order, with its population", (rows) => {
    const zones = parseZonesCsv(toCsv(rows));
    expect(zones.map((z) => [z.id, z.location, z.population])).toEqual(rows.map((r) => [r.id, [r.lon, r.lat], r.population]));
  });
});
