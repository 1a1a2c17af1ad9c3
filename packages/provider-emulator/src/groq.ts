import { extname } from "node:path";
import { randomBytes } from "node:crypto";
import { PROVIDER_REGISTRY } from "@byok/types";
import { COMMON_BEHAVIOURS, foreignAnswer, type Behaviour } from "./behaviours";
import { parseJsonObject, type Reply } from "./http-util";
import { stableId } from "./ids";
import { readForm } from "./openai";
import {
  catalogModels,
  contentText,
  header,
  type EmulatorModule,
  type Handled,
  type ProviderHandler,
  type ProviderRequest,
} from "./provider-handler";
import { audioSeconds, replyText, tokenCount, transcriptFor } from "./replies";

const AUDIO_FORMATS = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "opus", "wav", "webm"];
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** `req_01…`: Groq's request ids are ULIDs. */
function requestId(): string {
  return `req_01${Array.from(randomBytes(24), (b) => CROCKFORD[b % 32]).join("")}`;
}

function error(
  status: number,
  message: string,
  type: string,
  code?: string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { "x-request-id": requestId(), ...headers },
    body: { error: { message, type, ...(code ? { code } : {}) } },
  };
}

function ok(body: unknown): Reply {
  return { status: 200, headers: { "x-request-id": requestId() }, body };
}

const INVALID_KEY = () => error(401, "Invalid API Key", "invalid_request_error", "invalid_api_key");

function authenticate(req: ProviderRequest): { apiKey: string | null; behaviour: Behaviour | null; failure?: Reply } {
  const apiKey = /^Bearer\s+(\S+)$/i.exec(header(req.headers, "authorization")?.trim() ?? "")?.[1] ?? null;
  if (!apiKey) return { apiKey: null, behaviour: null, failure: INVALID_KEY() };
  const behaviour = req.behaviourOf(apiKey);
  if (!behaviour || behaviour === "invalid") return { apiKey, behaviour, failure: INVALID_KEY() };
  return { apiKey, behaviour };
}

