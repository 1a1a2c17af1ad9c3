/** Prints the suite's closing line, "N passed, N failed", from the vitest and Playwright JSON reports. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const vitest = JSON.parse(readFileSync(resolve(root, ".data/test-results/vitest.json"), "utf8")) as {
  numPassedTests: number;
  numFailedTests: number;
};
const playwright = JSON.parse(readFileSync(resolve(root, "apps/web/test-results/results.json"), "utf8")) as {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
};
const passed = vitest.numPassedTests + playwright.stats.expected + playwright.stats.flaky;
const failed = vitest.numFailedTests + playwright.stats.unexpected;
console.log(`vitest ${vitest.numPassedTests} + playwright ${playwright.stats.expected + playwright.stats.flaky} tests`);
console.log(`${passed} passed, ${failed} failed`);
