// Internal: endpoint resolution, matrix plans and search seeding shared by createRouter and
// the node worker pool (src/node/), so both produce identical matrices.
import * as z from "zod/mini";
import { DuplicateIdError, GraphChangedError, InvalidInputError, parseInput, UnknownIdError } from "../errors.js";
import { LonLatSchema } from "../model/schemas.js";
import type { LonLat, Provenance, RoadGraph } from "../model/types.js";
import { DEFAULT_ACCESS_SPEED_KMH } from "../network/speed-profile.js";
import { type CompiledGraph, compileGraph, hashCompiled, stronglyConnectedComponents } from "./compile.js";
import { bucketParameters, type Csr, type DijkstraPlan, heapOps, type MatrixSearchPlan, runDijkstra, runMatrixBuckets, runSearches, type SearchKernels, type SearchLayout, type SearchScratch } from "./kernel.js";
import { ChEngine } from "./ch/ch-engine.js";
import { buildSnapIndex, edgeLine, lineMetres, nearestSegment, type SnapIndex } from "./snap-index.js";
import type { Endpoint, LocatedItem, RoutedCostMatrix, SnappedPoint, SnapResult } from "./types.js";
import type { Assert, Same } from "../internal/type-checks.js";

/**
 * The zod (`zod/mini`) schema that checks {@link RouterOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const RouterOptionsSchema = z.strictObject({
  /** Points farther than this from every edge are reported as unsnapped, metres. */
  maxSnapMetres: z._default(z.number().check(z.nonnegative()), 2000),
  /** Speed charged on the straight connector from a point to its snapped road, km/h. */
  accessSpeedKmh: z._default(z.number().check(z.positive()), DEFAULT_ACCESS_SPEED_KMH),
  /** "ch": contract the graph once (contraction hierarchy) and answer matrices by RPHAST sweeps. */
  preprocess: z._default(z.enum(["none", "ch"]), "none"),
});
export interface RouterOptions {
  /**
   * Points farther than this from every edge are reported as unsnapped, metres.
   * @defaultValue `2000`
   */
  maxSnapMetres?: number;
  /**
   * Speed charged on the straight connector from a point to its snapped road, km/h.
   * @defaultValue {@link DEFAULT_ACCESS_SPEED_KMH}
   */
  accessSpeedKmh?: number;
  /**
   * "ch": contract the graph once (contraction hierarchy) and answer matrices by RPHAST sweeps.
   * @defaultValue `"none"`
   */
  preprocess?: "none" | "ch";
}
type RouterOptionsCheck = Assert<Same<RouterOptions, z.input<typeof RouterOptionsSchema>>>;

/**
 * The zod (`zod/mini`) schema that checks {@link TravelTimesOptions} at run time; reuse it to validate your own data.
 *
 * @group Schemas
 */
export const TravelTimesOptionsSchema = z.strictObject({
  /** Times above this become Infinity (and searches stop there), minutes. */
  cutoffMinutes: z._default(z.number().check(z.nonnegative()), Infinity),
  /** Search per origin ("forward"), per destination ("reverse") or whichever is fewer ("auto"). */
  direction: z._default(z.enum(["auto", "forward", "reverse"]), "auto"),
});
export interface TravelTimesOptions {
  /**
   * Times above this become Infinity (and searches stop there), minutes.
   * @defaultValue `Infinity`
   */
  cutoffMinutes?: number;
  /**
   * Search per origin ("forward"), per destination ("reverse") or whichever is fewer ("auto").
   * @defaultValue `"auto"`
   */
  direction?: "auto" | "forward" | "reverse";
}
type TravelTimesOptionsCheck = Assert<Same<TravelTimesOptions, z.input<typeof TravelTimesOptionsSchema>>>;

const LocatedItemsSchema = z.array(z.object({ id: z.string().check(z.minLength(1)), location: LonLatSchema }));

