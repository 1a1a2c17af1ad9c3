import type { FailureAction, Provider } from "@byok/types";
import { ADAPTERS } from "./adapters";
import type { KeyLimit } from "./adapters/provider-adapter";
import { toProviderCallError } from "./classify-provider-error";
import type { ProviderFailureReason } from "./provider-call-error";
import { sendableKey } from "./sendable-key";

export interface CheckKeyInput {
  provider: Provider;
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}

export type CheckKeyResult =
  | { ok: true; cannot?: KeyLimit[] }
  | { ok: false; reason: ProviderFailureReason; message: string; action: FailureAction };

/**
 * Asks the provider whether a key works with a call that costs nothing (listing models; for a
 * restricted OpenAI key, requests refused before any model runs). Never throws for a bad key; the
 * result carries our own message and what the person can do.
 */
export async function checkKey({
  provider,
  apiKey,
  baseUrl,
  timeoutMs = 10_000,
}: CheckKeyInput): Promise<CheckKeyResult> {
  try {
    const cannot = await ADAPTERS[provider].checkKey({ apiKey: sendableKey(provider, apiKey), baseUrl, timeoutMs });
    return cannot.length > 0 ? { ok: true, cannot } : { ok: true };
  } catch (err) {
    const failure = toProviderCallError(provider, err);
    return { ok: false, reason: failure.reason, message: failure.message, action: failure.action };
  }
}
