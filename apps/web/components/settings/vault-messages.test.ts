import { describe, expect, it } from "vitest";
import { VaultError } from "~/lib/crypto/vault-errors";
import { VAULT_CODE_UNAVAILABLE, vaultErrorMessage } from "~/components/settings/vault-messages";
import { describeKeyTest } from "~/components/settings/key-test-result";

describe("vaultErrorMessage", () => {
  it("explains a wrong password", () => {
    expect(vaultErrorMessage(new VaultError("WRONG_PASSWORD"))).toBe("That password is not correct.");
  });
  it("gives the wait time when unlocks are throttled", () => {
    const error = new VaultError("TOO_MANY_ATTEMPTS", undefined, { retryAt: 12_500, retryAfterMs: 8_500 });
    expect(vaultErrorMessage(error, 4_000)).toBe("Too many wrong passwords. Try again in 9 s.");
  });
  it("says what to do when the vault's code did not download", () => {
    expect(vaultErrorMessage(VAULT_CODE_UNAVAILABLE)).toBe(
      "The vault could not be loaded. Check your connection, then reload the page.",
    );
  });
  it("never shows an unexpected error's text", () => {
    expect(vaultErrorMessage(new Error("internal detail that must not reach the page"))).toBe(
      "Something went wrong. Please try again.",
    );
  });
});

describe("describeKeyTest", () => {
  const format = (ms: number) => `at ${ms}`;

  it("names the provider and links its key page for a rejected key", () => {
    const result = describeKeyTest(
      {
        ok: false,
        reason: "invalid_key",
        message: "raw",
        action: { kind: "replace_key", url: "https://platform.openai.com/api-keys" },
      },
      "openai",
      1,
      null,
      format,
    );
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^OpenAI rejected this key\./),
      action: {
        kind: "replace_key",
        text: "Replace the key with one from",
        link: { url: "https://platform.openai.com/api-keys", label: "the OpenAI API keys page" },
      },
      at: 1,
      healthAt: null,
    });
  });
  it("links the provider's billing page for an account out of credit", () => {
    const result = describeKeyTest(
      {
        ok: false,
        reason: "quota_exceeded",
        message: "raw",
        action: { kind: "add_credit", url: "https://console.anthropic.com/settings/billing" },
      },
      "anthropic",
      1,
      null,
      format,
    );
    expect(result.message).toContain("Anthropic");
    expect(result.action).toEqual({
      kind: "add_credit",
      text: "Add credit or enable billing on",
      link: { url: "https://console.anthropic.com/settings/billing", label: "the Anthropic billing page" },
    });
  });
  it("says until when a limited key waits, in the page's date format", () => {
    const result = describeKeyTest(
      { ok: false, reason: "rate_limited", message: "raw", action: { kind: "wait_until", until: 5_000 } },
      "groq",
      1,
      null,
      format,
    );
    expect(result.message).toContain("Groq");
    expect(result.action).toEqual({ kind: "wait_until", text: "Wait: access returns at 5000." });
  });
  it("offers a retry when the provider was down", () => {
    const result = describeKeyTest(
      { ok: false, reason: "provider_unavailable", message: "raw", action: { kind: "retry_now" } },
      "gemini",
      1,
      null,
      format,
    );
    expect(result.message).toMatch(/^Google Gemini /);
    expect(result.action?.kind).toBe("retry_now");
  });
  it("names the provider when it refused the check request itself", () => {
    const result = describeKeyTest(
      { ok: false, reason: "bad_request", message: "Bad request", action: { kind: "none" } },
      "openai",
      1,
      null,
      format,
    );
    expect(result.message).toBe("OpenAI refused our check request itself, so the key was not judged.");
    expect(result.action?.kind).toBe("retry_now");
  });
  it("says OK for a working key", () => {
    expect(describeKeyTest({ ok: true }, "anthropic", 2, 5, format)).toEqual({
      ok: true,
      message: "OK — your Anthropic key works.",
      action: null,
      at: 2,
      healthAt: 5,
    });
  });
  it("says what a restricted key may not do", () => {
    expect(describeKeyTest({ ok: true, cannot: ["list_models"] }, "openai", 3, null, format).message).toBe(
      "OK — your OpenAI key works, but it is restricted: it may not list models.",
    );
  });
});
