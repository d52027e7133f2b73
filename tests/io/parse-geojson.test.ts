import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IoError } from "../../src/errors.js";
import { parseSitesGeoJSON, parseZonesGeoJSON, sitesToGeoJSON, zonesToGeoJSON } from "../../src/io/index.js";

const square = { type: "Polygon", coordinates: [[[0, 51], [0, 52], [1, 52], [1, 51], [0, 51]]] };

describe("parseSitesGeoJSON / parseZonesGeoJSON", () => {
  it("parseSitesGeoJSON(fc) takes the location from the Point", () => {
    const sites = parseSitesGeoJSON(JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [0.5, 51.2] }, properties: { id: "h1", name: "Hub", kind: "hub", beds: { adultAcute: 20 } } }] }));
    expect(sites[0]).toEqual({ id: "h1", name: "Hub", kind: "hub", location: [0.5, 51.2], beds: { adultAcute: 20 }, status: "open" });
  });

  it("parseZonesGeoJSON(fc) keeps polygons and uses lon/lat properties, else the centroid", () => {
    const zones = parseZonesGeoJSON({
      type: "FeatureCollection",
      features: [
        { type: "Feature", geometry: square, properties: { LSOA21CD: "z1", population: 100, lon: 0.2, lat: 51.3 } },
        { type: "Feature", geometry: square, properties: { LSOA21CD: "z2", population: 50 } },
      ],
    });
    expect(zones[0].location).toEqual([0.2, 51.3]);
    expect(zones[0].geometry?.type).toBe("Polygon");
    expect(zones[1].location[0]).toBeCloseTo(0.5, 12); // area centroid of the square
    expect(zones[1].location[1]).toBeCloseTo(51.5, 12);
  });

  it("a __proto__ key in feature properties is an IoError naming its path, not a bed count dropped", () => {
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0.5,51]},"properties":{"id":"h1","name":"H","kind":"hub","beds":{"adultAcute":3,"__proto__":4}}}]}';
    expect(() => parseSitesGeoJSON(text)).toThrowError(/sites\.geojson:features\[0\]\.properties\.beds\.__proto__: the key "__proto__" is not allowed/);
  });

  it("accepts 3D points [lon, lat, z] (altitude ignored); a fourth number or a non-number z is an error", () => {
    const point = (coordinates: unknown[]) => ({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates }, properties: { id: "h1", name: "Hub", kind: "hub", LSOA21CD: "z1", population: 5 } }] });
    expect(parseSitesGeoJSON(point([0.5, 51.2, 35.5]))[0].location).toEqual([0.5, 51.2]);
    expect(parseZonesGeoJSON(point([0.5, 51.2, 0]))[0].location).toEqual([0.5, 51.2]);
    expect(() => parseSitesGeoJSON(point([0.5, 51.2, 1, 2]))).toThrowError(IoError);
    expect(() => parseZonesGeoJSON(point([0.5, 51.2, "high"]))).toThrowError(IoError);
  });

  it("zone polygons in British National Grid metres are refused as projected even when lon/lat properties are degrees", () => {
    const bng = { type: "Polygon", coordinates: [[[575000, 160000], [576000, 160000], [576000, 161000], [575000, 161000], [575000, 160000]]] };
    const text = { type: "FeatureCollection", features: [{ type: "Feature", geometry: bng, properties: { LSOA21CD: "z1", population: 100, lon: 0.52, lat: 51.3 } }] };
    try {
      parseZonesGeoJSON(text, { file: "lsoa.geojson" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
      expect((e as IoError).issues[0].path).toBe("lsoa.geojson:features[0].geometry.coordinates");
      expect((e as IoError).message).toMatch(/look projected \(British National Grid, EPSG:27700.*Reproject the file to EPSG:4326/);
    }
    const far = { type: "Polygon", coordinates: [[[0, 51], [0, 95], [1, 95], [0, 51]]] };
    expect(() => parseZonesGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", geometry: far, properties: { LSOA21CD: "z1", population: 1 } }] })).toThrowError(/must be WGS84 longitude\/latitude degrees/);
  });

  it("names the feature and property of a bad value", () => {
    const fcBad = { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [0.5, 51] }, properties: { id: "z1", population: -1 } }, { type: "Feature", geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] }, properties: {} }] };
    try {
      parseZonesGeoJSON(fcBad, { file: "zones.geojson" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
      expect((e as IoError).issues.map((i) => i.path)).toEqual(["zones.geojson:features[0].properties.population", "zones.geojson:features[1].geometry"]);
    }
    expect(() => parseSitesGeoJSON("{not json", { file: "s.geojson" })).toThrowError(/s\.geojson:1:\d+ is not valid JSON/);
    expect(() => parseSitesGeoJSON({ type: "Feature" })).toThrowError(/not a GeoJSON FeatureCollection/);
  });

  test.prop([
    fc.uniqueArray(
      fc.record({ id: fc.stringMatching(/^[a-z]\w{0,6}$/), name: fc.string({ minLength: 1, maxLength: 8 }), location: fc.tuple(fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: -89, max: 89, noNaN: true })), kind: fc.constantFrom("hub" as const, "candidate" as const), status: fc.constantFrom("open" as const, "closed" as const) }),
      { minLength: 1, maxLength: 6, selector: (s) => s.id },
    ),
  ])("sitesToGeoJSON → parseSitesGeoJSON round-trips", (sites) => {
    expect(parseSitesGeoJSON(sitesToGeoJSON(sites))).toEqual(sites);
  });

  it("zonesToGeoJSON → parseZonesGeoJSON round-trips ids, populations and polygons", () => {
    const zones = parseZonesGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", geometry: square, properties: { id: "z1", name: "Z1", population: 10, lon: 0.5, lat: 51.5 } }] });
    const back = parseZonesGeoJSON(zonesToGeoJSON(zones));
    expect(back.map((z) => [z.id, z.population, z.geometry])).toEqual([["z1", 10, square]]);
  });
});
