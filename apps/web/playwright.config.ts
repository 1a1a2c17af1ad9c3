import { defineConfig, devices } from "@playwright/test";

/** The house flags: no background traffic from the browser, so runs stay offline and quiet. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/**
 * Debian's Chromium: Playwright cannot download its own browser on these machines. CHROMIUM_PATH
 * overrides it (e.g. where a Playwright-managed browser is installed instead).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  globalSetup: "./e2e/stack/global-setup.ts",
  // One stack, one Chromium; the machine has two cores shared with everyone else.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["html", { outputFolder: "./test-results/report", open: "never" }],
    // Read by scripts/test-summary.ts for the closing "N passed, N failed" line.
    ["json", { outputFile: "./test-results/results.json" }],
  ],
  projects: [
    { name: "e2e", testMatch: "**/*.spec.ts", teardown: "leak sweep" },
    { name: "leak sweep", testMatch: "**/*.teardown.ts" },
  ],
  use: {
    ...devices["Desktop Chrome"],
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS },
  },
});