/** An endpoint attached to the compiled graph: a node, a phantom point on an edge, or nothing. */
export interface Resolved {
  readonly id: string;
  /** Node index, or -1. */
  readonly node: number;
  /** Canonical CSR edge (twin-normalised), or -1. */
  readonly edge: number;
  readonly fraction: number;
  readonly connectorMinutes: number;
  readonly connectorMetres: number;
  /** The original location of a located item (for route geometry). */
  readonly location?: LonLat;
  readonly snapped?: LonLat;
  /** Not attached (beyond maxSnapMetres). */
  readonly unsnapped: boolean;
  readonly island: boolean;
}

export interface MatrixPlan extends SearchLayout {
  readonly mode: "forward" | "reverse";
  readonly rows: number;
  readonly cols: number;
  /** Finish a matrix whose searches filled `out`: same-edge trips, ids, report, provenance. */
  finish(out: Float64Array): RoutedCostMatrix;
}

export class RouterCore {
  readonly graph: RoadGraph;
  readonly c: CompiledGraph;
  readonly maxSnapMetres: number;
  readonly accessSpeedKmh: number;
  private snapIndex: SnapIndex | null = null;
  private hash: string | null = null;
  // scratch buffers, owned by this router only
  readonly dist: Float64Array;
  readonly heapNodes: Int32Array;
  readonly heapKeys: Float64Array;
  readonly pos: Int32Array;
  /** Target marks for matrix searches' early stop; all zero between calls. */
  readonly isTarget: Uint8Array;
  /** Bucket width of the matrix kernel (minutes) and its ring size; see bucketParameters. */
  readonly bucketDelta: number;
  readonly bucketCount: number;
  private scratchBuf: SearchScratch | null = null;
  /** The contraction hierarchy when created with `preprocess: "ch"`, else null. */
  readonly ch: ChEngine | null;
  private predBuf: Int32Array | null = null;
  private labelBuf: Int32Array | null = null;

  constructor(where: string, graph: RoadGraph, options: RouterOptions) {
    const opts = parseInput(where, RouterOptionsSchema, options, "options");
    this.graph = graph;
    this.c = compileGraph(where, graph);
    this.maxSnapMetres = opts.maxSnapMetres;
    this.accessSpeedKmh = opts.accessSpeedKmh;
    const n = this.c.n;
    this.dist = new Float64Array(n);
    this.heapNodes = new Int32Array(n);
    this.heapKeys = new Float64Array(n);
    this.pos = new Int32Array(n);
    this.isTarget = new Uint8Array(n);
    const bp = bucketParameters(this.c.minutes);
    this.bucketDelta = bp.delta;
    this.bucketCount = bp.buckets;
    this.ch = opts.preprocess === "ch" ? new ChEngine(this.c) : null;
  }

  /** This thread's matrix search scratch (made on first use). */
  scratch(): SearchScratch {
    if (this.scratchBuf === null) {
      const n = this.c.n;
      this.scratchBuf = {
        dist: this.dist,
        heapNodes: this.heapNodes,
        heapKeys: this.heapKeys,
        pos: this.pos,
        isTarget: this.isTarget,
        next: new Int32Array(n),
        prev: new Int32Array(n),
        popped: new Int32Array(n),
        heads: new Int32Array(this.bucketCount),
      };
    }
    return this.scratchBuf;
  }

  check(where: string): void {
    const g = this.graph;
    if (g.order !== this.c.order || g.size !== this.c.size) {
      throw new GraphChangedError(
        where,
        `the graph changed after the router was compiled (${this.c.order} → ${g.order} nodes, ${this.c.size} → ${g.size} edges); create a new router with createRouter(graph)`,
      );
    }
  }

  graphHash(): string {
    if (this.hash === null) this.hash = hashCompiled(this.c);
    return this.hash;
  }

  index(where: string): SnapIndex {
    if (this.snapIndex === null) this.snapIndex = buildSnapIndex(where, this.graph, this.c);
    return this.snapIndex;
  }

  private sccCache: { comp: Int32Array; largest: number } | null = null;
  scc(): { comp: Int32Array; largest: number } {
    if (this.sccCache === null) this.sccCache = this.snapIndex ?? stronglyConnectedComponents(this.c);
    return this.sccCache;
  }

