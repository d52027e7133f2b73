// Per test file: every fast-check property uses the run's seed (see fast-check-global.ts) and
// has a time budget, so a runaway property fails with its seed instead of freezing the suite.
// FC_PATH=<path> (from a failure report, with FC_SEED) replays one counterexample.
import fc from "fast-check";
import { inject } from "vitest";

const path = inject("fcPath");
fc.configureGlobal({
  seed: inject("fcSeed"),
  ...(path === "" ? {} : { path }),
  // checked between runs: a property that has not finished its runs in time fails, printing the seed
  interruptAfterTimeLimit: 30_000,
  markInterruptAsFailure: true,
});
