import { mintKey } from "@byok/provider-emulator";
import { describe, expect, it } from "vitest";
import { ProviderCallError, transcribe } from "../src/index";
import { SHORT_TIMEOUT_MS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();
const audio = { name: "standup.webm", data: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]), type: "audio/webm" };

describe("transcribe", () => {
  it("returns the transcript text from whisper-1", async () => {
    const apiKey = mintKey("openai", "valid");
    const result = await transcribe({ apiKey, baseUrl: emulator().baseUrls.openai, file: audio });
    expect(result.text).toMatch(/^Transcript of standup\.webm: .+ The recording is 7 bytes long\.$/);
    expect(emulator().calls({ key: apiKey })).toEqual([expect.objectContaining({ endpoint: "audio/transcriptions", model: "whisper-1", status: 200 })]);
  });

  it("is deterministic for the same bytes", async () => {
    const apiKey = mintKey("openai", "valid");
    const a = await transcribe({ apiKey, baseUrl: emulator().baseUrls.openai, file: audio });
    const b = await transcribe({ apiKey, baseUrl: emulator().baseUrls.openai, file: { ...audio } });
    expect(a).toEqual(b);
  });

  it.each([
    ["invalid", "invalid_key"],
    ["quota", "quota_exceeded"],
    ["ratelimit", "rate_limited"],
    ["error", "provider_unavailable"],
    ["slow", "timeout"],
  ] as const)("throws ProviderCallError for a %s key: %s", async (behaviour, reason) => {
    const promise = transcribe({
      apiKey: mintKey("openai", behaviour),
      baseUrl: emulator().baseUrls.openai,
      file: audio,
      timeoutMs: behaviour === "slow" ? SHORT_TIMEOUT_MS : 10_000,
    });
    await expect(promise).rejects.toBeInstanceOf(ProviderCallError);
    await expect(promise).rejects.toMatchObject({ provider: "openai", reason });
  });

  it("classifies a non-audio file as bad_request", async () => {
    const promise = transcribe({ apiKey: mintKey("openai", "valid"), baseUrl: emulator().baseUrls.openai, file: { ...audio, name: "notes.pdf" } });
    await expect(promise).rejects.toMatchObject({ reason: "bad_request", status: 400 });
  });
});
