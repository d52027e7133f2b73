// Internal: matrices on a contraction hierarchy. Restricted sweeps (RPHAST) are built per set
// of target nodes and kept (a scenario cache asks for one column at a time over the same zones).
import type { CompiledGraph } from "../compile.js";
import { type ContractionHierarchy, contractGraph, hierarchyBytes } from "./contract.js";
import { chSweep, chUpward, type ChScratch, type ChSearchJob, runChSearches } from "./phast.js";
import { heapOps, type SearchLayout } from "../kernel.js";

/** A restricted sweep: the targets' nodes and every node their labels depend on. */
export interface Restriction {
  readonly localOf: Int32Array;
  readonly nLocal: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
}

/** What a matrix plan hands the engine (see MatrixPlan in router-core.ts). */
export interface ChPlan extends SearchLayout {
  readonly mode: "forward" | "reverse";
}

/** Searches per sweep. Eight labels per node fill one 64-byte cache line. */
export const CH_BATCH = 8;
const KEEP_RESTRICTIONS = 4;

export class ChEngine {
  readonly h: ContractionHierarchy;
  readonly preprocessMs: number;
  private readonly restrictions = new Map<string, Restriction>();
  private scratchBuf: ChScratch | null = null;

  constructor(c: CompiledGraph) {
    const t0 = performance.now();
    this.h = contractGraph(c);
    this.preprocessMs = performance.now() - t0;
  }

  bytes(): number {
    return hierarchyBytes(this.h);
  }

  scratch(): ChScratch {
    if (this.scratchBuf === null) {
      const n = this.h.n;
      this.scratchBuf = {
        dist: new Float64Array(n).fill(Infinity),
        pos: new Int32Array(n).fill(-1),
        heapNodes: new Int32Array(n),
        heapKeys: new Float64Array(n),
        touched: new Int32Array(n),
        labels: new Float64Array(0),
      };
    }
    return this.scratchBuf;
  }

  /** The sweep restricted to `exitsCh` (CH ids) and their dependencies, cached by content. */
  restriction(mode: "forward" | "reverse", exitsCh: Int32Array): Restriction {
    let key = mode;
    for (let i = 0; i < exitsCh.length; i++) key += `,${exitsCh[i]}`;
    const hit = this.restrictions.get(key);
    if (hit !== undefined) {
      this.restrictions.delete(key);
      this.restrictions.set(key, hit);
      return hit;
    }
    const made = restrict(this.h, mode, exitsCh);
    this.restrictions.set(key, made);
    if (this.restrictions.size > KEEP_RESTRICTIONS) this.restrictions.delete(this.restrictions.keys().next().value as string);
    return made;
  }

  /** The job of a plan's searches (seeds and exits mapped to CH / local ids). */
  job(p: ChPlan, out: Float64Array): ChSearchJob {
    const h = this.h;
    const reverse = p.mode === "reverse";
    const seedNodes = new Int32Array(p.seedNodes.length);
    for (let i = 0; i < seedNodes.length; i++) seedNodes[i] = h.chId[p.seedNodes[i]];
    const exitsCh = new Int32Array(p.exitNodes.length);
    for (let i = 0; i < exitsCh.length; i++) exitsCh[i] = h.chId[p.exitNodes[i]];
    const r = this.restriction(p.mode, exitsCh);
    const exitLocal = new Int32Array(exitsCh.length);
    for (let i = 0; i < exitsCh.length; i++) exitLocal[i] = r.localOf[exitsCh[i]];
    return {
      // distances to a seed climb the hierarchy against the edges: the down lists
      upOffsets: reverse ? h.downOffsets : h.upOffsets,
      upTargets: reverse ? h.downSources : h.upTargets,
      upWeights: reverse ? h.downWeights : h.upWeights,
      sweepOffsets: r.offsets,
      sweepTargets: r.targets,
      sweepWeights: r.weights,
      localOf: r.localOf,
      nLocal: r.nLocal,
      searches: p.searches,
      batch: Math.max(1, Math.min(CH_BATCH, p.searches)),
      seedStart: p.seedStart,
      seedNodes,
      seedCosts: p.seedCosts,
      exitStart: p.exitStart,
      exitLocal,
      exitCosts: p.exitCosts,
      cutoff: p.cutoff,
      out,
      tStride: p.tStride,
      sStride: p.sStride,
    };
  }

  /** Run every search of a plan on this thread. */
  run(p: ChPlan, out: Float64Array): number {
    const job = this.job(p, out);
    let b = 0;
    return runChSearches(job, this.scratch(), () => b++, { upward: chUpward, sweep: chSweep, heap: heapOps });
  }
}

/**
 * RPHAST target selection: the targets and all nodes reachable from them over the sweep's
 * edges (up lists for distances to seeds, down lists for distances from seeds), renumbered
 * 0.. in CH id order (descending rank) with their sweep edges.
 */
export function restrict(h: ContractionHierarchy, mode: "forward" | "reverse", exitsCh: Int32Array): Restriction {
  const n = h.n;
  const offs = mode === "reverse" ? h.upOffsets : h.downOffsets;
  const tgts = mode === "reverse" ? h.upTargets : h.downSources;
  const wts = mode === "reverse" ? h.upWeights : h.downWeights;
  const mark = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  for (let i = 0; i < exitsCh.length; i++) {
    const v = exitsCh[i];
    if (mark[v] === 0) {
      mark[v] = 1;
      stack[sp++] = v;
    }
  }
  let edges = 0;
  while (sp > 0) {
    const v = stack[--sp];
    edges += offs[v + 1] - offs[v];
    for (let e = offs[v], end = offs[v + 1]; e < end; e++) {
      const w = tgts[e];
      if (mark[w] === 0) {
        mark[w] = 1;
        stack[sp++] = w;
      }
    }
  }
  const localOf = new Int32Array(n).fill(-1);
  let nLocal = 0;
  for (let v = 0; v < n; v++) if (mark[v] === 1) localOf[v] = nLocal++;
  const offsets = new Int32Array(nLocal + 1);
  const targets = new Int32Array(edges);
  const weights = new Float64Array(edges);
  let k = 0;
  for (let v = 0; v < n; v++) {
    const x = localOf[v];
    if (x < 0) continue;
    for (let e = offs[v], end = offs[v + 1]; e < end; e++) {
      targets[k] = localOf[tgts[e]];
      weights[k] = wts[e];
      k++;
    }
    offsets[x + 1] = k;
  }
  return { localOf, nLocal, offsets, targets, weights };
}
