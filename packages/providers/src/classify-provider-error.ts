import Anthropic from "@anthropic-ai/sdk";
import { ApiError } from "@google/genai";
import OpenAI from "openai";
import type { Provider } from "@byok/types";
import { ProviderOptionError } from "./clients";
import { ProviderCallError, type ProviderFailureReason } from "./provider-call-error";

export interface ProviderErrorClass {
  reason: ProviderFailureReason;
  status?: number;
  requestId?: string;
}

function isTimeout(err: unknown): boolean {
  return (
    err instanceof OpenAI.APIConnectionTimeoutError ||
    err instanceof Anthropic.APIConnectionTimeoutError ||
    (err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError"))
  );
}

function byStatus(status: number): ProviderFailureReason {
  if (status === 401 || status === 403) return "invalid_key";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "provider_unavailable";
  return "bad_request";
}

function classifyOpenAi(err: InstanceType<typeof OpenAI.APIError>): ProviderFailureReason {
  if (err.status === undefined) return "provider_unavailable";
  if (err.status === 429 && err.code === "insufficient_quota") return "quota_exceeded";
  return byStatus(err.status);
}

function classifyAnthropic(err: InstanceType<typeof Anthropic.APIError>): ProviderFailureReason {
  if (err.status === undefined) return "provider_unavailable";
  if (err.status === 402 || err.type === "billing_error") return "quota_exceeded";
  if (err.status === 400 && /credit balance/i.test(err.apiMessage ?? "")) return "quota_exceeded";
  return byStatus(err.status);
}

interface GoogleStatus {
  message?: unknown;
  status?: unknown;
  details?: unknown;
}

/** genai puts the response body in `message`: JSON, or for non-JSON replies JSON wrapping the raw text. */
function googleStatus(err: ApiError): GoogleStatus {
  try {
    const outer = (JSON.parse(err.message) as { error?: GoogleStatus }).error ?? {};
    if (typeof outer.message === "string" && outer.message.trimStart().startsWith("{")) {
      try {
        return (JSON.parse(outer.message) as { error?: GoogleStatus }).error ?? outer;
      } catch {
        return outer;
      }
    }
    return outer;
  } catch {
    return {};
  }
}

function details(status: GoogleStatus): Array<Record<string, unknown>> {
  return Array.isArray(status.details) ? status.details.filter((d): d is Record<string, unknown> => !!d && typeof d === "object") : [];
}

function classifyGemini(err: ApiError): ProviderFailureReason {
  const body = googleStatus(err);
  const info = details(body);
  const message = typeof body.message === "string" ? body.message : "";
  if (err.status === 400 && info.some((d) => d.reason === "API_KEY_INVALID")) return "invalid_key";
  if (err.status === 429) {
    const perDay = info.some(
      (d) =>
        Array.isArray(d.violations) &&
        d.violations.some((v: unknown) => /PerDay/.test(String((v as { quotaId?: unknown } | null)?.quotaId ?? ""))),
    );
    return perDay || /\blimit: 0\b/.test(message) ? "quota_exceeded" : "rate_limited";
  }
  return byStatus(err.status);
}

/**
 * Maps any error from a provider call to a failure reason (docs/decisions.md, Provider behaviour). Errors that are
 * not the provider answering (connection refused, DNS) count as the provider being unavailable.
 */
export function classifyProviderError(provider: Provider, err: unknown): ProviderErrorClass {
  if (err instanceof ProviderCallError) return { reason: err.reason, status: err.status, requestId: err.requestId };
  if (isTimeout(err)) return { reason: "timeout" };
  if (provider === "openai" && err instanceof OpenAI.APIError) {
    return { reason: classifyOpenAi(err), status: err.status, requestId: err.requestID ?? undefined };
  }
  if (provider === "anthropic" && err instanceof Anthropic.APIError) {
    return { reason: classifyAnthropic(err), status: err.status, requestId: err.requestID ?? undefined };
  }
  if (provider === "gemini" && err instanceof ApiError) return { reason: classifyGemini(err), status: err.status };
  // The SDK refused the request before sending it (e.g. Anthropic: max_tokens needs streaming).
  if (err instanceof OpenAI.OpenAIError || err instanceof Anthropic.AnthropicError) return { reason: "bad_request" };
  return { reason: "provider_unavailable" };
}

/** Rethrows our own option errors (a bug in the caller); anything else becomes a ProviderCallError. */
export function toProviderCallError(provider: Provider, err: unknown): ProviderCallError {
  if (err instanceof ProviderOptionError) throw err;
  if (err instanceof ProviderCallError) return err;
  const { reason, status, requestId } = classifyProviderError(provider, err);
  return new ProviderCallError(provider, reason, status, requestId);
}