  pred(): Int32Array {
    if (this.predBuf === null) this.predBuf = new Int32Array(this.c.n);
    return this.predBuf;
  }

  label(): Int32Array {
    if (this.labelBuf === null) this.labelBuf = new Int32Array(this.c.n);
    return this.labelBuf;
  }

  /** Snap located items; each lands in exactly one of snapped / unsnapped. */
  snap(where: string, points: readonly LocatedItem[], path = "points"): SnapResult {
    this.check(where);
    parseInput(where, LocatedItemsSchema, points, path);
    const index = this.index(where);
    const snapped: SnappedPoint[] = [];
    const unsnapped: { id: string; nearestMetres: number }[] = [];
    const islands: string[] = [];
    for (const p of points) {
      const r = this.snapOne(where, index, p);
      if ("nearestMetres" in r) unsnapped.push(r);
      else {
        snapped.push(r);
        if (r.component === "island") islands.push(r.id);
      }
    }
    return { snapped, unsnapped, islands };
  }

  private snapOne(where: string, index: SnapIndex, p: LocatedItem): SnappedPoint | { id: string; nearestMetres: number } {
    const [lon, lat] = p.location;
    const hit = nearestSegment(index, lon, lat);
    if (hit === null) return { id: p.id, nearestMetres: Infinity };
    if (hit.metres > this.maxSnapMetres) return { id: p.id, nearestMetres: hit.metres };
    const c = this.c;
    const e = index.segEdge[hit.seg];
    const line = edgeLine(this.graph, c, index.nodeLon, index.nodeLat, e);
    const k = index.segNo[hit.seg];
    let before = 0;
    for (let i = 1; i <= k; i++) before += lineMetres([line[i - 1], line[i]]);
    const segLen = lineMetres([line[k], line[k + 1]]);
    let total = before + segLen;
    for (let i = k + 2; i < line.length; i++) total += lineMetres([line[i - 1], line[i]]);
    const fraction = total === 0 ? 0 : Math.min(1, Math.max(0, (before + hit.t * segLen) / total));
    const u = c.sources[e];
    const v = c.targets[e];
    const main = index.comp[u] === index.largest && index.comp[v] === index.largest;
    void where;
    return {
      id: p.id,
      edgeKey: c.edgeKeys[c.edgeId[e]],
      edge: [c.nodeKeys[u], c.nodeKeys[v]],
      fraction,
      snapped: [line[k][0] + hit.t * (line[k + 1][0] - line[k][0]), line[k][1] + hit.t * (line[k + 1][1] - line[k][1])],
      snapMetres: hit.metres,
      connectorMinutes: (hit.metres / 1000 / this.accessSpeedKmh) * 60,
      component: main ? "main" : "island",
    };
  }

  /** Resolve endpoints; located items are snapped with this router's index. */
  resolve(where: string, endpoints: readonly Endpoint[], path: string): Resolved[] {
    if (!Array.isArray(endpoints)) {
      throw new InvalidInputError(where, [{ path, message: "expected an array of node keys, snapped points or { id, location } items" }]);
    }
    const out: Resolved[] = new Array<Resolved>(endpoints.length);
    const seen = new Map<string, number>();
    const c = this.c;
    for (let i = 0; i < endpoints.length; i++) {
      const ep = endpoints[i];
      let r: Resolved;
      if (typeof ep === "string") {
        const node = c.nodeIndex.get(ep);
        if (node === undefined) throw new UnknownIdError(where, "node", ep, `${path}[${i}]`, "Pass a node key of the graph, or a { id, location } item to snap");
        r = { id: ep, node, edge: -1, fraction: 0, connectorMinutes: 0, connectorMetres: 0, unsnapped: false, island: false };
        const scc = this.scc();
        r = { ...r, island: scc.comp[node] !== scc.largest };
      } else if (ep !== null && typeof ep === "object" && "edgeKey" in ep) {
        r = this.resolveSnapped(where, ep, `${path}[${i}]`);
      } else if (ep !== null && typeof ep === "object" && "location" in ep) {
        parseInput(where, LocatedItemsSchema, [ep], path);
        const s = this.snapOne(where, this.index(where), ep);
        if ("nearestMetres" in s) {
          r = { id: ep.id, node: -1, edge: -1, fraction: 0, connectorMinutes: 0, connectorMetres: 0, location: ep.location, unsnapped: true, island: false };
        } else {
          r = { ...this.resolveSnapped(where, s, `${path}[${i}]`), location: ep.location };
        }
      } else {
        throw new InvalidInputError(where, [{ path: `${path}[${i}]`, message: "expected a node key, a snapped point or a { id, location } item" }]);
      }
      const first = seen.get(r.id);
      if (first !== undefined) throw new DuplicateIdError(where, path, r.id, first, i);
      seen.set(r.id, i);
      out[i] = r;
    }
    return out;
  }

