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

const model = Object.fromEntries(PROVIDERS.map((p) => [p, allowedModels("business", "analysis", p).at(-1)?.id ?? ""])) as Record<Provider, string>;
const transcribers = PROVIDERS.filter((p) => PROVIDER_REGISTRY[p].capabilities.stt);

describe("ephemeral provider clients through the official SDKs", () => {
  it.each(PROVIDERS)("%s: answers with the given key and the emulator sees exactly that key", async (provider) => {
    const apiKey = mintKey(provider, "valid");
    const client = createProviderClient({ provider, apiKey, baseUrl: emu.baseUrls[provider], timeoutMs: 5_000 });
    const text = await client.generateText({ model: model[provider], system: "Answer with JSON.", prompt: "One two three. Four.", maxTokens: 50 });
    expect(JSON.parse(text)).toMatchObject({ summary: "One two three." });
    const calls = emu.calls({ provider, keyFingerprint: keyFingerprint(apiKey) });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ model: model[provider], status: 200 });
  });

  it.each(PROVIDERS)("%s: an invalid key fails in one call (no SDK retries)", async (provider) => {
    const apiKey = mintKey(provider, "error");
    const client = createProviderClient({ provider, apiKey, baseUrl: emu.baseUrls[provider], timeoutMs: 5_000 });
    await expect(client.generateText({ model: model[provider], system: "s", prompt: "p", maxTokens: 10 })).rejects.toThrow();
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
    expect(emu.calls({ key: apiKey })).toEqual([expect.objectContaining({ provider, model: stt, status: 200 })]);
  });
});
