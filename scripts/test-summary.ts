/**
 * Prints the test command's closing lines, ending with "N passed, N failed", from the vitest and
 * Playwright JSON reports. The names of the steps that failed are the arguments.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { summarizeTests, type PlaywrightReport, type VitestReport } from "./lib/summarize-tests";

const root = resolve(import.meta.dirname, "..");

function readReport<T>(path: string): T | null {
  const file = resolve(root, path);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

for (const line of summarizeTests({
  vitest: readReport<VitestReport>(".data/test-results/vitest.json"),
  playwright: readReport<PlaywrightReport>("apps/web/test-results/results.json"),
  failedSteps: process.argv.slice(2),
})) {
  console.log(line);
}
