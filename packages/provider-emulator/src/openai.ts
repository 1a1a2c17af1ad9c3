import { extname } from "node:path";
import {
  header,
  catalogModels,
  contentText,
  type Handled,
  type EmulatorModule,
  type ProviderHandler,
  type ProviderRequest,
} from "./provider-handler";
import type { Reply } from "./http-util";
import { parseJsonObject } from "./http-util";
import { COMMON_BEHAVIOURS, foreignAnswer, type Behaviour } from "./behaviours";
import { maskLikeOpenAi } from "./mask-like-openai";
import { openAiRequestId, stableId } from "./ids";
import { audioSeconds, replyText, tokenCount, transcriptFor } from "./replies";

const CREATED = 1715367049;
const AUDIO_FORMATS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];
const TRANSCRIPT_FORMATS = ["json", "text", "srt", "verbose_json", "vtt"];

function error(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { "x-request-id": openAiRequestId(), ...headers },
    body: { error: { message, type, param, code } },
  };
}

function ok(body: unknown, contentType?: string): Reply {
  return {
    status: 200,
    headers: { "x-request-id": openAiRequestId(), "openai-version": "2020-10-01", "openai-processing-ms": "12" },
    body,
    contentType,
  };
}

const MISSING_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

function authenticate(req: ProviderRequest): { apiKey: string | null; behaviour: Behaviour | null; failure?: Reply } {
  const auth = header(req.headers, "authorization") ?? "";
  const match = /^Bearer\s+(\S.*)$/i.exec(auth.trim());
  const apiKey = match?.[1]?.trim() ?? null;
  if (!apiKey) return { apiKey: null, behaviour: null, failure: error(401, MISSING_KEY, "invalid_request_error") };
  const behaviour = req.behaviourOf(apiKey);
  if (!behaviour || behaviour === "invalid") {
    return {
      apiKey,
      behaviour,
      failure: error(
        401,
        `Incorrect API key provided: ${maskLikeOpenAi(apiKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        "invalid_request_error",
        "invalid_api_key",
      ),
    };
  }
  return { apiKey, behaviour };
}

function behaviourFailure(behaviour: Behaviour, model: string | null, endpoint: string): Reply | null {
  const foreign = foreignAnswer(behaviour);
  if (foreign) return foreign;
  switch (behaviour) {
    case "nocredit":
      // Credit exhausted: the type still says insufficient_quota, the code does not (or is null).
      return error(
        429,
        "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota",
        null,
      );
    case "nobilling":
      return error(
        429,
        "Your account is not active, please check your billing details on our website.",
        "billing_not_active",
        "billing_not_active",
      );
    case "disabled":
      return error(
        401,
        "The OpenAI account associated with this API key has been deactivated. If you are the developer for this OpenAI app, please check your email for more information. If you are seeing this error while using another app or site, please reach out to them for more help.",
        "invalid_request_error",
        "account_deactivated",
      );
    case "region":
      return {
        ...error(
          403,
          "Country, region, or territory not supported",
          "request_forbidden",
          "unsupported_country_region_territory",
        ),
      };
    case "scoped":
      // A restricted key without "Models: Read": only listing models is refused.
      return endpoint === "models"
        ? error(
            401,
            "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
            "invalid_request_error",
          )
        : null;
    case "quota":
      return error(
        429,
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota",
        "insufficient_quota",
      );
    case "ratelimit":
      return error(
        429,
        `Rate limit reached for ${model ?? "requests"} in organization org-emulator on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        "requests",
        "rate_limit_exceeded",
        null,
        {
          "retry-after": "1",
          "x-ratelimit-limit-requests": "3",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": "1s",
        },
      );
    case "error": {
      const requestId = openAiRequestId();
      return error(
        500,
        `The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID ${requestId} in your email.)`,
        "server_error",
        null,
        null,
        { "x-request-id": requestId },
      );
    }
    default:
      return null;
  }
}

function modelNotFound(model: string): Reply {
  return error(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    "invalid_request_error",
    "model_not_found",
  );
}

function listModels(): Reply {
  return ok({
    object: "list",
    data: catalogModels("openai").map((id) => ({ id, object: "model", created: CREATED, owned_by: "system" })),
  });
}

function chatCompletion(body: Record<string, unknown>, model: string): Reply {
  const messages = body.messages as unknown[];
  let system = "";
  let prompt = "";
  for (const m of messages) {
    if (!m || typeof m !== "object") continue;
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (role === "system" || role === "developer") system += `${contentText(content)}\n`;
    else if (role === "user") prompt += `${contentText(content)}\n`;
  }
  const text = replyText(model, system, prompt);
  const promptTokens = tokenCount(system + prompt);
  const completionTokens = tokenCount(text);
  return ok({
    id: stableId("chatcmpl-", 29, model, system, prompt),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: "fp_emulator",
  });
}

export async function readForm(req: ProviderRequest): Promise<FormData | null> {
  const contentType = header(req.headers, "content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return null;
  try {
    return await new Request("http://emulator.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: Uint8Array.from(req.body),
    }).formData();
  } catch {
    return null;
  }
}

/** OpenAI's messages print lists the way Python does: `['a', 'b']`. */
function pythonList(items: string[]): string {
  return `[${items.map((i) => `'${i}'`).join(", ")}]`;
}

function srtOrVtt(format: "srt" | "vtt", text: string): string {
  return format === "srt"
    ? `1\n00:00:00,000 --> 00:00:05,000\n${text}\n`
    : `WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n${text}\n`;
}

async function transcription(form: FormData): Promise<Reply> {
  const file = form.get("file");
  if (!(file instanceof File)) {
    return error(
      400,
      "Could not parse multipart form: 'file' is a required property",
      "invalid_request_error",
      null,
      "file",
    );
  }
  const extension = extname(file.name).slice(1).toLowerCase();
  if (!AUDIO_FORMATS.includes(extension)) {
    return error(400, `Invalid file format. Supported formats: ${pythonList(AUDIO_FORMATS)}`, "invalid_request_error");
  }
  const format = String(form.get("response_format") ?? "json");
  if (!TRANSCRIPT_FORMATS.includes(format)) {
    return error(
      400,
      `'${format}' is not one of ${pythonList(TRANSCRIPT_FORMATS)} - 'response_format'`,
      "invalid_request_error",
      null,
      "response_format",
    );
  }
  const audio = new Uint8Array(await file.arrayBuffer());
  const text = transcriptFor(file.name, audio);
  const seconds = audioSeconds(audio);
  switch (format) {
    case "text":
      return ok(text, "text/plain; charset=utf-8");
    case "srt":
    case "vtt":
      return ok(srtOrVtt(format, text), "text/plain; charset=utf-8");
    case "verbose_json":
      return ok({
        task: "transcribe",
        language: "english",
        duration: Math.round(seconds * 100) / 100,
        text,
        segments: [],
      });
    default:
      // Whisper bills whole seconds, and says how many in `usage`.
      return ok({ text, usage: { type: "duration", seconds: Math.max(1, Math.ceil(seconds)) } });
  }
}

function invalidUrl(req: ProviderRequest): Reply {
  return error(404, `Invalid URL (${req.method} ${req.path})`, "invalid_request_error");
}

const BAD_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

async function route(req: ProviderRequest): Promise<Handled> {
  const endpoint =
    req.method === "GET" && req.path === "/v1/models"
      ? "models"
      : req.method === "POST" && req.path === "/v1/chat/completions"
        ? "chat/completions"
        : req.method === "POST" && req.path === "/v1/audio/transcriptions"
          ? "audio/transcriptions"
          : "unknown";
  const base = { endpoint, model: null, apiKey: null, behaviour: null } as const;
  if (endpoint === "unknown") return { ...base, reply: invalidUrl(req) };

  const { apiKey, behaviour, failure } = authenticate(req);
  const authed = { ...base, apiKey, behaviour };
  if (failure || !behaviour) return { ...authed, reply: failure ?? invalidUrl(req) };

  if (endpoint === "models") return { ...authed, reply: behaviourFailure(behaviour, null, endpoint) ?? listModels() };

  if (endpoint === "chat/completions") {
    const body = parseJsonObject(req.body);
    const model = typeof body?.model === "string" ? body.model : null;
    const failed = behaviourFailure(behaviour, model, endpoint);
    if (failed) return { ...authed, model, reply: failed };
    if (!body) return { ...authed, reply: error(400, BAD_JSON, "invalid_request_error") };
    if (!model) return { ...authed, reply: error(400, "you must provide a model parameter", "invalid_request_error") };
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return {
        ...authed,
        model,
        reply: error(
          400,
          "Missing required parameter: 'messages'.",
          "invalid_request_error",
          "missing_required_parameter",
          "messages",
        ),
      };
    }
    if (catalogModels("openai", "stt").includes(model)) {
      return {
        ...authed,
        model,
        reply: error(
          404,
          "This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?",
          "invalid_request_error",
          null,
          "model",
        ),
      };
    }
    if (!catalogModels("openai").includes(model)) return { ...authed, model, reply: modelNotFound(model) };
    return { ...authed, model, reply: chatCompletion(body, model) };
  }

  const form = await readForm(req);
  const model = typeof form?.get("model") === "string" ? (form?.get("model") as string) : null;
  const failed = behaviourFailure(behaviour, model, endpoint);
  if (failed) return { ...authed, model, reply: failed };
  if (!form) {
    return { ...authed, reply: error(400, "Could not parse multipart form", "invalid_request_error") };
  }
  if (!model) return { ...authed, reply: error(400, "you must provide a model parameter", "invalid_request_error") };
  if (!catalogModels("openai", "stt").includes(model)) return { ...authed, model, reply: modelNotFound(model) };
  return { ...authed, model, reply: await transcription(form) };
}

export const openAiHandler: ProviderHandler = {
  provider: "openai",
  handle: route,
  tooLarge: (limit, received) =>
    error(413, `Maximum content size limit (${limit}) exceeded (${received} bytes read)`, "invalid_request_error"),
  internalError: () =>
    error(500, "The server had an error while processing your request. Sorry about that!", "server_error"),
};

export const openAiModule: EmulatorModule = {
  provider: "openai",
  keyPrefix: "sk-emu-",
  basePath: "/openai/v1",
  behaviours: [...COMMON_BEHAVIOURS, "nocredit", "nobilling", "disabled", "region", "scoped"],
  handler: openAiHandler,
};
