import { DOMParser } from "@xmldom/xmldom";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { UnknownIdError } from "../../src/errors.js";
import { renderSvgMap } from "../../src/io/index.js";
import type { DemandZone, Site } from "../../src/model/types.js";

const sites: Site[] = [
  { id: "hA", name: "Hub A & Co", kind: "hub", location: [0.5, 51.3], status: "open" },
  { id: "hB", name: "Hub B", kind: "hub", location: [1.0, 51.2], status: "open" },
  { id: "sA", name: "Spoke A", kind: "spoke", hub: "hA", location: [0.6, 51.35], status: "open" },
  { id: "c1", name: "Candidate", kind: "candidate", location: [0.8, 51.1], status: "open" },
  { id: "hC", name: "Hub C", kind: "hub", location: [0.7, 51.0], status: "closed" },
];
const square = (x: number, y: number) => ({ type: "Polygon" as const, coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] });
const zones: DemandZone[] = [
  { id: "z1", name: "Z1", location: [0.55, 51.25], population: 1000, need: 1, geometry: square(0.5, 51.2) },
  { id: "z2", name: "Z2", location: [0.95, 51.25], population: 500, need: 1 },
  { id: "z3", name: "Z3", location: [0.75, 51.05], population: 200, need: 1 },
];
const assignments = [
  { origin: "z1", destination: "sA", minutes: 10 },
  { origin: "z2", destination: "hB", minutes: 50 },
  { origin: "z3", destination: null, minutes: Infinity },
];

function parse(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(svg, "image/svg+xml");
  expect(errors).toEqual([]);
  return doc;
}
const byAttr = (doc: ReturnType<typeof parse>, tag: string, attr: string) => Array.from(doc.getElementsByTagName(tag)).filter((e) => e.hasAttribute(attr));