  private resolveSnapped(where: string, p: SnappedPoint, path: string): Resolved {
    const c = this.c;
    const ord = this.edgeOrdinal(p.edgeKey);
    if (ord === undefined) throw new UnknownIdError(where, "edge", p.edgeKey, `${path}.edgeKey`, "Snap the point with this router's graph");
    if (!(p.fraction >= 0 && p.fraction <= 1) || !(p.connectorMinutes >= 0) || !Number.isFinite(p.connectorMinutes)) {
      throw new InvalidInputError(where, [{ path, message: `snapped point "${p.id}" needs fraction in [0, 1] and finite connectorMinutes >= 0 (got ${p.fraction}, ${p.connectorMinutes})` }]);
    }
    const from = c.nodeIndex.get(p.edge[0]);
    let e = -1;
    for (let k = c.offsets[from ?? 0], end = c.offsets[(from ?? 0) + 1]; from !== undefined && k < end; k++) {
      if (c.edgeId[k] === ord) {
        e = k;
        break;
      }
    }
    if (e < 0) throw new InvalidInputError(where, [{ path: `${path}.edge`, message: `edge "${p.edgeKey}" does not run from "${p.edge[0]}"` }]);
    const index = this.index(where);
    let fraction = p.fraction;
    const tw = index.twin[e];
    if (tw !== -1 && tw < e) {
      e = tw;
      fraction = 1 - fraction;
    }
    const island = index.comp[c.sources[e]] !== index.largest || index.comp[c.targets[e]] !== index.largest;
    return {
      id: p.id,
      node: -1,
      edge: e,
      fraction,
      connectorMinutes: p.connectorMinutes,
      connectorMetres: p.snapMetres,
      snapped: p.snapped,
      unsnapped: false,
      island,
    };
  }

  private ordinals: Map<string, number> | null = null;
  private edgeOrdinal(key: string): number | undefined {
    if (this.ordinals === null) {
      const m = new Map<string, number>();
      this.c.edgeKeys.forEach((k, i) => m.set(k, i));
      this.ordinals = m;
    }
    return this.ordinals.get(key);
  }

  /** Node/cost pairs where a trip from `r` enters the graph (`leave`) or where a trip to `r` leaves it. */
  anchors(r: Resolved, leave: boolean, nodes: number[], costs: number[]): void {
    if (r.unsnapped) return;
    if (r.node >= 0) {
      nodes.push(r.node);
      costs.push(0);
      return;
    }
    const c = this.c;
    const e = r.edge;
    const f = r.fraction;
    const tw = this.snapIndex === null ? -1 : this.snapIndex.twin[e];
    const w = c.minutes[e];
    if (leave) {
      nodes.push(c.targets[e]);
      costs.push((1 - f) * w + r.connectorMinutes);
      if (tw >= 0) {
        nodes.push(c.sources[e]);
        costs.push(f * c.minutes[tw] + r.connectorMinutes);
      }
    } else {
      nodes.push(c.sources[e]);
      costs.push(f * w + r.connectorMinutes);
      if (tw >= 0) {
        nodes.push(c.targets[e]);
        costs.push((1 - f) * c.minutes[tw] + r.connectorMinutes);
      }
    }
  }

