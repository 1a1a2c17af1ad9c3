import { mintKey, type Behaviour } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY, describeFailure } from "@byok/types";
import { describe, expect, it } from "vitest";
import { checkKey } from "../src/index";
import { SHORT_TIMEOUT_MS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();

const EXPECTED: Array<[Behaviour, string]> = [
  ["invalid", "invalid_key"],
  ["quota", "quota_exceeded"],
  ["ratelimit", "rate_limited"],
  ["error", "provider_unavailable"],
  ["slow", "timeout"],
];

describe.each(PROVIDERS)("checkKey · %s", (provider) => {
  it("accepts a valid key after one models call", async () => {
    const apiKey = mintKey(provider, "valid");
    expect(await checkKey({ provider, apiKey, baseUrl: emulator().baseUrls[provider] })).toEqual({ ok: true });
    expect(emulator().calls({ key: apiKey })).toEqual([
      expect.objectContaining({ provider, endpoint: "models", status: 200 }),
    ]);
  });

  it.each(EXPECTED)("maps a %s key to %s with our own message", async (behaviour, reason) => {
    const apiKey = mintKey(provider, behaviour);
    const result = await checkKey({
      provider,
      apiKey,
      baseUrl: emulator().baseUrls[provider],
      timeoutMs: behaviour === "slow" ? SHORT_TIMEOUT_MS : 10_000,
    });
    const { message, action } = describeFailure(reason as Parameters<typeof describeFailure>[0], provider);
    // Groq's daily allowance says when it returns (retry-after): wait for it rather than add credit.
    const waits = reason === "rate_limited" || (provider === "groq" && reason === "quota_exceeded");
    expect(result).toEqual({
      ok: false,
      reason,
      message,
      action: waits ? { kind: "wait_until", until: expect.any(Number) } : action,
    });
    expect(message).toContain(PROVIDER_REGISTRY[provider].label);
    expect(JSON.stringify(result)).not.toContain(apiKey);
  });

  it("calls a slow key fine when the timeout allows it", async () => {
    expect(
      await checkKey({
        provider,
        apiKey: mintKey(provider, "slow"),
        baseUrl: emulator().baseUrls[provider],
        timeoutMs: 30_000,
      }),
    ).toEqual({ ok: true });
  });

  it("reports a key the emulator never minted as invalid", async () => {
    const result = await checkKey({
      provider,
      apiKey: "not-a-key-at-all-0123",
      baseUrl: emulator().baseUrls[provider],
    });
    expect(result).toMatchObject({ ok: false, reason: "invalid_key" });
  });

  it("rejects an empty or unsendable key without calling the provider", async () => {
    emulator().clearCalls();
    for (const apiKey of ["", "   ", "sk-emu-valid-abc\nX-Injected: 1", "sk-emu-valid-ä", "x".repeat(513)]) {
      const result = await checkKey({ provider, apiKey, baseUrl: emulator().baseUrls[provider] });
      expect(result).toMatchObject({ ok: false, reason: "invalid_key" });
    }
    expect(emulator().calls()).toEqual([]);
  });

  it("trims whitespace pasted around a key", async () => {
    const apiKey = ` ${mintKey(provider, "valid")}\n`;
    expect(await checkKey({ provider, apiKey, baseUrl: emulator().baseUrls[provider] })).toEqual({ ok: true });
  });

  it("classifies a 404 from a wrong base URL path as bad_request", async () => {
    const result = await checkKey({
      provider,
      apiKey: mintKey(provider, "valid"),
      baseUrl: `${emulator().url}/${provider}/wrong`,
    });
    expect(result).toMatchObject({ ok: false, reason: "bad_request" });
  });

  it("reports a provider it cannot reach as unavailable", async () => {
    // Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
    const result = await checkKey({ provider, apiKey: mintKey(provider, "valid"), baseUrl: "http://127.0.0.1:9/x" });
    expect(result).toMatchObject({ ok: false, reason: "provider_unavailable" });
  });
});
