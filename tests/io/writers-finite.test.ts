// Every writer checks what it writes: NaN, -Infinity, negative minutes and null coordinates are a
// coded InvalidInputError naming the path and value, never "NaN" or `[null, 51]` in the text.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { HubspokeError } from "../../src/errors.js";
import { comparisonToHtml, flowsToGeoJSON, matrixToCsv, renderHtmlReport, renderSvgMap, sitesToGeoJSON, stringifyGeoJSON, toCsv, zonesToGeoJSON } from "../../src/io/index.js";
import { checkWritable } from "../../src/internal/writable.js";
import { costMatrixToJSON, createCostMatrix } from "../../src/model/index.js";
import type { CostMatrix, DemandZone, Site } from "../../src/model/types.js";
import { type ComparableResult, compareScenarios, comparisonToCsv, comparisonToMarkdown } from "../../src/scenario/index.js";

/** The coded error a call throws (fails the test when it does not throw one). */
function codedError(f: () => unknown): HubspokeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HubspokeError);
    return e as HubspokeError;
  }
  throw new Error("expected a HubspokeError");
}

const sites: Site[] = [
  { id: "h", name: "Hub", kind: "hub", location: [1, 51], status: "open" },
  { id: "s", name: "Spoke", kind: "spoke", hub: "h", location: [1.2, 51.1], status: "open" },
];
const zones: DemandZone[] = [{ id: "z1", name: "Z1", location: [0.5, 51.5], population: 100, need: 1 }];

describe("toCsv and matrixToCsv", () => {
  it("a NaN cell is INVALID_INPUT naming the row and column", () => {
    const e = codedError(() => toCsv([{ zone: "a", minutes: 3 }, { zone: "b", minutes: 1 }, { zone: "c", minutes: 2 }, { zone: "d", minutes: Number.NaN }]));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues[0].path).toBe("rows[3].minutes");
    expect(e.message).toMatch(/rows\[3\]\.minutes: NaN .*\(got NaN\)/);
  });

  it("negative minutes and -Infinity are errors; negative changes and Infinity (unreachable) are written", () => {
    expect(codedError(() => toCsv([{ meanMinutes: -2 }])).issues[0].path).toBe("rows[0].meanMinutes");
    expect(codedError(() => toCsv([{ value: -Infinity }])).issues[0].path).toBe("rows[0].value");
    expect(toCsv([{ deltaMinutes: -2, minutes: Infinity }], { bom: false })).toBe("deltaMinutes,minutes\n-2,\n");
  });

  it("null, non-arrays and bad options are coded errors", () => {
    expect(codedError(() => toCsv(null as never)).issues[0].path).toBe("rows");
    expect(codedError(() => toCsv([null] as never)).issues[0].path).toBe("rows[0]");
    expect(codedError(() => toCsv([], { bom: "yes" } as never)).code).toBe("INVALID_INPUT");
  });

  const m = createCostMatrix(["z1", "z2"], ["h"], [1.23456, Infinity]);
  it("matrixToCsv refuses precision outside 0..15 and an unknown layout", () => {
    expect(codedError(() => matrixToCsv(m, { precision: -1 })).issues[0].path).toBe("options.precision");
    expect(codedError(() => matrixToCsv(m, { precision: 1.5 })).issues[0].path).toBe("options.precision");
    expect(codedError(() => matrixToCsv(m, { precision: 16 })).issues[0].path).toBe("options.precision");
    expect(codedError(() => matrixToCsv(m, { layout: "diagonal" } as never)).issues[0].path).toBe("options.layout");
    expect(matrixToCsv(m, { precision: 0, bom: false })).toBe("origin,destination,minutes\nz1,h,1\nz2,h,\n");
    expect(matrixToCsv(m, { precision: 15, bom: false })).toBe("origin,destination,minutes\nz1,h,1.23456\nz2,h,\n");
  });

  it("matrixToCsv and costMatrixToJSON refuse a hand-built matrix with NaN or negative minutes, naming the cell", () => {
    const bad: CostMatrix = { origins: ["z1", "z2"], destinations: ["h"], minutes: Float64Array.from([1, Number.NaN]) };
    expect(codedError(() => matrixToCsv(bad)).issues[0].path).toBe("matrix.minutes[1]");
    expect(codedError(() => costMatrixToJSON(bad)).issues[0].path).toBe("matrix.minutes[1]");
    const negative: CostMatrix = { origins: ["z1"], destinations: ["h"], minutes: Float64Array.from([-1]) };
    expect(codedError(() => matrixToCsv(negative, { layout: "wide" })).code).toBe("INVALID_INPUT");
    expect(codedError(() => matrixToCsv(null as never)).issues[0].path).toBe("matrix");
  });
});

