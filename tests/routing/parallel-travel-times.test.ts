import { expect, it } from "vitest";
import { createRouter } from "../../src/routing/index.js";
import { parallelTravelTimes } from "../../src/node/index.js";
import { toGraph } from "../support/routing-arbitraries.js";

it("parallelTravelTimes equals the single-thread router.travelTimes exactly", async () => {
  // a deterministic pseudo-random graph (LCG) with one-way links
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const n = 300;
  const edges = [];
  for (let i = 0; i < 1500; i++) edges.push({ from: Math.floor(rnd() * n), to: Math.floor(rnd() * n), minutes: rnd() * 10 });
  const r = createRouter(toGraph({ n, edges }));
  const origins = Array.from({ length: 120 }, (_, i) => String(i));
  const dests = Array.from({ length: 30 }, (_, i) => String(299 - i * 3));
  const single = r.travelTimes(origins, dests);
  const par = await parallelTravelTimes(r, origins, dests, { workers: 2 });
  expect(Array.from(par.minutes)).toEqual(Array.from(single.minutes));
  expect(par.origins).toEqual(single.origins);
  expect(par.provenance).toEqual(single.provenance);
  expect(single.minutes.some((v) => v === Infinity)).toBe(true);
  // more workers than searches, and forward (per-origin) searches: still identical
  const three = await parallelTravelTimes(r, origins, dests.slice(0, 2), { workers: 3 });
  expect(Array.from(three.minutes)).toEqual(Array.from(r.travelTimes(origins, dests.slice(0, 2)).minutes));
  const fwd = await parallelTravelTimes(r, origins.slice(0, 5), dests, { workers: 2, direction: "forward" });
  expect(Array.from(fwd.minutes)).toEqual(Array.from(r.travelTimes(origins.slice(0, 5), dests, { direction: "forward" }).minutes));
  await expect(parallelTravelTimes({} as never, origins, dests)).rejects.toThrowError(/createRouter/);
  await expect(parallelTravelTimes(r, origins, dests, { workers: Number.NaN })).rejects.toThrowError(/options\.workers/);
  await expect(parallelTravelTimes(r, origins, dests, { workers: 0 })).rejects.toThrowError(/integer >= 1/);
});

it("parallelTravelTimes on a contraction-hierarchy router equals its single-thread matrix exactly", async () => {
  let s = 777;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const n = 300;
  const edges = [];
  for (let i = 0; i < 1200; i++) edges.push({ from: Math.floor(rnd() * n), to: Math.floor(rnd() * n), minutes: rnd() * 10 });
  const graph = toGraph({ n, edges });
  const r = createRouter(graph, { preprocess: "ch" });
  const origins = Array.from({ length: 120 }, (_, i) => String(i));
  const dests = Array.from({ length: 21 }, (_, i) => String(299 - i * 3));
  const single = r.travelTimes(origins, dests);
  const par = await parallelTravelTimes(r, origins, dests, { workers: 2 });
  expect(Array.from(par.minutes)).toEqual(Array.from(single.minutes));
  const fwd = await parallelTravelTimes(r, origins.slice(0, 9), dests, { workers: 2, direction: "forward" });
  expect(Array.from(fwd.minutes)).toEqual(Array.from(r.travelTimes(origins.slice(0, 9), dests, { direction: "forward" }).minutes));
  const plain = createRouter(graph).travelTimes(origins, dests).minutes;
  for (let k = 0; k < plain.length; k++) expect(Math.abs(plain[k] - single.minutes[k]) <= 1e-9 * plain[k] || plain[k] === single.minutes[k]).toBe(true);
});
