import { describe, expect, it } from "vitest";
import { DirectedGraph } from "graphology";
import { createRouter } from "../../src/routing/index.js";
import { coreOf } from "../../src/routing/router-core.js";
import { InvalidInputError } from "../../src/errors.js";
import { kentMedway } from "../../src/kent-medway/index.js";
import type { RoadGraph } from "../../src/model/types.js";

/** A two-way 4 × 4 grid of 1-minute streets with a 0.5-minute-per-block avenue along row 0. */
function grid(): RoadGraph {
  const g = new DirectedGraph();
  const key = (x: number, y: number) => `${x},${y}`;
  for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) g.addNode(key(x, y), { lon: 0.5 + x * 0.01, lat: 51 + y * 0.01 });
  for (let y = 0; y < 4; y++)
    for (let x = 0; x < 4; x++) {
      const w = y === 0 ? 0.5 : 1;
      if (x < 3) {
        g.addEdge(key(x, y), key(x + 1, y), { minutes: w });
        g.addEdge(key(x + 1, y), key(x, y), { minutes: w });
      }
      if (y < 3) {
        g.addEdge(key(x, y), key(x, y + 1), { minutes: 1 });
        g.addEdge(key(x, y + 1), key(x, y), { minutes: 1 });
      }
    }
  return g as unknown as RoadGraph;
}

describe("createRouter(graph, { preprocess: 'ch' })", () => {
  it("travelTimes on a grid equals the default router's, with shortcuts and a provenance note", () => {
    const graph = grid();
    const ch = createRouter(graph, { preprocess: "ch" });
    const nodes = graph.nodes();
    const m = ch.travelTimes(nodes, nodes);
    expect(Array.from(m.minutes)).toEqual(Array.from(createRouter(graph).travelTimes(nodes, nodes).minutes));
    // corner to corner: along the avenue (1.5) then down three blocks (3)
    expect(m.minutes[nodes.indexOf("0,0") * 16 + nodes.indexOf("3,3")]).toBe(4.5);
    expect(coreOf(ch)?.ch?.h.shortcuts).toBeGreaterThan(0);
    expect(m.provenance?.notes?.some((n) => n.includes("contraction hierarchy"))).toBe(true);
  });

  it("route, nearest, minutesFrom and snapped points keep working", () => {
    const graph = grid();
    const ch = createRouter(graph, { preprocess: "ch" });
    const plain = createRouter(graph);
    const zone = { id: "z", location: [0.505, 51.0001] as [number, number] };
    const site = { id: "s", location: [0.53, 51.0299] as [number, number] };
    expect(ch.route(zone, site)).toEqual(plain.route(zone, site));
    expect(ch.nearest(["3,3", "0,1"], ["0,0", "3,0"])).toEqual(plain.nearest(["3,3", "0,1"], ["0,0", "3,0"]));
    expect(Array.from(ch.minutesFrom("1,1"))).toEqual(Array.from(plain.minutesFrom("1,1")));
    expect(Array.from(ch.travelTimes([zone, "2,2"], [site, zone]).minutes)).toEqual(Array.from(plain.travelTimes([zone, "2,2"], [site, zone]).minutes));
  });

  it("rejects an unknown preprocess value with a coded error", () => {
    expect(() => createRouter(grid(), { preprocess: "fast" as never })).toThrowError(InvalidInputError);
    try {
      createRouter(grid(), { preprocess: "fast" as never });
    } catch (e) {
      expect((e as InvalidInputError).code).toBe("INVALID_INPUT");
      expect((e as InvalidInputError).issues[0].path).toContain("preprocess");
    }
  });

  it("Kent & Medway: every zone × site cell (12 sites) equals the default router's within 1e-9 relative", () => {
    const network = kentMedway();
    const graph = network.graph!;
    const ch = createRouter(graph, { preprocess: "ch" });
    const plain = createRouter(graph);
    const snap = plain.snap(network.zones.map((z) => ({ id: z.id, location: z.location })));
    const sites = plain.snap(network.sites.slice(0, 12).map((s) => ({ id: s.id, location: s.location })));
    const a = plain.travelTimes(snap.snapped, sites.snapped).minutes;
    const b = ch.travelTimes(snap.snapped, sites.snapped).minutes;
    let worst = 0;
    for (let k = 0; k < a.length; k++) {
      expect(Number.isFinite(a[k])).toBe(Number.isFinite(b[k]));
      if (a[k] !== b[k]) worst = Math.max(worst, Math.abs(a[k] - b[k]) / a[k]);
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});
