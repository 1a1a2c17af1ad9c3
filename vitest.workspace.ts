import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The one list of vitest projects. vitest 4 dropped workspace files, so the root
 * vitest.config.ts reads this list as `test.projects`. Each project `extends` the root config:
 * without it a project silently ignores the root's timeouts.
 */
const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "packages",
      include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
      environment: "node",
    },
  },
  {
    extends: true,
    // The web app's `~/` import alias (apps/web/tsconfig.json paths).
    resolve: { alias: { "~": fileURLToPath(new URL("./apps/web", import.meta.url)) } },
    test: {
      name: "web",
      include: ["apps/web/**/*.test.ts", "apps/web/**/*.test.tsx"],
      exclude: ["**/node_modules/**", "apps/web/e2e/**", "apps/web/.next/**"],
      environment: "node",
    },
  },
  {
    extends: true,
    test: {
      name: "worker",
      include: ["apps/worker/**/*.test.ts"],
      exclude: ["**/node_modules/**"],
      environment: "node",
    },
  },
];

export default projects;
