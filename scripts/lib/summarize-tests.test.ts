import { describe, expect, it } from "vitest";
import { summarizeTests } from "./summarize-tests";

const vitest = (passed: number, failed: number) => ({ numPassedTests: passed, numFailedTests: failed });
const playwright = (expected: number, unexpected: number, flaky = 0) => ({ stats: { expected, unexpected, flaky } });

describe("summarizeTests", () => {
  it("adds up both runners when everything passed", () => {
    expect(summarizeTests({ vitest: vitest(565, 0), playwright: playwright(18, 0), failedSteps: [] })).toEqual([
      "vitest: 565 passed, 0 failed",
      "playwright: 18 passed, 0 failed",
      "583 passed, 0 failed",
    ]);
  });

  it("reports failed tests of either runner", () => {
    const lines = summarizeTests({
      vitest: vitest(560, 5),
      playwright: playwright(16, 2, 1),
      failedSteps: ["vitest", "playwright"],
    });
    expect(lines.at(-1)).toBe("577 passed, 7 failed");
    expect(lines).toContain("failed steps: vitest, playwright");
  });

  it("counts a failed step without test results as a failure", () => {
    const lines = summarizeTests({
      vitest: vitest(565, 0),
      playwright: playwright(18, 0),
      failedSteps: ["typecheck", "lint"],
    });
    expect(lines.at(-1)).toBe("583 passed, 2 failed");
  });

  it("never says 0 failed when a runner left no report", () => {
    const lines = summarizeTests({ vitest: null, playwright: null, failedSteps: ["vitest", "build", "playwright"] });
    expect(lines).toEqual([
      "vitest: no report",
      "playwright: no report",
      "failed steps: vitest, build, playwright",
      "0 passed, 3 failed",
    ]);
  });

  it("does not count a runner twice: its failed tests stand for its failed step", () => {
    const lines = summarizeTests({ vitest: vitest(10, 1), playwright: playwright(3, 0), failedSteps: ["vitest"] });
    expect(lines.at(-1)).toBe("13 passed, 1 failed");
  });
});
