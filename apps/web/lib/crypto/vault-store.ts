/** IndexedDB access for the vault (docs/vault-format.md, "Stores"). Holds records, never CryptoKeys. */
import type { Provider } from "@byok/types";
import { wrap, type DBSchema, type IDBPDatabase } from "idb";
import { VaultError } from "~/lib/crypto/vault-errors";

export const VAULT_DB_NAME = "byok-vault";
export const VAULT_DB_VERSION = 1;

/** Records are typed `unknown` on read: anything in IndexedDB may have been altered. */
interface VaultDb extends DBSchema {
  vaults: { key: string; value: { userId: string } & Record<string, unknown> };
  entries: {
    key: [string, string];
    value: { userId: string; provider: string } & Record<string, unknown>;
    indexes: { byUser: string };
  };
}

export interface VaultStore {
  getVault(userId: string): Promise<unknown>;
  getEntry(userId: string, provider: Provider): Promise<unknown>;
  listEntries(userId: string): Promise<unknown[]>;
  /** Writes an entry only while the user's vault exists; false when it does not. */
  putEntry(record: { userId: string; provider: Provider } & Record<string, unknown>): Promise<boolean>;
  deleteEntry(userId: string, provider: Provider): Promise<boolean>;
  putVault(record: { userId: string } & Record<string, unknown>): Promise<void>;
  /** Adds a new vault and its entries atomically; false when the user already has a vault. */
  createVault(
    record: { userId: string } & Record<string, unknown>,
    entries: ({ userId: string; provider: Provider } & Record<string, unknown>)[],
  ): Promise<boolean>;
  deleteVault(userId: string): Promise<void>;
  close(): void;
}

function openRequest(factory: IDBFactory): Promise<IDBPDatabase<VaultDb>> {
  const request = factory.open(VAULT_DB_NAME, VAULT_DB_VERSION);
  request.onupgradeneeded = (event) => {
    const db = request.result;
    if (event.oldVersion < 1) {
      db.createObjectStore("vaults", { keyPath: "userId" });
      const entries = db.createObjectStore("entries", { keyPath: ["userId", "provider"] });
      entries.createIndex("byUser", "userId");
    }
  };
  return wrap(request) as unknown as Promise<IDBPDatabase<VaultDb>>;
}

async function withStorage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof VaultError) throw err;
    throw new VaultError("STORAGE_UNAVAILABLE");
  }
}

export async function openVaultStore(factory: IDBFactory | undefined): Promise<VaultStore> {
  if (!factory) throw new VaultError("STORAGE_UNAVAILABLE");
  const db = await withStorage(() => openRequest(factory));
  // Another tab upgrading the schema must not be blocked by this one.
  db.addEventListener("versionchange", () => db.close());

  return {
    getVault: (userId) => withStorage(() => db.get("vaults", userId)),
    getEntry: (userId, provider) => withStorage(() => db.get("entries", [userId, provider])),
    listEntries: (userId) => withStorage(() => db.getAllFromIndex("entries", "byUser", userId)),
    putEntry: (record) =>
      withStorage(async () => {
        const tx = db.transaction(["vaults", "entries"], "readwrite");
        const exists = (await tx.objectStore("vaults").count(record.userId)) > 0;
        if (exists) await tx.objectStore("entries").put(record);
        await tx.done;
        return exists;
      }),
    deleteEntry: (userId, provider) =>
      withStorage(async () => {
        const tx = db.transaction("entries", "readwrite");
        const existed = (await tx.store.count([userId, provider])) > 0;
        await tx.store.delete([userId, provider]);
        await tx.done;
        return existed;
      }),
    putVault: (record) => withStorage(async () => void (await db.put("vaults", record))),
    createVault: (record, entries) =>
      withStorage(async () => {
        const tx = db.transaction(["vaults", "entries"], "readwrite");
        if ((await tx.objectStore("vaults").count(record.userId)) > 0) {
          tx.abort();
          await tx.done.catch(() => undefined);
          return false;
        }
        await tx.objectStore("vaults").add(record);
        for (const entry of entries) await tx.objectStore("entries").put(entry);
        await tx.done;
        return true;
      }),
    deleteVault: (userId) =>
      withStorage(async () => {
        const tx = db.transaction(["vaults", "entries"], "readwrite");
        const keys = await tx.objectStore("entries").index("byUser").getAllKeys(userId);
        for (const key of keys) await tx.objectStore("entries").delete(key);
        await tx.objectStore("vaults").delete(userId);
        await tx.done;
      }),
    close: () => db.close(),
  };
}
