import Anthropic from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import Groq, { toFile as groqFile } from "groq-sdk";
import OpenAI, { toFile } from "openai";
import { PROVIDERS, type Provider } from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { behavioursOf, keyFingerprint, mintKey, startEmulator, type Behaviour, type Emulator } from "../src/index";

/**
 * The acceptance matrix: each provider's official SDK, pointed at the emulator by base URL, sees for
 * every behaviour its emulator keys carry the status and error the real API produces
 * (docs/providers.md, "Account states"). A behaviour without an expectation here fails the matrix.
 */

const SLOW_MS = 1000;
const SDK_TIMEOUT_MS = 30_000;
const SHORT_TIMEOUT_MS = 50;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ slowMs: SLOW_MS });
});
afterAll(async () => {
  await emu.close();
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

const AUDIO = () => toFile(Buffer.from("RIFF fake wave bytes"), "meeting.wav", { type: "audio/wav" });

/** One SDK's calls: list models, generate text and (where the provider transcribes) transcribe. */
interface SdkCalls {
  models(key: string, timeout?: number): Promise<string[]>;
  generate(key: string, timeout?: number): Promise<string>;
  transcribe?(key: string): Promise<string>;
}

const openaiClient = (key: string, timeout = SDK_TIMEOUT_MS) =>
  new OpenAI({ apiKey: key, baseURL: emu.baseUrls.openai, maxRetries: 0, timeout });
const anthropicClient = (key: string, timeout = SDK_TIMEOUT_MS) =>
  new Anthropic({ apiKey: key, baseURL: emu.baseUrls.anthropic, maxRetries: 0, timeout });
const geminiClient = (key: string, timeout = SDK_TIMEOUT_MS) =>
  new GoogleGenAI({ apiKey: key, vertexai: false, httpOptions: { baseUrl: emu.baseUrls.gemini, timeout } });
const groqClient = (key: string, timeout = SDK_TIMEOUT_MS) =>
  new Groq({ apiKey: key, baseURL: emu.baseUrls.groq, maxRetries: 0, timeout });

const SDKS: Record<Provider, SdkCalls> = {
  openai: {
    models: async (key, timeout) => (await openaiClient(key, timeout).models.list()).data.map((m) => m.id),
    generate: async (key, timeout) =>
      (
        await openaiClient(key, timeout).chat.completions.create({
          model: "gpt-4o-mini",
          messages: [{ role: "user", content: "Hello there. How are you?" }],
        })
      ).choices[0]?.message.content ?? "",
    transcribe: async (key) =>
      (await openaiClient(key).audio.transcriptions.create({ model: "whisper-1", file: await AUDIO() })).text,
  },
  anthropic: {
    models: async (key, timeout) => (await anthropicClient(key, timeout).models.list()).data.map((m) => m.id),
    generate: async (key, timeout) => {
      const reply = await anthropicClient(key, timeout).messages.create({
        model: "claude-haiku-4-5",
        max_tokens: 64,
        messages: [{ role: "user", content: "Hello there." }],
      });
      return reply.content[0]?.type === "text" ? reply.content[0].text : "";
    },
  },
  gemini: {
    models: async (key, timeout) => (await geminiClient(key, timeout).models.list()).page.map((m) => m.name ?? ""),
    generate: async (key, timeout) =>
      (await geminiClient(key, timeout).models.generateContent({ model: "gemini-2.0-flash", contents: "Hello there." }))
        .text ?? "",
    transcribe: async (key) =>
      (
        await geminiClient(key).models.generateContent({
          model: "gemini-2.0-flash-lite",
          contents: [
            {
              role: "user",
              parts: [
                { inlineData: { mimeType: "audio/wav", data: Buffer.from("RIFF fake wave bytes").toString("base64") } },
                { text: "Transcribe this." },
              ],
            },
          ],
        })
      ).text ?? "",
  },
  groq: {
    models: async (key, timeout) => (await groqClient(key, timeout).models.list()).data.map((m) => m.id),
    generate: async (key, timeout) =>
      (
        await groqClient(key, timeout).chat.completions.create({
          model: "llama-3.1-8b-instant",
          messages: [{ role: "user", content: "Hello there. How are you?" }],
        })
      ).choices[0]?.message.content ?? "",
    transcribe: async (key) =>
      (
        await groqClient(key).audio.transcriptions.create({
          model: "whisper-large-v3-turbo",
          file: await groqFile(Buffer.from("RIFF fake wave bytes"), "meeting.wav", { type: "audio/wav" }),
        })
      ).text,
  },
};

/** What a valid key's calls return, per provider. */
const VALID_MODELS: Record<Provider, string[]> = {
  openai: ["gpt-4o-mini", "whisper-1"],
  anthropic: ["claude-haiku-4-5", "claude-sonnet-4-6"],
  gemini: ["models/gemini-2.0-flash", "models/gemini-2.5-pro"],
  groq: ["llama-3.1-8b-instant", "whisper-large-v3-turbo"],
};

type Expectation = (err: unknown, key: string) => void;

function geminiBody(err: unknown): {
  error: { code: number; status: string; message: string; details?: Array<Record<string, unknown>> };
} {
  expect(err).toBeInstanceOf(ApiError);
  return JSON.parse((err as ApiError).message);
}

function quotaIds(body: ReturnType<typeof geminiBody>): string[] {
  const failure = body.error.details?.find((d) => d["@type"] === "type.googleapis.com/google.rpc.QuotaFailure") as
    { violations: Array<{ quotaId: string }> } | undefined;
  return failure?.violations.map((v) => v.quotaId) ?? [];
}

const openaiError =
  (
    cls: abstract new (...args: never[]) => unknown,
    status: number,
    fields: { code?: string | null; type?: string },
  ): Expectation =>
  (err) => {
    expect(err).toBeInstanceOf(cls);
    const e = err as InstanceType<typeof OpenAI.APIError>;
    expect(e.status).toBe(status);
    if ("code" in fields) expect(e.code).toBe(fields.code);
    if (fields.type) expect(e.type).toBe(fields.type);
    expect(e.requestID).toMatch(/^req_/);
  };

const anthropicError =
  (cls: abstract new (...args: never[]) => unknown, status: number, type: string, message?: RegExp): Expectation =>
  (err) => {
    expect(err).toBeInstanceOf(cls);
    const e = err as InstanceType<typeof Anthropic.APIError>;
    expect(e.status).toBe(status);
    expect(e.type).toBe(type);
    if (message) expect(e.apiMessage).toMatch(message);
  };

const geminiError =
  (status: number, canonical: string, check?: (body: ReturnType<typeof geminiBody>) => void): Expectation =>
  (err) => {
    expect((err as ApiError).status).toBe(status);
    const body = geminiBody(err);
    expect(body.error.status).toBe(canonical);
    check?.(body);
  };

const groqError =
  (cls: abstract new (...args: never[]) => unknown, status: number, code?: string): Expectation =>
  (err) => {
    expect(err).toBeInstanceOf(cls);
    const e = err as InstanceType<typeof Groq.APIError>;
    expect(e.status).toBe(status);
    if (code) expect((e.error as { error?: { code?: string } }).error?.code).toBe(code);
    expect(e.headers?.get("x-request-id")).toMatch(/^req_01/);
  };

/** The SDK call fails as the expectation says, and its message does not hold the key. */
function failsOn(call: (key: string) => Promise<unknown>, expectation: Expectation) {
  return async (key: string) => {
    const err = await caught(call(key));
    expectation(err, key);
    expect((err as Error).message).not.toContain(key);
  };
}

/** What an SDK hands back for a 200 that is not the API's JSON: the page as a string. */
const pageAsString = (call: (key: string) => Promise<unknown>) => async (key: string) => {
  const value = await call(key);
  expect(typeof value).toBe("string");
  expect(value as string).toMatch(/^<!DOCTYPE html>/);
};

/** What an SDK hands back for a JSON 200 without the promised fields: the empty object. */
const emptyObject = (call: (key: string) => Promise<unknown>) => async (key: string) => {
  expect(await call(key)).toEqual({});
};

const rawChat = {
  openai: (key: string) =>
    openaiClient(key).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi." }],
    }) as Promise<unknown>,
  anthropic: (key: string) =>
    anthropicClient(key).messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 16,
      messages: [{ role: "user", content: "Hi." }],
    }) as Promise<unknown>,
  groq: (key: string) =>
    groqClient(key).chat.completions.create({
      model: "llama-3.1-8b-instant",
      messages: [{ role: "user", content: "Hi." }],
    }) as Promise<unknown>,
};

