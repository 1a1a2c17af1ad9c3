import { PROVIDER_REGISTRY } from "@byok/types";
import {
  catalogModels,
  contentText,
  header,
  type Handled,
  type EmulatorModule,
  type ProviderHandler,
  type ProviderRequest,
} from "./provider-handler";
import { parseJsonObject, type Reply } from "./http-util";
import { COMMON_BEHAVIOURS, foreignAnswer, type Behaviour } from "./behaviours";
import { stableId } from "./ids";
import { GEMINI_AUDIO_TOKENS_PER_SECOND, audioSeconds, replyText, tokenCount, transcriptFor } from "./replies";

const JSON_UTF8 = "application/json; charset=UTF-8";
const GOOGLE_API = "type.googleapis.com/google.rpc.";
const QUOTA_MESSAGE =
  "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";

function error(
  code: number,
  status: string,
  message: string,
  details?: unknown[],
  headers: Record<string, string> = {},
): Reply {
  return {
    status: code,
    headers,
    contentType: JSON_UTF8,
    body: { error: { code, message, status, ...(details ? { details } : {}) } },
  };
}

function ok(body: unknown): Reply {
  return {
    status: 200,
    contentType: JSON_UTF8,
    body,
    headers: { "x-content-type-options": "nosniff", vary: "Origin, X-Origin, Referer" },
  };
}

const KEY_INVALID_MESSAGE = "API key not valid. Please pass a valid API key.";

