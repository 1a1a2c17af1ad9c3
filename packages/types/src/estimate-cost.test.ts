import { describe, expect, it } from "vitest";
import { estimateCost, estimateCostOf } from "./estimate-cost";
import { PROVIDER_REGISTRY } from "./provider-registry";

describe("estimateCost", () => {
  it("prices audio by the minute from the provider's table", () => {
    // whisper-1 at $0.006 a minute: 90 s is $0.009.
    const e = estimateCost("openai", "whisper-1", { audioSeconds: 90 });
    expect(e?.usd).toBeCloseTo(0.009, 12);
    expect(e?.pricesTakenOn).toBe(PROVIDER_REGISTRY.openai.prices.takenOn);
  });

  it("prices tokens per million, input and output apart", () => {
    const e = estimateCost("anthropic", "claude-haiku-4-5", { inputTokens: 2_000, outputTokens: 500 });
    expect(e?.usd).toBeCloseTo((2_000 * 1 + 500 * 5) / 1e6, 12);
    expect(e?.pricesTakenOn).toBe("2025-11-25");
  });

  it("prices Gemini's audio input at its own rate", () => {
    const usd = estimateCostOf(
      { unit: "tokens", inputPerMillion: 0.1, outputPerMillion: 0.4, audioInputPerMillion: 0.7 },
      {
        inputTokens: 1_000,
        audioInputTokens: 800,
        outputTokens: 100,
      },
    );
    expect(usd).toBeCloseTo((200 * 0.1 + 800 * 0.7 + 100 * 0.4) / 1e6, 12);
  });

  it("does not guess: no units reported, or an unknown model, gives no estimate", () => {
    expect(estimateCost("openai", "whisper-1", {})).toBeNull();
    expect(estimateCost("openai", "gpt-4o-mini", { audioSeconds: 10 })).toBeNull();
    expect(estimateCost("openai", "no-such-model", { inputTokens: 10, outputTokens: 1 })).toBeNull();
  });

  it("treats a zero as a reported unit", () => {
    expect(estimateCost("groq", "llama-3.1-8b-instant", { inputTokens: 0, outputTokens: 0 })?.usd).toBe(0);
  });
});
