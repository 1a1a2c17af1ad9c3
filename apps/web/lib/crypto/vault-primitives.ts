/**
 * The Web Crypto calls the vault makes, and nothing else. Exported so known-answer tests run
 * through exactly these calls (docs/vault-format.md describes the bytes they produce).
 */
import type { Provider } from "@byok/types";

export const VAULT_FORMAT_VERSION = 1;
/** OWASP 2023+ for PBKDF2-HMAC-SHA256 (docs/decisions.md, Decisions). */
export const DEFAULT_ITERATIONS = 600_000;
/** The spec's original figure; anything below is a downgrade and is refused. */
export const MIN_ITERATIONS = 100_000;
/** Caps the work an altered record can make the browser do on unlock. */
export const MAX_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const TAG_BITS = 128;

type Bytes = Uint8Array<ArrayBuffer>;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error("Web Crypto is not available (a secure context is required).");
  return s;
}

export function randomBytes(length: number): Bytes {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

export function utf8(text: string): Bytes {
  return new TextEncoder().encode(text) as Bytes;
}

export function fromUtf8(bytes: ArrayBuffer | Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

export function dekAad(userId: string): Bytes {
  return utf8(`byok-vault:v${VAULT_FORMAT_VERSION}:${userId}:dek`);
}

export function entryAad(userId: string, provider: Provider): Bytes {
  return utf8(`byok-vault:v${VAULT_FORMAT_VERSION}:${userId}:entry:${provider}`);
}

/** PBKDF2-HMAC-SHA256 → AES-256-GCM key that can only wrap and unwrap the DEK. */
export async function deriveKek(
  password: string,
  salt: Bytes,
  iterations: number,
  extractable = false,
): Promise<CryptoKey> {
  const base = await subtle().importKey("raw", utf8(password), "PBKDF2", false, ["deriveKey", "deriveBits"]);
  return subtle().deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    extractable,
    ["wrapKey", "unwrapKey"],
  );
}

/** The raw derive the benchmark compares unlock against; also the PBKDF2 known-answer path. */
export async function pbkdf2Sha256(
  password: string,
  salt: Bytes,
  iterations: number,
  lengthBytes: number,
): Promise<Bytes> {
  const base = await subtle().importKey("raw", utf8(password), "PBKDF2", false, ["deriveKey", "deriveBits"]);
  const bits = await subtle().deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, lengthBytes * 8);
  return new Uint8Array(bits);
}

/** A fresh DEK. Extractable only so it can be wrapped once; callers keep the unwrapped, non-extractable copy. */
export function generateDek(): Promise<CryptoKey> {
  return subtle().generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]) as Promise<CryptoKey>;
}

export async function wrapDek(dek: CryptoKey, kek: CryptoKey, iv: Bytes, aad: Bytes): Promise<Bytes> {
  const wrapped = await subtle().wrapKey("raw", dek, kek, {
    name: "AES-GCM",
    iv,
    additionalData: aad,
    tagLength: TAG_BITS,
  });
  return new Uint8Array(wrapped);
}

/** Rejects (OperationError) when the KEK, IV, AAD or wrapped bytes are not the ones used to wrap. */
export function unwrapDek(
  wrapped: Bytes,
  kek: CryptoKey,
  iv: Bytes,
  aad: Bytes,
  extractable = false,
): Promise<CryptoKey> {
  return subtle().unwrapKey(
    "raw",
    wrapped,
    kek,
    { name: "AES-GCM", iv, additionalData: aad, tagLength: TAG_BITS },
    { name: "AES-GCM", length: 256 },
    extractable,
    ["encrypt", "decrypt"],
  );
}

export async function aesGcmEncrypt(key: CryptoKey, iv: Bytes, plaintext: Bytes, aad: Bytes): Promise<Bytes> {
  const ct = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: aad, tagLength: TAG_BITS }, key, plaintext);
  return new Uint8Array(ct);
}

export async function aesGcmDecrypt(key: CryptoKey, iv: Bytes, ciphertext: Bytes, aad: Bytes): Promise<Bytes> {
  const pt = await subtle().decrypt({ name: "AES-GCM", iv, additionalData: aad, tagLength: TAG_BITS }, key, ciphertext);
  return new Uint8Array(pt);
}

/** Known-answer tests only: the vault itself never imports raw key bytes. */
export function importAesKey(raw: Bytes, usages: KeyUsage[]): Promise<CryptoKey> {
  return subtle().importKey("raw", raw, { name: "AES-GCM" }, true, usages);
}
