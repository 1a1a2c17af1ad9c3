import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import Groq from "groq-sdk";
import OpenAI from "openai";
import { PROVIDER_REGISTRY } from "@byok/types";

export interface ClientOptions {
  apiKey: string;
  /** undefined → the provider's real API (the registry's default base URL). */
  baseUrl?: string;
  timeoutMs: number;
}

export class ProviderOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderOptionError";
  }
}

export function checkTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new ProviderOptionError("timeoutMs must be a positive number of milliseconds");
  return timeoutMs;
}

/**
 * The Stainless SDKs add the headers listed in `<PREFIX>_CUSTOM_HEADERS` to every request, after the
 * key's own Authorization header: a platform variable could replace a user's key or add the
 * platform's headers to it. No option turns that off, but explicit default headers win over the
 * listed ones: each listed name is sent as null (removed), and the key's own header is restated.
 */
export function pinnedHeaders(variable: string, auth: Record<string, string>): Record<string, string | null> {
  // eslint-disable-next-line no-restricted-properties -- the SDK reads this variable from process.env itself; this reads the same one to cancel it.
  const listed = (process.env[variable] ?? "").split("\n").flatMap((line) => {
    const colon = line.indexOf(":");
    return colon >= 0 ? [line.slice(0, colon).trim()] : [];
  });
  return { ...Object.fromEntries(listed.map((name) => [name, null])), ...auth };
}

// Every client fails fast: no SDK retries (BullMQ and the router own retries, and the SDKs would
// otherwise honour an uncapped retry-after twice) and an explicit timeout. Options the SDKs would
// otherwise read from process.env are pinned, so a stray variable cannot redirect a user's key or
// add the platform's organisation or token to it. The SDKs' own logging is off: it writes request
// details to the console, past our redacting logger (OPENAI_LOG / ANTHROPIC_LOG would turn it on).

export function createOpenAIClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): OpenAI {
  return new OpenAI({
    apiKey,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: "off",
    baseURL: baseUrl ?? PROVIDER_REGISTRY.openai.defaultBaseUrl,
    defaultHeaders: pinnedHeaders("OPENAI_CUSTOM_HEADERS", { Authorization: `Bearer ${apiKey}` }),
    maxRetries: 0,
    timeout: checkTimeout(timeoutMs),
  });
}

export function createAnthropicClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): Anthropic {
  return new Anthropic({
    apiKey,
    authToken: null,
    webhookKey: null,
    logLevel: "off",
    baseURL: baseUrl ?? PROVIDER_REGISTRY.anthropic.defaultBaseUrl,
    // SDK 1.x sends the key as a bearer token.
    defaultHeaders: pinnedHeaders("ANTHROPIC_CUSTOM_HEADERS", { Authorization: `Bearer ${apiKey}` }),
    maxRetries: 0,
    timeout: checkTimeout(timeoutMs),
  });
}

/**
 * genai has no retries unless `retryOptions` is set, so none is. Without a base URL it would read
 * GOOGLE_GEMINI_BASE_URL, so the real API's is always given.
 */
export function createGeminiClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): GoogleGenAI {
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    httpOptions: { timeout: checkTimeout(timeoutMs), baseUrl: baseUrl ?? PROVIDER_REGISTRY.gemini.defaultBaseUrl },
  });
}

/** groq-sdk reads GROQ_BASE_URL, GROQ_API_KEY, GROQ_LOG and GROQ_CUSTOM_HEADERS; all are pinned. */
export function createGroqClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): Groq {
  return new Groq({
    apiKey,
    logLevel: "off",
    baseURL: baseUrl ?? PROVIDER_REGISTRY.groq.defaultBaseUrl,
    defaultHeaders: pinnedHeaders("GROQ_CUSTOM_HEADERS", { Authorization: `Bearer ${apiKey}` }),
    maxRetries: 0,
    timeout: checkTimeout(timeoutMs),
  });
}
