import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The one list of vitest projects; the root vitest.config.ts reads it as `test.projects`
 * (docs/decisions.md, "Tests"). `unit` needs no service: no Redis, PostgreSQL, emulator or
 * browser (`pnpm test:unit`). The others run against the real services (`pnpm test`). Every
 * project `extends` the root config: without it a project silently ignores the root's timeouts.
 */

// apps/web imports its own modules through the `~/` alias of its tsconfig.
const webAlias = [{ find: /^~\//, replacement: fileURLToPath(new URL("./apps/web/", import.meta.url)) }];

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    resolve: { alias: webAlias },
    test: {
      name: "unit",
      include: ["apps/*/**/*.test.{ts,tsx}", "packages/*/**/*.test.ts", "scripts/**/*.test.ts"],
      exclude: ["**/node_modules/**", "**/test/**", "**/e2e/**", "**/.next/**", "**/.cache/**"],
      environment: "node",
    },
  },
  { extends: true, test: { name: "packages", include: ["packages/*/test/**/*.test.ts"], environment: "node" } },
  {
    extends: true,
    resolve: { alias: webAlias },
    test: { name: "web", include: ["apps/web/test/**/*.test.ts"], environment: "node" },
  },
  { extends: true, test: { name: "worker", include: ["apps/worker/test/**/*.test.ts"], environment: "node" } },
  { extends: true, test: { name: "scripts", include: ["scripts/test/**/*.test.ts"], environment: "node" } },
];

export default projects;
