import { expect, it } from "vitest";
import { kentMedway } from "../../src/kent-medway/index.js";
import { createRouter, createScenarioCache, evaluate } from "../../src/index.js";

// Regression: rounding residue (flows of ~1e-15) bounced between columns and the
// successive-shortest-path loop never ended on this Kent & Medway option.
it("capacitatedAssignment finishes when a new small hub leaves rounding residue (open cand-ryyc3 as a hub with 26 beds)", () => {
  const network = kentMedway();
  const cache = createScenarioCache(createRouter(network.graph!));
  const t0 = performance.now();
  const result = evaluate(
    network,
    { id: "medway-hub", name: "Medway hub", changes: [{ type: "openSite", siteId: "cand-ryyc3", as: "hub" }, { type: "setBeds", siteId: "cand-ryyc3", beds: { adultAcute: 26 } }] },
    { cache },
  );
  expect(performance.now() - t0).toBeLessThan(20_000);
  expect(result.capacity.wards.length).toBeGreaterThan(0);
}, 30_000);
