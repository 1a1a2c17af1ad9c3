/** The persisted and exported shapes (docs/vault-format.md), and their strict parsing. */
import { PROVIDERS, type Provider } from "@byok/types";
import { VaultError } from "~/lib/crypto/vault-errors";
import {
  IV_BYTES,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  SALT_BYTES,
  VAULT_FORMAT_VERSION,
  fromUtf8,
} from "~/lib/crypto/vault-primitives";
import { fromBase64url } from "@byok/base64url";

export const KDF_NAME = "PBKDF2-HMAC-SHA256";
export const BACKUP_KIND = "byok-vault-backup";
const WRAPPED_DEK_BYTES = 32 + 16;
const TAG_BYTES = 16;

export interface KdfFields {
  name: typeof KDF_NAME;
  iterations: number;
  salt: string;
}
export interface DekFields {
  iv: string;
  wrapped: string;
}
export interface VaultRecord {
  format: typeof VAULT_FORMAT_VERSION;
  userId: string;
  kdf: KdfFields;
  dek: DekFields;
  createdAt: number;
  updatedAt: number;
}
export interface EntryRecord {
  format: typeof VAULT_FORMAT_VERSION;
  userId: string;
  provider: Provider;
  iv: string;
  ct: string;
}
export interface VaultBackup {
  kind: typeof BACKUP_KIND;
  format: typeof VAULT_FORMAT_VERSION;
  userId: string;
  exportedAt: number;
  kdf: KdfFields;
  dek: DekFields;
  entries: { provider: Provider; iv: string; ct: string }[];
}
/** The secret inside each entry's ciphertext. */
export interface EntryPayload {
  key: string;
  createdAt: number;
  updatedAt: number;
}

// Hand-written checks rather than zod: zod probes `new Function` at parse time, which a strict
// CSP (no 'unsafe-eval') reports as a violation on every page that opens the vault.
type Shape = Record<string, (value: unknown) => boolean>;
const isString = (v: unknown) => typeof v === "string" && v.length <= 8192;
const isNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isProvider = (v: unknown) => PROVIDERS.includes(v as Provider);

function matches<T>(value: unknown, shape: Shape): value is T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== Object.keys(shape).length) return false;
  return keys.every((k) => Object.hasOwn(shape, k) && shape[k]!((value as Record<string, unknown>)[k]));
}

const kdfShape: Shape = { name: (v) => v === KDF_NAME, iterations: (v) => Number.isInteger(v), salt: isString };
const dekShape: Shape = { iv: isString, wrapped: isString };
const vaultShape: Shape = {
  format: (v) => v === VAULT_FORMAT_VERSION,
  userId: isString,
  kdf: (v) => matches(v, kdfShape),
  dek: (v) => matches(v, dekShape),
  createdAt: isNumber,
  updatedAt: isNumber,
};
const entryShape: Shape = {
  format: (v) => v === VAULT_FORMAT_VERSION,
  userId: isString,
  provider: isProvider,
  iv: isString,
  ct: isString,
};
const backupEntryShape: Shape = { provider: isProvider, iv: isString, ct: isString };
const backupShape: Shape = {
  kind: (v) => v === BACKUP_KIND,
  format: (v) => v === VAULT_FORMAT_VERSION,
  userId: isString,
  exportedAt: isNumber,
  kdf: (v) => matches(v, kdfShape),
  dek: (v) => matches(v, dekShape),
  entries: (v) => Array.isArray(v) && v.length <= PROVIDERS.length && v.every((e) => matches(e, backupEntryShape)),
};
const payloadShape: Shape = {
  key: (v) => typeof v === "string" && v.length > 0,
  createdAt: isNumber,
  updatedAt: isNumber,
};

type Bytes = Uint8Array<ArrayBuffer>;

export interface DecodedVault {
  iterations: number;
  salt: Bytes;
  dekIv: Bytes;
  wrapped: Bytes;
}

