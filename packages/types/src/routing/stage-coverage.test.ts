import { describe, expect, it } from "vitest";
import { expectFailure, keyHealthTone } from "./key-health";
import { stageCoverage } from "./stage-coverage";

const NOW = Date.UTC(2026, 0, 1);
const payer = (c: ReturnType<typeof stageCoverage>["stt"]) =>
  c.route.result.kind === "ok"
    ? `${c.route.result.candidate.keySource}:${c.route.result.candidate.provider}`
    : `fail:${c.route.result.reason}`;

describe("stage coverage for the upload screen", () => {
  it("a Gemini key alone covers both stages", () => {
    const c = stageCoverage({ plan: "start", policy: "byok_only", userProviders: ["gemini"], now: NOW });
    expect(payer(c.stt)).toBe("byok:gemini");
    expect(payer(c.analysis)).toBe("byok:gemini");
  });

  it("an Anthropic key alone under byok_only cannot transcribe, and names who could", () => {
    const c = stageCoverage({ plan: "pro", policy: "byok_only", userProviders: ["anthropic"], now: NOW });
    expect(payer(c.stt)).toBe("fail:no_user_key");
    expect(c.stt.capable).toEqual(["openai", "gemini", "groq"]);
    expect(payer(c.analysis)).toBe("byok:anthropic");
  });

  it("a key whose last outcome was a key problem is expected to fail, and the next key takes over", () => {
    const health = { openai: { outcome: "quota_exceeded" as const, retryAt: null } };
    const c = stageCoverage({ plan: "pro", policy: "fallback", userProviders: ["openai", "gemini"], health, now: NOW });
    expect(payer(c.analysis)).toBe("byok:gemini");
    expect(c.analysis.route.calls.map((x) => x.provider)).toEqual(["openai", "gemini"]);
  });

  it("a transient failure or a passed wait says nothing about the next try", () => {
    const health = {
      openai: { outcome: "rate_limited" as const, retryAt: NOW + 60_000 },
      gemini: { outcome: "quota_exceeded" as const, retryAt: NOW - 1 },
    };
    const c = stageCoverage({
      plan: "pro",
      policy: "byok_only",
      userProviders: ["openai", "gemini"],
      health,
      now: NOW,
    });
    expect(payer(c.analysis)).toBe("byok:openai");
    expect(expectFailure(health.gemini, NOW)).toBeNull();
    expect(expectFailure({ outcome: "quota_exceeded", retryAt: NOW + 1 }, NOW)).toBe("quota_exceeded");
  });

  it("a locked vault under byok_only: unknown keys, so no stage is covered", () => {
    const c = stageCoverage({ plan: "pro", policy: "byok_only", userProviders: null, now: NOW });
    expect(payer(c.stt)).toBe("fail:no_user_key");
  });
});

describe("key health tones", () => {
  it("green for ok, red for key problems, amber for what passes by itself", () => {
    expect(keyHealthTone("ok")).toBe("ok");
    for (const r of [
      "invalid_key",
      "quota_exceeded",
      "billing_required",
      "account_disabled",
      "permission_denied",
    ] as const) {
      expect(keyHealthTone(r), r).toBe("danger");
    }
    for (const r of [
      "rate_limited",
      "provider_unavailable",
      "timeout",
      "region_unsupported",
      "bad_response",
    ] as const) {
      expect(keyHealthTone(r), r).toBe("warn");
    }
  });
});
