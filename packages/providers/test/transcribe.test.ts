import { mintKey } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY } from "@byok/types";
import { describe, expect, it } from "vitest";
import { ProviderCallError, transcribe } from "../src/index";
import { SHORT_TIMEOUT_MS, STT_MODELS, TRANSCRIBERS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();
const audio = { name: "standup.webm", data: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), type: "audio/webm" };

describe.each(TRANSCRIBERS)("transcribe · %s", (provider) => {
  const model = STT_MODELS[provider] as string;
  const input = (apiKey: string, timeoutMs = 10_000) => ({
    provider,
    apiKey,
    baseUrl: emulator().baseUrls[provider],
    model,
    file: audio,
    timeoutMs,
  });

  it("returns the transcript text", async () => {
    const apiKey = mintKey(provider, "valid");
    const result = await transcribe(input(apiKey));
    expect(result.text).toMatch(/^Transcript of (standup\.webm|audio): .+ The recording is 7 bytes long\.$/);
    expect(emulator().calls({ key: apiKey })).toEqual([expect.objectContaining({ provider, model, status: 200 })]);
  });

  it("is deterministic for the same bytes (the request id is each call's own)", async () => {
    const apiKey = mintKey(provider, "valid");
    const { requestId: _first, ...a } = await transcribe(input(apiKey));
    const { requestId: _second, ...b } = await transcribe({ ...input(apiKey), file: { ...audio } });
    expect(a).toEqual(b);
  });

  it.each([
    ["invalid", "invalid_key"],
    ["quota", "quota_exceeded"],
    ["ratelimit", "rate_limited"],
    ["error", "provider_unavailable"],
    ["slow", "timeout"],
  ] as const)("throws ProviderCallError for a %s key: %s", async (behaviour, reason) => {
    const promise = transcribe(input(mintKey(provider, behaviour), behaviour === "slow" ? SHORT_TIMEOUT_MS : 10_000));
    await expect(promise).rejects.toBeInstanceOf(ProviderCallError);
    await expect(promise).rejects.toMatchObject({ provider, reason });
  });
});

describe("transcribe · providers without transcription", () => {
  it.each(PROVIDERS.filter((p) => !PROVIDER_REGISTRY[p].capabilities.stt))(
    "%s: refuses without calling the provider",
    async (provider) => {
      emulator().clearCalls();
      const promise = transcribe({
        provider,
        apiKey: mintKey(provider, "valid"),
        baseUrl: emulator().baseUrls[provider],
        model: "x",
        file: audio,
      });
      await expect(promise).rejects.toMatchObject({ provider, reason: "bad_request" });
      expect(emulator().calls()).toEqual([]);
    },
  );
});

describe("transcribe · openai", () => {
  it("classifies a non-audio file as bad_request", async () => {
    const promise = transcribe({
      provider: "openai",
      apiKey: mintKey("openai", "valid"),
      baseUrl: emulator().baseUrls.openai,
      model: "whisper-1",
      file: { ...audio, name: "notes.pdf" },
    });
    await expect(promise).rejects.toMatchObject({ reason: "bad_request", status: 400 });
  });
});