describe("renderSvgMap", () => {
  it("renderSvgMap(network, { assignments }) is well-formed SVG with zones, sites by kind, legend and scale bar", () => {
    const svg = renderSvgMap({ sites, zones }, { assignments }, { title: "Nearest hub <test>" });
    const doc = parse(svg);
    expect(doc.documentElement?.tagName).toBe("svg");
    expect(doc.documentElement?.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const zoneEls = [...byAttr(doc, "path", "data-zone"), ...byAttr(doc, "circle", "data-zone")];
    expect(zoneEls.map((e) => e.getAttribute("data-zone")).sort()).toEqual(["z1", "z2", "z3"]);
    const siteEls = byAttr(doc, "g", "data-site");
    expect(siteEls.filter((e) => e.getAttribute("data-kind") === "hub")).toHaveLength(3);
    expect(siteEls.find((e) => e.getAttribute("data-site") === "hC")?.getAttribute("data-status")).toBe("closed");
    // colour by hub: z1 goes to spoke sA whose hub is hA, so it shares hA's colour
    const fill = (id: string) => zoneEls.find((e) => e.getAttribute("data-zone") === id)?.getAttribute("fill");
    const hubFill = siteEls.find((e) => e.getAttribute("data-site") === "hA")?.getElementsByTagName("rect")[0].getAttribute("fill");
    expect(fill("z1")).toBe(hubFill);
    expect(fill("z3")).toBe("#d9d9d9");
    const legendText = Array.from(doc.getElementById("legend")?.getElementsByTagName("text") ?? []).map((t) => t.textContent);
    expect(legendText).toEqual(["Assigned hub", "Hub A & Co", "Hub B", "Unreachable", "Hub", "Spoke", "Candidate site", "Closed"]);
    expect(doc.getElementById("scale-bar")?.textContent).toMatch(/^\d+(\.\d+)? km$/);
    expect(svg).toContain("<title>Nearest hub &lt;test&gt;</title>");
  });

  it("colourBy minutes draws bands and a minutes legend; the output is deterministic", () => {
    const a = renderSvgMap({ sites, zones }, { assignments }, { colourBy: "minutes" });
    expect(a).toBe(renderSvgMap({ sites, zones }, { assignments }, { colourBy: "minutes" }));
    const doc = parse(a);
    const legendText = Array.from(doc.getElementById("legend")?.getElementsByTagName("text") ?? []).map((t) => t.textContent);
    expect(legendText.slice(0, 6)).toEqual(["Travel time", "≤ 15 min", "15–30 min", "30–45 min", "45–60 min", "> 60 min"]);
  });

  it("the scale bar is true to the map: 100 km across ≈ 1.41° of longitude at 51° N", () => {
    const wide = { sites: [sites[0], { ...sites[1], location: [2.0, 51.3] as [number, number] }], zones: [zones[1]] };
    const doc = parse(renderSvgMap(wide, {}, { legend: false, width: 800, height: 400 }));
    const d = doc.getElementById("scale-bar")?.getElementsByTagName("path")[0].getAttribute("d") ?? "";
    const [, x0, x1] = /^M([\d.]+),[\d.]+V[\d.]+H([\d.]+)/.exec(d) ?? [];
    const km = Number(/([\d.]+) km/.exec(doc.getElementById("scale-bar")?.textContent ?? "")?.[1]);
    // hub markers are 1.5° of longitude apart = 104.8 km at 51.3° N
    const hubs = byAttr(doc, "g", "data-site").map((g) => Number(g.getElementsByTagName("rect")[0].getAttribute("x")) + 7);
    const pxPerKm = Math.abs(hubs[1] - hubs[0]) / 104.8;
    expect((Number(x1) - Number(x0)) / km).toBeCloseTo(pxPerKm, 0);
  });

  it("rejects assignments to unknown zones or sites", () => {
    expect(() => renderSvgMap({ sites, zones }, { assignments: [{ origin: "nope", destination: "hA", minutes: 1 }] })).toThrowError(UnknownIdError);
    expect(() => renderSvgMap({ sites, zones }, { assignments: [{ origin: "z1", destination: "nope", minutes: 1 }] })).toThrowError(/site "nope"/);
    expect(() => renderSvgMap({ sites, zones }, {}, { width: 5 })).toThrowError(/options\.width/);
  });

  test.prop([fc.array(fc.tuple(fc.double({ min: -5, max: 2, noNaN: true }), fc.double({ min: 50, max: 56, noNaN: true })), { minLength: 1, maxLength: 20 }), fc.constantFrom("hub", "site", "minutes", "none" as const)])(
    "every zone and site is drawn once, inside the frame, for any layout",
    (points, colourBy) => {
      const zs: DemandZone[] = points.map((p, i) => ({ id: `z${i}`, name: `Z${i}`, location: p, population: i * 10, need: 1 }));
      const svg = renderSvgMap({ sites: sites.slice(0, 2), zones: zs }, { assignments: zs.map((z, i) => ({ origin: z.id, destination: i % 2 ? "hA" : "hB", minutes: i * 7 })) }, { colourBy: colourBy as "hub" });
      const doc = parse(svg);
      const circles = byAttr(doc, "circle", "data-zone");
      expect(circles).toHaveLength(zs.length);
      for (const c of circles) {
        const x = Number(c.getAttribute("cx"));
        const y = Number(c.getAttribute("cy"));
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(800);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(640);
      }
      expect(byAttr(doc, "g", "data-site")).toHaveLength(2);
    },
  );
});

describe("renderSvgMap: readable maps", () => {
  const legendLabels = (doc: ReturnType<typeof parse>) =>
    Array.from(doc.getElementsByTagName("g"))
      .filter((g) => g.getAttribute("class") === "legend-item")
      .map((g) => g.textContent);

  it("colourBy change fills zones on a diverging scale (purple nearer, orange further) with a class legend", () => {
    const change = [
      { zone: "z1", deltaMinutes: -20 },
      { zone: "z2", deltaMinutes: 0.5 },
      { zone: "z3", deltaMinutes: Infinity },
    ];
    const doc = parse(renderSvgMap({ sites, zones }, { change }, { colourBy: "change" }));
    const fill = (id: string) => byAttr(doc, "*", "data-zone").find((e) => e.getAttribute("data-zone") === id)?.getAttribute("fill");
    expect(fill("z1")).toBe("#542788"); // d3 schemePuOr[7][0]: > 15 min nearer
    expect(fill("z2")).toBe("#f7f7f7"); // within ±1 min
    expect(fill("z3")).toBe("#b35806"); // > 15 min further (became unreachable)
    expect(legendLabels(doc).slice(0, 7)).toEqual(["> 15 min further", "5–15 min further", "1–5 min further", "within ±1 min", "1–5 min nearer", "5–15 min nearer", "> 15 min nearer"]);
    expect(() => renderSvgMap({ sites, zones }, {}, { colourBy: "change" })).toThrowError(/layers\.change/);
    expect(() => renderSvgMap({ sites, zones }, { change: [{ zone: "nope", deltaMinutes: 1 }] }, { colourBy: "change" })).toThrowError(UnknownIdError);
  });

  it("long legend names wrap instead of being cut; attribution is drawn at the foot", () => {
    const long = sites.map((s) => (s.id === "hA" ? { ...s, name: "Little Brook Hospital, Dartford (Kent and Medway NHS and Social Care Partnership Trust)" } : s));
    const svg = renderSvgMap({ sites: long, zones, metadata: { attribution: ["© OpenStreetMap contributors, ODbL"] } }, { assignments });
    const doc = parse(svg);
    const item = Array.from(doc.getElementsByTagName("g")).find((g) => g.getAttribute("class") === "legend-item" && (g.textContent ?? "").startsWith("Little Brook"))!;
    expect(item.getElementsByTagName("tspan").length).toBeGreaterThan(1);
    expect(item.textContent).toBe("Little Brook Hospital, Dartford (Kent and Medway NHS and Social Care Partnership Trust)");
    expect(svg).not.toContain("…");
    expect(doc.getElementById("attribution")?.textContent?.trim()).toBe("© OpenStreetMap contributors, ODbL");
    const given = parse(renderSvgMap({ sites, zones }, { assignments }, { attribution: ["Data: test"] }));
    expect(given.getElementById("attribution")?.textContent?.trim()).toBe("Data: test");
  });

  test.prop([fc.integer({ min: 13, max: 60 }), fc.integer({ min: 0, max: 4 })], { numRuns: 25 })("site colours stay distinct past 12 sites (with or without spokes)", (n, spokesPerHub) => {
    const many: Site[] = [];
    for (let k = 0; k < n; k++) {
      many.push({ id: `h${k}`, name: `Hub ${k}`, kind: "hub", location: [0.5 + (k % 10) * 0.05, 51 + Math.floor(k / 10) * 0.05], status: "open" });
      for (let j = 0; j < spokesPerHub; j++) many.push({ id: `s${k}-${j}`, name: `Spoke ${k}.${j}`, kind: "spoke", hub: `h${k}`, location: [0.51 + (k % 10) * 0.05, 51.01 + j * 0.001], status: "open" });
    }
    const zs: DemandZone[] = many.map((s, i) => ({ id: `z${i}`, name: `Z${i}`, location: s.location, population: 10, need: 1 }));
    const doc = parse(renderSvgMap({ sites: many, zones: zs }, { assignments: many.map((s, i) => ({ zone: `z${i}`, site: s.id, minutes: 1 })) }, { colourBy: "site", legend: false }));
    const fills = byAttr(doc, "circle", "data-zone").map((c) => c.getAttribute("fill"));
    expect(new Set(fills).size).toBe(many.length);
  });

  it("isochrone bands are filled and nested (largest drawn first) with a band legend, and the map fits them", () => {
    const ring = (r: number) => ({ type: "Feature" as const, properties: { minutes: r * 100 }, geometry: { type: "Polygon" as const, coordinates: [[[0.7 - r, 51.2 - r], [0.7 + r, 51.2 - r], [0.7 + r, 51.2 + r], [0.7 - r, 51.2 + r], [0.7 - r, 51.2 - r]]] } });
    const bands = { type: "FeatureCollection" as const, features: [ring(0.15), ring(0.6)] };
    const svg = renderSvgMap({ sites, zones }, { bands }, { colourBy: "none" });
    const doc = parse(svg);
    const drawn = Array.from(doc.getElementsByTagName("path")).filter((p) => p.getAttribute("class") === "band");
    expect(drawn.map((p) => p.getAttribute("data-minutes"))).toEqual(["60", "15"]);
    expect(drawn[0].getAttribute("fill")).not.toBe(drawn[1].getAttribute("fill"));
    expect(legendLabels(doc).slice(0, 2)).toEqual(["within 15 min", "15–60 min"]);
    // the 60-minute band reaches well beyond the zones: every vertex stays inside the canvas
    const width = Number(doc.documentElement?.getAttribute("width"));
    const height = Number(doc.documentElement?.getAttribute("height"));
    for (const n of (drawn[0].getAttribute("d") ?? "").match(/-?\d+(\.\d+)?/g)!.map(Number)) expect(n).toBeGreaterThanOrEqual(0);
    const xs = (drawn[0].getAttribute("d") ?? "").match(/[ML](-?[\d.]+),(-?[\d.]+)/g)!.map((m) => m.slice(1).split(",").map(Number));
    for (const [x, y] of xs) expect(x <= width && y <= height).toBe(true);
  });

  it("the canvas is cropped to the map: a wide area leaves no blank band below", () => {
    const wide: DemandZone[] = [
      { id: "w1", name: "W1", location: [0, 51], population: 10, need: 1 },
      { id: "w2", name: "W2", location: [3, 51.1], population: 10, need: 1 },
    ];
    const doc = parse(renderSvgMap({ sites: [], zones: wide }, {}, { legend: false, height: 800 }));
    expect(Number(doc.documentElement?.getAttribute("height"))).toBeLessThan(300);
  });

  it("a coverage map says 'not covered within N min' and marks chosen sites as chosen", () => {
    const doc = parse(renderSvgMap({ sites, zones }, { assignments, chosen: ["hB", "c1"] }, { colourBy: "site", coverMinutes: 30 }));
    const labels = legendLabels(doc);
    expect(labels).toContain("Not covered within 30 min");
    expect(labels).not.toContain("Unreachable");
    expect(labels).toContain("Chosen site");
    expect(byAttr(doc, "g", "data-chosen").map((g) => g.getAttribute("data-site")).sort()).toEqual(["c1", "hB"]);
    const fill = (id: string) => byAttr(doc, "*", "data-zone").find((e) => e.getAttribute("data-zone") === id)?.getAttribute("fill");
    expect(fill("z2")).toBe("#bdbdbd"); // 50 min > 30: not covered
    expect(() => renderSvgMap({ sites, zones }, { chosen: ["nope"] })).toThrowError(UnknownIdError);
  });

  it("mainRoads draws motorway, trunk and primary roads of the graph, each two-way road once", async () => {
    const { default: Graph } = await import("graphology");
    const g = new Graph({ type: "directed" });
    g.addNode("a", { lon: 0.5, lat: 51.2 });
    g.addNode("b", { lon: 1.0, lat: 51.2 });
    g.addNode("c", { lon: 1.0, lat: 51.3 });
    g.addDirectedEdge("a", "b", { minutes: 5, highway: "motorway", coordinates: [[0.75, 51.25]] });
    g.addDirectedEdge("b", "a", { minutes: 5, highway: "motorway", coordinates: [[0.75, 51.25]] });
    g.addDirectedEdge("b", "c", { minutes: 5, highway: "minor" });
    const doc = parse(renderSvgMap({ sites, zones, graph: g as never }, { assignments }, { mainRoads: true }));
    const roads = Array.from(doc.getElementsByTagName("path")).filter((p) => (p.getAttribute("class") ?? "").startsWith("road "));
    expect(roads.map((p) => p.getAttribute("class"))).toEqual(["road road-motorway"]);
    expect((roads[0].getAttribute("d") ?? "").match(/M/g)).toHaveLength(1);
    expect(legendLabels(doc)).toContain("Motorway, trunk and primary roads");
  });
});