  /** Minutes of a trip along one edge between two phantom points on it (Infinity if impossible). */
  sameEdge(o: Resolved, d: Resolved): number {
    if (o.edge < 0 || o.edge !== d.edge) return Infinity;
    const c = this.c;
    const e = o.edge;
    // the very same point (same place, same snap): no trip at all
    const samePlace =
      o.location !== undefined && d.location !== undefined
        ? o.location[0] === d.location[0] && o.location[1] === d.location[1]
        : o.location === undefined && d.location === undefined && o.connectorMinutes === d.connectorMinutes;
    if (samePlace && o.fraction === d.fraction) return 0;
    const conn = o.connectorMinutes + d.connectorMinutes;
    let best = Infinity;
    if (d.fraction >= o.fraction) best = (d.fraction - o.fraction) * c.minutes[e] + conn;
    const tw = this.snapIndex === null ? -1 : this.snapIndex.twin[e];
    if (tw >= 0 && d.fraction <= o.fraction) best = Math.min(best, (o.fraction - d.fraction) * c.minutes[tw] + conn);
    return best;
  }

  packAnchors(list: readonly Resolved[], leave: boolean): { start: Int32Array; nodes: Int32Array; costs: Float64Array } {
    const start = new Int32Array(list.length + 1);
    const nodes: number[] = [];
    const costs: number[] = [];
    for (let i = 0; i < list.length; i++) {
      this.anchors(list[i], leave, nodes, costs);
      start[i + 1] = nodes.length;
    }
    return { start, nodes: Int32Array.from(nodes), costs: Float64Array.from(costs) };
  }

  provenance(notes: string[]): Provenance {
    const profile = this.graph.getAttribute("profile");
    return {
      engine: "hubspoke-router",
      profile: typeof profile === "string" ? profile : "edge minutes",
      inputs: { graph: this.graphHash() },
      notes: [`snap: maxSnapMetres ${this.maxSnapMetres}, accessSpeedKmh ${this.accessSpeedKmh}`, ...(this.ch === null ? [] : [this.methodNote()]), ...notes],
    };
  }

  /** How matrices are computed, for provenance. */
  methodNote(): string {
    if (this.ch === null) return "matrices: one Dijkstra (bucket) search per site or zone";
    return `matrices: contraction hierarchy (${this.ch.h.shortcuts} shortcuts) with RPHAST sweeps; minutes equal plain Dijkstra's within float rounding (1e-9 relative)`;
  }

  plan(where: string, origins: readonly Endpoint[], destinations: readonly Endpoint[], options: TravelTimesOptions): MatrixPlan {
    this.check(where);
    const opts = parseInput(where, TravelTimesOptionsSchema, options, "options");
    const ro = this.resolve(where, origins, "origins");
    const rd = this.resolve(where, destinations, "destinations");
    const reverse = opts.direction === "reverse" || (opts.direction === "auto" && rd.length <= ro.length);
    const seeds = reverse ? this.packAnchors(rd, false) : this.packAnchors(ro, true);
    const exits = reverse ? this.packAnchors(ro, true) : this.packAnchors(rd, false);
    const rows = ro.length;
    const cols = rd.length;
    const cutoff = opts.cutoffMinutes;
    const finish = (out: Float64Array): RoutedCostMatrix => {
      // trips along a single edge never pass through a node
      const byEdge = new Map<number, number[]>();
      for (let i = 0; i < rows; i++) {
        const e = ro[i].edge;
        if (e < 0) continue;
        const list = byEdge.get(e);
        if (list === undefined) byEdge.set(e, [i]);
        else list.push(i);
      }
      for (let j = 0; j < cols; j++) {
        const list = rd[j].edge < 0 ? undefined : byEdge.get(rd[j].edge);
        if (list === undefined) continue;
        for (const i of list) {
          const v = this.sameEdge(ro[i], rd[j]);
          if (v <= cutoff && v < out[i * cols + j]) out[i * cols + j] = v;
        }
      }
      const unsnapped: string[] = [];
      const islands: string[] = [];
      for (const r of [...ro, ...rd]) {
        if (r.unsnapped) unsnapped.push(r.id);
        else if (r.island) islands.push(r.id);
      }
      const notes = Number.isFinite(cutoff) ? [`cutoffMinutes ${cutoff}: longer trips are Infinity`] : [];
      return {
        origins: ro.map((r) => r.id),
        destinations: rd.map((r) => r.id),
        minutes: out,
        provenance: this.provenance(notes),
        snapping: { unsnapped, islands, maxSnapMetres: this.maxSnapMetres },
      };
    };
    return {
      mode: reverse ? "reverse" : "forward",
      searches: reverse ? cols : rows,
      seedStart: seeds.start,
      seedNodes: seeds.nodes,
      seedCosts: seeds.costs,
      exitStart: exits.start,
      exitNodes: exits.nodes,
      exitCosts: exits.costs,
      cutoff,
      tStride: reverse ? cols : 1,
      sStride: reverse ? 1 : cols,
      rows,
      cols,
      finish,
    };
  }

