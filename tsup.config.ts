import { defineConfig } from "tsup";

const domains = ["model", "network", "routing", "access", "catchment", "capacity", "optimise", "scenario", "io", "kent-medway", "node"];

// One entry per public domain so `hubspoke/<domain>` subpaths load on their own.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    ...Object.fromEntries(domains.map((d) => [`${d}/index`, `src/${d}/index.ts`])),
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  splitting: true,
  treeshake: true,
});
