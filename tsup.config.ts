import { defineConfig } from "tsup";

const domains = ["model", "network", "routing", "access", "catchment", "capacity", "optimise", "scenario", "io", "kent-medway", "node"];

// One entry per public domain so `hubspoke/<domain>` subpaths load on their own.
// `io/node` holds the Node-only file readers, so the root and `hubspoke/io` stay browser-safe.
// `pbf` is ESM-only: bundle it so the CJS build never has to require() an ES module.
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      ...Object.fromEntries(domains.map((d) => [`${d}/index`, `src/${d}/index.ts`])),
      "io/node/index": "src/io/node/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    splitting: true,
    treeshake: true,
    noExternal: ["pbf"],
  },
  {
    // The `hubspoke` command (package.json "bin"): ESM with a shebang.
    entry: { "cli/index": "src/cli/index.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: false,
    clean: false,
    target: "es2022",
    platform: "node",
    splitting: true,
    treeshake: true,
    noExternal: ["pbf"],
    banner: { js: "#!/usr/bin/env node" },
  },
]);
