import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

/**
 * The one list of vitest projects. vitest 4 dropped workspace files, so the root
 * vitest.config.ts reads this list as `test.projects` (design.md §3).
 */
export default [
  defineProject({
    test: {
      name: "packages",
      include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
      environment: "node",
    },
  }),
  defineProject({
    test: {
      name: "web",
      include: ["apps/web/**/*.test.ts", "apps/web/**/*.test.tsx"],
      exclude: ["**/node_modules/**", "apps/web/e2e/**", "apps/web/.next/**"],
      environment: "node",
    },
    // apps/web imports its own modules through the `~/` alias of its tsconfig.
    resolve: { alias: [{ find: /^~\//, replacement: fileURLToPath(new URL("./apps/web/", import.meta.url)) }] },
  }),
  defineProject({
    test: {
      name: "worker",
      include: ["apps/worker/**/*.test.ts"],
      exclude: ["**/node_modules/**"],
      environment: "node",
    },
  }),
];
