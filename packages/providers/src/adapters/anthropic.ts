import Anthropic from "@anthropic-ai/sdk";
import { createAnthropicClient } from "../clients";
import { badResponse, isRecord, requireModelList } from "../response-shape";
import { byStatus, nonJsonFailure, retryAfter } from "./http-failure";
import type { ProviderAdapter, ProviderErrorClass } from "./provider-adapter";

type AnthropicError = InstanceType<typeof Anthropic.APIError>;

/** `error.details.error_code` values (SDK `core/error-classes.ts`) that name an account state. */
const ERROR_CODES: Record<string, ProviderErrorClass["reason"]> = {
  enforced_spend_limit_reached: "quota_exceeded",
  contract_spend_limit_reached: "quota_exceeded",
  linked_organization_spend_limit_reached: "quota_exceeded",
  linked_organization_billing_unavailable: "billing_required",
  organization_on_hold: "account_disabled",
  ramp_limit_exceeded: "rate_limited",
};

// "You will regain access on 2026-04-01 at 00:00 UTC."
const REGAIN_ACCESS = /regain access on (\d{4}-\d{2}-\d{2}) at (\d{2}:\d{2}) UTC/i;

function regainAccessAt(message: string): number | undefined {
  const match = REGAIN_ACCESS.exec(message);
  if (!match) return undefined;
  const at = Date.parse(`${match[1]}T${match[2]}:00Z`);
  return Number.isNaN(at) ? undefined : at;
}

function classifyApiError(err: AnthropicError): Omit<ProviderErrorClass, "status" | "requestId"> {
  const status = err.status as number | undefined;
  if (status === undefined) return { reason: "provider_unavailable" };
  if (err.error === undefined) return { reason: nonJsonFailure(status, err.message) };
  const byCode = err.errorCode ? ERROR_CODES[err.errorCode] : undefined;
  if (byCode) return { reason: byCode, ...(byCode === "rate_limited" ? { retryAt: retryAfter(err.headers) } : {}) };
  const message = err.apiMessage ?? "";
  if (status === 402 || err.type === "billing_error") return { reason: "quota_exceeded" };
  if (status === 400) {
    if (/credit balance/i.test(message)) return { reason: "quota_exceeded" };
    if (/usage limits/i.test(message)) return { reason: "quota_exceeded", retryAt: regainAccessAt(message) };
    if (/organization has been disabled/i.test(message)) return { reason: "account_disabled" };
  }
  // Anthropic's edge answers a request from an unsupported region with type "forbidden".
  if (status === 403)
    return { reason: (err.type as string | null) === "forbidden" ? "region_unsupported" : "permission_denied" };
  if (status === 429) return { reason: "rate_limited", retryAt: retryAfter(err.headers) };
  return { reason: byStatus(status) };
}

export function classifyAnthropic(err: unknown): ProviderErrorClass | undefined {
  if (err instanceof Anthropic.APIConnectionTimeoutError) return { reason: "timeout" };
  if (err instanceof Anthropic.APIError)
    return { ...classifyApiError(err), status: err.status, requestId: err.requestID ?? undefined };
  // The SDK refused the request before sending it (e.g. max_tokens that needs streaming).
  if (err instanceof Anthropic.AnthropicError) return { reason: "bad_request" };
  return undefined;
}

export const anthropicAdapter: ProviderAdapter = {
  async checkKey(options) {
    const { data: page, response } = await createAnthropicClient(options).models.list({ limit: 1 }).withResponse();
    requireModelList("anthropic", response, page.data);
    return [];
  },

  async generateText({ client, model, system, prompt, maxTokens, signal }) {
    const { data, response } = await createAnthropicClient(client)
      .messages.create(
        {
          model,
          max_tokens: maxTokens,
          ...(system ? { system } : {}),
          messages: [{ role: "user", content: prompt }],
        },
        { signal },
      )
      .withResponse();
    const message: unknown = data;
    const requestId = response.headers.get("request-id");
    if (!isRecord(message) || !Array.isArray(message.content)) throw badResponse("anthropic");
    const usage = isRecord(message.usage) ? message.usage : {};
    return {
      text: message.content
        .map((block: unknown) =>
          isRecord(block) && block.type === "text" && typeof block.text === "string" ? block.text : "",
        )
        .join(""),
      ...(typeof usage.input_tokens === "number" && typeof usage.output_tokens === "number"
        ? { usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens } }
        : {}),
      ...(requestId ? { requestId } : {}),
    };
  },

  classify: classifyAnthropic,
};
