import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IoError } from "../../src/errors.js";
import { matrixToCsv, parseOdTable } from "../../src/io/index.js";

const minutes = (m: { minutes: Float64Array }) => Array.from(m.minutes);

describe("parseOdTable", () => {
  it("reads an OSRM table response (seconds → minutes, null → Infinity)", () => {
    const body = { code: "Ok", durations: [[0, 600, null], [120, 30, 90]], sources: [{}, {}], destinations: [{}, {}, {}] };
    const m = parseOdTable(JSON.stringify(body), { format: "osrm", origins: ["z1", "z2"], destinations: ["a", "b", "c"], profile: "car", file: "t.json" });
    expect(m.origins).toEqual(["z1", "z2"]);
    expect(minutes(m)).toEqual([0, 10, Infinity, 2, 0.5, 1.5]);
    expect(m.provenance?.engine).toBe("osrm");
    expect(m.provenance?.profile).toBe("car");
    expect(m.provenance?.inputs?.table).toMatch(/^fnv1a32:[0-9a-f]{8}$/);
  });

  it("reads openrouteservice, taking the profile from metadata", () => {
    const m = parseOdTable({ durations: [[60, 120]], metadata: { query: { profile: "driving-car" }, engine: { version: "8.0" } } }, { format: "openrouteservice" });
    expect(m.origins).toEqual(["0"]);
    expect(m.destinations).toEqual(["0", "1"]);
    expect(minutes(m)).toEqual([1, 2]);
    expect(m.provenance?.profile).toBe("driving-car");
  });

  it("reads Valhalla sources_to_targets, nested and flat", () => {
    const nested = { sources_to_targets: [[{ from_index: 0, to_index: 0, time: 300, distance: 4 }, { from_index: 0, to_index: 1, time: null, distance: null }]], units: "kilometers" };
    expect(minutes(parseOdTable(nested, { format: "valhalla" }))).toEqual([5, Infinity]);
    expect(minutes(parseOdTable({ sources_to_targets: { durations: [[60, 180]] } }, { format: "valhalla" }))).toEqual([1, 3]);
  });

  it("reads r5r CSV: ids from the file, NA and absent pairs unreachable", () => {
    const csv = "from_id,to_id,travel_time_p50\nz1,h1,12\nz1,h2,NA\nz2,h2,30\n";
    const m = parseOdTable(csv, { format: "r5r" });
    expect(m.origins).toEqual(["z1", "z2"]);
    expect(m.destinations).toEqual(["h1", "h2"]);
    expect(minutes(m)).toEqual([12, Infinity, Infinity, 30]);
    expect(m.provenance?.notes).toContain("1 pair(s) absent from the table were read as unreachable");
  });

  it("reads a TravelTime time-filter response in both directions", () => {
    const body = { results: [{ search_id: "h1", locations: [{ id: "z1", properties: [{ travel_time: 900 }] }], unreachable: ["z2"] }] };
    const dep = parseOdTable(body, { format: "traveltime" });
    expect([dep.origins, dep.destinations, minutes(dep)]).toEqual([["h1"], ["z1", "z2"], [15, Infinity]]);
    const arr = parseOdTable(body, { format: "traveltime", direction: "arrival" });
    expect([arr.origins, arr.destinations, minutes(arr)]).toEqual([["z1", "z2"], ["h1"], [15, Infinity]]);
  });

  it("keeps a TravelTime search that reached nothing as an all-unreachable row, not dropped", () => {
    const body = { results: [{ search_id: "h1", locations: [{ id: "z1", properties: [{ travel_time: 600 }] }], unreachable: [] }, { search_id: "h2", locations: [], unreachable: [] }] };
    const m = parseOdTable(body, { format: "traveltime" });
    expect([m.origins, m.destinations, minutes(m)]).toEqual([["h1", "h2"], ["z1"], [10, Infinity]]);
    const arr = parseOdTable({ results: [{ search_id: "h9" }] }, { format: "traveltime", direction: "arrival" });
    expect([arr.origins, arr.destinations]).toEqual([[], ["h9"]]);
  });

  it("a row for an id outside knownOrigins / knownDestinations (or origins) is an error naming the row, not a row left unused", () => {
    const csv = "from_id,to_id,travel_time_p50\nz1,h1,12\nzz9,h1,30\n";
    expect(() => parseOdTable(csv, { format: "r5r", file: "pt.csv", knownOrigins: ["z1", "z2"] })).toThrowError(/pt\.csv:row 3:travel_time_p50: origin "zz9" is not a known origin/);
    expect(() => parseOdTable(csv, { format: "r5r", file: "pt.csv", knownDestinations: ["h2"] })).toThrowError(/row 2:travel_time_p50: destination "h1" is not a known destination/);
    expect(() => parseOdTable(csv, { format: "r5r", origins: ["z1"] })).toThrowError(/row 3:travel_time_p50: origin "zz9" is not in options\.origins/);
    const ok = parseOdTable(csv, { format: "r5r", knownOrigins: ["z1", "zz9", "z2"], knownDestinations: ["h1"] });
    expect(ok.origins).toEqual(["z1", "zz9"]); // the file's ids and order; known ids only check
    expect(() => parseOdTable({ results: [{ search_id: "x", locations: [], unreachable: [] }] }, { format: "traveltime", knownOrigins: ["h1"] })).toThrowError(/results\[0\]\.search_id: search "x" is not a known origin/);
  });

  it("names the file and cell of a bad value", () => {
    expect(() => parseOdTable({ durations: [[1, -5]] }, { format: "osrm", file: "table.json" })).toThrowError(/table\.json:durations\[0\]\[1\]: expected seconds ≥ 0 or null \(got -5\)/);
    expect(() => parseOdTable({ durations: [[1, 2], [3]] }, { format: "osrm" })).toThrowError(/durations\[1\]: expected a row of 2 values/);
    expect(() => parseOdTable({ code: "InvalidQuery", message: "bad coords" }, { format: "osrm" })).toThrowError(/OSRM answered "InvalidQuery" \(bad coords\)/);
    expect(() => parseOdTable({ durations: [[1]] }, { format: "osrm", origins: ["a", "b"] })).toThrowError(/has 1 origins but options\.origins lists 2/);
    expect(() => parseOdTable("from_id,to_id,travel_time_p50\na,b,x\n", { format: "r5r", file: "ttm.csv" })).toThrowError(/ttm\.csv:row 2:travel_time_p50/);
    expect(() => parseOdTable("from_id,to_id,travel_time_p50\na,b,1\na,b,2\n", { format: "r5r" })).toThrowError(/appears twice/);
    expect(() => parseOdTable("from_id,to_id,to_id,travel_time_p50\na,b,c,1\n", { format: "r5r", file: "ttm.csv" })).toThrowError(/ttm\.csv:row 1:to_id: columns 2 and 3 are both named "to_id"/);
    expect(() => parseOdTable("from_id,to_id,travel_time_p50\n\na,b,x\n", { format: "r5r", file: "ttm.csv" })).toThrowError(/ttm\.csv:row 3:travel_time_p50/);
    try {
      parseOdTable("from_id,to,travel_time_p50\n", { format: "r5r", file: "ttm.csv" });
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
      expect((e as IoError).issues[0].path).toBe("ttm.csv:row 1:to_id");
    }
  });

  const arbMatrix = fc.integer({ min: 1, max: 5 }).chain((rows) =>
    fc.integer({ min: 1, max: 5 }).chain((cols) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        seconds: fc.array(fc.option(fc.integer({ min: 0, max: 36_000 }), { nil: null }), { minLength: rows * cols, maxLength: rows * cols }),
      }),
    ),
  );
  test.prop([arbMatrix])("OSRM JSON and r5r CSV of the same table give the same matrix", ({ rows, cols, seconds }) => {
    const origins = Array.from({ length: rows }, (_, i) => `o${i}`);
    const destinations = Array.from({ length: cols }, (_, j) => `d${j}`);
    const durations = origins.map((_, i) => seconds.slice(i * cols, (i + 1) * cols));
    const a = parseOdTable({ code: "Ok", durations }, { format: "osrm", origins, destinations });
    const csv = `from_id,to_id,travel_time_p50\n${origins.flatMap((o, i) => destinations.map((d, j) => `${o},${d},${seconds[i * cols + j] === null ? "NA" : (seconds[i * cols + j] as number) / 60}`)).join("\n")}\n`;
    const b = parseOdTable(csv, { format: "r5r", origins, destinations });
    expect(minutes(b)).toEqual(minutes(a));
    // and matrixToCsv writes what parseOdTable reads back (long layout, empty = unreachable)
    const back = parseOdTable(matrixToCsv(a, { precision: 12 }), { format: "r5r" });
    expect(minutes(back).map((v) => (Number.isFinite(v) ? Math.round(v * 1e9) : v))).toEqual(minutes(a).map((v) => (Number.isFinite(v) ? Math.round(v * 1e9) : v)));
  });
});
