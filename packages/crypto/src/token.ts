import { GCM_IV_BYTES, GCM_TAG_BYTES, openAesGcm, sealAesGcm } from "./aes-gcm";
import { fromBase64url, toBase64url } from "@byok/base64url";
import { TokenConfigError, TokenError } from "./errors";
import { randomIv } from "./random-iv";
import { decodeSecret, deriveTokenKey, type TokenKey } from "./secret";

export const TOKEN_VERSION = "v1";
const KID_PATTERN = /^[A-Za-z0-9_-]{8}$/;
// With the u flag this matches only unpaired surrogates, which UTF-8 cannot carry unchanged.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface TokenCipherOptions {
  /** 32 random bytes, base64. New tokens are written under it. */
  secret: string;
  /** Earlier secrets, still accepted for decryption while in-flight tokens expire. */
  previousSecrets?: readonly string[];
}

export interface TokenCipher {
  encrypt(plaintext: string, aad?: string): string;
  /** Throws only `TokenError`, whatever the input. */
  decrypt(token: string, aad?: string): string;
  /** Key id of the current secret. */
  readonly kid: string;
}

function isTextInput(value: unknown): value is string {
  return typeof value === "string" && !LONE_SURROGATE.test(value);
}

/** The header is authenticated too, so version and key id cannot be swapped on a token. */
function additionalData(kid: string, aad: string): Buffer {
  return Buffer.from(`${TOKEN_VERSION}.${kid}.${aad}`, "utf8");
}

export function createTokenCipher({ secret, previousSecrets = [] }: TokenCipherOptions): TokenCipher {
  const current = deriveTokenKey(decodeSecret(secret, "secret"));
  const ring = new Map<string, TokenKey>([[current.kid, current]]);
  previousSecrets.forEach((previous, index) => {
    const variable = `previousSecrets[${index}]`;
    const derived = deriveTokenKey(decodeSecret(previous, variable));
    const known = ring.get(derived.kid);
    if (known && !known.key.equals(derived.key)) {
      throw new TokenConfigError(variable, "has the same key id as another secret: generate a new one.");
    }
    ring.set(derived.kid, known ?? derived);
  });

  return {
    kid: current.kid,
    encrypt(plaintext, aad = "") {
      if (!isTextInput(plaintext) || !isTextInput(aad)) throw new TokenError("MALFORMED");
      const iv = randomIv();
      const sealed = sealAesGcm(current.key, iv, Buffer.from(plaintext, "utf8"), additionalData(current.kid, aad));
      return `${TOKEN_VERSION}.${current.kid}.${toBase64url(iv)}.${toBase64url(sealed)}`;
    },
    decrypt(token, aad = "") {
      if (typeof token !== "string" || typeof aad !== "string") throw new TokenError("MALFORMED");
      const parts = token.split(".");
      if (parts.length !== 4 || parts[0] !== TOKEN_VERSION) throw new TokenError("MALFORMED");
      const [, kid = "", ivText = "", sealedText = ""] = parts;
      if (!KID_PATTERN.test(kid)) throw new TokenError("MALFORMED");
      const iv = fromBase64url(ivText);
      const sealed = fromBase64url(sealedText);
      if (!iv || iv.byteLength !== GCM_IV_BYTES || !sealed || sealed.byteLength < GCM_TAG_BYTES) {
        throw new TokenError("MALFORMED");
      }
      const entry = ring.get(kid);
      if (!entry) throw new TokenError("UNKNOWN_KEY_ID");
      try {
        return openAesGcm(entry.key, iv, sealed, additionalData(kid, aad)).toString("utf8");
      } catch {
        throw new TokenError("AUTH_FAILED");
      }
    },
  };
}

export type TokenEnv = Readonly<Record<string, string | undefined>>;

/** Reads PLATFORM_TOKEN_SECRET and the optional comma-separated PLATFORM_TOKEN_SECRET_PREVIOUS. */
export function tokenCipherFromEnv(env: TokenEnv): TokenCipher {
  const secret = env.PLATFORM_TOKEN_SECRET;
  decodeSecret(secret, "PLATFORM_TOKEN_SECRET");
  const previousSecrets = (env.PLATFORM_TOKEN_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  previousSecrets.forEach((s, i) => decodeSecret(s, `PLATFORM_TOKEN_SECRET_PREVIOUS (entry ${i + 1})`));
  try {
    return createTokenCipher({ secret: secret as string, previousSecrets });
  } catch (err) {
    if (err instanceof TokenConfigError) {
      throw new TokenConfigError(
        "PLATFORM_TOKEN_SECRET_PREVIOUS",
        "has an entry whose key id collides with another secret.",
      );
    }
    throw err;
  }
}