/**
 * For each provider, how every behaviour its keys carry (but valid and slow, proven below) shows
 * through its SDK, as the real API's answer does. An entry per behaviour is required.
 */
const PROOFS: Record<Provider, Partial<Record<Behaviour, (key: string) => Promise<void>>>> = {
  openai: {
    invalid: failsOn(SDKS.openai.models, (err, key) => {
      openaiError(OpenAI.AuthenticationError, 401, { code: "invalid_api_key" })(err, key);
      expect((err as Error).message).toContain(`Incorrect API key provided: ${key.slice(0, 8)}*****${key.slice(-4)}`);
    }),
    quota: failsOn(
      SDKS.openai.generate,
      openaiError(OpenAI.RateLimitError, 429, { code: "insufficient_quota", type: "insufficient_quota" }),
    ),
    ratelimit: failsOn(SDKS.openai.generate, (err, key) => {
      openaiError(OpenAI.RateLimitError, 429, { code: "rate_limit_exceeded" })(err, key);
      expect((err as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("1");
    }),
    error: failsOn(SDKS.openai.generate, openaiError(OpenAI.InternalServerError, 500, { type: "server_error" })),
    nocredit: failsOn(
      SDKS.openai.generate,
      openaiError(OpenAI.RateLimitError, 429, { code: null, type: "insufficient_quota" }),
    ),
    nobilling: failsOn(
      SDKS.openai.models,
      openaiError(OpenAI.RateLimitError, 429, { code: "billing_not_active", type: "billing_not_active" }),
    ),
    disabled: failsOn(
      SDKS.openai.generate,
      openaiError(OpenAI.AuthenticationError, 401, { code: "account_deactivated" }),
    ),
    region: failsOn(
      SDKS.openai.models,
      openaiError(OpenAI.PermissionDeniedError, 403, {
        code: "unsupported_country_region_territory",
        type: "request_forbidden",
      }),
    ),
    scoped: async (key) => {
      await failsOn(SDKS.openai.models, (err, k) => {
        openaiError(OpenAI.AuthenticationError, 401, { code: null })(err, k);
        expect((err as Error).message).toMatch(/Missing scopes: api\.model\.read/);
      })(key);
      expect(await SDKS.openai.generate(key)).toContain("Hello there");
      expect(await SDKS.openai.transcribe?.(key)).toMatch(/^Transcript of /);
    },
    html: pageAsString(rawChat.openai),
    empty: emptyObject(rawChat.openai),
  },
  anthropic: {
    invalid: failsOn(
      SDKS.anthropic.models,
      anthropicError(Anthropic.AuthenticationError, 401, "authentication_error", /^invalid x-api-key$/),
    ),
    quota: failsOn(
      SDKS.anthropic.generate,
      anthropicError(Anthropic.BadRequestError, 400, "invalid_request_error", /credit balance is too low/),
    ),
    ratelimit: failsOn(SDKS.anthropic.generate, (err, key) => {
      anthropicError(Anthropic.RateLimitError, 429, "rate_limit_error")(err, key);
      expect((err as InstanceType<typeof Anthropic.APIError>).headers?.get("retry-after")).toBe("1");
    }),
    error: failsOn(SDKS.anthropic.generate, (err, key) => {
      anthropicError(Anthropic.InternalServerError, 529, "overloaded_error")(err, key);
      expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    }),
    usagelimit: failsOn(
      SDKS.anthropic.generate,
      anthropicError(
        Anthropic.BadRequestError,
        400,
        "invalid_request_error",
        /^You have reached your specified API usage limits\. You will regain access on \d{4}-\d{2}-01 at 00:00 UTC\.$/,
      ),
    ),
    spendlimit: failsOn(SDKS.anthropic.generate, (err, key) => {
      anthropicError(Anthropic.RateLimitError, 429, "rate_limit_error")(err, key);
      // The SDK's own class for this error code (core/error-classes.ts).
      expect(err).toBeInstanceOf(Anthropic.EnforcedSpendLimitReachedError);
      expect((err as InstanceType<typeof Anthropic.APIError>).errorCode).toBe("enforced_spend_limit_reached");
    }),
    disabled: failsOn(
      SDKS.anthropic.models,
      anthropicError(
        Anthropic.BadRequestError,
        400,
        "invalid_request_error",
        /^This organization has been disabled\.$/,
      ),
    ),
    region: failsOn(SDKS.anthropic.generate, (err) => {
      expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
      expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(403);
      expect((err as InstanceType<typeof Anthropic.APIError>).type as string).toBe("forbidden");
    }),
    html: pageAsString(rawChat.anthropic),
    empty: emptyObject(rawChat.anthropic),
  },
  gemini: {
    invalid: failsOn(
      SDKS.gemini.models,
      geminiError(400, "INVALID_ARGUMENT", (body) =>
        expect(body.error.details?.[0]).toMatchObject({ reason: "API_KEY_INVALID" }),
      ),
    ),
    quota: failsOn(
      SDKS.gemini.generate,
      geminiError(429, "RESOURCE_EXHAUSTED", (body) =>
        expect(quotaIds(body)).toEqual([expect.stringContaining("PerDay")]),
      ),
    ),
    ratelimit: failsOn(
      SDKS.gemini.generate,
      geminiError(429, "RESOURCE_EXHAUSTED", (body) => {
        expect(quotaIds(body)).toEqual([expect.stringContaining("PerMinute")]);
        expect(body.error.details).toContainEqual({
          "@type": "type.googleapis.com/google.rpc.RetryInfo",
          retryDelay: "1s",
        });
      }),
    ),
    error: failsOn(SDKS.gemini.generate, geminiError(503, "UNAVAILABLE")),
    nocredit: failsOn(
      SDKS.gemini.generate,
      geminiError(429, "RESOURCE_EXHAUSTED", (body) => {
        expect(body.error.message).toMatch(/prepayment credits are depleted/);
        expect(body.error.details).toBeUndefined();
      }),
    ),
    nobilling: failsOn(
      SDKS.gemini.generate,
      geminiError(400, "FAILED_PRECONDITION", (body) =>
        expect(body.error.message).toMatch(/free tier is not available in your country/),
      ),
    ),
    region: failsOn(
      SDKS.gemini.models,
      geminiError(400, "FAILED_PRECONDITION", (body) =>
        expect(body.error.message).toBe("User location is not supported for the API use."),
      ),
    ),
    // Google quotes the key in this answer: the SDK's message holds it, which is why ours never uses it.
    disabled: async (key) => {
      const err = await caught(SDKS.gemini.generate(key));
      geminiError(403, "PERMISSION_DENIED", (body) =>
        expect(body.error.details?.[0]).toMatchObject({ reason: "CONSUMER_SUSPENDED" }),
      )(err, key);
      expect((err as Error).message).toContain(`api_key:${key}`);
    },
    blocked: failsOn(
      SDKS.gemini.models,
      geminiError(403, "PERMISSION_DENIED", (body) =>
        expect(body.error.details?.[0]).toMatchObject({ reason: "API_KEY_SERVICE_BLOCKED" }),
      ),
    ),
    // genai parses every 2xx as JSON: a page makes it throw a SyntaxError, an empty object gives no text.
    html: failsOn(SDKS.gemini.generate, (err) => expect(err).toBeInstanceOf(SyntaxError)),
    empty: async (key) => {
      const response = await geminiClient(key).models.generateContent({ model: "gemini-2.0-flash", contents: "Hi." });
      expect(response.candidates).toBeUndefined();
      expect(response.text).toBeUndefined();
    },
  },
  groq: {
    invalid: failsOn(SDKS.groq.models, groqError(Groq.AuthenticationError, 401, "invalid_api_key")),
    quota: failsOn(SDKS.groq.generate, (err, key) => {
      groqError(Groq.RateLimitError, 429, "rate_limit_exceeded")(err, key);
      expect((err as Error).message).toMatch(/requests per day/);
    }),
    ratelimit: failsOn(SDKS.groq.generate, (err, key) => {
      groqError(Groq.RateLimitError, 429, "rate_limit_exceeded")(err, key);
      expect((err as InstanceType<typeof Groq.APIError>).headers?.get("retry-after")).toBe("1");
    }),
    error: failsOn(SDKS.groq.generate, groqError(Groq.InternalServerError, 503)),
    disabled: failsOn(SDKS.groq.generate, groqError(Groq.BadRequestError, 400, "organization_restricted")),
    region: failsOn(SDKS.groq.models, (err) => {
      expect(err).toBeInstanceOf(Groq.PermissionDeniedError);
      expect((err as InstanceType<typeof Groq.APIError>).error).toBeUndefined();
      expect((err as Error).message).toMatch(/you have been blocked/i);
    }),
    html: pageAsString(rawChat.groq),
    empty: emptyObject(rawChat.groq),
  },
};

/** How each SDK reports its own timeout. */
const TIMEOUT_ERROR: Record<Provider, (err: unknown) => void> = {
  openai: (err) => expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError),
  anthropic: (err) => expect(err).toBeInstanceOf(Anthropic.APIConnectionTimeoutError),
  gemini: (err) => {
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).name).toBe("AbortError");
  },
  groq: (err) => expect(err).toBeInstanceOf(Groq.APIConnectionTimeoutError),
};

