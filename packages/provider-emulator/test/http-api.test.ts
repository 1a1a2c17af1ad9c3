import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintKey, startEmulator, type Emulator } from "../src/index";

/** Wire-level details the SDK matrix does not show: bodies, headers and content types. */

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ slowMs: 10 });
});
afterAll(async () => {
  await emu.close();
});

async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; text: string; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, headers: res.headers, text, body };
}

const openaiKey = mintKey("openai", "valid");
const anthropicKey = mintKey("anthropic", "valid");
const geminiKey = mintKey("gemini", "valid");

function postJson(url: string, body: unknown, headers: Record<string, string>) {
  return call(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("openai wire format", () => {
  const chatUrl = () => `${emu.baseUrls.openai}/chat/completions`;
  const auth = { authorization: `Bearer ${openaiKey}` };

  it("answers a missing key with OpenAI's 401 and a request id", async () => {
    const res = await call(`${emu.baseUrls.openai}/models`);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(res.body).toEqual({
      error: {
        message: expect.stringMatching(/^You didn't provide an API key/),
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
  });

  it("masks a key it did not mint and never echoes it", async () => {
    const stranger = "sk-emu-valid-but-not-quite";
    const res = await call(`${emu.baseUrls.openai}/models`, { headers: { authorization: `Bearer ${stranger}` } });
    expect(res.status).toBe(401);
    expect(res.text).toContain("sk-emu-v*****uite");
    expect(res.text).not.toContain(stranger);
  });

  it("answers an unknown model with 404 model_not_found", async () => {
    const res = await postJson(chatUrl(), { model: "gpt-x", messages: [{ role: "user", content: "hi" }] }, auth);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "model_not_found", type: "invalid_request_error" } });
  });

  it("rejects malformed JSON and a missing messages array with 400", async () => {
    const bad = await call(chatUrl(), {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("could not parse the JSON") },
    });
    const missing = await postJson(chatUrl(), { model: "gpt-4o-mini" }, auth);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { param: "messages", code: "missing_required_parameter" } });
  });

  it("replies deterministically, with a JSON object when the prompt asks for JSON", async () => {
    const body = {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Answer in JSON." },
        { role: "user", content: "The launch moved to May. Budget is approved. Hiring starts next week." },
      ],
    };
    const first = await postJson(chatUrl(), body, auth);
    const second = await postJson(chatUrl(), body, auth);
    const content =
      (first.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content ?? "";
    expect(content).toBe(
      (second.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content,
    );
    expect(JSON.parse(content)).toEqual({
      summary: "The launch moved to May.",
      keyPoints: ["The launch moved to", "May Budget is approved", "Hiring starts next week"],
    });
  });

  it("transcribes multipart audio as JSON or text/plain, and rejects a non-audio extension", async () => {
    const url = `${emu.baseUrls.openai}/audio/transcriptions`;
    const form = (name: string, format?: string) => {
      const f = new FormData();
      f.set("file", new File([new Uint8Array([1, 2, 3, 4])], name, { type: "audio/wav" }));
      f.set("model", "whisper-1");
      if (format) f.set("response_format", format);
      return f;
    };
    const json = await call(url, { method: "POST", headers: auth, body: form("memo.wav") });
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    const text = (json.body as { text: string }).text;
    expect(text).toMatch(/^Transcript of memo\.wav: (\w+ ){5}\w+\. The recording is 4 bytes long\.$/);

    const plain = await call(url, { method: "POST", headers: auth, body: form("memo.wav", "text") });
    expect(plain.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(plain.text).toBe(text);

    const other = await call(url, { method: "POST", headers: auth, body: form("notes.txt") });
    expect(other.status).toBe(400);
    expect(other.body).toEqual({
      error: {
        message:
          "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
  });

  it("answers an unknown path with OpenAI's invalid-URL 404", async () => {
    const res = await call(`${emu.baseUrls.openai}/engines`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { message: "Invalid URL (GET /v1/engines)" } });
  });
});

describe("anthropic wire format", () => {
  const url = () => `${emu.baseUrls.anthropic}/v1/messages`;
  const message = { model: "claude-sonnet-4-6", max_tokens: 32, messages: [{ role: "user", content: "Hi." }] };

  it("requires a key, then anthropic-version", async () => {
    const noKey = await postJson(url(), message, { "anthropic-version": "2023-06-01" });
    expect(noKey.status).toBe(401);
    expect(noKey.body).toMatchObject({
      type: "error",
      error: { type: "authentication_error", message: "x-api-key header is required" },
    });
    const noVersion = await postJson(url(), message, { "x-api-key": anthropicKey });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body).toMatchObject({
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });
  });

  it("accepts x-api-key and puts the request id in the header and the error body", async () => {
    const ok = await postJson(url(), message, { "x-api-key": anthropicKey, "anthropic-version": "2023-06-01" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("request-id")).toMatch(/^req_011C/);
    const bad = await postJson(url(), message, {
      "x-api-key": mintKey("anthropic", "invalid"),
      "anthropic-version": "2023-06-01",
    });
    expect((bad.body as { request_id: string }).request_id).toBe(bad.headers.get("request-id"));
  });

  it("answers an unknown model with 404 not_found_error and a missing max_tokens with 400", async () => {
    const headers = { "x-api-key": anthropicKey, "anthropic-version": "2023-06-01" };
    const unknown = await postJson(url(), { ...message, model: "claude-9" }, headers);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { type: "not_found_error", message: "model: claude-9" } });
    const noMax = await postJson(url(), { model: message.model, messages: message.messages }, headers);
    expect(noMax.status).toBe(400);
    expect(noMax.body).toMatchObject({
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
  });
});

describe("gemini wire format", () => {
  const generateUrl = (model: string) => `${emu.baseUrls.gemini}/v1beta/models/${model}:generateContent`;
  const content = { contents: [{ role: "user", parts: [{ text: "Hi there." }] }] };

  it("answers a missing key with 403 PERMISSION_DENIED", async () => {
    const res = await call(`${emu.baseUrls.gemini}/v1beta/models`);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(res.body).toMatchObject({ error: { code: 403, status: "PERMISSION_DENIED" } });
  });

  it("accepts the key as ?key= as the REST API does", async () => {
    const res = await call(`${emu.baseUrls.gemini}/v1beta/models?key=${encodeURIComponent(geminiKey)}`);
    expect(res.status).toBe(200);
    expect((res.body as { models: unknown[] }).models).toHaveLength(3);
  });

  it("pages the model list with pageSize and nextPageToken", async () => {
    const headers = { "x-goog-api-key": geminiKey };
    const first = await call(`${emu.baseUrls.gemini}/v1beta/models?pageSize=2`, { headers });
    expect((first.body as { models: unknown[]; nextPageToken: string }).models).toHaveLength(2);
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    const second = await call(`${emu.baseUrls.gemini}/v1beta/models?pageSize=2&pageToken=${token}`, { headers });
    expect(second.body).toEqual({ models: [expect.objectContaining({ name: "models/gemini-2.5-pro" })] });
  });

  it("answers an unknown model with 404 NOT_FOUND and missing contents with 400", async () => {
    const headers = { "x-goog-api-key": geminiKey };
    const unknown = await postJson(generateUrl("gemini-9"), content, headers);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      error: { status: "NOT_FOUND", message: expect.stringMatching(/^models\/gemini-9 is not found/) },
    });
    const empty = await postJson(generateUrl("gemini-2.0-flash"), {}, headers);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: { status: "INVALID_ARGUMENT" } });
  });

  it("sends retry-after: 1 on a rate limit", async () => {
    const res = await postJson(generateUrl("gemini-2.0-flash"), content, {
      "x-goog-api-key": mintKey("gemini", "ratelimit"),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
  });
});

describe("limits and unknown paths", () => {
  it("answers a body over 25 MiB with the provider's 413 instead of dropping the connection", async () => {
    const res = await call(`${emu.baseUrls.openai}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${openaiKey}`, "content-type": "application/json" },
      body: new Uint8Array(26_214_401),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("Maximum content size") },
    });
  });

  it("answers a path outside the three mounts with 404", async () => {
    const res = await call(`${emu.url}/mistral/v1/models`);
    expect(res.status).toBe(404);
  });
});
