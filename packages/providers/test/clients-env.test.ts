import { mintKey } from "@byok/provider-emulator";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createAnthropicClient,
  createGeminiClient,
  createGroqClient,
  createOpenAIClient,
  generateText,
} from "../src/index";
import { MODELS, useEmulator } from "./emulator-fixture";

const emulator = useEmulator();

// What a platform might well have in its own environment. A user's client must take none of it:
// not the platform's organisation, project or bearer token, and no SDK debug logging to the console
// (it bypasses our redacting logger).
const PLATFORM_ENV = {
  OPENAI_ORG_ID: "org-platform",
  OPENAI_PROJECT_ID: "proj-platform",
  OPENAI_ADMIN_KEY: "admin-platform",
  OPENAI_WEBHOOK_SECRET: "whsec-platform",
  OPENAI_LOG: "debug",
  ANTHROPIC_AUTH_TOKEN: "token-platform",
  ANTHROPIC_WEBHOOK_SIGNING_KEY: "whsk-platform",
  ANTHROPIC_LOG: "debug",
  // Sent after the key's own Authorization: without pinning, these would replace the user's key.
  OPENAI_CUSTOM_HEADERS: "Authorization: Bearer platform-token\nX-Platform: yes",
  ANTHROPIC_CUSTOM_HEADERS: "X-Api-Key: platform-token\nAuthorization: Bearer platform-token",
  GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:9/platform",
  GROQ_CUSTOM_HEADERS: "Authorization: Bearer platform-token",
  GROQ_BASE_URL: "http://127.0.0.1:9/platform",
  GROQ_API_KEY: "platform-key",
  GROQ_LOG: "debug",
};

describe("provider clients ignore the platform's SDK environment", () => {
  beforeEach(() => {
    for (const [name, value] of Object.entries(PLATFORM_ENV)) vi.stubEnv(name, value);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("builds clients with none of it", () => {
    const options = { apiKey: mintKey("openai", "valid"), baseUrl: "http://127.0.0.1:9", timeoutMs: 1_000 };
    const openai = createOpenAIClient(options);
    expect({
      org: openai.organization,
      project: openai.project,
      admin: openai.adminAPIKey,
      webhook: openai.webhookSecret,
    }).toEqual({
      org: null,
      project: null,
      admin: null,
      webhook: null,
    });
    expect(openai.logLevel).toBe("off");
    const anthropic = createAnthropicClient({ ...options, apiKey: mintKey("anthropic", "valid") });
    expect({ token: anthropic.authToken, webhook: anthropic.webhookKey }).toEqual({ token: null, webhook: null });
    expect(anthropic.logLevel).toBe("off");
  });

  it("sends the user's key, not a header from the platform's *_CUSTOM_HEADERS", async () => {
    for (const provider of ["openai", "anthropic", "groq"] as const) {
      const apiKey = mintKey(provider, "valid");
      await generateText({
        provider,
        apiKey,
        baseUrl: emulator().baseUrls[provider],
        model: MODELS[provider],
        prompt: "Hello.",
      });
      expect(emulator().calls({ key: apiKey })).toEqual([expect.objectContaining({ provider, status: 200 })]);
    }
  });

  it("gives groq-sdk its key, the real API's base URL and no logging, whatever GROQ_* says", () => {
    const apiKey = mintKey("groq", "valid");
    const groq = createGroqClient({ apiKey, timeoutMs: 1_000 });
    expect({ key: groq.apiKey, url: groq.baseURL, log: groq.logLevel, retries: groq.maxRetries }).toEqual({
      key: apiKey,
      url: "https://api.groq.com",
      log: "off",
      retries: 0,
    });
  });

  it("gives genai the real API's base URL rather than letting it read GOOGLE_GEMINI_BASE_URL", () => {
    const client = createGeminiClient({ apiKey: mintKey("gemini", "valid"), timeoutMs: 1_000 });
    const apiClient = (client as unknown as { apiClient: { getBaseUrl(): string } }).apiClient;
    expect(apiClient.getBaseUrl()).toMatch(/^https:\/\/generativelanguage\.googleapis\.com\/?$/);
  });

  it.each(["openai", "anthropic", "groq"] as const)(
    "%s: a call and a failed call print nothing to the console",
    async (provider) => {
      const printed: unknown[][] = [];
      for (const method of ["log", "debug", "info", "warn", "error"] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          printed.push(args);
        });
      }
      const base = { provider, baseUrl: emulator().baseUrls[provider], model: MODELS[provider], prompt: "Hello." };
      await generateText({ ...base, apiKey: mintKey(provider, "valid") });
      await expect(generateText({ ...base, apiKey: mintKey(provider, "invalid") })).rejects.toThrow();
      expect(printed).toEqual([]);
    },
  );
});