describe.each(PROVIDERS)("%s SDK × emulator", (provider) => {
  const sdk = SDKS[provider];

  it("valid: lists models, generates text and transcribes where it can", async () => {
    const key = mintKey(provider, "valid");
    expect(await sdk.models(key)).toEqual(expect.arrayContaining(VALID_MODELS[provider]));
    expect(await sdk.generate(key)).toContain("Hello there");
    if (sdk.transcribe) expect(await sdk.transcribe(key)).toMatch(/^Transcript of (meeting\.wav|audio): /);
  });

  it("has a proof for every behaviour its keys carry, and none for behaviours they do not", () => {
    const proven = ["valid", "slow", ...Object.keys(PROOFS[provider])].sort();
    expect(proven).toEqual([...behavioursOf(provider)].sort());
  });

  it.each(behavioursOf(provider).filter((b) => b !== "valid" && b !== "slow"))(
    "%s: the SDK sees what the real API makes it see",
    async (behaviour) => {
      const proof = PROOFS[provider][behaviour];
      if (!proof) throw new Error(`no proof for ${provider} ${behaviour}`);
      await proof(mintKey(provider, behaviour));
    },
  );

  it("slow: answers after slowMs, and a short SDK timeout raises the SDK's timeout error", async () => {
    expect(await sdk.generate(mintKey(provider, "slow"))).toContain("Hello there");
    TIMEOUT_ERROR[provider](await caught(sdk.generate(mintKey(provider, "slow"), SHORT_TIMEOUT_MS)));
  });
});

describe("call log across the matrix", () => {
  it("records fingerprints of the keys used, never the keys", async () => {
    emu.clearCalls();
    const key = mintKey("openai", "quota");
    await caught(SDKS.openai.generate(key));
    expect(emu.calls({ key })).toEqual([
      {
        provider: "openai",
        endpoint: "chat/completions",
        model: "gpt-4o-mini",
        keyFingerprint: keyFingerprint(key),
        status: 429,
        at: expect.any(Number),
        answered: true,
        answeredAt: expect.any(Number),
        usage: null,
        requestId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(emu.calls())).not.toContain(key);
  });
});
