import type { ProviderFailureReason } from "../provider-call-error";

/** The reason a bare status gives when nothing more specific is known. */
export function byStatus(status: number): ProviderFailureReason {
  if (status === 401) return "invalid_key";
  if (status === 403) return "permission_denied";
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "provider_unavailable";
  return "bad_request";
}

const BLOCK_PAGE = /you have been blocked|access denied|unable to access/i;

/**
 * An error answer that is not the API's JSON: a gateway page on a 5xx is the provider being down; a
 * CDN's block page on a 403 is the network or region being refused; anything else is not an answer
 * from the API at all.
 */
export function nonJsonFailure(status: number, text: string): ProviderFailureReason {
  if (status >= 500) return "provider_unavailable";
  if (status === 403 && BLOCK_PAGE.test(text)) return "region_unsupported";
  if (status === 429) return "rate_limited";
  return "bad_response";
}

/** `retry-after` in seconds or as an HTTP date, as an ms epoch. */
export function retryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return now + Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

export function isTimeoutError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || err.name === "TimeoutError");
}
