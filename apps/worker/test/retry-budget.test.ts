import { describe, expect, it } from "vitest";
import { keepAliveMs } from "../lib/byok-keep-alive";
import { DEFAULT_RETRY, RetryBudget } from "../lib/retry-budget";

describe("the retry budget", () => {
  it("the defaults wait out at least two minutes of failures before giving up", () => {
    const start = 1_000_000;
    const budget = new RetryBudget(DEFAULT_RETRY, start);
    let now = start;
    for (;;) {
      const delay = budget.nextDelay("server:openai:whisper-1", undefined, now);
      if (delay === null) break;
      now += delay;
    }
    expect(now - start).toBeGreaterThanOrEqual(120_000);
    expect(now - start).toBeLessThanOrEqual(DEFAULT_RETRY.budgetMs);
  });

  it("honours retry-after as a floor, capped", () => {
    const budget = new RetryBudget({ ...DEFAULT_RETRY, baseMs: 10, maxDelayMs: 100 }, 0);
    expect(budget.nextDelay("k", 7_000, 0)).toBeGreaterThanOrEqual(7_000);
    // A provider asking for an hour is capped at a minute.
    expect(budget.nextDelay("k", 3_600_000, 0)).toBe(60_000);
  });

  it("backs off per key, with jitter, and refuses a wait past the budget", () => {
    const budget = new RetryBudget({ budgetMs: 5_000, baseMs: 1_000, maxDelayMs: 4_000, retryAfterCapMs: 60_000 }, 0);
    const first = budget.nextDelay("a", undefined, 0) as number;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(4_000);
    expect(budget.nextDelay("a", undefined, 4_900)).toBeNull();
    expect(budget.remainingMs(4_900)).toBe(100);
  });
});

describe("keeping a waiting recording's keys", () => {
  const config = { ttlMs: 300_000, maxWaitMs: 3_600_000 };
  it("gives a full TTL from now while the recording is young", () => {
    expect(keepAliveMs(0, config, 60_000)).toBe(300_000);
  });
  it("never past the maximum wait after the recording was created", () => {
    expect(keepAliveMs(0, config, 3_500_000)).toBe(100_000);
    expect(keepAliveMs(0, config, 3_600_000)).toBe(0);
    expect(keepAliveMs(0, config, 4_000_000)).toBe(0);
  });
});