describe("GeoJSON writers", () => {
  it("a null coordinate is an error, never [null, 51] in the file", () => {
    const fcIn = { type: "FeatureCollection" as const, features: [{ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [null as unknown as number, 51] } }] };
    const e = codedError(() => stringifyGeoJSON(fcIn));
    expect(e.issues[0].path).toBe("collection.features[0].geometry.coordinates[0]");
    expect(e.message).toMatch(/got null/);
  });

  it("NaN in properties is an error; Infinity is written as null (unreachable)", () => {
    const point = { type: "Point" as const, coordinates: [1, 51] };
    expect(codedError(() => stringifyGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", properties: { minutes: Number.NaN }, geometry: point }] })).issues[0].path).toBe(
      "collection.features[0].properties.minutes",
    );
    expect(stringifyGeoJSON({ type: "FeatureCollection", features: [{ type: "Feature", properties: { minutes: Infinity }, geometry: point }] })).toContain('"minutes":null');
    expect(codedError(() => stringifyGeoJSON(null as never)).issues[0].path).toBe("collection");
  });

  it("zones, sites and flows with a non-finite location or NaN minutes are errors naming the item", () => {
    expect(codedError(() => zonesToGeoJSON([{ ...zones[0], location: [Number.NaN, 51] }])).issues[0].path).toBe("zones[0].location[0]");
    expect(codedError(() => zonesToGeoJSON(zones, { assignments: [{ zone: "z1", site: "h", minutes: Number.NaN }] })).issues[0].path).toBe("options.assignments[0].minutes");
    expect(codedError(() => zonesToGeoJSON(zones, { assignments: [{ zone: "z1", site: "h", minutes: -4 }] })).issues[0].path).toBe("options.assignments[0].minutes");
    expect(codedError(() => sitesToGeoJSON([{ ...sites[0], location: [1, null as unknown as number] }])).issues[0].path).toBe("sites[0].location[1]");
    expect(codedError(() => flowsToGeoJSON(sites, { flows: [{ from: "s", to: "h", value: Number.NaN }] })).issues[0].path).toBe("options.flows[0].value");
  });
});

describe("SVG and HTML", () => {
  it("renderSvgMap refuses a site at NaN and NaN minutes instead of drawing cx=\"NaN\"", () => {
    expect(codedError(() => renderSvgMap({ sites: [{ ...sites[0], location: [Number.NaN, 51] }], zones })).issues[0].path).toBe("network.sites[0].location[0]");
    expect(codedError(() => renderSvgMap({ sites, zones }, { assignments: [{ zone: "z1", site: "h", minutes: Number.NaN }] })).issues[0].path).toBe("layers.assignments[0].minutes");
    const svg = renderSvgMap({ sites, zones }, { assignments: [{ zone: "z1", site: "h", minutes: Infinity }] });
    expect(svg).not.toMatch(/NaN/);
  });

  it("renderHtmlReport refuses -Infinity in a table", () => {
    expect(codedError(() => renderHtmlReport({ title: "T", sections: [{ heading: "H", table: { columns: ["a"], rows: [[-Infinity]] } }] })).issues[0].path).toBe("report.sections[0].table.rows[0][0]");
  });
});

