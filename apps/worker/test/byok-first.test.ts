import { keyFingerprint } from "@byok/provider-emulator";
import { PROVIDERS, type Provider, allowedModels } from "@byok/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { expectNoMintedKeyLeft } from "./helpers/sweep";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-byok-first");
  h.start();
});
afterAll(async () => {
  await expectNoMintedKeyLeft(h);
  await h.close();
});
beforeEach(() => h.emu.clearCalls());

/** Calls the emulator answered with any of the platform's keys. */
const platformCalls = () =>
  h.emu.calls().filter((c) => PROVIDERS.some((p) => c.keyFingerprint === keyFingerprint(h.serverKeys[p] as string)));
const best = (task: "stt" | "analysis", provider: Provider) => allowedModels("start", task, provider)[0]?.id;

describe("BYOK-first routing through real workers, PostgreSQL, Redis and the emulator", { timeout: 60_000 }, () => {
  for (const policy of ["fallback", "byok_only"] as const) {
    it(`a user with only a Gemini key runs the whole pipeline on it (${policy})`, async () => {
      const userId = await h.user("start", policy);
      const gemini = h.mint("gemini", "valid");
      const { recordingId } = await h.submit({ userId, keys: { gemini } });
      const rec = await h.waitFor(recordingId);
      expect(rec.status).toBe("completed");
      expect(rec.stages.stt.attribution).toEqual({
        provider: "gemini",
        model: best("stt", "gemini"),
        tier: 0,
        keySource: "byok",
        fallbackReason: null,
      });
      expect(rec.stages.analysis.attribution).toMatchObject({
        provider: "gemini",
        model: best("analysis", "gemini"),
        keySource: "byok",
        fallbackReason: null,
      });
      expect(h.emu.calls({ key: gemini })).toHaveLength(2);
      expect(platformCalls()).toEqual([]);
    });
  }

  it("an OpenAI key out of quota moves to the user's Gemini key for both stages, never to the platform", async () => {
    const userId = await h.user("start", "fallback");
    const openai = h.mint("openai", "quota");
    const gemini = h.mint("gemini", "valid");
    const { recordingId } = await h.submit({ userId, keys: { openai, gemini } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    for (const stage of ["stt", "analysis"] as const) {
      expect(rec.stages[stage].attribution).toMatchObject({
        provider: "gemini",
        keySource: "byok",
        fallbackReason: null,
      });
    }
    // One refused call per stage with the OpenAI key, then the Gemini key; the platform never paid.
    expect(h.emu.calls({ key: openai }).map((c) => c.status)).toEqual([429, 429]);
    expect(h.emu.calls({ key: gemini }).map((c) => c.status)).toEqual([200, 200]);
    expect(platformCalls()).toEqual([]);
    // The ledger holds every call, and each key's health its last outcome.
    const ledger = await h.recordings.providerCalls(recordingId);
    expect(ledger.map((c) => `${c.stage} ${c.keySource}:${c.provider} ${c.outcome}`)).toEqual([
      "stt byok:openai quota_exceeded",
      "stt byok:gemini ok",
      "analysis byok:openai quota_exceeded",
      "analysis byok:gemini ok",
    ]);
    // Written right after the answer is stored, so it may trail the final state by a moment.
    const health = async () => Object.fromEntries((await h.keyHealth.list(userId)).map((k) => [k.provider, k.outcome]));
    await expect.poll(health).toEqual({ openai: "quota_exceeded", gemini: "ok" });
  });

  it("a region refusal moves to the user's next provider, and never to that provider's platform key", async () => {
    const userId = await h.user("start", "fallback");
    const openai = h.mint("openai", "region");
    const groq = h.mint("groq", "valid");
    const { recordingId } = await h.submit({ userId, keys: { openai, groq } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ provider: "groq", keySource: "byok" });
    expect(rec.stages.analysis.attribution).toMatchObject({ provider: "groq", keySource: "byok" });
    expect(h.emu.calls({ key: h.serverKeys.openai as string })).toEqual([]);
    expect(platformCalls()).toEqual([]);
  });

  it("the order the user chose decides which key pays", async () => {
    const userId = await h.user("start", "byok_only");
    await h.accounts.setProviderOrder(userId, ["groq"]);
    const openai = h.mint("openai", "valid");
    const groq = h.mint("groq", "valid");
    const { recordingId } = await h.submit({ userId, keys: { openai, groq } });
    const rec = await h.waitFor(recordingId);
    expect(rec.stages.stt.attribution).toMatchObject({
      provider: "groq",
      model: best("stt", "groq"),
      keySource: "byok",
    });
    expect(rec.stages.analysis.attribution).toMatchObject({
      provider: "groq",
      model: best("analysis", "groq"),
      keySource: "byok",
    });
    expect(h.emu.calls({ key: openai })).toEqual([]);
  });

  describe("byok_only: no_user_key before any platform call", () => {
    it("when the user's only key cannot transcribe", async () => {
      const userId = await h.user("pro", "byok_only");
      const anthropic = h.mint("anthropic", "valid");
      const { recordingId } = await h.submit({ userId, keys: { anthropic } });
      const rec = await h.waitFor(recordingId);
      expect(rec.status).toBe("failed");
      expect(rec.stages.stt).toMatchObject({ status: "failed", attempts: 1, error: { reason: "no_user_key" } });
      expect(rec.stages.analysis.status).toBe("pending");
      expect(h.emu.calls()).toEqual([]);
      expect(await h.recordings.providerCalls(recordingId)).toEqual([]);
    });

    it("when the user brought no keys at all", async () => {
      const userId = await h.user("business", "byok_only");
      const { recordingId } = await h.submit({ userId });
      const rec = await h.waitFor(recordingId);
      expect(rec.stages.stt).toMatchObject({ status: "failed", attempts: 1, error: { reason: "no_user_key" } });
      expect(h.emu.calls()).toEqual([]);
    });
  });

  it("under fallback, a stage none of the user's keys can do is paid by the platform, and says so", async () => {
    const userId = await h.user("pro", "fallback");
    const anthropic = h.mint("anthropic", "valid");
    const { recordingId } = await h.submit({ userId, keys: { anthropic } });
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({
      provider: "openai",
      keySource: "server",
      fallbackReason: "no_user_key",
    });
    expect(rec.stages.analysis.attribution).toMatchObject({
      provider: "anthropic",
      keySource: "byok",
      fallbackReason: null,
    });
  });
});
