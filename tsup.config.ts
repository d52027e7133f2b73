import { copyFileSync, mkdirSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

const domains = ["model", "network", "routing", "access", "catchment", "capacity", "optimise", "scenario", "io", "kent-medway", "node", "highs"];

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

// The Kent & Medway data ships once: fixtures/kent-medway/*.json, loaded by
// src/kent-medway/data.cjs, which is copied beside dist/kent-medway/index.{js,cjs} and stays an
// external import of both builds (the relative paths to the JSON hold from src/ and dist/).
const kentMedwayData: Plugin = {
  name: "kent-medway-data",
  setup(build) {
    build.onResolve({ filter: /^\.\/data\.cjs$/ }, (args) =>
      args.importer.replace(/\\/g, "/").endsWith("src/kent-medway/kent-medway.ts") ? { path: "./data.cjs", external: true } : undefined,
    );
    build.onEnd(() => {
      mkdirSync("dist/kent-medway", { recursive: true });
      copyFileSync("src/kent-medway/data.cjs", "dist/kent-medway/data.cjs");
    });
  },
};

// The CLI loads the bundled network through the package's own `hubspoke/kent-medway` export
// (a self-reference), so its chunks never hold a second copy and the data path stays fixed.
const cliUsesPackageKentMedway: Plugin = {
  name: "cli-kent-medway",
  setup(build) {
    build.onResolve({ filter: /kent-medway\/index\.js$/ }, () => ({ path: "hubspoke/kent-medway", external: true }));
  },
};

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
    esbuildPlugins: [kentMedwayData],
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
    esbuildPlugins: [cliUsesPackageKentMedway],
  },
]);
