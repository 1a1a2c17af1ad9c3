import Anthropic, { type APIError as AnthropicAPIError } from "@anthropic-ai/sdk";
import { ApiError, GoogleGenAI } from "@google/genai";
import OpenAI, { toFile, type APIError as OpenAIAPIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFingerprint, mintKey, startEmulator, type Behaviour, type Emulator } from "../src/index";

/**
 * The acceptance matrix: each official SDK, pointed at the emulator by base URL, sees for every key
 * behaviour the status and error class the real provider produces (docs/decisions.md, Provider behaviour).
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

function openai(behaviour: Behaviour, timeout = SDK_TIMEOUT_MS): { client: OpenAI; key: string } {
  const key = mintKey("openai", behaviour);
  return { key, client: new OpenAI({ apiKey: key, baseURL: emu.baseUrls.openai, maxRetries: 0, timeout }) };
}

function anthropic(behaviour: Behaviour, timeout = SDK_TIMEOUT_MS): { client: Anthropic; key: string } {
  const key = mintKey("anthropic", behaviour);
  return { key, client: new Anthropic({ apiKey: key, baseURL: emu.baseUrls.anthropic, maxRetries: 0, timeout }) };
}

function gemini(behaviour: Behaviour, timeout = SDK_TIMEOUT_MS): { client: GoogleGenAI; key: string } {
  const key = mintKey("gemini", behaviour);
  return { key, client: new GoogleGenAI({ apiKey: key, vertexai: false, httpOptions: { baseUrl: emu.baseUrls.gemini, timeout } }) };
}

const chat = (client: OpenAI) =>
  client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello there. How are you?" }] });
const message = (client: Anthropic) =>
  client.messages.create({ model: "claude-haiku-4-5", max_tokens: 64, messages: [{ role: "user", content: "Hello there." }] });
const generate = (client: GoogleGenAI) => client.models.generateContent({ model: "gemini-2.0-flash", contents: "Hello there." });

function geminiBody(err: unknown): { error: { code: number; status: string; message: string; details?: Array<Record<string, unknown>> } } {
  expect(err).toBeInstanceOf(ApiError);
  return JSON.parse((err as ApiError).message);
}

function quotaIds(body: ReturnType<typeof geminiBody>): string[] {
  const failure = body.error.details?.find((d) => d["@type"] === "type.googleapis.com/google.rpc.QuotaFailure") as
    | { violations: Array<{ quotaId: string }> }
    | undefined;
  return failure?.violations.map((v) => v.quotaId) ?? [];
}

describe("openai SDK × emulator", () => {
  it("valid: lists models, completes a chat, transcribes audio", async () => {
    const { client } = openai("valid");
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(["gpt-4o-mini", "whisper-1"]));
    const completion = await chat(client);
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toContain("Hello there");
    expect(completion._request_id).toMatch(/^req_[0-9a-f]{32}$/);
    const transcript = await client.audio.transcriptions.create({
      model: "whisper-1",
      file: await toFile(Buffer.from("RIFF fake wave bytes"), "meeting.wav", { type: "audio/wav" }),
    });
    expect(transcript.text).toMatch(/^Transcript of meeting\.wav: /);
  });

  it("invalid: 401 AuthenticationError with code invalid_api_key and a masked key", async () => {
    const { client, key } = openai("invalid");
    const err = await caught(client.models.list());
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    const apiErr = err as OpenAIAPIError;
    expect(apiErr.status).toBe(401);
    expect(apiErr.code).toBe("invalid_api_key");
    expect(apiErr.message).toContain(`Incorrect API key provided: ${key.slice(0, 8)}*****${key.slice(-4)}`);
    expect(apiErr.message).not.toContain(key);
    expect(await caught(chat(client))).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("quota: 429 RateLimitError with code insufficient_quota", async () => {
    const { client } = openai("quota");
    for (const err of [await caught(client.models.list()), await caught(chat(client))]) {
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect((err as OpenAIAPIError).status).toBe(429);
      expect((err as OpenAIAPIError).code).toBe("insufficient_quota");
      expect((err as OpenAIAPIError).type).toBe("insufficient_quota");
    }
  });

  it("ratelimit: 429 RateLimitError with code rate_limit_exceeded and retry-after: 1", async () => {
    const { client } = openai("ratelimit");
    const err = (await caught(chat(client))) as OpenAIAPIError;
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.code).toBe("rate_limit_exceeded");
    expect(err.headers?.get("retry-after")).toBe("1");
  });

  it("error: 500 InternalServerError of type server_error", async () => {
    const { client } = openai("error");
    const err = (await caught(chat(client))) as OpenAIAPIError;
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(500);
    expect(err.type).toBe("server_error");
    expect(err.requestID).toMatch(/^req_/);
  });

  it("slow: answers after slowMs, and a short SDK timeout raises APIConnectionTimeoutError", async () => {
    const { client } = openai("slow");
    expect((await chat(client)).choices[0]?.message.content).toContain("Hello there");
    const { client: impatient } = openai("slow", SHORT_TIMEOUT_MS);
    expect(await caught(chat(impatient))).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });
});

describe("@anthropic-ai/sdk × emulator", () => {
  it("valid: lists models and answers a message", async () => {
    const { client } = anthropic("valid");
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual(expect.arrayContaining(["claude-haiku-4-5", "claude-sonnet-4-6"]));
    const reply = await message(client);
    expect(reply.type).toBe("message");
    expect(reply.content[0]?.type === "text" && reply.content[0].text).toContain("Hello there");
    expect(reply._request_id).toMatch(/^req_011C/);
  });

  it("invalid: 401 AuthenticationError of type authentication_error", async () => {
    const { client, key } = anthropic("invalid");
    for (const err of [await caught(client.models.list()), await caught(message(client))]) {
      expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((err as AnthropicAPIError).status).toBe(401);
      expect((err as AnthropicAPIError).type).toBe("authentication_error");
      expect((err as AnthropicAPIError).apiMessage).toBe("invalid x-api-key");
      expect((err as Error).message).not.toContain(key);
    }
  });

  it("quota: 400 BadRequestError saying the credit balance is too low", async () => {
    const { client } = anthropic("quota");
    const err = (await caught(message(client))) as AnthropicAPIError;
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.status).toBe(400);
    expect(err.type).toBe("invalid_request_error");
    expect(err.apiMessage).toMatch(/credit balance is too low/);
  });

  it("ratelimit: 429 RateLimitError of type rate_limit_error with retry-after: 1", async () => {
    const { client } = anthropic("ratelimit");
    const err = (await caught(message(client))) as AnthropicAPIError;
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.type).toBe("rate_limit_error");
    expect(err.headers?.get("retry-after")).toBe("1");
  });

  it("error: 529 OverloadedError (an InternalServerError) of type overloaded_error", async () => {
    const { client } = anthropic("error");
    const err = (await caught(message(client))) as AnthropicAPIError;
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    expect(err.status).toBe(529);
    expect(err.type).toBe("overloaded_error");
    expect(err.requestID).toMatch(/^req_011C/);
  });

  it("slow: answers after slowMs, and a short SDK timeout raises APIConnectionTimeoutError", async () => {
    const { client } = anthropic("slow");
    expect((await message(client)).content).toHaveLength(1);
    const { client: impatient } = anthropic("slow", SHORT_TIMEOUT_MS);
    expect(await caught(message(impatient))).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
  });
});

describe("@google/genai × emulator", () => {
  it("valid: lists models and generates content", async () => {
    const { client } = gemini("valid");
    const pager = await client.models.list();
    expect(pager.page.map((m) => m.name)).toEqual(expect.arrayContaining(["models/gemini-2.0-flash", "models/gemini-2.5-pro"]));
    const response = await generate(client);
    expect(response.text).toContain("Hello there");
    expect(response.modelVersion).toBe("gemini-2.0-flash");
  });

  it("invalid: ApiError 400 INVALID_ARGUMENT with reason API_KEY_INVALID", async () => {
    const { client, key } = gemini("invalid");
    for (const err of [await caught(client.models.list()), await caught(generate(client))]) {
      expect((err as ApiError).status).toBe(400);
      const body = geminiBody(err);
      expect(body.error.status).toBe("INVALID_ARGUMENT");
      expect(body.error.details?.[0]).toMatchObject({ reason: "API_KEY_INVALID" });
      expect((err as Error).message).not.toContain(key);
    }
  });

  it("quota: ApiError 429 RESOURCE_EXHAUSTED with a PerDay quotaId", async () => {
    const { client } = gemini("quota");
    const err = await caught(generate(client));
    expect((err as ApiError).status).toBe(429);
    const body = geminiBody(err);
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(quotaIds(body)).toEqual([expect.stringContaining("PerDay")]);
  });

  it("ratelimit: ApiError 429 RESOURCE_EXHAUSTED with a PerMinute quotaId and RetryInfo", async () => {
    const { client } = gemini("ratelimit");
    const err = await caught(generate(client));
    expect((err as ApiError).status).toBe(429);
    const body = geminiBody(err);
    expect(quotaIds(body)).toEqual([expect.stringContaining("PerMinute")]);
    expect(body.error.details).toContainEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" });
  });

  it("error: ApiError 503 UNAVAILABLE", async () => {
    const { client } = gemini("error");
    const err = await caught(generate(client));
    expect((err as ApiError).status).toBe(503);
    expect(geminiBody(err).error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
  });

  it("slow: answers after slowMs, and a short httpOptions.timeout raises AbortError", async () => {
    const { client } = gemini("slow");
    expect((await generate(client)).text).toContain("Hello there");
    const { client: impatient } = gemini("slow", SHORT_TIMEOUT_MS);
    const err = await caught(generate(impatient));
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).name).toBe("AbortError");
  });
});

describe("call log across the matrix", () => {
  it("records fingerprints of the keys used, never the keys", async () => {
    emu.clearCalls();
    const { client, key } = openai("quota");
    await caught(chat(client));
    const calls = emu.calls({ key });
    expect(calls).toEqual([
      { provider: "openai", endpoint: "chat/completions", model: "gpt-4o-mini", keyFingerprint: keyFingerprint(key), status: 429, at: expect.any(Number) },
    ]);
    expect(JSON.stringify(emu.calls())).not.toContain(key);
  });
});
