/**
 * An independent reader of vault backups, written from docs/vault-format.md with node:crypto only.
 * It shares no code with the vault on purpose: it is the proof that the format document is enough.
 */
import { createDecipheriv, pbkdf2Sync } from "node:crypto";

export interface DecryptedBackup {
  userId: string;
  iterations: number;
  entries: { provider: string; key: string; createdAt: number; updatedAt: number }[];
}

function b64url(text: unknown): Buffer {
  if (typeof text !== "string") throw new Error("expected a base64url string");
  return Buffer.from(text, "base64url");
}

function aes256GcmOpen(key: Buffer, iv: Buffer, sealed: Buffer, aad: string): Buffer {
  const tag = sealed.subarray(sealed.length - 16);
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

export function decryptVaultBackup(text: string, password: string): DecryptedBackup {
  const backup = JSON.parse(text) as {
    kind: string;
    format: number;
    userId: string;
    kdf: { name: string; iterations: number; salt: string };
    dek: { iv: string; wrapped: string };
    entries: { provider: string; iv: string; ct: string }[];
  };
  if (backup.kind !== "byok-vault-backup" || backup.format !== 1) throw new Error("not a format-1 vault backup");
  if (backup.kdf.name !== "PBKDF2-HMAC-SHA256") throw new Error("unknown KDF");
  const kek = pbkdf2Sync(Buffer.from(password, "utf8"), b64url(backup.kdf.salt), backup.kdf.iterations, 32, "sha256");
  const dek = aes256GcmOpen(
    kek,
    b64url(backup.dek.iv),
    b64url(backup.dek.wrapped),
    `byok-vault:v1:${backup.userId}:dek`,
  );
  return {
    userId: backup.userId,
    iterations: backup.kdf.iterations,
    entries: backup.entries.map((entry) => {
      const plain = aes256GcmOpen(
        dek,
        b64url(entry.iv),
        b64url(entry.ct),
        `byok-vault:v1:${backup.userId}:entry:${entry.provider}`,
      );
      const payload = JSON.parse(plain.toString("utf8")) as { key: string; createdAt: number; updatedAt: number };
      return { provider: entry.provider, key: payload.key, createdAt: payload.createdAt, updatedAt: payload.updatedAt };
    }),
  };
}
