/**
 * Any origin works as the base: only whether the result stays on it matters, and what we return
 * is a path. `.invalid` can never resolve.
 */
const BASE = "https://app.invalid";
const MAX_LENGTH = 2048;
// Browsers drop tabs and newlines inside URLs and read a backslash as a slash, which is how
// `/\t/evil.example` and `/\evil.example` become `//evil.example`.
function hasControlOrBackslash(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === "\\") return true;
  }
  return false;
}

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The value, and the values one and two decodings make of it, all resolve on our origin. */
function staysOnOrigin(value: string): boolean {
  let candidate: string | null = value;
  for (let round = 0; round < 3 && candidate !== null; round++) {
    if (hasControlOrBackslash(candidate) || candidate.startsWith("//")) return false;
    try {
      if (new URL(candidate, BASE).origin !== BASE) return false;
    } catch {
      return false;
    }
    const next = decodeOnce(candidate);
    if (next === candidate) break;
    candidate = next;
  }
  return true;
}

/**
 * A return path (`?next=`) that stays on our origin, or `fallback`. The value is parsed as a URL
 * against an origin and must resolve to that same origin; and, since something downstream may
 * decode it again, so must its once- and twice-decoded forms. What comes back is the normalised
 * path, query and fragment, never a scheme or a host; normalising (`/../`) can bring encoded
 * separators together, so the result passes the same checks as the input.
 */
export function safeReturnPath(value: unknown, fallback = "/settings"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH || !value.startsWith("/"))
    return fallback;
  if (!staysOnOrigin(value)) return fallback;
  const url = new URL(value, BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && staysOnOrigin(path) ? path : fallback;
}
