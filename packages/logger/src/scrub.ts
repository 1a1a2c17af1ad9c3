import { KEY_LIKE_PATTERN } from "@byok/types";

export const SCRUBBED = "[redacted-key]";
export const REDACTED = "[redacted]";

/** Headers that carry credentials. Cookies too: they hold the session. */
export const SECRET_HEADERS = [
  "x-byok-key",
  "authorization",
  "x-api-key",
  "x-goog-api-key",
  "cookie",
  "set-cookie",
  "proxy-authorization",
] as const;
const SECRET_FIELD = new Set<string>(SECRET_HEADERS);
const MAX_DEPTH = 12;

// In a serialized line "\n" + key reads "\\nsk-…": the "n" before the key defeats the pattern's
// word boundary, so the line-level pass also matches right after a JSON escape.
const AFTER_JSON_ESCAPE = new RegExp(`(?<=\\\\[nrtbf])${KEY_LIKE_PATTERN.source.replace(/^\\b/, "")}`, "g");

// The pattern's own `\b` misses a key glued to a word character: after `_` (`api_key_sk-…`) or
// inside a URL-encoded value (`key%3Dsk-…`, where "D" precedes it). This pass accepts any start
// that is not a letter or digit, or that follows a %-escape.
const KEY_BODY = KEY_LIKE_PATTERN.source.replace(/^\\b/, "");
const GLUED_KEY = new RegExp(`(?<=^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2})${KEY_BODY}`, "g");
const HAS_KEY = new RegExp(KEY_BODY);
// A run that could be an encoded key: percent-encoded, or base64/base64url (an X-BYOK-Key value
// is base64url of JSON holding keys).
const ENCODED_RUN = /[A-Za-z0-9_\-+/%]{20,}={0,2}/g;

function decodesToKey(run: string): boolean {
  if (run.includes("%")) {
    try {
      if (HAS_KEY.test(decodeURIComponent(run))) return true;
    } catch {
      // Not a valid %-encoding: the base64 reading below may still apply.
    }
  }
  // Node's base64 decoder takes both alphabets; a run cut out of a longer word may start
  // mid-quantum, so each of the four alignments is tried.
  for (let offset = 0; offset < 4; offset++) {
    if (HAS_KEY.test(Buffer.from(run.slice(offset), "base64").toString("latin1"))) return true;
  }
  return false;
}

/**
 * Replaces every provider-key-shaped (or emulator-key-shaped) substring, in plain text, glued to
 * a word, %-encoded, or inside a base64/base64url value (the whole value goes).
 */
export function scrubSecrets(text: string): string {
  const plain = text.replace(KEY_LIKE_PATTERN, SCRUBBED).replace(GLUED_KEY, SCRUBBED);
  return plain.replace(ENCODED_RUN, (run) => (decodesToKey(run) ? SCRUBBED : run));
}

/** The last pass, over the finished JSON line. */
export function scrubLine(line: string): string {
  return scrubSecrets(line).replace(AFTER_JSON_ESCAPE, SCRUBBED);
}

function scrubError(err: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name,
    message: scrubSecrets(String(err.message)),
  };
  if (typeof err.stack === "string") out.stack = scrubSecrets(err.stack);
  for (const [key, value] of Object.entries(err)) out[scrubSecrets(key)] = scrubValue(value, seen, depth + 1);
  if (err.cause !== undefined) out.cause = scrubValue(err.cause, seen, depth + 1);
  const nested: unknown = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) out.errors = scrubValue(nested, seen, depth + 1);
  return out;
}

/**
 * A scrubbed deep copy: strings, object keys, error messages, stacks and causes. Never mutates
 * the caller's value (the same object may still be in use).
 */
export function scrubValue(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) return "[too deep]";
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  try {
    if (value instanceof Error) return scrubError(value, seen, depth);
    if (Array.isArray(value)) return value.map((item) => scrubValue(item, seen, depth + 1));
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return scrubValue(toJSON.call(value), seen, depth + 1);
    const out: Record<string, unknown> = {};
    // Header names are case-insensitive, redact paths are not: any casing of a secret header's
    // name, at any depth, is censored here as well.
    for (const [key, item] of Object.entries(value)) {
      out[scrubSecrets(key)] = SECRET_FIELD.has(key.toLowerCase()) ? REDACTED : scrubValue(item, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
