import { BYOK_HEADER_MAX_BYTES, isPlausibleKey, isProvider, type Provider } from "@byok/types";
import { fromBase64url, toBase64url } from "@byok/base64url";
import { ByokHeaderError } from "./errors";
import { topLevelKeys } from "./top-level-keys";

export type ByokKeys = Partial<Record<Provider, string>>;

export type DecodeByokHeaderResult =
  { ok: true; keys: ByokKeys; providers: Provider[] } | { ok: false; error: ByokHeaderError };

/**
 * Checks a decoded keys object; the one rule set for both directions. Plain checks, not zod: the
 * browser encodes the header, and zod would weigh more than the rest of the settings page's code.
 */
function validateKeys(raw: unknown, names: readonly string[]): { keys: ByokKeys; providers: Provider[] } {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new ByokHeaderError("BAD_JSON");
  const seen = new Set<string>();
  for (const name of names) {
    if (!isProvider(name)) throw new ByokHeaderError("UNKNOWN_PROVIDER");
    if (seen.has(name)) throw new ByokHeaderError("DUPLICATE_PROVIDER", name);
    seen.add(name);
  }
  const keys: ByokKeys = {};
  const providers: Provider[] = [];
  // Entries of the parsed object itself: a copy could drop an own "__proto__" member unseen.
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isProvider(name)) throw new ByokHeaderError("UNKNOWN_PROVIDER");
    if (typeof value !== "string" || !isPlausibleKey(name, value)) throw new ByokHeaderError("BAD_KEY_SHAPE", name);
    keys[name] = value;
    providers.push(name);
  }
  if (providers.length === 0) throw new ByokHeaderError("EMPTY");
  return { keys, providers };
}

/** Builds the X-BYOK-Key value. Throws ByokHeaderError for keys the server would refuse. */
export function encodeByokHeader(keys: ByokKeys): string {
  const raw: unknown = keys;
  if (raw === null || typeof raw !== "object") throw new ByokHeaderError("BAD_JSON");
  const present = Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));
  validateKeys(present, Object.keys(present));
  const value = toBase64url(new TextEncoder().encode(JSON.stringify(present)));
  if (value.length > BYOK_HEADER_MAX_BYTES) throw new ByokHeaderError("TOO_LARGE");
  return value;
}

function decodeOrThrow(value: string | null | undefined): { keys: ByokKeys; providers: Provider[] } {
  if (typeof value !== "string") throw new ByokHeaderError("EMPTY");
  if (value.length > BYOK_HEADER_MAX_BYTES || new TextEncoder().encode(value).length > BYOK_HEADER_MAX_BYTES) {
    throw new ByokHeaderError("TOO_LARGE");
  }
  const trimmed = value.trim();
  if (trimmed === "") throw new ByokHeaderError("EMPTY");
  const bytes = fromBase64url(trimmed);
  if (!bytes) throw new ByokHeaderError("BAD_ENCODING");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ByokHeaderError("BAD_ENCODING");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ByokHeaderError("BAD_JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new ByokHeaderError("BAD_JSON");
  return validateKeys(parsed, topLevelKeys(text));
}

/** Reads an X-BYOK-Key value (null when the header is absent). Never throws. */
export function decodeByokHeader(value: string | null | undefined): DecodeByokHeaderResult {
  try {
    return { ok: true, ...decodeOrThrow(value) };
  } catch (err) {
    if (err instanceof ByokHeaderError) return { ok: false, error: err };
    return { ok: false, error: new ByokHeaderError("BAD_JSON") };
  }
}
