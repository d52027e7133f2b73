import { defineConfig } from "vitest/config";

// Test files that need the built package (dist/, the packed tarball or the built CLI). `npm test`
// runs the other files while tsup builds, then these once the build is done.
const NEEDS_BUILD = [
  "tests/consumers/**/*.test.ts",
  "tests/cli/progress.test.ts",
  "tests/io/browser-example.test.ts",
  "tests/io/notebook-example.test.ts",
  "tests/io/package-consumers.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["tests/support/fast-check-global.ts"],
    setupFiles: ["tests/support/no-console.ts", "tests/support/fast-check-seed.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on a 2-core machine, one. Two keep both
    // cores busy (the CLI and package tests wait on child processes part of the time).
    maxWorkers: 2,
    // Test files share each worker's module cache: importing the library and its dependencies
    // once per worker instead of once per file cuts the suite's import time by about 7×. The
    // library keeps no module state that a test could leak (pure functions, explicit routers).
    isolate: false,
    projects: [
      { extends: true, test: { name: "src", include: ["tests/**/*.test.ts"], exclude: NEEDS_BUILD } },
      { extends: true, test: { name: "built", include: NEEDS_BUILD } },
    ],
  },
});