function limitReached(
  model: string | null,
  window: "requests per day (RPD)" | "tokens per minute (TPM)",
  retryAfter: string,
): Reply {
  return error(
    429,
    `Rate limit reached for model \`${model ?? "llama-3.1-8b-instant"}\` in organization \`org_01emulator\` service tier \`on_demand\` on ${window}: Limit 14400, Used 14400, Requested 1. Please try again in ${retryAfter}s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
    window.startsWith("requests") ? "requests" : "tokens",
    "rate_limit_exceeded",
    { "retry-after": retryAfter },
  );
}

/** Cloudflare's block page: what a refused region or network gets from api.groq.com. */
const BLOCK_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Attention Required! | Cloudflare</title></head><body><div id="cf-wrapper"><h1 data-translate="block_headline">Sorry, you have been blocked</h1><h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> groq.com</h2></div></body></html>';

function behaviourFailure(behaviour: Behaviour, model: string | null): Reply | null {
  const foreign = foreignAnswer(behaviour);
  if (foreign) return foreign;
  switch (behaviour) {
    case "disabled":
      return error(
        400,
        "Organization has been restricted. Please reach out to support if you believe this was in error.",
        "invalid_request_error",
        "organization_restricted",
      );
    case "region":
      return {
        status: 403,
        contentType: "text/html; charset=UTF-8",
        headers: { server: "cloudflare" },
        body: BLOCK_PAGE,
      };
    case "quota":
      // The free tier's daily allowance: it comes back the next day, not in a minute.
      return limitReached(model, "requests per day (RPD)", "3600");
    case "ratelimit":
      return limitReached(model, "tokens per minute (TPM)", "1");
    case "error":
      return error(503, "Service Unavailable", "internal_server_error");
    default:
      return null;
  }
}

function listModels(): Reply {
  return ok({
    object: "list",
    data: PROVIDER_REGISTRY.groq.models.map((m) => ({
      id: m.id,
      object: "model",
      created: 1693721698,
      owned_by: "Groq",
      active: true,
      context_window: 131072,
    })),
  });
}

function chatCompletion(body: Record<string, unknown>, model: string): Reply {
  let system = "";
  let prompt = "";
  for (const m of body.messages as unknown[]) {
    if (!m || typeof m !== "object") continue;
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (role === "system") system += `${contentText(content)}\n`;
    else if (role === "user") prompt += `${contentText(content)}\n`;
  }
  const text = replyText(model, system, prompt);
  const promptTokens = tokenCount(system + prompt);
  const completionTokens = tokenCount(text);
  return ok({
    id: stableId("chatcmpl-", 26, model, system, prompt),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, logprobs: null, finish_reason: "stop" }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: "fp_emulator",
    x_groq: { id: requestId() },
  });
}

async function transcription(form: FormData | null): Promise<Reply> {
  const file = form?.get("file");
  if (!(file instanceof File)) return error(400, "file or url must be provided", "invalid_request_error");
  const extension = extname(file.name).slice(1).toLowerCase();
  if (!AUDIO_FORMATS.includes(extension)) {
    return error(400, `file must be one of the following types: [${AUDIO_FORMATS.join(" ")}]`, "invalid_request_error");
  }
  const audio = new Uint8Array(await file.arrayBuffer());
  const text = transcriptFor(file.name, audio);
  // Groq's `json` answer has no usage; `verbose_json` carries the audio's duration, which it bills.
  if (form?.get("response_format") === "verbose_json") {
    const duration = audioSeconds(audio);
    return ok({ task: "transcribe", language: "english", duration, text, segments: [], x_groq: { id: requestId() } });
  }
  return ok({ text, x_groq: { id: requestId() } });
}

async function route(req: ProviderRequest): Promise<Handled> {
  const endpoint =
    req.method === "GET" && req.path === "/openai/v1/models"
      ? "models"
      : req.method === "POST" && req.path === "/openai/v1/chat/completions"
        ? "chat/completions"
        : req.method === "POST" && req.path === "/openai/v1/audio/transcriptions"
          ? "audio/transcriptions"
          : "unknown";
  const base = { endpoint, model: null, apiKey: null, behaviour: null } as const;
  if (endpoint === "unknown")
    return {
      ...base,
      reply: error(404, "Unknown request URL. Please check the URL for typos.", "invalid_request_error", "unknown_url"),
    };

  const { apiKey, behaviour, failure } = authenticate(req);
  const authed = { ...base, apiKey, behaviour };
  if (failure || !behaviour) return { ...authed, reply: failure ?? INVALID_KEY() };
  if (endpoint === "models") return { ...authed, reply: behaviourFailure(behaviour, null) ?? listModels() };

  const form = endpoint === "audio/transcriptions" ? await readForm(req) : null;
  const body = endpoint === "chat/completions" ? parseJsonObject(req.body) : null;
  const rawModel = endpoint === "chat/completions" ? body?.model : form?.get("model");
  const model = typeof rawModel === "string" ? rawModel : null;
  const failed = behaviourFailure(behaviour, model);
  if (failed) return { ...authed, model, reply: failed };
  if (!model) return { ...authed, reply: error(400, "'model' : property 'model' is missing", "invalid_request_error") };
  const task = endpoint === "chat/completions" ? "analysis" : "stt";
  if (!catalogModels("groq", task).includes(model)) {
    return {
      ...authed,
      model,
      reply: error(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      ),
    };
  }
  if (endpoint === "audio/transcriptions") return { ...authed, model, reply: await transcription(form) };
  if (!body)
    return {
      ...authed,
      model,
      reply: error(400, "We could not parse the JSON body of your request.", "invalid_request_error"),
    };
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return {
      ...authed,
      model,
      reply: error(400, "'messages' : minimum number of items is 1", "invalid_request_error"),
    };
  }
  return { ...authed, model, reply: chatCompletion(body, model) };
}

export const groqHandler: ProviderHandler = {
  provider: "groq",
  handle: route,
  tooLarge: () => error(413, "Request Entity Too Large", "invalid_request_error", "request_too_large"),
  internalError: () => error(500, "Internal Server Error", "internal_server_error"),
};

export const groqModule: EmulatorModule = {
  provider: "groq",
  // Real keys are "gsk_" and 52 letters or digits: the dashes here make an emulator key unlike any.
  keyPrefix: "gsk_emu-",
  basePath: "/groq",
  behaviours: [...COMMON_BEHAVIOURS, "disabled", "region"],
  handler: groqHandler,
};
