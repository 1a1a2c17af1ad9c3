/** The parts of the two JSON reports the summary reads; anything else in them is ignored. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
}
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
}

export interface SummaryInput {
  /** null: the step wrote no report (it crashed, or never ran). */
  vitest: VitestReport | null;
  playwright: PlaywrightReport | null;
  /** Steps of the test command that failed, in order (typecheck, lint, vitest, build, playwright). */
  failedSteps: readonly string[];
}

/**
 * The closing lines of the test command. A failed step that left no test results of its own
 * (typecheck, lint, build, or a runner that wrote no report) counts as one failure, so the last
 * line never says "0 failed" about a run that failed.
 */
export function summarizeTests({ vitest, playwright, failedSteps }: SummaryInput): string[] {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    lines.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
  } else {
    lines.push("vitest: no report");
  }
  if (playwright) {
    // A flaky test passed on a retry; it is reported, and counted as passed.
    const ok = playwright.stats.expected + playwright.stats.flaky;
    passed += ok;
    failed += playwright.stats.unexpected;
    lines.push(`playwright: ${ok} passed, ${playwright.stats.unexpected} failed`);
  } else {
    lines.push("playwright: no report");
  }
  const stepsWithoutTests = failedSteps.filter(
    (step) =>
      !(step === "vitest" && vitest && vitest.numFailedTests > 0) &&
      !(step === "playwright" && playwright && playwright.stats.unexpected > 0),
  );
  if (failedSteps.length > 0) lines.push(`failed steps: ${failedSteps.join(", ")}`);
  failed += stepsWithoutTests.length;
  lines.push(`${passed} passed, ${failed} failed`);
  return lines;
}
