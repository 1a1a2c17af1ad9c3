import type { Provider } from "@byok/types";
import { ADAPTERS } from "./adapters";
import type { GenerateTextResult } from "./adapters/provider-adapter";
import { toProviderCallError } from "./classify-provider-error";
import { sendableKey } from "./sendable-key";

export type { GenerateTextResult } from "./adapters/provider-adapter";

export interface GenerateTextInput {
  provider: Provider;
  apiKey: string;
  baseUrl?: string;
  model: string;
  system?: string;
  prompt: string;
  timeoutMs?: number;
  maxTokens?: number;
  signal?: AbortSignal | undefined;
}

/** One completion. Any failure becomes a ProviderCallError with a reason and no provider text. */
export async function generateText(input: GenerateTextInput): Promise<GenerateTextResult> {
  const { provider, baseUrl, model, system = "", prompt, timeoutMs = 60_000, maxTokens = 1024, signal } = input;
  try {
    const apiKey = sendableKey(provider, input.apiKey);
    return await ADAPTERS[provider].generateText({
      client: { apiKey, baseUrl, timeoutMs },
      model,
      system,
      prompt,
      maxTokens,
      signal,
    });
  } catch (err) {
    throw toProviderCallError(provider, err);
  }
}
