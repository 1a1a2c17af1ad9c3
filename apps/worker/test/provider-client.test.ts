import { type Emulator, keyFingerprint, mintKey, startEmulator } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY, type Provider, allowedModels } from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProviderClient } from "../lib/provider-client";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ slowMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

const model = Object.fromEntries(
  PROVIDERS.map((p) => [p, allowedModels("business", "analysis", p).at(-1)?.id ?? ""]),
) as Record<Provider, string>;
const transcribers = PROVIDERS.filter((p) => PROVIDER_REGISTRY[p].capabilities.stt);

describe("ephemeral provider clients through the official SDKs", () => {
  it.each(PROVIDERS)("%s: answers with the given key and the emulator sees exactly that key", async (provider) => {
    const apiKey = mintKey(provider, "valid");
    const client = createProviderClient({ provider, apiKey, baseUrl: emu.baseUrls[provider], timeoutMs: 5_000 });
    const answer = await client.generateText({
      model: model[provider],
      system: "Answer with JSON.",
      prompt: "One two three. Four.",
      maxTokens: 50,
    });
    expect(JSON.parse(answer.text)).toMatchObject({ summary: "One two three." });
    const calls = emu.calls({ provider, keyFingerprint: keyFingerprint(apiKey) });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ model: model[provider], status: 200, answered: true });
    // The usage fields and the request id the SDK returned are the ones the provider sent.
    expect(answer.usage).toMatchObject(calls[0]?.usage ?? { missing: true });
    expect(answer.usage?.inputTokens).toBeGreaterThan(0);
    expect(answer.requestId).toBe(calls[0]?.requestId);
    expect(answer.requestId).toBeTruthy();
  });

  it.each(PROVIDERS)("%s: an invalid key fails in one call (no SDK retries)", async (provider) => {
    const apiKey = mintKey(provider, "error");
    const client = createProviderClient({ provider, apiKey, baseUrl: emu.baseUrls[provider], timeoutMs: 5_000 });
    await expect(
      client.generateText({ model: model[provider], system: "s", prompt: "p", maxTokens: 10 }),
    ).rejects.toThrow();
    expect(emu.calls({ keyFingerprint: keyFingerprint(apiKey) })).toHaveLength(1);
  });
});

describe("transcription through the chosen provider's adapter", () => {
  const file = { name: "rec_a.wav", data: new Uint8Array([82, 73, 70, 70, 1, 2, 3]), type: "audio/wav" };

  it.each(transcribers)("%s: transcribes with the key it was given", async (provider) => {
    const apiKey = mintKey(provider, "valid");
    const stt = allowedModels("business", "stt", provider)[0]?.id ?? "";
    const client = createProviderClient({ provider, apiKey, baseUrl: emu.baseUrls[provider], timeoutMs: 5_000 });
    const a = await client.transcribe(file, stt);
    expect(a.text).toContain("Transcript of ");
    const calls = emu.calls({ key: apiKey });
    expect(calls).toEqual([expect.objectContaining({ provider, model: stt, status: 200 })]);
    // Billed units as the provider reports them: seconds (Whisper, Groq) or audio tokens (Gemini).
    if (provider === "gemini") expect(a.usage?.audioInputTokens).toBeGreaterThan(0);
    else expect(a.usage?.audioSeconds).toBeGreaterThan(0);
    expect(a.usage).toMatchObject(
      provider === "gemini" ? { inputTokens: calls[0]?.usage?.inputTokens } : (calls[0]?.usage ?? { missing: true }),
    );
    expect(a.requestId).toBe(calls[0]?.requestId);
  });

  it.each(PROVIDERS)(
    "%s: an aborted call ends at once, and the emulator logs it as never answered",
    async (provider) => {
      const apiKey = mintKey(provider, "slow");
      const slow = await startEmulator({ slowMs: 5_000 });
      try {
        const controller = new AbortController();
        const client = createProviderClient({
          provider,
          apiKey,
          baseUrl: slow.baseUrls[provider],
          timeoutMs: 10_000,
          signal: controller.signal,
        });
        const pending = client.generateText({ model: model[provider], system: "s", prompt: "p", maxTokens: 10 });
        await expect.poll(() => slow.calls({ key: apiKey }).length).toBe(1);
        const at = Date.now();
        controller.abort();
        await expect(pending).rejects.toThrow();
        expect(Date.now() - at).toBeLessThan(4_000);
        expect(slow.calls({ key: apiKey })[0]?.answered).toBe(false);
      } finally {
        await slow.close();
      }
    },
  );
});