describe("comparison writers", () => {
  const result = (id: string, mean: number, minutes: number[]): ComparableResult =>
    ({
      scenario: { id, name: id },
      metrics: [{ key: "access.hub.meanMinutes", label: "Mean minutes", unit: "minutes", better: "lower", value: mean }],
      zones: minutes.map((m, i) => ({ zone: `z${i}`, population: 100, imdDecile: 1, district: null, urbanRural: null, hub: "h", hubMinutes: m, spoke: null, spokeMinutes: Infinity, hierarchicalHub: null })),
    }) as unknown as ComparableResult;
  const comparison = compareScenarios([result("base", 10, [5, 10]), result("opt", 12, [5, Infinity])], { baseline: "base" });

  it("write a valid comparison, and refuse null or a NaN value naming the path", () => {
    expect(comparisonToCsv(comparison)).not.toMatch(/NaN/);
    const broken = structuredClone(comparison) as unknown as { rows: { cells: { value: number }[] }[] };
    broken.rows[0].cells[1].value = Number.NaN;
    for (const write of [comparisonToCsv, comparisonToMarkdown, comparisonToHtml]) {
      const e = codedError(() => write(broken as never));
      expect(e.issues[0].path).toBe("comparison.rows[0].cells[1].value");
      expect(codedError(() => write(null as never)).issues[0].path).toBe("comparison");
    }
  });
});

describe("checkWritable (one check for every writer)", () => {
  const cell = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null), fc.constant(Infinity));
  const table = fc.array(fc.dictionary(fc.constantFrom("zone", "minutes", "value", "deltaMinutes"), cell, { maxKeys: 4 }), { minLength: 1, maxLength: 8 });

  test.prop([table, fc.nat(), fc.constantFrom("minutes", "value", "label"), fc.constantFrom(Number.NaN, -Infinity)])(
    "any table with a non-finite cell is a coded error naming that cell, never NaN in the text",
    (rows, at, column, bad) => {
      const k = at % rows.length;
      const withBad = rows.map((r, i) => (i === k ? { ...r, [column]: bad } : r));
      const e = codedError(() => toCsv(withBad));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.issues[0].path).toMatch(/^rows\[\d+\]\./);
    },
  );

  test.prop([table])("a table a writer accepts never shows NaN, and a refused one is refused with a coded error", (rows) => {
    let text: string | null = null;
    try {
      text = toCsv(rows);
    } catch (e) {
      expect(e).toBeInstanceOf(HubspokeError);
      // only NaN, -Infinity or negative minutes are refused
      expect(rows.some((r) => Object.entries(r).some(([k, v]) => typeof v === "number" && (Number.isNaN(v) || v === -Infinity || (v < 0 && k === "minutes"))))).toBe(true);
    }
    if (text !== null) expect(text).not.toMatch(/NaN|Infinity/);
  });

  it("walks typed arrays, Maps and nested objects and names the path; refuses cycles", () => {
    expect(() => checkWritable("w", { a: { b: Float64Array.from([1, Number.NaN]) } }, "x")).toThrowError(/x\.a\.b\[1\]/);
    expect(() => checkWritable("w", new Map([["z 1", { minutes: -1 }]]), "x")).toThrowError(/x\["z 1"\]\.minutes/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => checkWritable("w", cyclic, "x")).toThrowError(/circular/);
    expect(() => checkWritable("w", { extraMinutes: -1, deprivationGapMinutes: -2, changeMinutes: -3 }, "x")).not.toThrow();
    expect(() => checkWritable("w", { width: Infinity }, "x", "none")).toThrowError(/x\.width: Infinity is not allowed here/);
    expect(() => checkWritable("w", [Infinity, 1], "x", "none")).toThrowError(/x\[0\]/);
    expect(() => checkWritable("w", { coordinates: [-1.5, -51] }, "x", "none")).not.toThrow();
    expect(() => checkWritable("w", { coordinates: [[0, 1], [Infinity, 2]] }, "x")).toThrowError(/x\.coordinates\[1\]\[0\]: a coordinate must be a finite number/);
    expect(() => checkWritable("w", Float64Array.from([1, Infinity]), "x", "none")).toThrowError(/x\[1\]/);
    expect(() => checkWritable("w", { delta: Float64Array.from([1, -Infinity]) }, "x", "signed")).not.toThrow();
    expect(() => checkWritable("w", { minutes: Float64Array.from([1, -Infinity]) }, "x", "signed")).toThrowError(/minutes cannot be negative/);
  });
});
