import { type Emulator, keyFingerprint, mintKey, startEmulator } from "@byok/provider-emulator";
import { PROVIDERS } from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProviderClient } from "../lib/provider-client";
import { createSttClient } from "../lib/stt-client";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ slowMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

const model = { openai: "gpt-4o-mini", anthropic: "claude-haiku-4-5", gemini: "gemini-2.0-flash" } as const;

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

describe("stt client", () => {
  const file = { name: "rec_a.wav", data: new Uint8Array([82, 73, 70, 70, 1, 2, 3]), type: "audio/wav" };

  it("uses a per-call client for the user's key and the platform client otherwise", async () => {
    const server = mintKey("openai", "valid", "server");
    const user = mintKey("openai", "valid", "user");
    const stt = createSttClient({ serverKey: server, baseUrl: emu.baseUrls.openai, timeoutMs: 5_000 });
    const a = await stt.transcribe(file, { apiKey: user });
    const b = await stt.transcribe(file);
    expect(a.text).toContain("Transcript of rec_a.wav");
    expect(b.text).toBe(a.text);
    expect(emu.calls({ key: user, endpoint: "audio/transcriptions" })).toHaveLength(1);
    expect(emu.calls({ key: server, endpoint: "audio/transcriptions" })).toHaveLength(1);
  });

  it("refuses to run without any key", async () => {
    const stt = createSttClient({ serverKey: undefined, baseUrl: emu.baseUrls.openai, timeoutMs: 5_000 });
    await expect(stt.transcribe(file)).rejects.toThrow("No platform OpenAI key");
  });
});
