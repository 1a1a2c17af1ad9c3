/** The persisted and exported shapes (docs/vault-format.md), and their strict parsing. */
import { PROVIDERS, type Provider } from "@byok/types";
import { z } from "zod";
import { VaultError } from "./vault-errors";
import {
  IV_BYTES,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  SALT_BYTES,
  VAULT_FORMAT_VERSION,
  fromBase64Url,
} from "./vault-primitives";

export const KDF_NAME = "PBKDF2-HMAC-SHA256";
export const BACKUP_KIND = "byok-vault-backup";
const WRAPPED_DEK_BYTES = 32 + 16;
const TAG_BYTES = 16;

const b64 = z.string().max(8192);
const kdfSchema = z.object({ name: z.literal(KDF_NAME), iterations: z.number().int(), salt: b64 }).strict();
const dekSchema = z.object({ iv: b64, wrapped: b64 }).strict();

const vaultRecordSchema = z
  .object({
    format: z.literal(VAULT_FORMAT_VERSION),
    userId: z.string(),
    kdf: kdfSchema,
    dek: dekSchema,
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .strict();
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

const entryRecordSchema = z
  .object({ format: z.literal(VAULT_FORMAT_VERSION), userId: z.string(), provider: z.enum(PROVIDERS), iv: b64, ct: b64 })
  .strict();
export type EntryRecord = z.infer<typeof entryRecordSchema>;

const backupSchema = z
  .object({
    kind: z.literal(BACKUP_KIND),
    format: z.literal(VAULT_FORMAT_VERSION),
    userId: z.string(),
    exportedAt: z.number(),
    kdf: kdfSchema,
    dek: dekSchema,
    entries: z.array(z.object({ provider: z.enum(PROVIDERS), iv: b64, ct: b64 }).strict()).max(PROVIDERS.length),
  })
  .strict();
export type VaultBackup = z.infer<typeof backupSchema>;

/** The secret inside each entry's ciphertext. */
const entryPayloadSchema = z
  .object({ key: z.string().min(1), createdAt: z.number(), updatedAt: z.number() })
  .strict();
export type EntryPayload = z.infer<typeof entryPayloadSchema>;

type Bytes = Uint8Array<ArrayBuffer>;

export interface DecodedVault {
  iterations: number;
  salt: Bytes;
  dekIv: Bytes;
  wrapped: Bytes;
}

function decodeExact(text: string, length: number): Bytes {
  const bytes = fromBase64Url(text);
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

function decodeKdf(kdf: z.infer<typeof kdfSchema>, dek: z.infer<typeof dekSchema>): DecodedVault {
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
  const parsed = vaultRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.userId !== userId) throw new VaultError("CORRUPT");
  return { ...parsed.data, decoded: decodeKdf(parsed.data.kdf, parsed.data.dek) };
}

export interface DecodedEntry {
  provider: Provider;
  iv: Bytes;
  ct: Bytes;
}

export function decodeEntry(entry: { provider: Provider; iv: string; ct: string }): DecodedEntry {
  const ct = fromBase64Url(entry.ct);
  if (!ct || ct.length <= TAG_BYTES) throw new VaultError("CORRUPT");
  return { provider: entry.provider, iv: decodeExact(entry.iv, IV_BYTES), ct };
}

export function parseEntryRecord(value: unknown, userId: string, provider: Provider): EntryRecord & { decoded: DecodedEntry } {
  checkFormat(value);
  const parsed = entryRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.userId !== userId || parsed.data.provider !== provider) {
    throw new VaultError("CORRUPT", `The stored ${provider} key is damaged or was altered.`);
  }
  return { ...parsed.data, decoded: decodeEntry(parsed.data) };
}

export const MAX_BACKUP_CHARS = 64 * 1024;

export function parseBackup(text: string, userId: string): VaultBackup & { decoded: DecodedVault; decodedEntries: DecodedEntry[] } {
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
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) throw new VaultError("CORRUPT", "The backup file is damaged or incomplete.");
  if (parsed.data.userId !== userId) {
    throw new VaultError("CORRUPT", "This backup belongs to another account and cannot be opened here.");
  }
  const providers = new Set(parsed.data.entries.map((e) => e.provider));
  if (providers.size !== parsed.data.entries.length) throw new VaultError("CORRUPT", "The backup file is damaged or incomplete.");
  return {
    ...parsed.data,
    decoded: decodeKdf(parsed.data.kdf, parsed.data.dek),
    decodedEntries: parsed.data.entries.map(decodeEntry),
  };
}

export function parseEntryPayload(bytes: Uint8Array, provider: Provider): EntryPayload {
  try {
    const parsed = entryPayloadSchema.safeParse(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the typed error
  }
  throw new VaultError("CORRUPT", `The stored ${provider} key is damaged or was altered.`);
}
