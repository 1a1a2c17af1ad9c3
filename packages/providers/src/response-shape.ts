import type { Provider } from "@byok/types";
import { ProviderCallError } from "./provider-call-error";

/**
 * A 200 without the fields a call promises is a failure, never a success: a proxy's HTML page or an
 * empty object would otherwise pass a key test or yield `text: undefined`.
 */
export function badResponse(provider: Provider): ProviderCallError {
  return new ProviderCallError(provider, "bad_response", 200);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

export function requireString(provider: Provider, value: unknown): string {
  if (typeof value !== "string") throw badResponse(provider);
  return value;
}

export function isJsonContentType(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return /\bapplication\/(?:[\w.+-]+\+)?json\b/i.test(type);
}

/** A model list answered by the API itself: JSON, with at least one model. */
export function requireModelList(provider: Provider, response: Response, items: readonly unknown[] | undefined): void {
  if (!isJsonContentType(response) || !Array.isArray(items) || items.length === 0) throw badResponse(provider);
}
