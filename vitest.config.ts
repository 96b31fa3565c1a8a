import {defineConfig} from "vitest/config";

// Two projects: fast unit/SQL tests, and browser tests that share one build of the site (global setup).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {name: "unit", include: ["test/loaders/**/*.test.ts", "test/components/**/*.test.ts"]}
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/support/build-site.ts"],
          fileParallelism: false,
          testTimeout: 180_000
        }
      }
    ]
  }
});
