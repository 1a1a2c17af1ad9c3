import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";

export interface ClientOptions {
  apiKey: string;
  /** undefined → the provider's real API. */
  baseUrl?: string;
  timeoutMs: number;
}

export class ProviderOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderOptionError";
  }
}

function checkTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ProviderOptionError("timeoutMs must be a positive number of milliseconds");
  return timeoutMs;
}

// Every client fails fast: no SDK retries (BullMQ and the router own retries, and the SDKs would
// otherwise honour an uncapped retry-after twice) and an explicit timeout. Options the SDKs would
// otherwise read from process.env are pinned, so a stray variable cannot redirect a user's key or
// add the platform's organisation or token to it. The SDKs' own logging is off: it writes request
// details to the console, past our redacting logger (OPENAI_LOG / ANTHROPIC_LOG would turn it on).
// Pinning also spares each per-job client a few process.env reads.

export function createOpenAIClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): OpenAI {
  return new OpenAI({
    apiKey,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    logLevel: "off",
    baseURL: baseUrl ?? "https://api.openai.com/v1",
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
    baseURL: baseUrl ?? "https://api.anthropic.com",
    maxRetries: 0,
    timeout: checkTimeout(timeoutMs),
  });
}

/** genai has no retries unless `retryOptions` is set, so none is. */
export function createGeminiClient({ apiKey, baseUrl, timeoutMs }: ClientOptions): GoogleGenAI {
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    httpOptions: { timeout: checkTimeout(timeoutMs), ...(baseUrl ? { baseUrl } : {}) },
  });
}
