import type { Provider } from "@byok/types";
import { ProviderCallError } from "./provider-call-error";

// Visible ASCII only: fetch rejects other header bytes with an error that quotes the header value,
// which would put the key into an error message. No provider issues keys this long.
const SENDABLE = /^[\x21-\x7e]{1,512}$/;

/** The trimmed key, or a ProviderCallError("invalid_key") before any request is made. */
export function sendableKey(provider: Provider, apiKey: unknown): string {
  const key = typeof apiKey === "string" ? apiKey.trim() : "";
  if (!SENDABLE.test(key)) throw new ProviderCallError(provider, "invalid_key");
  return key;
}
