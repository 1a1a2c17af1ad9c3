import {
  type GenerateTextResult,
  type TranscribeResult,
  generateText,
  transcribe,
  type AudioFile,
} from "@byok/providers";
import type { Provider } from "@byok/types";

export type { AudioFile } from "@byok/providers";

export interface ProviderClientOptions {
  provider: Provider;
  apiKey: string;
  baseUrl: string | undefined;
  timeoutMs: number;
  /** Aborts the request (the shutdown's deadline). */
  signal?: AbortSignal | undefined;
}

export interface TextRequest {
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
}

export interface ProviderClient {
  provider: Provider;
  /** The answer with the provider's usage fields and request id, for the usage ledger. */
  generateText(request: TextRequest): Promise<GenerateTextResult>;
  transcribe(file: AudioFile, model: string): Promise<TranscribeResult>;
}

/**
 * One key, bound for one job's calls to the provider of the model the router chose. Each call goes
 * through the registry's adapter in @byok/providers, which builds a fail-fast SDK client for it (no
 * SDK retries, explicit timeout: the router owns retries) and turns any failure into a classified
 * ProviderCallError.
 */
export function createProviderClient({
  provider,
  apiKey,
  baseUrl,
  timeoutMs,
  signal,
}: ProviderClientOptions): ProviderClient {
  return {
    provider,
    generateText({ model, system, prompt, maxTokens }) {
      return generateText({ provider, apiKey, baseUrl, model, system, prompt, timeoutMs, maxTokens, signal });
    },
    transcribe(file, model) {
      return transcribe({ provider, apiKey, baseUrl, model, file, timeoutMs, signal });
    },
  };
}
