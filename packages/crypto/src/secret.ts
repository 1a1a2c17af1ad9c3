import { createHmac, createSecretKey, hkdfSync, type KeyObject } from "node:crypto";
import { TokenConfigError } from "./errors";

export const SECRET_BYTES = 32;
const KID_LABEL = "byok-token-kid";
const KEY_INFO = "byok-token:v1:aes-256-gcm";
const BASE64_43 = /^[A-Za-z0-9+/]{43}$/;

export interface TokenKey {
  kid: string;
  key: KeyObject;
}

/**
 * Accepts 32 bytes written as base64 or base64url, padded or not. The check is strict (canonical
 * spelling, exact length) so a typo or a hex string never silently becomes a weaker key.
 */
export function decodeSecret(value: unknown, variable: string): Buffer {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TokenConfigError(variable, "is missing: set it to 32 random bytes, base64 (openssl rand -base64 32).");
  }
  const normalized = value.trim().replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  const bytes = BASE64_43.test(normalized) ? Buffer.from(normalized, "base64") : null;
  if (!bytes || bytes.byteLength !== SECRET_BYTES || bytes.toString("base64").replace(/=+$/, "") !== normalized) {
    throw new TokenConfigError(variable, "must be exactly 32 random bytes, base64-encoded (openssl rand -base64 32).");
  }
  return bytes;
}

/**
 * kid: the first 8 base64url characters (48 bits) of HMAC-SHA256(secret, "byok-token-kid"). It tells
 * secrets apart in a key ring and reveals nothing usable about the secret.
 * Encryption key: HKDF-SHA256(secret, info "byok-token:v1:aes-256-gcm"), so the raw secret is never
 * itself an AES key and another use of the same secret (with another info) gets an unrelated key.
 */
export function deriveTokenKey(secret: Buffer): TokenKey {
  const kid = createHmac("sha256", secret).update(KID_LABEL).digest("base64url").slice(0, 8);
  const key = createSecretKey(Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), KEY_INFO, 32)));
  return { kid, key };
}
