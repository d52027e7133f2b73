import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/fast-check-global.ts"],
    setupFiles: ["tests/support/no-console.ts", "tests/support/fast-check-seed.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Test files share each worker's module cache: importing the library and its dependencies
    // once per worker instead of once per file cuts the suite's import time by about 7×. The
    // library keeps no module state that a test could leak (pure functions, explicit routers).
    isolate: false,
  },
});
