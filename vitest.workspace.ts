import { defineProject } from "vitest/config";

/**
 * The one list of vitest projects; the root vitest.config.ts reads it as `test.projects`
 * (docs/decisions.md, "Tests"). `unit` needs no service: no Redis, PostgreSQL, emulator or
 * browser (`pnpm test:unit`). The others run against the real services (`pnpm test`).
 */

// Service-backed tests that still sit next to their code, in packages being rewritten.
const SERVICE_TESTS_NEXT_TO_CODE = [
  "packages/accounts/src/account-store.test.ts",
  "packages/pipeline/src/enqueue.test.ts",
  "packages/pipeline/src/recording-store.test.ts",
];

export default [
  defineProject({
    test: {
      name: "unit",
      include: ["apps/*/**/*.test.{ts,tsx}", "packages/*/**/*.test.ts", "scripts/**/*.test.ts"],
      exclude: ["**/node_modules/**", "**/test/**", "**/e2e/**", "**/.next/**", "**/.cache/**", ...SERVICE_TESTS_NEXT_TO_CODE],
      environment: "node",
    },
  }),
  defineProject({
    test: {
      name: "packages",
      include: ["packages/*/test/**/*.test.ts", ...SERVICE_TESTS_NEXT_TO_CODE],
      environment: "node",
    },
  }),
  defineProject({
    test: { name: "web", include: ["apps/web/test/**/*.test.ts"], environment: "node" },
  }),
  defineProject({
    test: { name: "worker", include: ["apps/worker/test/**/*.test.ts"], environment: "node" },
  }),
  defineProject({
    test: { name: "scripts", include: ["scripts/test/**/*.test.ts"], environment: "node" },
  }),
];
