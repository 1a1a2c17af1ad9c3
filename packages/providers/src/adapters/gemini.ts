import { ApiError, type GenerateContentResponse } from "@google/genai";
import { createGeminiClient } from "../clients";
import { ProviderCallError } from "../provider-call-error";
import { badResponse, isRecord } from "../response-shape";
import { byStatus, nonJsonFailure } from "./http-failure";
import type { CallMeta, ProviderAdapter, ProviderErrorClass } from "./provider-adapter";

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
  return Array.isArray(status.details) ? status.details.filter(isRecord) : [];
}

/** google.rpc ErrorInfo reasons that name an account or key state. */
const ERROR_INFO: Record<string, ProviderErrorClass["reason"]> = {
  API_KEY_INVALID: "invalid_key",
  CONSUMER_SUSPENDED: "account_disabled",
  API_KEY_SERVICE_BLOCKED: "permission_denied",
  API_KEY_HTTP_REFERRER_BLOCKED: "permission_denied",
  API_KEY_IP_ADDRESS_BLOCKED: "permission_denied",
  API_KEY_ANDROID_APP_BLOCKED: "permission_denied",
  API_KEY_IOS_APP_BLOCKED: "permission_denied",
  SERVICE_DISABLED: "permission_denied",
};

function quotaIds(info: Array<Record<string, unknown>>): string[] {
  return info.flatMap((d) =>
    Array.isArray(d.violations) ? d.violations.map((v: unknown) => String(isRecord(v) ? (v.quotaId ?? "") : "")) : [],
  );
}

function retryDelayAt(info: Array<Record<string, unknown>>): number | undefined {
  const delay = info.find((d) => typeof d.retryDelay === "string")?.retryDelay as string | undefined;
  const seconds = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
  return seconds ? Date.now() + Math.round(Number(seconds) * 1000) : undefined;
}

function classifyApiError(err: ApiError): ProviderErrorClass {
  const body = googleStatus(err);
  const status = err.status;
  const message = typeof body.message === "string" ? body.message : "";
  // A canonical code (INVALID_ARGUMENT…) means the JSON came from Google's API; otherwise genai
  // wrapped a raw page and `status` is the HTTP status text.
  if (typeof body.status !== "string" || !/^[A-Z_]+$/.test(body.status))
    return { reason: nonJsonFailure(status, message), status };
  const info = details(body);
  const byInfo = info.map((d) => ERROR_INFO[String(d.reason)]).find(Boolean);
  if (byInfo) return { reason: byInfo, status };
  if (body.status === "FAILED_PRECONDITION") {
    // "…free tier is not available in your country. Please enable billing…" and "User location is not
    // supported for the API use without a billing account linked." need billing; without billing
    // mentioned, the location itself is refused.
    if (/billing|free tier/i.test(message)) return { reason: "billing_required", status };
    if (/location is not supported/i.test(message)) return { reason: "region_unsupported", status };
  }
  if (status === 429) {
    if (/credits are depleted/i.test(message)) return { reason: "quota_exceeded", status };
    const perDay = quotaIds(info).some((id) => /PerDay/.test(id));
    if (perDay || /\blimit: 0\b/.test(message)) return { reason: "quota_exceeded", status };
    return { reason: "rate_limited", status, retryAt: retryDelayAt(info) };
  }
  // A missing, leaked or blocked key: the key has to be replaced.
  if (status === 403) return { reason: "invalid_key", status };
  return { reason: byStatus(status), status };
}

export function classifyGemini(err: unknown): ProviderErrorClass | undefined {
  if (err instanceof ApiError) return classifyApiError(err);
  // genai parses every 2xx body as JSON: an HTML page with status 200 ends here.
  if (err instanceof SyntaxError) return { reason: "bad_response", status: 200 };
  return undefined;
}

function candidateText(response: GenerateContentResponse): string {
  if (!isRecord(response) || !Array.isArray(response.candidates) || response.candidates.length === 0) {
    // A prompt blocked by safety settings is an answer about the request, not a broken one.
    if (isRecord(response) && isRecord(response.promptFeedback) && response.promptFeedback.blockReason) {
      throw new ProviderCallError("gemini", "bad_request", 200);
    }
    throw badResponse("gemini");
  }
  return response.text ?? "";
}

/** Gemini's usage fields: tokens, with the audio part of the prompt apart (priced apart); its response id. */
function geminiMeta(response: GenerateContentResponse): CallMeta {
  const usage = response.usageMetadata;
  const audio = usage?.promptTokensDetails?.find((d) => d.modality === "AUDIO")?.tokenCount;
  return {
    ...(usage
      ? {
          usage: {
            inputTokens: usage.promptTokenCount ?? 0,
            outputTokens: usage.candidatesTokenCount ?? 0,
            ...(audio !== undefined ? { audioInputTokens: audio } : {}),
          },
        }
      : {}),
    ...(response.responseId ? { requestId: response.responseId } : {}),
  };
}

export const TRANSCRIBE_INSTRUCTION =
  "Transcribe this recording word for word. Answer with the transcript only: no title, no timestamps, no commentary.";

export const geminiAdapter: ProviderAdapter = {
  async checkKey(options) {
    const pager = await createGeminiClient(options).models.list({ config: { pageSize: 1 } });
    if (!Array.isArray(pager.page) || pager.page.length === 0) throw badResponse("gemini");
    return [];
  },

  async generateText({ client, model, system, prompt, maxTokens, signal }) {
    const response = await createGeminiClient(client).models.generateContent({
      model,
      contents: prompt,
      config: {
        maxOutputTokens: maxTokens,
        ...(system ? { systemInstruction: system } : {}),
        ...(signal ? { abortSignal: signal } : {}),
      },
    });
    return { text: candidateText(response), ...geminiMeta(response) };
  },

  /** Audio understanding: the recording inline, with an instruction to transcribe it. */
  async transcribe({ client, model, file, signal }) {
    const response = await createGeminiClient(client).models.generateContent({
      ...(signal ? { config: { abortSignal: signal } } : {}),
      model,
      contents: [
        {
          role: "user",
          parts: [
            { inlineData: { mimeType: file.type, data: Buffer.from(file.data).toString("base64") } },
            { text: TRANSCRIBE_INSTRUCTION },
          ],
        },
      ],
    });
    const text = candidateText(response).trim();
    if (!text) throw badResponse("gemini");
    return { text, ...geminiMeta(response) };
  },

  classify: classifyGemini,
};
