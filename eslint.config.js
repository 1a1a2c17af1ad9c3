import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * One config for the whole repository, linted by one ESLint process (`pnpm lint`): the type-aware
 * rules share one TypeScript project service across every package instead of one per package.
 * Where `process.env` may be read: docs/decisions.md, "Environment".
 */

// The modules that parse the environment; everything else imports their result.
// apps/web/server.ts reads where to listen and whom to trust before Next (and env.ts) loads.
const ENV_MODULES = ["apps/web/env.ts", "apps/web/server.ts", "apps/worker/env.ts", "packages/config/**"];
// Tools rather than the product: they set up, observe or drive processes, and read the shell's
// variables to do so (REDIS_URL, CHROMIUM_PATH, PORT, …).
const TOOLING = [
  "scripts/**",
  "apps/*/scripts/**",
  "**/*.test.ts",
  "**/test/**",
  "**/e2e/**",
  "**/bench/**",
  "packages/test-utils/**",
  // A package's test support (e.g. @byok/db/testing) and its command-line entry points.
  "packages/*/src/testing.ts",
  "packages/*/src/cli/**",
  "**/*.config.ts",
  "**/*.config.js",
  "vitest.workspace.ts",
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/test-results/**",
      "**/playwright-report/**",
      "**/next-env.d.ts",
      ".data/**",
      "**/.cache/**",
      ".turbo/**",
      // A stand-in app the Lighthouse benchmark builds beside ours: not our code.
      "apps/web/bench/empty-next-app/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // A promise nobody awaits loses its rejection; one handed to a callback that ignores the
      // result (an event handler, a timer) does too.
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message:
            "Read the environment through apps/web/env.ts, apps/worker/env.ts or @byok/config (docs/decisions.md, Environment).",
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: [...ENV_MODULES, ...TOOLING],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["scripts/**", "**/*.test.ts", "**/e2e/**", "**/bench/**", "**/cli.ts"],
    rules: { "no-console": "off" },
  },
  {
    // Code the browser runs: one zod schema import puts zod (about 30 kB gzip) on the page, so
    // values are checked with the zod-free guards instead (docs/ui.md, "Page weight").
    files: ["apps/web/components/**", "apps/web/lib/crypto/**", "apps/web/lib/format/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", message: "zod stays on the server: use a zod-free guard (docs/ui.md, Page weight)." }],
          patterns: [
            {
              group: ["@byok/*"],
              importNamePattern: "Schema$",
              message:
                "A schema brings zod into the page: use the zod-free guard (isProvider, isFailureReason, isByokRef).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/web/**/*.ts", "apps/web/**/*.tsx"],
    // Playwright fixtures call their own `use`, which is no React hook.
    ignores: ["apps/web/e2e/**", "apps/web/test/**"],
    extends: [reactHooks.configs.flat["recommended-latest"], nextPlugin.configs["core-web-vitals"]],
    settings: { next: { rootDir: "apps/web" } },
  },
);
