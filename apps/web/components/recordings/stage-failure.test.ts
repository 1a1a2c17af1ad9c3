import { describe, expect, it } from "vitest";
import { FAILURE_REASONS, PROVIDER_REGISTRY, RECORDING_FAILURE_MESSAGES, RECORDING_FAILURE_REASONS } from "@byok/types";
import { describeStageFailure } from "~/components/recordings/stage-failure";

describe("describeStageFailure", () => {
  it("names the provider and links its billing page for an own key out of quota", () => {
    expect(describeStageFailure("quota_exceeded", { provider: "openai", keySource: "byok" })).toEqual({
      text: "Your OpenAI key had run out of quota or credit with OpenAI.",
      action: { kind: "add_credit", provider: "OpenAI", url: PROVIDER_REGISTRY.openai.links.billing },
    });
  });

  it("sends a rejected own key to be replaced, and a failed platform key to a retry", () => {
    expect(describeStageFailure("invalid_key", { provider: "anthropic", keySource: "byok" })).toEqual({
      text: "Anthropic rejected your Anthropic key.",
      action: { kind: "replace_key", provider: "Anthropic" },
    });
    expect(describeStageFailure("quota_exceeded", { provider: "gemini", keySource: "server" })).toEqual({
      text: "The platform's Google Gemini key had run out of quota or credit with Google Gemini.",
      action: { kind: "retry" },
    });
  });

  it("still sends a key problem to the API Keys page when the ledger does not name the call", () => {
    expect(describeStageFailure("invalid_key", null)).toEqual({
      text: "The provider rejected your key. Check that it was copied whole and has not been revoked.",
      action: { kind: "replace_key" },
    });
    expect(describeStageFailure("provider_unavailable", null).action).toEqual({ kind: "retry" });
  });

  it("asks to wait on a rate limit and to upload again when the file is gone", () => {
    expect(describeStageFailure("rate_limited", { provider: "groq", keySource: "byok" }).action).toEqual({
      kind: "wait",
    });
    expect(describeStageFailure("file_missing", null, RECORDING_FAILURE_MESSAGES.file_missing)).toEqual({
      text: RECORDING_FAILURE_MESSAGES.file_missing,
      action: { kind: "upload_again" },
    });
    expect(describeStageFailure("stalled", null, RECORDING_FAILURE_MESSAGES.stalled).action).toEqual({ kind: "retry" });
    expect(describeStageFailure("no_user_key", null).action).toEqual({ kind: "add_key" });
  });

  it("never tells a finished recording to 'try again shortly', for any reason, with or without the call", () => {
    const reasons = [
      ...FAILURE_REASONS,
      ...RECORDING_FAILURE_REASONS,
      "bad_request",
      "no_server_key",
      "internal_error",
      "something_new",
    ];
    for (const reason of reasons) {
      for (const call of [
        null,
        { provider: "openai" as const, keySource: "byok" as const },
        { provider: "openai" as const, keySource: "server" as const },
      ]) {
        const stored = (RECORDING_FAILURE_MESSAGES as Record<string, string>)[reason] ?? "";
        expect(describeStageFailure(reason, call, stored).text).not.toMatch(/try again shortly|try again in a minute/i);
      }
    }
  });
});
