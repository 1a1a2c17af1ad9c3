import { PLAN_MAX_TIER, PLANS, PROVIDERS, allowedModels, findModel } from "@byok/types";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await expectNoMintedKeyLeft(h);
  await h.close();
  h = undefined;
});

/** Each provider's best analysis tier, from the registry. */
const BEST_TIER = Object.fromEntries(
  PROVIDERS.map((p) => [p, allowedModels("business", "analysis", p)[0]?.tier ?? -1]),
);

describe("tiers", { timeout: 60_000 }, () => {
  it("a user's own key never lifts the plan's tier limit; higher plans get higher tiers", async () => {
    h = await createHarness("worker-tiers");
    h.start({ concurrency: 8 });
    const cases = PLANS.flatMap((plan) => PROVIDERS.map((provider) => ({ plan, provider })));
    const runs = await Promise.all(
      cases.map(async ({ plan, provider }) => {
        const userId = await h!.user(plan);
        const key = h!.mint(provider, "valid");
        const { recordingId } = await h!.submit({ userId, keys: { [provider]: key } });
        return { plan, provider, key, rec: await h!.waitFor(recordingId) };
      }),
    );
    for (const { plan, provider, key, rec } of runs) {
      const expected = Math.min(PLAN_MAX_TIER[plan], BEST_TIER[provider] ?? -1);
      expect(rec.stages.analysis.attribution).toMatchObject({ provider, keySource: "byok", tier: expected });
      // The emulator's own record of the models this key reached.
      const tiers = h.emu.calls({ key }).map((c) => findModel(c.model ?? "")?.tier ?? 99);
      expect(tiers.length).toBeGreaterThan(0);
      expect(Math.max(...tiers)).toBeLessThanOrEqual(PLAN_MAX_TIER[plan]);
      if (plan === "free" || plan === "start") expect(Math.max(...tiers)).toBeLessThan(2);
    }
    expect(runs.some((r) => r.plan === "pro" && r.rec.stages.analysis.attribution!.tier === 2)).toBe(true);
  });
});

describe("expiry between the stages", { timeout: 60_000 }, () => {
  async function transcribedThenExpired(policy: "fallback" | "byok_only") {
    h = await createHarness(`worker-expiry-${policy}`);
    h.start({ queues: ["stt"] });
    const userId = await h.user("pro", policy);
    const key = h.mint("openai", "valid");
    const { recordingId, byokRef } = await h.submit({ userId, keys: { openai: key } });
    await h.waitFor(recordingId, (r) => r.stages.stt.status === "completed");
    // What a TTL does, without waiting five minutes for it.
    await h.ns.redis.pexpire(`${h.ns.prefix}cache:${userId}:${byokRef}`, 1);
    while ((await h.byokWriter.peek(userId, byokRef as string)) !== null) await new Promise((r) => setTimeout(r, 5));
    h.start({ queues: ["llm-analyze"] });
    return { rec: await h.waitFor(recordingId), key };
  }

  it("fallback: the second stage records byok_expired and the platform pays", async () => {
    const { rec, key } = await transcribedThenExpired("fallback");
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "byok", fallbackReason: null });
    expect(rec.stages.analysis.attribution).toMatchObject({
      provider: "openai",
      keySource: "server",
      fallbackReason: "byok_expired",
    });
    expect(h!.emu.calls({ key })).toHaveLength(1);
  });

  it("byok_only: the second stage fails with byok_expired and the platform key is not used", async () => {
    const { rec } = await transcribedThenExpired("byok_only");
    expect(rec.status).toBe("failed");
    expect(rec.stages.analysis).toMatchObject({ status: "failed", attempts: 1, error: { reason: "byok_expired" } });
    expect(h!.emu.calls({ endpoint: "chat/completions" })).toHaveLength(0);
  });

  it("a reference that is already gone at the first stage counts as expired too", async () => {
    h = await createHarness("worker-expiry-early");
    h.start();
    const userId = await h.user("start");
    const { recordingId, byokRef } = await h.submit({ userId, keys: { openai: h.mint("openai", "valid") } });
    // Cleared before any worker reads it (the workers may be quick, so clear and accept either order).
    await h.byokWriter.clear(userId, byokRef as string);
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    const reasons = [rec.stages.stt.attribution?.fallbackReason, rec.stages.analysis.attribution?.fallbackReason];
    expect(reasons).toContain("byok_expired");
  });
});
