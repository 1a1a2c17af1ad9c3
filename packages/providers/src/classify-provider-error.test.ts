import Anthropic from "@anthropic-ai/sdk";
import { ApiError } from "@google/genai";
import Groq from "groq-sdk";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { classifyProviderError, ProviderCallError, toProviderCallError } from "./index";

/** Cases the emulator does not produce, built from the bodies docs/providers.md records. */

const headers = (extra: Record<string, string> = {}) => new Headers({ "content-type": "application/json", ...extra });
const openAiError = (status: number, error: Record<string, unknown>, extra?: Record<string, string>) =>
  OpenAI.APIError.generate(status, { error }, undefined, headers(extra));
const anthropicError = (status: number, type: string, message: string) =>
  Anthropic.APIError.generate(
    status,
    { type: "error", error: { type, message } },
    undefined,
    headers({ "request-id": "req_011Cabc" }),
  );
const geminiError = (status: number, error: Record<string, unknown>) =>
  new ApiError({ status, message: JSON.stringify({ error }) });

describe("classifyProviderError · openai", () => {
  it.each([
    [401, { type: "invalid_request_error", code: "invalid_api_key" }, "invalid_key"],
    [401, { type: "invalid_request_error", code: null }, "invalid_key"],
    [403, { type: "invalid_request_error", code: null }, "permission_denied"],
    [429, { type: "insufficient_quota", code: "insufficient_quota" }, "quota_exceeded"],
    [429, { type: "tokens", code: "rate_limit_exceeded" }, "rate_limited"],
    [429, { type: "requests", code: null }, "rate_limited"],
    [500, { type: "server_error", code: null }, "provider_unavailable"],
    [503, { type: "server_error", code: null }, "provider_unavailable"],
    [404, { type: "invalid_request_error", code: "model_not_found" }, "bad_request"],
    [400, { type: "invalid_request_error", code: null }, "bad_request"],
  ] as const)("%i %j → %s", (status, body, reason) => {
    expect(
      classifyProviderError(
        "openai",
        openAiError(status, { message: "m", param: null, ...body }, { "x-request-id": "req_1" }),
      ),
    ).toEqual({
      reason,
      status,
      requestId: "req_1",
    });
  });

  it("treats the SDK's timeout as timeout and a refused connection as provider_unavailable", () => {
    expect(classifyProviderError("openai", new OpenAI.APIConnectionTimeoutError())).toEqual({ reason: "timeout" });
    expect(
      classifyProviderError("openai", new OpenAI.APIConnectionError({ message: "Connection error." })),
    ).toMatchObject({
      reason: "provider_unavailable",
    });
  });
});

