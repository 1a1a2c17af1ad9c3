import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[(bytes[i % bytes.length] ?? 0) % 62];
  return out;
}

/** The same content gives the same id, so replies stay deterministic. */
export function stableId(prefix: string, length: number, ...parts: string[]): string {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  return prefix + base62(digest, length);
}

/** `req_` + 32 hex, as OpenAI's `x-request-id`. */
export function openAiRequestId(): string {
  return `req_${randomBytes(16).toString("hex")}`;
}

/** `req_011C…`, as Anthropic's `request-id`. */
export function anthropicRequestId(): string {
  return `req_011C${base62(randomBytes(20), 20)}`;
}
