import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli-run.js";

// The built package (dist/, from `npm run build`, which `npm test` runs first) as users load it.
const run = (args: string[], input?: string) => execFileSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8", input });

describe("io and cli in the built package", () => {
  it("dist has the io, io/node and cli entries", () => {
    for (const f of ["dist/io/index.js", "dist/io/index.cjs", "dist/io/node/index.js", "dist/io/node/index.cjs", "dist/cli/index.js"]) expect(existsSync(resolve(repoRoot, f)), f).toBe(true);
  });

  it("ESM: import { parseSitesCsv, renderSvgMap } from 'hubspoke' and readSites from 'hubspoke/io/node'", () => {
    const code = `
      import { parseSitesCsv, renderSvgMap, parseOdTable } from "hubspoke";
      import { readOsm } from "hubspoke/io/node";
      const sites = parseSitesCsv("id,name,kind,lon,lat\\nh,H,hub,0.5,51\\n");
      const svg = renderSvgMap({ sites, zones: [{ id: "z", name: "Z", location: [0.6, 51.1], population: 1, need: 1 }] });
      const { roads } = await readOsm("tests/fixtures/io/tiny.osm");
      const m = parseOdTable({ durations: [[60]] }, { format: "osrm" });
      process.stdout.write([sites[0].id, svg.startsWith("<svg"), roads.features.length, m.minutes[0]].join(" "));`;
    expect(run(["--input-type=module", "-e", code])).toBe("h true 3 1");
  });

  it("CJS: require('hubspoke/io') and require('hubspoke/io/node') (pbf is bundled, so no require of an ES module)", () => {
    const code = `
      const io = require("hubspoke/io");
      const node = require("hubspoke/io/node");
      node.readOsm("tests/fixtures/io/tiny.osm").then((r) => process.stdout.write(typeof io.parseOsmPbf + " " + r.stats.kept));`;
    expect(run(["-e", code])).toBe("function 3");
  });

  it("a browser bundle of the root export builds with no Node built-ins and runs", async () => {
    const result = await build({
      stdin: {
        contents: `import { parseZonesCsv, renderSvgMap, stringifyGeoJSON, zonesToGeoJSON } from "hubspoke";
          const zones = parseZonesCsv("id,lon,lat,population\\nz1,0.5,51,10\\n");
          globalThis.__out = [renderSvgMap({ sites: [{ id: "h", name: "H", kind: "hub", location: [0.6, 51.1], status: "open" }], zones }).length > 100, JSON.parse(stringifyGeoJSON(zonesToGeoJSON(zones))).features.length];`,
        resolveDir: repoRoot,
        loader: "js",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const inputs = result.metafile?.inputs ?? {};
    expect(Object.keys(inputs).some((p) => p.includes("dist/io/node") || p.includes("kent-medway") || p.includes("node_modules/highs/"))).toBe(false);
    const js = result.outputFiles[0].text;
    expect(run(["--input-type=module"], `${js}\nprocess.stdout.write(JSON.stringify(globalThis.__out));`)).toBe("[true,1]");
  });

  it.each(["", "/model", "/network", "/routing", "/access", "/catchment", "/capacity", "/optimise", "/scenario", "/io", "/kent-medway"])(
    "a browser bundle of hubspoke%s resolves with no node:* import and no configuration",
    async (sub) => {
      const result = await build({
        stdin: { contents: `import * as lib from "hubspoke${sub}"; globalThis.__lib = lib;`, resolveDir: repoRoot, loader: "js" },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      const inputs = Object.entries(result.metafile?.inputs ?? {});
      expect(inputs.filter(([, v]) => v.imports.some((i) => i.path.startsWith("node:"))).map(([k]) => k)).toEqual([]);
    },
  );

  it("the bin's start-up imports only commander (commands load their work when they run)", () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/^import\s(?:[^'"]*?from\s+)?["']([^"']+)["']/gm)) {
        if (m[1].startsWith(".")) walk(resolve(dirname(file), m[1]));
        else packages.add(m[1]);
      }
    };
    walk(resolve(repoRoot, "dist/cli/index.js"));
    expect([...packages]).toEqual(["commander"]);
  });

  it("the bin runs: node dist/cli/index.js --version", () => {
    expect(run(["dist/cli/index.js", "--version"]).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
