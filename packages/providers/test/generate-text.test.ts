import { mintKey, type Behaviour } from "@byok/provider-emulator";
import { PROVIDERS, describeFailure, type FailureReason, type Provider } from "@byok/types";
import { describe, expect, it } from "vitest";
import { BAD_REQUEST_MESSAGE, generateText, ProviderCallError, ProviderOptionError } from "../src/index";
import { MODELS, SHORT_TIMEOUT_MS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();

async function rejection(promise: Promise<unknown>): Promise<ProviderCallError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderCallError);
    return err as ProviderCallError;
  }
  throw new Error("expected generateText to fail");
}

const EXPECTED: Array<[Behaviour, string, Record<Provider, number | undefined>]> = [
  ["invalid", "invalid_key", { openai: 401, anthropic: 401, gemini: 400, groq: 401 }],
  ["quota", "quota_exceeded", { openai: 429, anthropic: 400, gemini: 429, groq: 429 }],
  ["ratelimit", "rate_limited", { openai: 429, anthropic: 429, gemini: 429, groq: 429 }],
  ["error", "provider_unavailable", { openai: 500, anthropic: 529, gemini: 503, groq: 503 }],
  ["slow", "timeout", { openai: undefined, anthropic: undefined, gemini: undefined, groq: undefined }],
];

describe.each(PROVIDERS)("generateText · %s", (provider) => {
  const base = (apiKey: string) => ({
    provider,
    apiKey,
    baseUrl: emulator().baseUrls[provider],
    model: MODELS[provider],
  });

  it("returns the model's text and usage", async () => {
    const result = await generateText({
      ...base(mintKey(provider, "valid")),
      system: "Be brief.",
      prompt: "Plan the offsite. Book rooms.",
    });
    expect(result.text).toContain("Plan the offsite");
    expect(result.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: expect.any(Number) });
  });

  it("returns JSON text when the instructions ask for JSON", async () => {
    const result = await generateText({
      ...base(mintKey(provider, "valid")),
      system: "Reply with JSON only.",
      prompt: "Sales grew in March. Churn fell.",
      maxTokens: 256,
    });
    expect(JSON.parse(result.text)).toEqual({
      summary: "Sales grew in March.",
      keyPoints: ["Sales grew in March", "Churn fell"],
    });
  });

  it.each(EXPECTED)("throws ProviderCallError for a %s key: %s", async (behaviour, reason, statuses) => {
    const apiKey = mintKey(provider, behaviour);
    const err = await rejection(
      generateText({ ...base(apiKey), prompt: "hi", timeoutMs: behaviour === "slow" ? SHORT_TIMEOUT_MS : 10_000 }),
    );
    expect(err.reason).toBe(reason);
    expect(err.provider).toBe(provider);
    expect(err.status).toBe(statuses[provider]);
    expect(err.message).toBe(describeFailure(reason as FailureReason, provider).message);
    expect(err.cause).toBeUndefined();
    if (provider !== "gemini" && behaviour !== "slow") expect(err.requestId).toMatch(/^req_/);
  });

  it("makes exactly one attempt on a retryable failure", async () => {
    const apiKey = mintKey(provider, "ratelimit");
    await rejection(generateText({ ...base(apiKey), prompt: "hi" }));
    expect(emulator().calls({ key: apiKey })).toHaveLength(1);
  });

  it("classifies an unknown model as bad_request", async () => {
    const err = await rejection(
      generateText({ ...base(mintKey(provider, "valid")), model: "no-such-model", prompt: "hi" }),
    );
    expect(err).toMatchObject({ reason: "bad_request", status: 404, message: BAD_REQUEST_MESSAGE });
  });

  it("throws a ProviderOptionError for a nonsensical timeout instead of calling", async () => {
    await expect(
      generateText({ ...base(mintKey(provider, "valid")), prompt: "hi", timeoutMs: 0 }),
    ).rejects.toBeInstanceOf(ProviderOptionError);
  });
});
