import OpenAI, { toFile } from "openai";
import { allowedModels, type Provider } from "@byok/types";
import { createOpenAIClient } from "../clients";
import { badResponse, isRecord, requireModelList, requireString } from "../response-shape";
import { byStatus, nonJsonFailure, retryAfter } from "./http-failure";
import type { KeyLimit, ProviderAdapter, ProviderErrorClass } from "./provider-adapter";
import { probeAllows } from "./restricted-key-probe";

type OpenAiError = InstanceType<typeof OpenAI.APIError>;

const MISSING_SCOPES = /missing scopes|insufficient permissions/i;

function reasonOf(err: OpenAiError): ProviderErrorClass["reason"] {
  const status = err.status as number | undefined;
  if (status === undefined) return "provider_unavailable";
  // No JSON error object: a proxy's or CDN's page, not the API.
  if (err.error === undefined) return nonJsonFailure(status, err.message);
  const { code, type } = err;
  if (status === 429) {
    // Credit exhausted or a spend limit: `type` says so even when `code` is null or another value.
    if (type === "insufficient_quota" || code === "insufficient_quota") return "quota_exceeded";
    if (type === "billing_not_active" || code === "billing_not_active") return "billing_required";
    return "rate_limited";
  }
  if (status === 401) {
    if (code === "account_deactivated") return "account_disabled";
    if (MISSING_SCOPES.test(err.message)) return "permission_denied";
    return "invalid_key";
  }
  if (status === 403)
    return code === "unsupported_country_region_territory" ? "region_unsupported" : "permission_denied";
  return byStatus(status);
}

export function classifyOpenAi(err: unknown): ProviderErrorClass | undefined {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return { reason: "timeout" };
  if (err instanceof OpenAI.APIError) {
    const reason = reasonOf(err);
    return {
      reason,
      status: err.status,
      requestId: err.requestID ?? undefined,
      ...(reason === "rate_limited" ? { retryAt: retryAfter(err.headers) } : {}),
    };
  }
  // The SDK refused the request before sending it.
  if (err instanceof OpenAI.OpenAIError) return { reason: "bad_request" };
  return undefined;
}

const cheapest = (task: "stt" | "analysis") => allowedModels("business", task, "openai").at(-1)?.id ?? "";

export const openAiAdapter: ProviderAdapter = {
  async checkKey(options) {
    const client = createOpenAIClient(options);
    try {
      const { data: page, response } = await client.models.list().withResponse();
      requireModelList("openai", response, page.data);
      return [];
    } catch (err) {
      if (classifyOpenAi(err)?.reason !== "permission_denied") throw err;
      // A restricted key without models.read can still chat and transcribe: ask OpenAI with
      // requests it refuses after authorising them and before any model runs, so they cost nothing.
      const canAnalyse = await probeAllows(classifyOpenAi, () =>
        client.chat.completions.create({ model: cheapest("analysis"), messages: [] }),
      );
      const canTranscribe = await probeAllows(classifyOpenAi, async () =>
        client.audio.transcriptions.create({
          model: cheapest("stt"),
          file: await toFile(new Uint8Array(0), "probe.txt"),
        }),
      );
      if (!canAnalyse && !canTranscribe) throw err;
      const limits: KeyLimit[] = ["list_models"];
      if (!canTranscribe) limits.push("transcription");
      if (!canAnalyse) limits.push("analysis");
      return limits;
    }
  },

  async generateText({ client, model, system, prompt, maxTokens, signal }) {
    const { data: completion, response } = await createOpenAIClient(client)
      .chat.completions.create(openAiShapedChatRequest({ model, system, prompt, maxTokens }), { signal })
      .withResponse();
    return { ...openAiShapedText("openai", completion), ...requestIdHeader(response, "x-request-id") };
  },

  async transcribe({ client, model, file, signal }) {
    const upload = await toFile(file.data, file.name, { type: file.type });
    const { data: result, response } = await createOpenAIClient(client)
      .audio.transcriptions.create({ model, file: upload, response_format: "json" }, { signal })
      .withResponse();
    const body: unknown = result;
    // Whisper's json answer says what it bills: `usage: { type: "duration", seconds }`.
    const usage =
      isRecord(body) && isRecord(body.usage) && body.usage.type === "duration" && typeof body.usage.seconds === "number"
        ? { audioSeconds: body.usage.seconds }
        : undefined;
    return {
      text: requireString("openai", isRecord(body) ? body.text : undefined),
      ...(usage ? { usage } : {}),
      ...requestIdHeader(response, "x-request-id"),
    };
  },

  classify: classifyOpenAi,
};

/** The request id a provider put in a response header, as the ledger's `requestId`. */
export function requestIdHeader(response: Response, name: string): { requestId?: string } {
  const id = response.headers.get(name);
  return id ? { requestId: id } : {};
}

/** The chat completion request of OpenAI-compatible APIs (OpenAI's and Groq's SDKs take the same body). */
export function openAiShapedChatRequest({
  model,
  system,
  prompt,
  maxTokens,
}: {
  model: string;
  system?: string | undefined;
  prompt: string;
  maxTokens: number;
}) {
  return {
    model,
    max_completion_tokens: maxTokens,
    messages: [
      ...(system ? [{ role: "system" as const, content: system }] : []),
      { role: "user" as const, content: prompt },
    ],
  };
}

/** A chat completion as OpenAI-compatible APIs return it; anything else is a bad response. */
export function openAiShapedText(provider: Provider, completion: unknown) {
  const choices = isRecord(completion) ? completion.choices : undefined;
  const message = Array.isArray(choices) && isRecord(choices[0]) ? choices[0].message : undefined;
  if (!isRecord(message)) throw badResponse(provider);
  const usage = isRecord(completion) && isRecord(completion.usage) ? completion.usage : undefined;
  return {
    text: typeof message.content === "string" ? message.content : "",
    ...(usage && typeof usage.prompt_tokens === "number" && typeof usage.completion_tokens === "number"
      ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens } }
      : {}),
  };
}
