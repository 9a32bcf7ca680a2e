import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname);
const alias = {
  "@": root,
  // `server-only` throws outside React's server build; tests run server code directly.
  "server-only": path.join(root, "test/support/server-only-noop.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "test/unit/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // Property tests and generator sweeps are CPU-bound: a few seconds alone, more on a
          // busy 2-core CI machine. A hang still fails, just not a slow-but-correct run.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["lib/**/*.int.test.ts", "test/integration/**/*.int.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          // Each test file gets its own database cloned from a migrated template.
          setupFiles: ["test/integration/setup-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
