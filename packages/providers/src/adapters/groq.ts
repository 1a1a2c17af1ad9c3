import Groq, { toFile } from "groq-sdk";
import { createGroqClient } from "../clients";
import { isRecord, requireModelList, requireString } from "../response-shape";
import { byStatus, nonJsonFailure, retryAfter } from "./http-failure";
import { openAiShapedChatRequest, openAiShapedText, requestIdHeader } from "./openai";
import type { ProviderAdapter, ProviderErrorClass } from "./provider-adapter";

type GroqError = InstanceType<typeof Groq.APIError>;

/** groq-sdk keeps the whole body in `error`: `{ error: { message, type, code } }`. */
function errorObject(err: GroqError): { message?: unknown; type?: unknown; code?: unknown } | undefined {
  const body: unknown = err.error;
  return isRecord(body) && isRecord(body.error) ? body.error : undefined;
}

function reasonOf(err: GroqError): ProviderErrorClass["reason"] {
  const status = err.status as number | undefined;
  if (status === undefined) return "provider_unavailable";
  const inner = errorObject(err);
  // No JSON error object: Cloudflare's block page (a refused region or network) or a proxy's page.
  if (!inner) return nonJsonFailure(status, err.message);
  if (inner.code === "organization_restricted") return "account_disabled";
  if (inner.code === "invalid_api_key" || status === 401) return "invalid_key";
  // A daily allowance (requests or tokens per day) comes back tomorrow, not in a minute.
  if (status === 429 && /per day/i.test(String(inner.message ?? ""))) return "quota_exceeded";
  // 498: the flex tier has no capacity right now.
  if (status === 498) return "provider_unavailable";
  return byStatus(status);
}

export function classifyGroq(err: unknown): ProviderErrorClass | undefined {
  if (err instanceof Groq.APIConnectionTimeoutError) return { reason: "timeout" };
  if (err instanceof Groq.APIError) {
    const reason = reasonOf(err);
    return {
      reason,
      status: err.status,
      ...(err.headers?.get("x-request-id") ? { requestId: err.headers.get("x-request-id") as string } : {}),
      ...(reason === "rate_limited" || reason === "quota_exceeded" ? { retryAt: retryAfter(err.headers) } : {}),
    };
  }
  if (err instanceof Groq.GroqError) return { reason: "bad_request" };
  return undefined;
}

/**
 * Groq through its own SDK (groq-sdk: no dependencies, runs on Node 20). Its API is OpenAI's shape,
 * so answers are checked as OpenAI's are; docs/providers.md says why not the openai SDK.
 */
export const groqAdapter: ProviderAdapter = {
  async checkKey(options) {
    const { data: list, response } = await createGroqClient(options).models.list().withResponse();
    requireModelList("groq", response, isRecord(list) && Array.isArray(list.data) ? list.data : undefined);
    return [];
  },

  async generateText({ client, model, system, prompt, maxTokens, signal }) {
    const { data: completion, response } = await createGroqClient(client)
      .chat.completions.create(openAiShapedChatRequest({ model, system, prompt, maxTokens }), { signal })
      .withResponse();
    return { ...openAiShapedText("groq", completion), ...requestIdHeader(response, "x-request-id") };
  },

  async transcribe({ client, model, file, signal }) {
    const upload = await toFile(file.data, file.name, { type: file.type });
    // verbose_json: Groq's plain json answer has no usage, and it bills the audio's duration.
    const { data: result, response } = await createGroqClient(client)
      .audio.transcriptions.create({ model, file: upload, response_format: "verbose_json" }, { signal })
      .withResponse();
    const body: unknown = result;
    const duration = isRecord(body) && typeof body.duration === "number" ? body.duration : undefined;
    return {
      text: requireString("groq", isRecord(body) ? body.text : undefined),
      ...(duration !== undefined ? { usage: { audioSeconds: duration } } : {}),
      ...requestIdHeader(response, "x-request-id"),
    };
  },

  classify: classifyGroq,
};
