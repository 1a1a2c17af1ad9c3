import { behavioursOf, mintKey, type Behaviour } from "@byok/provider-emulator";
import { PROVIDERS, PROVIDER_REGISTRY, TRANSIENT_REASONS, describeFailure, type FailureReason } from "@byok/types";
import { describe, expect, it } from "vitest";
import { checkKey, generateText, ProviderCallError, transcribe } from "../src/index";
import { MODELS, STT_MODELS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();

/** The reason each account state is classified as, whichever provider reports it (docs/providers.md). */
const STATE_REASON: Partial<Record<Behaviour, FailureReason>> = {
  usagelimit: "quota_exceeded",
  spendlimit: "quota_exceeded",
  nocredit: "quota_exceeded",
  disabled: "account_disabled",
  nobilling: "billing_required",
  region: "region_unsupported",
  blocked: "permission_denied",
  html: "bad_response",
  empty: "bad_response",
};

const cases = PROVIDERS.flatMap((provider) =>
  behavioursOf(provider)
    .filter((behaviour) => STATE_REASON[behaviour])
    .map((behaviour) => [provider, behaviour, STATE_REASON[behaviour] as FailureReason] as const),
);

async function rejection(promise: Promise<unknown>): Promise<ProviderCallError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderCallError);
    return err as ProviderCallError;
  }
  throw new Error("expected the call to fail");
}

describe.each(cases)("%s key in state %s → %s", (provider, behaviour, reason) => {
  const baseUrl = () => emulator().baseUrls[provider];

  it("the key test reports it with our message, naming the provider, and its action", async () => {
    const apiKey = mintKey(provider, behaviour);
    const result = await checkKey({ provider, apiKey, baseUrl: baseUrl() });
    expect(result).toMatchObject({ ok: false, reason, message: describeFailure(reason, provider).message });
    expect(JSON.stringify(result)).not.toContain(apiKey);
  });

  it("text generation fails with it, and it is never retried as transient", async () => {
    const apiKey = mintKey(provider, behaviour);
    const err = await rejection(
      generateText({ provider, apiKey, baseUrl: baseUrl(), model: MODELS[provider], prompt: "hi" }),
    );
    expect(err.reason).toBe(reason);
    expect(TRANSIENT_REASONS.has(reason)).toBe(false);
    expect(`${err.message}${JSON.stringify(err)}`).not.toContain(apiKey);
  });

  // Only where the provider transcribes at all: no case is generated just to be skipped.
  if (PROVIDER_REGISTRY[provider].capabilities.stt) {
    it("transcription fails with it", async () => {
      const apiKey = mintKey(provider, behaviour);
      const file = { name: "a.wav", data: new Uint8Array([82, 73, 70, 70]), type: "audio/wav" };
      const err = await rejection(
        transcribe({ provider, apiKey, baseUrl: baseUrl(), model: STT_MODELS[provider] as string, file }),
      );
      expect(err.reason).toBe(reason);
    });
  }
});

describe("what each state asks the person to do", () => {
  it("credit and billing states link to the provider's billing page; disabled accounts to its key page", async () => {
    for (const [provider, behaviour] of [
      ["openai", "nocredit"],
      ["gemini", "nobilling"],
      ["anthropic", "spendlimit"],
    ] as const) {
      const result = await checkKey({
        provider,
        apiKey: mintKey(provider, behaviour),
        baseUrl: emulator().baseUrls[provider],
      });
      expect(result).toMatchObject({
        ok: false,
        action: { kind: "add_credit", url: PROVIDER_REGISTRY[provider].links.billing },
      });
    }
    const disabled = await checkKey({
      provider: "groq",
      apiKey: mintKey("groq", "disabled"),
      baseUrl: emulator().baseUrls.groq,
    });
    expect(disabled).toMatchObject({
      ok: false,
      action: { kind: "replace_key", url: PROVIDER_REGISTRY.groq.links.createKey },
    });
  });

  it("Anthropic's usage limit waits until the day Anthropic names", async () => {
    const err = await rejection(
      generateText({
        provider: "anthropic",
        apiKey: mintKey("anthropic", "usagelimit"),
        baseUrl: emulator().baseUrls.anthropic,
        model: MODELS.anthropic,
        prompt: "hi",
      }),
    );
    const now = new Date();
    const firstOfNextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(err).toMatchObject({
      reason: "quota_exceeded",
      retryAt: firstOfNextMonth,
      action: { kind: "wait_until", until: firstOfNextMonth },
    });
  });

  it("an unsupported region is not the key's fault: no action for the person", async () => {
    const result = await checkKey({
      provider: "openai",
      apiKey: mintKey("openai", "region"),
      baseUrl: emulator().baseUrls.openai,
    });
    expect(result).toMatchObject({ ok: false, reason: "region_unsupported", action: { kind: "none" } });
    expect(result.ok === false && result.message).toMatch(/The key itself is fine/);
  });
});

describe("a restricted OpenAI key without models.read", () => {
  it("passes the key test through zero-cost probes and says what it cannot do", async () => {
    const apiKey = mintKey("openai", "scoped");
    emulator().clearCalls();
    expect(await checkKey({ provider: "openai", apiKey, baseUrl: emulator().baseUrls.openai })).toEqual({
      ok: true,
      cannot: ["list_models"],
    });
    // Both probes were refused as requests (400), so no model ran.
    expect(
      emulator()
        .calls({ key: apiKey })
        .map((c) => [c.endpoint, c.status]),
    ).toEqual([
      ["models", 401],
      ["chat/completions", 400],
      ["audio/transcriptions", 400],
    ]);
  });

  it("chats and transcribes", async () => {
    const apiKey = mintKey("openai", "scoped");
    const baseUrl = emulator().baseUrls.openai;
    expect(
      (await generateText({ provider: "openai", apiKey, baseUrl, model: MODELS.openai, prompt: "Hello there." })).text,
    ).toContain("Hello there");
    const file = { name: "a.wav", data: new Uint8Array([82, 73, 70, 70]), type: "audio/wav" };
    expect((await transcribe({ provider: "openai", apiKey, baseUrl, model: "whisper-1", file })).text).toMatch(
      /^Transcript of a\.wav/,
    );
  });
});
