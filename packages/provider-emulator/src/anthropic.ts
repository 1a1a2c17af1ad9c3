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
import { anthropicRequestId, stableId } from "./ids";
import { replyText, tokenCount } from "./replies";
import { PROVIDER_REGISTRY } from "@byok/types";

const ORGANIZATION_ID = "00000000-0000-4000-8000-00000000e4a1";

function error(status: number, type: string, message: string, headers: Record<string, string> = {}): Reply {
  const requestId = anthropicRequestId();
  return {
    status,
    headers: { "request-id": requestId, ...headers },
    body: { type: "error", error: { type, message }, request_id: requestId },
  };
}

function ok(body: unknown): Reply {
  return {
    status: 200,
    headers: { "request-id": anthropicRequestId(), "anthropic-organization-id": ORGANIZATION_ID },
    body,
  };
}

function authenticate(req: ProviderRequest): { apiKey: string | null; behaviour: Behaviour | null; failure?: Reply } {
  // The SDK we ship (1.x) sends the key as a bearer token; older clients and curl use x-api-key.
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req.headers, "authorization")?.trim() ?? "")?.[1];
  const apiKey = header(req.headers, "x-api-key")?.trim() || bearer || null;
  if (!apiKey)
    return {
      apiKey: null,
      behaviour: null,
      failure: error(401, "authentication_error", "x-api-key header is required"),
    };
  if (!header(req.headers, "anthropic-version")) {
    return {
      apiKey,
      behaviour: null,
      failure: error(400, "invalid_request_error", "anthropic-version: header is required"),
    };
  }
  const behaviour = req.behaviourOf(apiKey);
  if (!behaviour || behaviour === "invalid") {
    return { apiKey, behaviour, failure: error(401, "authentication_error", "invalid x-api-key") };
  }
  return { apiKey, behaviour };
}

/** The first day of next month, 00:00 UTC: when a monthly usage limit resets. */
function nextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

function behaviourFailure(behaviour: Behaviour): Reply | null {
  const foreign = foreignAnswer(behaviour);
  if (foreign) return foreign;
  switch (behaviour) {
    case "usagelimit":
      return error(
        400,
        "invalid_request_error",
        `You have reached your specified API usage limits. You will regain access on ${nextMonth()} at 00:00 UTC.`,
      );
    case "spendlimit": {
      const reply = error(
        429,
        "rate_limit_error",
        "Your organization has reached the monthly API usage limit of its tier.",
      );
      const body = reply.body as { error: Record<string, unknown> };
      body.error.details = { error_code: "enforced_spend_limit_reached" };
      return reply;
    }
    case "disabled":
      return error(400, "invalid_request_error", "This organization has been disabled.");
    case "region": {
      // Anthropic's edge answers without the usual envelope and with a type the SDK does not list.
      const requestId = anthropicRequestId();
      return {
        status: 403,
        headers: { "request-id": requestId },
        body: { error: { type: "forbidden", message: "Request not allowed" } },
      };
    }
    case "quota":
      return error(
        400,
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
      );
    case "ratelimit":
      return error(
        429,
        "rate_limit_error",
        "This request would exceed your account's rate limit. Please try again later.",
        {
          "retry-after": "1",
          "x-should-retry": "true",
          "anthropic-ratelimit-requests-limit": "50",
          "anthropic-ratelimit-requests-remaining": "0",
          "anthropic-ratelimit-requests-reset": new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        },
      );
    case "error":
      return error(529, "overloaded_error", "Overloaded", { "x-should-retry": "true" });
    default:
      return null;
  }
}

function listModels(query: URLSearchParams): Reply {
  const all = PROVIDER_REGISTRY.anthropic.models;
  const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? 20) || 20));
  const afterId = query.get("after_id");
  const start = afterId ? all.findIndex((m) => m.id === afterId) + 1 : 0;
  const page = all.slice(start, start + limit);
  return ok({
    data: page.map((m) => ({ type: "model", id: m.id, display_name: m.label, created_at: "2025-05-14T00:00:00Z" })),
    has_more: start + limit < all.length,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  });
}

function missingField(field: string): Reply {
  return error(400, "invalid_request_error", `${field}: Field required`);
}

function message(body: Record<string, unknown>, model: string): Reply {
  if (typeof body.max_tokens !== "number") return missingField("max_tokens");
  if (!Array.isArray(body.messages) || body.messages.length === 0) return missingField("messages");
  const system = contentText(body.system);
  const prompt = body.messages
    .filter(
      (m): m is { role: string; content: unknown } =>
        !!m && typeof m === "object" && (m as { role?: unknown }).role === "user",
    )
    .map((m) => contentText(m.content))
    .join("\n");
  const text = replyText(model, system, prompt);
  return ok({
    model,
    id: stableId("msg_01", 22, model, system, prompt),
    type: "message",
    role: "assistant",
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: tokenCount(system + prompt),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: tokenCount(text),
      service_tier: "standard",
    },
  });
}

async function route(req: ProviderRequest): Promise<Handled> {
  const endpoint =
    req.method === "GET" && req.path === "/v1/models"
      ? "models"
      : req.method === "POST" && req.path === "/v1/messages"
        ? "messages"
        : "unknown";
  const base = { endpoint, model: null, apiKey: null, behaviour: null } as const;
  if (endpoint === "unknown") return { ...base, reply: error(404, "not_found_error", "Not Found") };

  const { apiKey, behaviour, failure } = authenticate(req);
  const authed = { ...base, apiKey, behaviour };
  if (failure || !behaviour)
    return { ...authed, reply: failure ?? error(401, "authentication_error", "invalid x-api-key") };

  if (endpoint === "models") return { ...authed, reply: behaviourFailure(behaviour) ?? listModels(req.query) };

  const body = parseJsonObject(req.body);
  const model = typeof body?.model === "string" ? body.model : null;
  const failed = behaviourFailure(behaviour);
  if (failed) return { ...authed, model, reply: failed };
  if (!body)
    return {
      ...authed,
      reply: error(
        400,
        "invalid_request_error",
        "There was an issue with the format of your request: body must be a JSON object",
      ),
    };
  if (!model) return { ...authed, reply: missingField("model") };
  if (!catalogModels("anthropic").includes(model)) {
    return { ...authed, model, reply: error(404, "not_found_error", `model: ${model}`) };
  }
  return { ...authed, model, reply: message(body, model) };
}

export const anthropicHandler: ProviderHandler = {
  provider: "anthropic",
  handle: route,
  tooLarge: () => error(413, "request_too_large", "Request exceeds the maximum allowed number of bytes."),
  internalError: () => error(500, "api_error", "Internal server error"),
};

export const anthropicModule: EmulatorModule = {
  provider: "anthropic",
  keyPrefix: "sk-ant-emu-",
  basePath: "/anthropic",
  behaviours: [...COMMON_BEHAVIOURS, "usagelimit", "spendlimit", "disabled", "region"],
  handler: anthropicHandler,
};
