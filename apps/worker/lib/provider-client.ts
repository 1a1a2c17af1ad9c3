import { generateText, transcribe, type AudioFile } from "@byok/providers";
import type { Provider } from "@byok/types";

export type { AudioFile } from "@byok/providers";

export interface ProviderClientOptions {
  provider: Provider;
  apiKey: string;
  baseUrl: string | undefined;
  timeoutMs: number;
}

export interface TextRequest {
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
}

export interface ProviderClient {
  provider: Provider;
  generateText(request: TextRequest): Promise<string>;
  transcribe(file: AudioFile, model: string): Promise<{ text: string }>;
}

/**
 * One key, bound for one job's calls to the provider of the model the router chose. Each call goes
 * through the registry's adapter in @byok/providers, which builds a fail-fast SDK client for it (no
 * SDK retries, explicit timeout: the router decides about fallback and BullMQ owns retries) and
 * turns any failure into a classified ProviderCallError.
 */
export function createProviderClient({ provider, apiKey, baseUrl, timeoutMs }: ProviderClientOptions): ProviderClient {
  return {
    provider,
    async generateText({ model, system, prompt, maxTokens }) {
      return (await generateText({ provider, apiKey, baseUrl, model, system, prompt, timeoutMs, maxTokens })).text;
    },
    transcribe(file, model) {
      return transcribe({ provider, apiKey, baseUrl, model, file, timeoutMs });
    },
  };
}
