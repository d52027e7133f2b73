// Vitest global setup: choose the one fast-check seed of this run and hand it to every test file.
// Default: a fixed seed, so CI and local runs explore the same cases and a failure reproduces.
// FC_SEED=<integer> re-runs one seed (the failing test's name and error show it);
// FC_SEED=random explores a new seed, printed here before any test runs.
import type { TestProject } from "vitest/node";

export const DEFAULT_FC_SEED = 20_261_203;

declare module "vitest" {
  interface ProvidedContext {
    fcSeed: number;
    fcPath: string;
  }
}

export default function setup(project: TestProject): void {
  const given = process.env.FC_SEED;
  let seed = DEFAULT_FC_SEED;
  if (given === "random") seed = (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  else if (given !== undefined && given !== "") {
    seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random" (got "${given}")`);
  }
  if (given !== undefined) process.stderr.write(`fast-check seed ${seed} (re-run with FC_SEED=${seed})\n`);
  project.provide("fcSeed", seed);
  project.provide("fcPath", process.env.FC_PATH ?? "");
}