function authenticate(req: ProviderRequest): { apiKey: string | null; behaviour: Behaviour | null; failure?: Reply } {
  const apiKey = header(req.headers, "x-goog-api-key")?.trim() || req.query.get("key")?.trim() || null;
  if (!apiKey) {
    return {
      apiKey: null,
      behaviour: null,
      failure: error(
        403,
        "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ),
    };
  }
  const behaviour = req.behaviourOf(apiKey);
  if (!behaviour || behaviour === "invalid") {
    return {
      apiKey,
      behaviour,
      failure: error(400, "INVALID_ARGUMENT", KEY_INVALID_MESSAGE, [
        {
          "@type": `${GOOGLE_API}ErrorInfo`,
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" },
        },
        { "@type": `${GOOGLE_API}LocalizedMessage`, locale: "en-US", message: KEY_INVALID_MESSAGE },
      ]),
    };
  }
  return { apiKey, behaviour };
}

function quotaFailure(quotaId: string, model: string | null): unknown {
  return {
    "@type": `${GOOGLE_API}QuotaFailure`,
    violations: [
      {
        quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        quotaId,
        quotaDimensions: { location: "global", model: model ?? "gemini-2.0-flash" },
      },
    ],
  };
}

const HELP = {
  "@type": `${GOOGLE_API}Help`,
  links: [
    { description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" },
  ],
};

function errorInfo(reason: string, extra: Record<string, unknown> = {}): unknown {
  return {
    "@type": `${GOOGLE_API}ErrorInfo`,
    reason,
    domain: "googleapis.com",
    metadata: { service: "generativelanguage.googleapis.com", ...extra },
  };
}

function behaviourFailure(behaviour: Behaviour, model: string | null, apiKey: string): Reply | null {
  const foreign = foreignAnswer(behaviour);
  if (foreign) return foreign;
  switch (behaviour) {
    case "nocredit":
      // Prepaid credit used up: a 429 like a quota, but with no QuotaFailure details.
      return error(
        429,
        "RESOURCE_EXHAUSTED",
        "Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.",
      );
    case "nobilling":
      return error(
        400,
        "FAILED_PRECONDITION",
        "Gemini API free tier is not available in your country. Please enable billing on your project in Google AI Studio.",
      );
    case "region":
      return error(400, "FAILED_PRECONDITION", "User location is not supported for the API use.");
    case "disabled": {
      // Google quotes the key in this message; it must never reach our logs or users.
      const message = `Permission denied: Consumer 'api_key:${apiKey}' has been suspended.`;
      return error(403, "PERMISSION_DENIED", message, [
        errorInfo("CONSUMER_SUSPENDED", { consumer: "projects/000000000000", containerInfo: `api_key:${apiKey}` }),
        { "@type": `${GOOGLE_API}LocalizedMessage`, locale: "en-US", message },
      ]);
    }
    case "blocked": {
      const method = `google.ai.generativelanguage.v1beta.${model ? "GenerativeService.GenerateContent" : "ModelService.ListModels"}`;
      const message = `Requests to this API generativelanguage.googleapis.com method ${method} are blocked.`;
      return error(403, "PERMISSION_DENIED", message, [
        errorInfo("API_KEY_SERVICE_BLOCKED", {
          consumer: "projects/000000000000",
          apiName: "generativelanguage.googleapis.com",
          methodName: method,
        }),
        { "@type": `${GOOGLE_API}LocalizedMessage`, locale: "en-US", message },
      ]);
    }
    case "quota":
      return error(429, "RESOURCE_EXHAUSTED", QUOTA_MESSAGE, [
        quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", model),
        HELP,
      ]);
    case "ratelimit":
      return error(
        429,
        "RESOURCE_EXHAUSTED",
        QUOTA_MESSAGE,
        [
          quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", model),
          HELP,
          { "@type": `${GOOGLE_API}RetryInfo`, retryDelay: "1s" },
        ],
        { "retry-after": "1" },
      );
    case "error":
      return error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    default:
      return null;
  }
}

function listModels(query: URLSearchParams): Reply {
  const all = PROVIDER_REGISTRY.gemini.models;
  const pageSize = Math.min(1000, Math.max(1, Number(query.get("pageSize") ?? 50) || 50));
  const start = Math.max(0, Number(query.get("pageToken") ?? 0) || 0);
  const next = start + pageSize;
  return ok({
    models: all.slice(start, next).map((m) => ({
      name: `models/${m.id}`,
      version: "001",
      displayName: m.label,
      description: `${m.label} (emulated)`,
      inputTokenLimit: 1048576,
      outputTokenLimit: 8192,
      supportedGenerationMethods: ["generateContent", "countTokens"],
      temperature: 1,
      topP: 0.95,
      topK: 40,
      maxTemperature: 2,
    })),
    ...(next < all.length ? { nextPageToken: String(next) } : {}),
  });
}

function partsText(content: unknown): string {
  return content && typeof content === "object" ? contentText((content as { parts?: unknown }).parts) : "";
}

/** The first inline audio part's bytes, if the request carries one. */
function inlineAudio(contents: unknown[]): Uint8Array | null {
  for (const content of contents) {
    const parts = content && typeof content === "object" ? (content as { parts?: unknown }).parts : undefined;
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const inline =
        part && typeof part === "object"
          ? ((part as { inlineData?: unknown; inline_data?: unknown }).inlineData ??
            (part as { inline_data?: unknown }).inline_data)
          : undefined;
      if (!inline || typeof inline !== "object") continue;
      const { mimeType, data } = inline as { mimeType?: unknown; data?: unknown };
      if (typeof mimeType === "string" && mimeType.startsWith("audio/") && typeof data === "string")
        return Buffer.from(data, "base64");
    }
  }
  return null;
}

function generate(body: Record<string, unknown>, model: string): Reply {
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) {
    return error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified\n");
  }
  const system = partsText(body.systemInstruction ?? body.system_instruction);
  const prompt = contents
    .filter((c) => c && typeof c === "object" && ((c as { role?: unknown }).role ?? "user") === "user")
    .map(partsText)
    .join("\n");
  const audio = inlineAudio(contents);
  if (audio && !catalogModels("gemini", "stt").includes(model)) {
    return error(400, "INVALID_ARGUMENT", `Audio input modality is not enabled for models/${model}`);
  }
  // Audio understanding: a recording inline with an instruction is answered with its transcript.
  const text = audio ? transcriptFor("audio", audio) : replyText(model, system, prompt);
  const textTokens = tokenCount(system + prompt);
  const audioTokens = audio ? Math.max(1, Math.ceil(audioSeconds(audio) * GEMINI_AUDIO_TOKENS_PER_SECOND)) : 0;
  const promptTokens = textTokens + audioTokens;
  const candidateTokens = tokenCount(text);
  return ok({
    candidates: [{ content: { parts: [{ text }], role: "model" }, finishReason: "STOP", index: 0 }],
    usageMetadata: {
      promptTokenCount: promptTokens,
      candidatesTokenCount: candidateTokens,
      totalTokenCount: promptTokens + candidateTokens,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: textTokens },
        ...(audio ? [{ modality: "AUDIO", tokenCount: audioTokens }] : []),
      ],
    },
    modelVersion: model,
    responseId: stableId("", 23, model, system, prompt),
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const GENERATE_PATH = /^\/v1beta\/models\/([^/:]+):generateContent$/;

async function route(req: ProviderRequest): Promise<Handled> {
  const generateMatch = req.method === "POST" ? GENERATE_PATH.exec(req.path) : null;
  const endpoint =
    req.method === "GET" && req.path === "/v1beta/models" ? "models" : generateMatch ? "generateContent" : "unknown";
  // The model is in the path, so the call log has it even when authentication fails.
  const pathModel = generateMatch ? safeDecode(generateMatch[1] ?? "") : null;
  const base = { endpoint, model: pathModel, apiKey: null, behaviour: null } as const;
  if (endpoint === "unknown")
    return { ...base, reply: error(404, "NOT_FOUND", `Method not found: ${req.method} ${req.path}`) };

  const { apiKey, behaviour, failure } = authenticate(req);
  const authed = { ...base, apiKey, behaviour };
  if (failure || !behaviour)
    return { ...authed, reply: failure ?? error(400, "INVALID_ARGUMENT", KEY_INVALID_MESSAGE) };

  if (endpoint === "models")
    return { ...authed, reply: behaviourFailure(behaviour, null, apiKey ?? "") ?? listModels(req.query) };

  const model = safeDecode(generateMatch?.[1] ?? "");
  const failed = behaviourFailure(behaviour, model, apiKey ?? "");
  if (failed) return { ...authed, model, reply: failed };
  if (!catalogModels("gemini").includes(model)) {
    return {
      ...authed,
      model,
      reply: error(
        404,
        "NOT_FOUND",
        `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      ),
    };
  }
  const body = parseJsonObject(req.body);
  if (!body)
    return {
      ...authed,
      model,
      reply: error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token."),
    };
  return { ...authed, model, reply: generate(body, model) };
}

export const geminiHandler: ProviderHandler = {
  provider: "gemini",
  handle: route,
  tooLarge: () => error(400, "INVALID_ARGUMENT", "Request payload size exceeds the limit: 20971520 bytes."),
  internalError: () =>
    error(
      500,
      "INTERNAL",
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ),
};

export const geminiModule: EmulatorModule = {
  provider: "gemini",
  keyPrefix: "AIza-emu-",
  basePath: "/gemini",
  behaviours: [...COMMON_BEHAVIOURS, "nocredit", "nobilling", "region", "disabled", "blocked"],
  handler: geminiHandler,
};
