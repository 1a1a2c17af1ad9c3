import { generateText } from "@byok/providers";
import type { Provider } from "@byok/types";

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
}

/**
 * One key, bound for one job's calls. Each call goes through @byok/providers' generateText, which
 * builds a fail-fast SDK client for it (no SDK retries, explicit timeout: the router decides about
 * fallback and BullMQ owns retries) and turns any failure into a classified ProviderCallError.
 */
export function createProviderClient({ provider, apiKey, baseUrl, timeoutMs }: ProviderClientOptions): ProviderClient {
  return {
    provider,
    async generateText({ model, system, prompt, maxTokens }) {
      return (await generateText({ provider, apiKey, baseUrl, model, system, prompt, timeoutMs, maxTokens })).text;
    },
  };
}
