import { keyFingerprint } from "@byok/provider-emulator";
import { findModel } from "@byok/types";
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

describe("platform keys", { timeout: 60_000 }, () => {
  it("falls back to another allowed provider when the platform has no key for the user's", async () => {
    h = await createHarness("worker-srv-other");
    h.start({ serverKeys: { openai: h.serverKeys.openai } });
    const userId = await h.user("start");
    const userKey = h.mint("anthropic", "invalid");
    const { recordingId } = await h.submit({ userId, keys: { anthropic: userKey } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.analysis.attribution).toEqual({
      provider: "openai",
      model: "gpt-4.1-mini",
      tier: 1,
      keySource: "server",
      fallbackReason: "invalid_key",
    });
    expect(h.emu.calls({ key: userKey })).toHaveLength(1);
    expect(
      h.emu.calls({ provider: "openai", endpoint: "chat/completions", key: h.serverKeys.openai as string }),
    ).toHaveLength(1);
  });

  it("moves the platform's attempt to another provider when the user's provider refuses our region", async () => {
    h = await createHarness("worker-srv-region");
    h.start();
    const userId = await h.user("start");
    const userKey = h.mint("openai", "region");
    const { recordingId } = await h.submit({ userId, keys: { openai: userKey } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    for (const stage of ["stt", "analysis"] as const) {
      expect(rec.stages[stage].attribution).toMatchObject({
        keySource: "server",
        fallbackReason: "region_unsupported",
      });
      expect(rec.stages[stage].attribution?.provider).not.toBe("openai");
    }
    // One refused call per stage with the user's key, and none with the platform's OpenAI key.
    expect(h.emu.calls({ key: userKey })).toHaveLength(2);
    expect(h.emu.calls({ key: h.serverKeys.openai as string })).toEqual([]);
  });

  it("retries a failing platform key three times with backoff, then fails with a clear reason", async () => {
    h = await createHarness("worker-srv-error");
    const broken = h.mint("openai", "error", "srv_err");
    h.start({ serverKeys: { openai: broken } });
    const userId = await h.user("pro");
    const { recordingId } = await h.submit({ userId });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("failed");
    expect(rec.stages.stt).toMatchObject({ status: "failed", attempts: 3, error: { reason: "provider_unavailable" } });
    expect(rec.stages.stt.error?.message).toMatch(/trouble/);
    expect(h.emu.calls({ keyFingerprint: keyFingerprint(broken) })).toHaveLength(3);
  });

  it("does not retry an invalid platform key", async () => {
    h = await createHarness("worker-srv-invalid");
    const broken = h.mint("openai", "invalid", "srv_inv");
    h.start({ serverKeys: { openai: broken } });
    const userId = await h.user("free");
    const { recordingId } = await h.submit({ userId });
    const rec = await h.waitFor(recordingId);
    expect(rec.stages.stt).toMatchObject({ status: "failed", attempts: 1, error: { reason: "invalid_key" } });
    expect(h.emu.calls({ key: broken })).toHaveLength(1);
  });

  it("without a user key and with the platform's, under fallback the platform pays and no reason is recorded", async () => {
    h = await createHarness("worker-srv-plain");
    h.start();
    const userId = await h.user("business", "fallback");
    const { recordingId } = await h.submit({ userId });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "server", fallbackReason: null });
    expect(rec.stages.analysis.attribution).toMatchObject({ keySource: "server", fallbackReason: null, tier: 3 });
    expect(findModel(rec.stages.analysis.attribution?.model ?? "")?.tier).toBe(3);
  });

  it("with neither a user key nor a platform key the stage fails for good with no_server_key", async () => {
    h = await createHarness("worker-srv-none");
    h.start({ serverKeys: {} });
    const userId = await h.user("start");
    const { recordingId } = await h.submit({ userId });
    const rec = await h.waitFor(recordingId);
    expect(rec.stages.stt).toMatchObject({ status: "failed", attempts: 1, error: { reason: "no_server_key" } });
    expect(h.emu.calls()).toHaveLength(0);
  });

  it("a user key that does not answer in time falls back with reason timeout", async () => {
    h = await createHarness("worker-srv-timeout", { slowMs: 3_000 });
    h.start({ timeoutMs: 500 });
    const userId = await h.user("start");
    const slow = h.mint("openai", "slow", "slow_user");
    const { recordingId } = await h.submit({ userId, keys: { openai: slow } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "server", fallbackReason: "timeout" });
    expect(rec.stages.analysis.attribution).toMatchObject({ keySource: "server", fallbackReason: "timeout" });
  });
});
