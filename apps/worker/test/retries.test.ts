import { keyFingerprint } from "@byok/provider-emulator";
import { PROVIDERS } from "@byok/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-retries");
  // The production budget (150 s); only the backoff is scaled down so the test does not wait minutes.
  h.start({
    concurrency: 8,
    env: {
      STAGE_RETRY_BUDGET_MS: "150000",
      PROVIDER_RETRY_BASE_MS: "200",
      PROVIDER_RETRY_MAX_DELAY_MS: "2000",
      BREAKER_THRESHOLD: "3",
      BREAKER_HALF_OPEN_MS: "1000",
    },
  });
});
afterAll(async () => {
  await expectNoMintedKeyLeft(h);
  await h.close();
});
beforeEach(() => h.emu.clearCalls());

const platformFps = () => new Set(PROVIDERS.map((p) => keyFingerprint(h.serverKeys[p] as string)));
const logRecords = () =>
  h.logs.lines.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

describe("transient provider failures are waited out, not failed", { timeout: 120_000 }, () => {
  it("a 15 s burst of 5xx answers from every provider: all 10 recordings complete, each on the key it started with", async () => {
    h.emu.inject({ behaviour: "error", forMs: 15_000 });
    const startedAt = Date.now();
    const submitted = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const userId = await h.user("pro");
        // Half bring an OpenAI key, half run on the platform's.
        const keys = i % 2 === 0 ? { openai: h.mint("openai", "valid") } : undefined;
        return { keys, ...(await h.submit({ userId, keys })) };
      }),
    );
    const done = await Promise.all(submitted.map(async (s) => ({ ...s, rec: await h.waitFor(s.recordingId) })));

    for (const { rec, keys } of done) {
      expect(rec.status).toBe("completed");
      // Waiting out an outage is not a reason to move a user's stage onto the platform's key.
      const expected = keys
        ? { provider: "openai", keySource: "byok", fallbackReason: null }
        : { provider: "openai", keySource: "server" };
      expect(rec.stages.stt.attribution).toMatchObject(expected);
      expect(rec.stages.analysis.attribution).toMatchObject(expected);
    }
    const failed = h.emu.calls().filter((c) => c.status >= 500);
    expect(failed.length).toBeGreaterThan(0);
    // Every success came after the burst.
    for (const c of h.emu.calls({ status: 200 })) expect(c.at).toBeGreaterThanOrEqual(startedAt + 15_000 - 50);
    // The platform's breaker opened during the outage: its jobs waited without calling.
    const waits = logRecords().filter((r) => r.msg === "provider call retry scheduled");
    expect(waits.some((w) => w.cause === "breaker_open")).toBe(true);
    expect(waits.some((w) => w.cause === "provider_unavailable")).toBe(true);
  });

  it("a platform 429 with retry-after: the same key is tried again after at least that long, and the recordings complete", async () => {
    h.emu.inject({ provider: "openai", behaviour: "ratelimit", forMs: 2_000, retryAfterSeconds: 3 });
    const submitted = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const userId = await h.user("pro");
        return h.submit({ userId });
      }),
    );
    const done = await Promise.all(submitted.map((s) => h.waitFor(s.recordingId)));
    for (const rec of done) {
      expect(rec.status).toBe("completed");
      expect(rec.stages.stt.attribution).toMatchObject({
        provider: "openai",
        keySource: "server",
        fallbackReason: null,
      });
    }
    const platform = platformFps();
    const calls = h.emu.calls().filter((c) => platform.has(String(c.keyFingerprint)));
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    const firstLimited = Math.min(...limited.map((c) => c.at));
    // Nothing was sent to OpenAI between the 429s and the time the provider named.
    const retried = calls.filter((c) => c.provider === "openai" && c.status === 200);
    expect(retried.length).toBeGreaterThanOrEqual(3);
    for (const c of retried) expect(c.at - firstLimited).toBeGreaterThanOrEqual(3_000 - 50);
    // No other provider was asked to transcribe instead.
    expect(calls.filter((c) => c.endpoint !== "chat/completions" && c.provider !== "openai")).toEqual([]);
  });
});
