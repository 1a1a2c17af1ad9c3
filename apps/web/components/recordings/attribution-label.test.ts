import { describe, expect, it } from "vitest";
import { FAILURE_REASONS } from "@byok/types";
import {
  attributionBadgeText,
  endedStageReason,
  fallbackPhrase,
  modelLabel,
} from "~/components/recordings/attribution-label";

describe("attributionBadgeText", () => {
  it("names the user's provider when their key paid", () => {
    expect(attributionBadgeText({ provider: "openai", keySource: "byok", fallbackReason: null })).toEqual({
      text: "Your OpenAI key",
      tone: "ok",
    });
    expect(attributionBadgeText({ provider: "anthropic", keySource: "byok", fallbackReason: null }).text).toBe(
      "Your Anthropic key",
    );
  });

  it("says the platform paid and why when the user's key failed", () => {
    expect(attributionBadgeText({ provider: "openai", keySource: "server", fallbackReason: "quota_exceeded" })).toEqual(
      {
        text: "Platform key — your key hit its quota",
        tone: "warn",
      },
    );
  });

  it("says plain platform key when no user key was involved", () => {
    expect(attributionBadgeText({ provider: "gemini", keySource: "server", fallbackReason: null })).toEqual({
      text: "Platform key",
      tone: "neutral",
    });
  });

  it("has a distinct short phrase for every failure reason", () => {
    const phrases = FAILURE_REASONS.map(fallbackPhrase);
    expect(new Set(phrases).size).toBe(FAILURE_REASONS.length);
    for (const phrase of phrases) expect(phrase.length).toBeGreaterThan(5);
  });
});

describe("modelLabel", () => {
  it("uses the catalog label and the tier", () => {
    expect(modelLabel({ provider: "openai", model: "whisper-1", tier: 0 })).toBe("OpenAI · Whisper · tier 0");
  });
  it("falls back to the raw model id for a model outside the catalog", () => {
    expect(modelLabel({ provider: "gemini", model: "gemini-x", tier: 1 })).toBe("Google Gemini · gemini-x · tier 1");
  });
});

describe("endedStageReason", () => {
  it("reports every reason of an ended stage without advice that expires", () => {
    const texts = FAILURE_REASONS.map(endedStageReason);
    expect(new Set(texts).size).toBe(FAILURE_REASONS.length);
    for (const text of texts) expect(text).not.toMatch(/try again|shortly|in a minute/i);
  });
});
