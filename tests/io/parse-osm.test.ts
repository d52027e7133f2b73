import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IoError } from "../../src/errors.js";
import { parseOsmPbf, parseOsmXml } from "../../src/io/index.js";
import { buildRoadGraph } from "../../src/network/index.js";
import { createRouter } from "../../src/routing/index.js";
import { readOsm } from "../../src/io/node/index.js";
import { type PbfNode, type PbfWay, writeOsmPbf } from "../support/io-osm-pbf.js";

const fixture = new URL("../fixtures/io/tiny.osm", import.meta.url);
const xml = readFileSync(fixture, "utf8");

function toXml(nodes: PbfNode[], ways: PbfWay[]): string {
  const n = nodes.map((x) => `<node id="${x.id}" lat="${x.lat}" lon="${x.lon}"/>`).join("\n");
  const w = ways.map((x) => `<way id="${x.id}">${x.refs.map((r) => `<nd ref="${r}"/>`).join("")}${Object.entries(x.tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join("")}</way>`).join("\n");
  return `<?xml version="1.0"?>\n<osm version="0.6">\n${n}\n${w}\n</osm>\n`;
}

describe("parseOsmXml", () => {
  it("parseOsmXml(tiny.osm) keeps drivable ways with maxspeed and oneway", () => {
    const { roads, warnings, stats } = parseOsmXml(xml, { file: "tiny.osm" });
    expect(stats).toEqual({ ways: 5, kept: 3, nodes: 5 });
    expect(roads.features.map((f) => f.properties.id)).toEqual(["way/10", "way/11", "way/14"]);
    const [primary, residential, m1] = roads.features;
    expect(primary.properties).toEqual({ id: "way/10", highway: "primary", oneway: "no", maxspeed: "40 mph", maxspeedKmh: 64.37, name: "London Road & Co" });
    expect(primary.geometry.coordinates).toEqual([[0, 51], [0.05, 51], [0.05, 51.05]]);
    // oneway=-1 is drawn reversed and flagged one-way
    expect(residential.properties.oneway).toBe("yes");
    expect(residential.geometry.coordinates).toEqual([[0.1, 51.05], [0.05, 51.05]]);
    // the motorway references node 99, absent from the extract: split at the gap, the 1-node piece dropped
    expect(m1.geometry.coordinates).toEqual([[0.1, 51.05], [0.1, 51.1]]);
    expect(m1.properties.oneway).toBe("yes");
    expect(warnings).toEqual(["tiny.osm: 1 way(s) reference 1 node(s) not in the file (a clipped extract); those ways were split at the gaps."]);
  });

  it("rejects a node without coordinates, naming the line", () => {
    expect(() => parseOsmXml('<osm>\n<node id="7" lat="51"/>\n</osm>', { file: "bad.osm" })).toThrowError(/bad\.osm:line 2:node 7: node has no valid lat\/lon/);
    expect(() => parseOsmXml("<html></html>")).toThrowError(IoError);
  });

  it("a file cut off mid-way is an IoError naming line and column, never the roads before the cut", () => {
    for (const cut of [xml.indexOf("<way id=\"11\">") + 20, xml.indexOf("</osm>"), xml.length - 3]) {
      const e = (() => {
        try {
          parseOsmXml(xml.slice(0, cut), { file: "cut.osm" });
        } catch (error) {
          return error as IoError;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(IoError);
      expect(e?.code).toBe("IO_ERROR");
      expect(e?.message).toMatch(/cut\.osm:line \d+:column \d+: not well-formed OSM XML \(unclosed tag: \w+\)\. The file ends early/);
    }
    expect(() => parseOsmXml("not xml at all")).toThrowError(/not well-formed OSM XML/);
  });

  it("keeps tag values containing > and entities, and ignores nodes and ways inside comments and CDATA", () => {
    const text = `<?xml version="1.0"?>
<osm version="0.6">
  <!-- <node id="1" lat="0" lon="0"/> <way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way> -->
  <node id="1" lat="51" lon="0"/>
  <node id="2" lat="51.01" lon="0"/>
  <way id="5"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="name" v="A2 > M2 &amp; &#x2192; &lt;x&gt;"/></way>
  <note><![CDATA[<way id="6"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>]]></note>
</osm>`;
    const { roads, stats } = parseOsmXml(text);
    expect(stats).toEqual({ ways: 1, kept: 1, nodes: 2 });
    expect(roads.features[0].properties.name).toBe("A2 > M2 & \u2192 <x>");
    expect(roads.features[0].geometry.coordinates).toEqual([[0, 51], [0, 51.01]]);
  });

  it("parseOsmXml roads build a routable graph (buildRoadGraph + createRouter)", () => {
    const { roads } = parseOsmXml(xml);
    const graph = buildRoadGraph(roads);
    const router = createRouter(graph);
    // 1 → 2 → 3 along the 40 mph primary: about 5.56 km + 3.48 km (haversine) at min(class, posted) speed
    const there = router.route({ id: "a", location: [0, 51] }, { id: "b", location: [0.05, 51.05] });
    expect(there).not.toBeNull();
    expect(there?.metres).toBeGreaterThan(8900);
    expect(there?.metres).toBeLessThan(9100);
    // the reversed one-way residential runs 4 → 3 only: from 3 to 4 there is no road
    const t = router.travelTimes([{ id: "n3", location: [0.05, 51.05] }], [{ id: "n4", location: [0.1, 51.05] }]);
    const back = router.travelTimes([{ id: "n4", location: [0.1, 51.05] }], [{ id: "n3", location: [0.05, 51.05] }]);
    expect(back.minutes[0]).toBeLessThan(t.minutes[0]);
  });
});

describe("parseOsmPbf", () => {
  const nodes: PbfNode[] = [
    { id: 1, lon: 0, lat: 51 },
    { id: 2, lon: 0.05, lat: 51 },
    { id: 3, lon: 0.05, lat: 51.05 },
  ];
  const ways: PbfWay[] = [
    { id: 10, refs: [1, 2, 3], tags: { highway: "primary", maxspeed: "40 mph" } },
    { id: 11, refs: [3, 1], tags: { highway: "cycleway" } },
    { id: 12, refs: [3, 1], tags: { highway: "tertiary", junction: "roundabout" } },
  ];

  it("parseOsmPbf(bytes) reads dense and plain nodes, raw and zlib blobs", async () => {
    for (const dense of [true, false]) {
      for (const compress of [true, false]) {
        const { roads } = await parseOsmPbf(writeOsmPbf(nodes, ways, { dense, compress }));
        expect(roads.features.map((f) => [f.properties.id, f.properties.highway, f.properties.oneway, f.properties.maxspeedKmh])).toEqual([
          ["way/10", "primary", "no", 64.37],
          ["way/12", "tertiary", "yes", undefined],
        ]);
        expect(roads.features[0].geometry.coordinates).toEqual([[0, 51], [0.05, 51], [0.05, 51.05]]);
      }
    }
  });

  it("names the byte offset of a truncated file and rejects non-PBF bytes", async () => {
    const bytes = writeOsmPbf(nodes, ways);
    await expect(parseOsmPbf(bytes.subarray(0, bytes.length - 5), { file: "cut.osm.pbf" })).rejects.toThrowError(/cut\.osm\.pbf:byte \d+: truncated blob/);
    await expect(parseOsmPbf(new TextEncoder().encode("<osm></osm>"))).rejects.toThrowError(IoError);
  });

  it("a node outside lon/lat range (a corrupt block) is an IoError naming the node, never NaN or far-away roads", async () => {
    for (const dense of [true, false]) {
      const bad = writeOsmPbf([...nodes.slice(0, 2), { id: 3, lon: 0.05, lat: 95 }], ways, { dense });
      await expect(parseOsmPbf(bad, { file: "bad.osm.pbf" })).rejects.toThrowError(/bad\.osm\.pbf:byte \d+: node 3 has no valid lat\/lon \(lon 0\.05, lat 95\)/);
    }
  });

  it("readOsm(path) dispatches .osm files by extension", async () => {
    const { roads } = await readOsm(fixture.pathname);
    expect(roads.features).toHaveLength(3);
    await expect(readOsm("/nonexistent/x.osm")).rejects.toThrowError(/cannot read "\/nonexistent\/x\.osm" \(ENOENT\)/);
  });

  const arbNet = fc
    .record({
      coords: fc.array(fc.tuple(fc.integer({ min: -500000, max: 500000 }), fc.integer({ min: 500000, max: 550000 })), { minLength: 2, maxLength: 12 }),
      ways: fc.array(
        fc.record({ picks: fc.array(fc.nat(), { minLength: 2, maxLength: 5 }), highway: fc.constantFrom("primary", "footway", "residential", "motorway"), oneway: fc.constantFrom(undefined, "yes", "-1", "no") }),
        { maxLength: 6 },
      ),
    })
    .map(({ coords, ways: ws }) => {
      const ns = coords.map(([x, y], i) => ({ id: i + 1, lon: x / 1e5, lat: y / 1e4 }));
      const wys = ws.map((w, k) => ({
        id: 100 + k,
        refs: w.picks.map((p) => (p % ns.length) + 1),
        tags: { highway: w.highway, ...(w.oneway === undefined ? {} : { oneway: w.oneway }) },
      }));
      return { ns, wys };
    });
  test.prop([arbNet])("XML and PBF encodings of the same data give the same roads", async ({ ns, wys }) => {
    const a = parseOsmXml(toXml(ns, wys));
    const b = await parseOsmPbf(writeOsmPbf(ns, wys));
    expect(b.roads).toEqual(a.roads);
    for (const f of a.roads.features) expect(["primary", "residential", "motorway"]).toContain(f.properties.highway);
  });
});
