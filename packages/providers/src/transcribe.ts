import type { Provider } from "@byok/types";
import { ADAPTERS } from "./adapters";
import type { AudioFile, TranscribeResult } from "./adapters/provider-adapter";
import { toProviderCallError } from "./classify-provider-error";
import { ProviderCallError } from "./provider-call-error";
import { sendableKey } from "./sendable-key";

export interface TranscribeInput {
  provider: Provider;
  apiKey: string;
  baseUrl?: string;
  model: string;
  file: AudioFile;
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
}

/** Speech to text with the provider's adapter. Failures become ProviderCallError, as for generateText. */
export async function transcribe(input: TranscribeInput): Promise<TranscribeResult> {
  const { provider, baseUrl, model, file, timeoutMs = 120_000, signal } = input;
  const adapter = ADAPTERS[provider];
  // The router only picks transcription models of providers that have them; this is the caller's bug.
  if (!adapter.transcribe) throw new ProviderCallError(provider, "bad_request");
  try {
    const apiKey = sendableKey(provider, input.apiKey);
    return await adapter.transcribe({ client: { apiKey, baseUrl, timeoutMs }, model, file, signal });
  } catch (err) {
    throw toProviderCallError(provider, err);
  }
}
