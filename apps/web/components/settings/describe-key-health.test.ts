import { describe, expect, it } from "vitest";
import { PROVIDER_REGISTRY, describeFailure } from "@byok/types";
import { describeKeyHealth } from "~/components/settings/describe-key-health";

const format = (ms: number) => new Date(ms).toISOString();
const at = Date.UTC(2026, 0, 1, 12);

describe("describeKeyHealth", () => {
  it("a key test that passed", () => {
    const d = describeKeyHealth(
      { provider: "openai", outcome: "ok", source: "key_test", observedAt: at, retryAt: null },
      "openai",
      format,
    );
    expect(d).toEqual({
      tone: "ok",
      badge: "Tested OK",
      chip: "working",
      message: "OK — your OpenAI key works.",
      action: null,
      when: `Last tested ${format(at)}`,
    });
  });

  it("a key out of credit in a recording: red, the registry's message and billing link", () => {
    const d = describeKeyHealth(
      { provider: "openai", outcome: "quota_exceeded", source: "pipeline", observedAt: at, retryAt: null },
      "openai",
      format,
    );
    expect(d).toMatchObject({
      tone: "danger",
      badge: "Failed in a recording",
      chip: "out of credit",
      when: `Last used in a recording ${format(at)}`,
    });
    expect(d.message).toBe(describeFailure("quota_exceeded", "openai").message);
    expect(d.action).toEqual({
      kind: "add_credit",
      text: "Add credit or enable billing on",
      link: { url: PROVIDER_REGISTRY.openai.links.billing, label: "the OpenAI billing page" },
    });
  });

  it("a usage limit with a date says when access returns", () => {
    const until = at + 86_400_000;
    const d = describeKeyHealth(
      { provider: "anthropic", outcome: "quota_exceeded", source: "key_test", observedAt: at, retryAt: until },
      "anthropic",
      format,
    );
    expect(d.action).toEqual({ kind: "wait_until", text: `Wait: access returns ${format(until)}.` });
  });

  it("an invalid key points at the create-key page; a rate limit is amber and says to wait", () => {
    const invalid = describeKeyHealth(
      { provider: "gemini", outcome: "invalid_key", source: "pipeline", observedAt: at, retryAt: null },
      "gemini",
      format,
    );
    expect(invalid.action).toEqual({
      kind: "replace_key",
      text: "Replace the key with one from",
      link: { url: PROVIDER_REGISTRY.gemini.links.createKey, label: "the Google Gemini API keys page" },
    });
    const limited = describeKeyHealth(
      { provider: "groq", outcome: "rate_limited", source: "pipeline", observedAt: at, retryAt: null },
      "groq",
      format,
    );
    expect(limited).toMatchObject({
      tone: "warn",
      chip: "rate-limited",
      action: { kind: "wait_until", text: "Wait a minute, then try again." },
    });
    const down = describeKeyHealth(
      { provider: "groq", outcome: "provider_unavailable", source: "pipeline", observedAt: at, retryAt: null },
      "groq",
      format,
    );
    expect(down.action).toEqual({ kind: "retry_now", text: "Retry now: test the key or upload again." });
  });
});