describe("classifyProviderError · anthropic", () => {
  it.each([
    [401, "authentication_error", "invalid x-api-key", "invalid_key"],
    [403, "permission_error", "Your API key does not have permission", "permission_denied"],
    [400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", "quota_exceeded"],
    [402, "billing_error", "Payment required", "quota_exceeded"],
    [429, "rate_limit_error", "Rate limited", "rate_limited"],
    [500, "api_error", "Internal server error", "provider_unavailable"],
    [529, "overloaded_error", "Overloaded", "provider_unavailable"],
    [400, "invalid_request_error", "max_tokens: Field required", "bad_request"],
    [404, "not_found_error", "model: claude-9", "bad_request"],
  ] as const)("%i %s → %s", (status, type, message, reason) => {
    expect(classifyProviderError("anthropic", anthropicError(status, type, message))).toEqual({
      reason,
      status,
      requestId: "req_011Cabc",
    });
  });

  it("treats the SDK's timeout as timeout, and a request the SDK refuses to send as bad_request", () => {
    expect(classifyProviderError("anthropic", new Anthropic.APIConnectionTimeoutError())).toEqual({
      reason: "timeout",
    });
    expect(classifyProviderError("anthropic", new Anthropic.AnthropicError("Streaming is required"))).toEqual({
      reason: "bad_request",
    });
  });
});

describe("classifyProviderError · gemini", () => {
  const quota = (quotaId: string, message = "You exceeded your current quota") =>
    geminiError(429, {
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message,
      details: [{ "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaId }] }],
    });

  it.each([
    [
      "400 API_KEY_INVALID",
      geminiError(400, {
        code: 400,
        status: "INVALID_ARGUMENT",
        message: "API key expired.",
        details: [{ reason: "API_KEY_INVALID" }],
      }),
      "invalid_key",
    ],
    [
      "403 leaked key",
      geminiError(403, { code: 403, status: "PERMISSION_DENIED", message: "Your API key was reported as leaked." }),
      "invalid_key",
    ],
    ["429 PerDay", quota("GenerateRequestsPerDayPerProjectPerModel-FreeTier"), "quota_exceeded"],
    [
      "429 limit: 0",
      quota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "Quota exceeded for metric: x, limit: 0, model: y"),
      "quota_exceeded",
    ],
    ["429 PerMinute", quota("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "limit: 15"), "rate_limited"],
    [
      "429 without details",
      geminiError(429, { code: 429, status: "RESOURCE_EXHAUSTED", message: "Resource exhausted" }),
      "rate_limited",
    ],
    [
      "500 INTERNAL",
      geminiError(500, { code: 500, status: "INTERNAL", message: "An internal error has occurred." }),
      "provider_unavailable",
    ],
    [
      "503 UNAVAILABLE",
      geminiError(503, { code: 503, status: "UNAVAILABLE", message: "The model is overloaded." }),
      "provider_unavailable",
    ],
    [
      "400 other",
      geminiError(400, { code: 400, status: "INVALID_ARGUMENT", message: "contents is not specified" }),
      "bad_request",
    ],
    [
      "404 model",
      geminiError(404, { code: 404, status: "NOT_FOUND", message: "models/x is not found" }),
      "bad_request",
    ],
  ])("%s → %s", (_label, err, reason) => {
    expect(classifyProviderError("gemini", err)).toEqual({ reason, status: err.status });
  });

  it("reads a non-JSON error body that genai wrapped as text", () => {
    const inner = JSON.stringify({
      error: {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        message: "x",
        details: [{ violations: [{ quotaId: "PerDayQuota" }] }],
      },
    });
    const err = new ApiError({
      status: 429,
      message: JSON.stringify({ error: { message: `${inner}\n`, code: 429, status: "Too Many Requests" } }),
    });
    expect(classifyProviderError("gemini", err).reason).toBe("quota_exceeded");
    expect(classifyProviderError("gemini", new ApiError({ status: 429, message: "not json" })).reason).toBe(
      "rate_limited",
    );
  });

  it("treats an aborted fetch as timeout and a failed fetch as provider_unavailable", () => {
    expect(classifyProviderError("gemini", new DOMException("This operation was aborted", "AbortError"))).toEqual({
      reason: "timeout",
    });
    expect(classifyProviderError("gemini", new TypeError("fetch failed"))).toEqual({ reason: "provider_unavailable" });
  });
});

describe("toProviderCallError", () => {
  it("keeps status and request id but none of the provider's text", () => {
    const err = toProviderCallError(
      "openai",
      openAiError(
        401,
        {
          message: "Incorrect API key provided: sk-emu-v*****abcd.",
          type: "invalid_request_error",
          code: "invalid_api_key",
          param: null,
        },
        { "x-request-id": "req_9" },
      ),
    );
    expect(err).toBeInstanceOf(ProviderCallError);
    expect(err).toMatchObject({ provider: "openai", reason: "invalid_key", status: 401, requestId: "req_9" });
    expect(`${err.message}${err.stack}${JSON.stringify(err)}`).not.toContain("sk-emu");
  });

  it("passes a ProviderCallError through unchanged", () => {
    const original = new ProviderCallError("gemini", "timeout");
    expect(toProviderCallError("gemini", original)).toBe(original);
    expect(classifyProviderError("gemini", original)).toEqual({
      reason: "timeout",
      status: undefined,
      requestId: undefined,
    });
  });
});

/** Account states whose bodies docs/providers.md records but the emulator does not produce. */
describe("classifyProviderError · account states beyond the emulator", () => {
  const html = (status: number, page: string) => ({
    headers: new Headers({ "content-type": "text/html; charset=UTF-8" }),
    status,
    page,
  });

  it.each([
    [
      "429 insufficient_quota whose code is a spend limit",
      429,
      { type: "insufficient_quota", code: "billing_hard_limit_reached" },
      "quota_exceeded",
    ],
    [
      "429 billing_not_active with a null code (2023)",
      429,
      { type: "billing_not_active", code: null },
      "billing_required",
    ],
    [
      "401 account_deactivated",
      401,
      { type: "invalid_request_error", code: "account_deactivated" },
      "account_disabled",
    ],
    [
      "401 missing model.request scope",
      401,
      {
        type: "invalid_request_error",
        code: null,
        message: "You have insufficient permissions for this operation. Missing scopes: model.request.",
      },
      "permission_denied",
    ],
  ] as const)("openai %s", (_label, status, body, reason) => {
    expect(classifyProviderError("openai", openAiError(status, { message: "m", param: null, ...body })).reason).toBe(
      reason,
    );
  });

  it.each([
    [
      403,
      "<html><h1>Sorry, you have been blocked</h1>You are unable to access openai.com</html>",
      "region_unsupported",
    ],
    [404, "<html>Not Found</html>", "bad_response"],
    [502, "<html>Bad gateway</html>", "provider_unavailable"],
  ] as const)("openai non-JSON %i → %s", (status, page, reason) => {
    const h = html(status, page);
    expect(classifyProviderError("openai", OpenAI.APIError.generate(status, undefined, page, h.headers)).reason).toBe(
      reason,
    );
  });

  it.each([
    ["400 organization_on_hold", 400, "invalid_request_error", "organization_on_hold", "account_disabled"],
    [
      "402 linked_organization_billing_unavailable",
      402,
      "billing_error",
      "linked_organization_billing_unavailable",
      "billing_required",
    ],
    [
      "402 linked_organization_spend_limit_reached",
      402,
      "billing_error",
      "linked_organization_spend_limit_reached",
      "quota_exceeded",
    ],
    ["429 contract_spend_limit_reached", 429, "rate_limit_error", "contract_spend_limit_reached", "quota_exceeded"],
  ] as const)("anthropic %s", (_label, status, type, errorCode, reason) => {
    const err = Anthropic.APIError.generate(
      status,
      { type: "error", error: { type, message: "m", details: { error_code: errorCode } } },
      undefined,
      headers(),
    );
    expect(classifyProviderError("anthropic", err).reason).toBe(reason);
  });

  it("anthropic 403 permission_error is a restricted key, not an invalid one", () => {
    expect(
      classifyProviderError(
        "anthropic",
        anthropicError(403, "permission_error", "Your API key does not have permission to use the specified resource."),
      ).reason,
    ).toBe("permission_denied");
  });

  it.each([
    [
      "400 location without billing",
      geminiError(400, {
        code: 400,
        status: "FAILED_PRECONDITION",
        message: "User location is not supported for the API use without a billing account linked.",
      }),
      "billing_required",
    ],
    [
      "403 SERVICE_DISABLED",
      geminiError(403, {
        code: 403,
        status: "PERMISSION_DENIED",
        message: "Generative Language API has not been used in project 1 before or it is disabled.",
        details: [{ reason: "SERVICE_DISABLED" }],
      }),
      "permission_denied",
    ],
    [
      "403 referrer blocked",
      geminiError(403, {
        code: 403,
        status: "PERMISSION_DENIED",
        message: "Requests from referer <empty> are blocked.",
        details: [{ reason: "API_KEY_HTTP_REFERRER_BLOCKED" }],
      }),
      "permission_denied",
    ],
    [
      "502 page wrapped by genai",
      new ApiError({
        status: 502,
        message: JSON.stringify({ error: { message: "<html>Bad Gateway</html>", code: 502, status: "Bad Gateway" } }),
      }),
      "provider_unavailable",
    ],
    [
      "404 page wrapped by genai",
      new ApiError({
        status: 404,
        message: JSON.stringify({ error: { message: "<html>Not Found</html>", code: 404, status: "Not Found" } }),
      }),
      "bad_response",
    ],
  ])("gemini %s → %s", (_label, err, reason) => {
    expect(classifyProviderError("gemini", err).reason).toBe(reason);
  });

  it("gemini: a 200 page that genai could not parse is a bad response", () => {
    expect(classifyProviderError("gemini", new SyntaxError("Unexpected token '<'"))).toEqual({
      reason: "bad_response",
      status: 200,
    });
  });

  it.each([
    [498, { error: { message: "Flex tier capacity exceeded", type: "capacity_exceeded" } }, "provider_unavailable"],
    [
      404,
      { error: { message: "The model `x` does not exist", type: "invalid_request_error", code: "model_not_found" } },
      "bad_request",
    ],
  ] as const)("groq %i → %s", (status, body, reason) => {
    expect(classifyProviderError("groq", Groq.APIError.generate(status, body, undefined, headers())).reason).toBe(
      reason,
    );
  });
});
