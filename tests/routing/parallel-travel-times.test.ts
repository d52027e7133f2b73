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
  await expect(parallelTravelTimes({} as never, origins, dests)).rejects.toThrowError(/createRouter/);
});
