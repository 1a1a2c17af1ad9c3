/** Test-only helpers: raw access to the vault's IndexedDB records, as an attacker with disk access has. */
import { IDBFactory } from "fake-indexeddb";
import { wrap, type IDBPDatabase } from "idb";
import { VAULT_DB_NAME, VAULT_DB_VERSION } from "~/lib/crypto/vault-store";
import { createByokVault, type ByokVault, type ByokVaultOptions } from "~/lib/crypto/byok-vault";
import { MIN_ITERATIONS } from "~/lib/crypto/vault-primitives";

export const PASSWORD = "correct horse battery";
export const OTHER_PASSWORD = "another long passphrase";

export type RawRecord = Record<string, unknown> & { userId: string };

export interface RawDb {
  getVault(userId: string): Promise<RawRecord>;
  putVault(record: unknown): Promise<void>;
  getEntry(userId: string, provider: string): Promise<RawRecord>;
  putEntry(record: unknown): Promise<void>;
  /** Every record of both stores, for plaintext sweeps. */
  dump(): Promise<unknown[]>;
  close(): void;
}

export async function openRawDb(factory: IDBFactory): Promise<RawDb> {
  const db = (await wrap(factory.open(VAULT_DB_NAME, VAULT_DB_VERSION))) as unknown as IDBPDatabase;
  const must = (value: unknown): RawRecord => {
    if (!value) throw new Error("record missing");
    return structuredClone(value) as RawRecord;
  };
  return {
    getVault: async (userId) => must(await db.get("vaults", userId)),
    putVault: async (record) => void (await db.put("vaults", record)),
    getEntry: async (userId, provider) => must(await db.get("entries", [userId, provider])),
    putEntry: async (record) => void (await db.put("entries", record)),
    dump: async () => [...(await db.getAll("vaults")), ...(await db.getAll("entries"))],
    close: () => db.close(),
  };
}

export function testVault(factory: IDBFactory, overrides: Partial<ByokVaultOptions> = {}): ByokVault {
  return createByokVault({ userId: "u_test", indexedDB: factory, iterations: MIN_ITERATIONS, ...overrides });
}

export function freshFactory(): IDBFactory {
  return new IDBFactory();
}

/** Flips every bit of byte `index` of a base64url field. */
export function flipByte(b64: string, index: number): string {
  const bytes = Buffer.from(b64, "base64url");
  bytes[index] = (bytes[index] ?? 0) ^ 0xff;
  return bytes.toString("base64url");
}

export function byteLength(b64: string): number {
  return Buffer.from(b64, "base64url").length;
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { code?: string }).code ?? `non-vault error: ${String(err)}`;
  }
  return "resolved";
}
