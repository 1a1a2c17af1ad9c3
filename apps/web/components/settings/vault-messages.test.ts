import { describe, expect, it } from "vitest";
import { VaultError } from "~/lib/crypto/vault-errors";
import { vaultErrorMessage } from "~/components/settings/vault-messages";
import { describeKeyTest } from "~/components/settings/key-test-result";

describe("vaultErrorMessage", () => {
  it("explains a wrong password", () => {
    expect(vaultErrorMessage(new VaultError("WRONG_PASSWORD"))).toBe("That password is not correct.");
  });
  it("gives the wait time when unlocks are throttled", () => {
    const error = new VaultError("TOO_MANY_ATTEMPTS", undefined, { retryAt: 12_500, retryAfterMs: 8_500 });
    expect(vaultErrorMessage(error, 4_000)).toBe("Too many wrong passwords. Try again in 9 s.");
  });
  it("never shows an unexpected error's text", () => {
    expect(vaultErrorMessage(new Error("internal detail that must not reach the page"))).toBe("Something went wrong. Please try again.");
  });
});

describe("describeKeyTest", () => {
  it("maps a known reason to its human message", () => {
    const result = describeKeyTest({ ok: false, reason: "invalid_key", message: "raw", action: { kind: "replace_key", url: "https://platform.openai.com/api-keys" } }, "openai", 1);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^OpenAI rejected this key\..* Create a key at https:\/\//), at: 1, healthAt: null });
  });
  it("names where to add credit for an account out of credit", () => {
    expect(describeKeyTest({ ok: false, reason: "quota_exceeded", message: "raw", action: { kind: "add_credit", url: "https://console.anthropic.com/settings/billing" } }, "anthropic", 1).message).toContain(
      "Add credit or enable billing at https://console.anthropic.com/",
    );
  });
  it("keeps the server's message for a reason outside the catalog", () => {
    expect(describeKeyTest({ ok: false, reason: "bad_request", message: "Bad request", action: { kind: "none" } }, "openai", 1).message).toBe(
      "Bad request",
    );
  });
  it("says OK for a working key", () => {
    expect(describeKeyTest({ ok: true }, "anthropic", 2, 5)).toEqual({ ok: true, message: "OK — your Anthropic key works.", at: 2, healthAt: 5 });
  });
  it("says what a restricted key may not do", () => {
    expect(describeKeyTest({ ok: true, cannot: ["list_models"] }, "openai", 3).message).toBe(
      "OK — your OpenAI key works, but it is restricted: it may not list models.",
    );
  });
});