function decodeExact(text: string, length: number): Bytes {
  const bytes = fromBase64url(text);
  if (!bytes || bytes.length !== length) throw new VaultError("CORRUPT");
  return bytes;
}

function formatOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { format?: unknown }).format : undefined;
}

function checkFormat(value: unknown): void {
  const format = formatOf(value);
  if (typeof format === "number" && format !== VAULT_FORMAT_VERSION) throw new VaultError("UNSUPPORTED_VERSION");
}

function checkIterations(iterations: number): void {
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new VaultError(
      "UNSUPPORTED_VERSION",
      `This vault asks for ${iterations} PBKDF2 iterations; only ${MIN_ITERATIONS}–${MAX_ITERATIONS} are accepted.`,
    );
  }
}

function decodeKdf(kdf: KdfFields, dek: DekFields): DecodedVault {
  checkIterations(kdf.iterations);
  return {
    iterations: kdf.iterations,
    salt: decodeExact(kdf.salt, SALT_BYTES),
    dekIv: decodeExact(dek.iv, IV_BYTES),
    wrapped: decodeExact(dek.wrapped, WRAPPED_DEK_BYTES),
  };
}

export function parseVaultRecord(value: unknown, userId: string): VaultRecord & { decoded: DecodedVault } {
  checkFormat(value);
  if (!matches<VaultRecord>(value, vaultShape) || value.userId !== userId) throw new VaultError("CORRUPT");
  return { ...value, decoded: decodeKdf(value.kdf, value.dek) };
}

export interface DecodedEntry {
  provider: Provider;
  iv: Bytes;
  ct: Bytes;
}

export function decodeEntry(entry: { provider: Provider; iv: string; ct: string }): DecodedEntry {
  const ct = fromBase64url(entry.ct);
  if (!ct || ct.length <= TAG_BYTES) throw new VaultError("CORRUPT");
  return { provider: entry.provider, iv: decodeExact(entry.iv, IV_BYTES), ct };
}

export function parseEntryRecord(
  value: unknown,
  userId: string,
  provider: Provider,
): EntryRecord & { decoded: DecodedEntry } {
  checkFormat(value);
  if (!matches<EntryRecord>(value, entryShape) || value.userId !== userId || value.provider !== provider) {
    throw new VaultError("CORRUPT", `The stored ${provider} key is damaged or was altered.`);
  }
  return { ...value, decoded: decodeEntry(value) };
}

export const MAX_BACKUP_CHARS = 64 * 1024;

export function parseBackup(
  text: string,
  userId: string,
): VaultBackup & { decoded: DecodedVault; decodedEntries: DecodedEntry[] } {
  if (typeof text !== "string" || text.length > MAX_BACKUP_CHARS) {
    throw new VaultError("CORRUPT", "This is not a vault backup file.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError("CORRUPT", "This is not a vault backup file.");
  }
  if (typeof json !== "object" || json === null || (json as { kind?: unknown }).kind !== BACKUP_KIND) {
    throw new VaultError("CORRUPT", "This is not a vault backup file.");
  }
  checkFormat(json);
  if (!matches<VaultBackup>(json, backupShape))
    throw new VaultError("CORRUPT", "The backup file is damaged or incomplete.");
  if (json.userId !== userId) {
    throw new VaultError("CORRUPT", "This backup belongs to another account and cannot be opened here.");
  }
  const providers = new Set(json.entries.map((e) => e.provider));
  if (providers.size !== json.entries.length)
    throw new VaultError("CORRUPT", "The backup file is damaged or incomplete.");
  return { ...json, decoded: decodeKdf(json.kdf, json.dek), decodedEntries: json.entries.map(decodeEntry) };
}

export function parseEntryPayload(bytes: Uint8Array, provider: Provider): EntryPayload {
  try {
    const parsed: unknown = JSON.parse(fromUtf8(bytes));
    if (matches<EntryPayload>(parsed, payloadShape)) return parsed;
  } catch {
    // falls through to the typed error
  }
  throw new VaultError("CORRUPT", `The stored ${provider} key is damaged or was altered.`);
}
