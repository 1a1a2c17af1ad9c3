import type { Provider } from "@byok/types";
import { createAnthropicClient, createGeminiClient, createOpenAIClient } from "./clients";
import { toProviderCallError } from "./classify-provider-error";
import type { ProviderFailureReason } from "./provider-call-error";
import { sendableKey } from "./sendable-key";

export interface CheckKeyInput {
  provider: Provider;
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}

export type CheckKeyResult = { ok: true } | { ok: false; reason: ProviderFailureReason; message: string };

async function listModels({ provider, apiKey, baseUrl, timeoutMs }: Required<Omit<CheckKeyInput, "baseUrl">> & { baseUrl?: string }): Promise<void> {
  const options = { apiKey, baseUrl, timeoutMs };
  switch (provider) {
    case "openai":
      await createOpenAIClient(options).models.list();
      return;
    case "anthropic":
      await createAnthropicClient(options).models.list({ limit: 1 });
      return;
    case "gemini":
      await createGeminiClient(options).models.list({ config: { pageSize: 1 } });
      return;
  }
}

/**
 * Asks the provider whether a key works by listing models: authenticated, free, and it fails the
 * same ways a real call does. Never throws for a bad key; the result carries our own message.
 */
export async function checkKey({ provider, apiKey, baseUrl, timeoutMs = 10_000 }: CheckKeyInput): Promise<CheckKeyResult> {
  try {
    await listModels({ provider, apiKey: sendableKey(provider, apiKey), baseUrl, timeoutMs });
    return { ok: true };
  } catch (err) {
    const failure = toProviderCallError(provider, err);
    return { ok: false, reason: failure.reason, message: failure.message };
  }
}