  /** Run a plan's searches `from..to-1` on this thread; returns the settled-node count. */
  runPlan(p: MatrixPlan, out: Float64Array, from = 0, to = p.searches): number {
    if (this.ch !== null && from === 0 && to === p.searches) return this.ch.run(p, out);
    let s = from;
    const plan = { ...matrixSearchPlan(p, out, this.bucketDelta), searches: to };
    return runSearches(SEARCH_KERNELS, this.csr(p.mode === "reverse"), plan, this.scratch(), () => s++);
  }

  /** The forward (or reverse) graph as a {@link Csr}. */
  csr(reverse: boolean): Csr {
    const c = this.c;
    return reverse ? { offsets: c.rOffsets, targets: c.rTargets, weights: c.rMinutes } : { offsets: c.offsets, targets: c.targets, weights: c.minutes };
  }

  /** One Dijkstra search from `nodes`/`costs` over this router's scratch (`dist` holds the result). */
  search(reverse: boolean, seeds: { nodes: Int32Array; costs: Float64Array; labels?: Int32Array; cutoff?: number }, out: { predEdge?: Int32Array; label?: Int32Array } = {}): Float64Array {
    const plan: DijkstraPlan = {
      nodes: seeds.nodes,
      costs: seeds.costs,
      labels: seeds.labels ?? null,
      from: 0,
      to: seeds.nodes.length,
      cutoff: seeds.cutoff ?? Infinity,
      dist: this.dist,
      predEdge: out.predEdge ?? null,
      label: out.label ?? null,
    };
    runDijkstra(this.csr(reverse), plan, this, heapOps);
    return this.dist;
  }
}

const SEARCH_KERNELS: SearchKernels = { dijkstra: runDijkstra, buckets: runMatrixBuckets, heap: heapOps };

/** A matrix plan's search arrays as the kernels' plain-data {@link MatrixSearchPlan}. */
export function matrixSearchPlan(p: MatrixPlan, out: Float64Array, delta: number): MatrixSearchPlan {
  return {
    searches: p.searches,
    seedStart: p.seedStart,
    seedNodes: p.seedNodes,
    seedCosts: p.seedCosts,
    exitStart: p.exitStart,
    exitNodes: p.exitNodes,
    exitCosts: p.exitCosts,
    cutoff: p.cutoff,
    out,
    tStride: p.tStride,
    sStride: p.sStride,
    delta,
  };
}

const CORE = Symbol.for("hubspoke.routerCore");

/** Attach the internal core to a router object (non-enumerable). */
export function attachCore<T extends object>(router: T, core: RouterCore): T {
  Object.defineProperty(router, CORE, { value: core, enumerable: false });
  return router;
}

/** The internal core of a router made by createRouter, or undefined. */
export function coreOf(router: unknown): RouterCore | undefined {
  if (router === null || typeof router !== "object") return undefined;
  return (router as Record<symbol, RouterCore | undefined>)[CORE];
}
