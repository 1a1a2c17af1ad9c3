import type { Provider } from "@byok/types";
import { anthropicAdapter } from "./anthropic";
import { geminiAdapter } from "./gemini";
import { groqAdapter } from "./groq";
import { openAiAdapter } from "./openai";
import type { ProviderAdapter } from "./provider-adapter";

/** Each registry entry's SDK half. A new provider in the registry is a compile error here until it has one. */
export const ADAPTERS: Record<Provider, ProviderAdapter> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  groq: groqAdapter,
};
