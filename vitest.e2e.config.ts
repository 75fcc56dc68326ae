import { defineConfig } from "vitest/config";

/**
 * The end-to-end suite: real server processes over HTTP against a GitHub double and a fresh
 * store. Files run one at a time: each starts servers of its own, and two cores are all CI has.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
