import type { Provider } from "@byok/types";
import { ADAPTERS } from "./adapters";
import { isTimeoutError } from "./adapters/http-failure";
import type { ProviderErrorClass } from "./adapters/provider-adapter";
import { ProviderOptionError } from "./clients";
import { ProviderCallError } from "./provider-call-error";

export type { ProviderErrorClass } from "./adapters/provider-adapter";

/**
 * Maps any error from a provider call to a failure reason (docs/providers.md lists each account
 * state and its reason). Errors that are not the provider answering (connection refused, DNS) count
 * as the provider being unavailable.
 */
export function classifyProviderError(provider: Provider, err: unknown): ProviderErrorClass {
  if (err instanceof ProviderCallError)
    return { reason: err.reason, status: err.status, requestId: err.requestId, retryAt: err.retryAt };
  if (isTimeoutError(err)) return { reason: "timeout" };
  return ADAPTERS[provider].classify(err) ?? { reason: "provider_unavailable" };
}

/** Rethrows our own option errors (a bug in the caller); anything else becomes a ProviderCallError. */
export function toProviderCallError(provider: Provider, err: unknown): ProviderCallError {
  if (err instanceof ProviderOptionError) throw err;
  if (err instanceof ProviderCallError) return err;
  const { reason, status, requestId, retryAt } = classifyProviderError(provider, err);
  return new ProviderCallError(provider, reason, status, requestId, retryAt);
}
