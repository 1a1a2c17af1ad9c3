/**
 * The browser vault in real Chromium, inside a page of the running app (no test-only route: the
 * module is bundled here and injected as an init script).
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { mintKey } from "@byok/provider-emulator";
import { VAULT_GLOBAL, type BrowserVaultModule } from "~/e2e/support/vault-bundle";
import { expect, test } from "~/e2e/support/vault-fixtures";
import { decryptVaultBackup } from "~/e2e/support/vault-node-decrypt";

const PASSWORD = "chromium vault passphrase";

declare global {
  interface Window {
    [VAULT_GLOBAL]: BrowserVaultModule;
  }
}

function newUserId(): string {
  return `u_e2e_${randomBytes(6).toString("hex")}`;
}

function freshKeys() {
  return {
    openai: mintKey("openai", "valid"),
    anthropic: mintKey("anthropic", "valid"),
    gemini: mintKey("gemini", "valid"),
  };
}

/** Every record of the vault's IndexedDB, read directly, as anything with disk or script access could. */
function rawRecords(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("byok-vault");
        open.onerror = () => reject(new Error("open failed"));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["vaults", "entries"], "readonly");
          const vaults = tx.objectStore("vaults").getAll();
          const entries = tx.objectStore("entries").getAll();
          tx.oncomplete = () => {
            resolve(JSON.stringify({ vaults: vaults.result, entries: entries.result }));
            db.close();
          };
        };
      }),
  );
}

test("vault (Chromium): initialize, store keys, reload, unlock, read them back; IndexedDB holds no plaintext", async ({
  page,
}) => {
  const userId = newUserId();
  const keys = freshKeys();
  await page.goto("/");

  const first = await page.evaluate(
    async ({ userId, keys, password, global }) => {
      const { createByokVault } = window[global as typeof VAULT_GLOBAL];
      const vault = createByokVault({ userId });
      const before = await vault.ready();
      await vault.initialize(password);
      for (const [provider, key] of Object.entries(keys)) await vault.setKey(provider as "openai", key);
      return { before, after: vault.state(), list: await vault.listKeys(), persisted: vault.persisted };
    },
    { userId, keys, password: PASSWORD, global: VAULT_GLOBAL },
  );
  expect(first.before).toBe("empty");
  expect(first.after).toBe("unlocked");
  expect(first.list.map((k) => k.provider)).toEqual(["openai", "anthropic", "gemini"]);
  expect(first.list[0]?.hint).toBe(`sk-…${keys.openai.slice(-4)}`);
  expect(typeof first.persisted === "boolean" || first.persisted === null).toBe(true);

  await page.reload();
  const second = await page.evaluate(
    async ({ userId, password, global }) => {
      const { createByokVault } = window[global as typeof VAULT_GLOBAL];
      const vault = createByokVault({ userId });
      const state = await vault.ready();
      let lockedError = "";
      try {
        await vault.getKey("openai");
      } catch (err) {
        lockedError = (err as { code: string }).code;
      }
      let wrong = "";
      try {
        await vault.unlock("not the right passphrase");
      } catch (err) {
        wrong = (err as { code: string }).code;
      }
      await vault.unlock(password);
      return { state, lockedError, wrong, keys: await vault.getKeys(["openai", "anthropic", "gemini"]) };
    },
    { userId, password: PASSWORD, global: VAULT_GLOBAL },
  );
  expect(second).toEqual({ state: "locked", lockedError: "LOCKED", wrong: "WRONG_PASSWORD", keys });

  const raw = await rawRecords(page);
  expect(raw).toContain(userId);
  expect(raw).toContain('"iterations":600000');
  for (const secret of [...Object.values(keys), PASSWORD]) {
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(secret.slice(-8));
  }
  expect(raw).not.toMatch(/sk-|AIza/);
});

test("vault (Chromium): a flipped byte in a stored entry gives CORRUPT, never another key", async ({ page }) => {
  const userId = newUserId();
  const keys = freshKeys();
  await page.goto("/");
  const codes = await page.evaluate(
    async ({ userId, keys, password, global }) => {
      const { createByokVault } = window[global as typeof VAULT_GLOBAL];
      const vault = createByokVault({ userId });
      await vault.initialize(password);
      await vault.setKey("openai", keys.openai);
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open("byok-vault");
        open.onsuccess = () => resolve(open.result);
      });
      const request = (mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest) =>
        new Promise<unknown>((resolve, reject) => {
          const r = run(db.transaction("entries", mode).objectStore("entries"));
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
        });
      const entry = (await request("readonly", (s) => s.get([userId, "openai"]))) as { ct: string };
      const out: string[] = [];
      for (const index of [0, 10, entry.ct.length - 1]) {
        const c = entry.ct[index] === "A" ? "B" : "A";
        await request("readwrite", (s) =>
          s.put({ ...entry, ct: entry.ct.slice(0, index) + c + entry.ct.slice(index + 1) }),
        );
        try {
          const value = await vault.getKey("openai");
          out.push(`opened:${value === keys.openai ? "same" : "different"}`);
        } catch (err) {
          out.push((err as { code: string }).code);
        }
      }
      db.close();
      return out;
    },
    { userId, keys, password: PASSWORD, global: VAULT_GLOBAL },
  );
  expect(codes).toEqual(["CORRUPT", "CORRUPT", "CORRUPT"]);
});

test("vault (Chromium): with two tabs, lock() in one locks the other; sign-out locks every tab", async ({
  context,
  page,
}) => {
  const userId = newUserId();
  const keys = freshKeys();
  await page.goto("/");
  const other = await context.newPage();
  await other.goto("/");

  const open = (p: Page) =>
    p.evaluate(
      async ({ userId, password, global }) => {
        const { createByokVault } = window[global as typeof VAULT_GLOBAL];
        const vault = createByokVault({ userId });
        const events: unknown[] = [];
        vault.subscribe((e) => events.push(e));
        const w = window as unknown as { vault: typeof vault; events: unknown[] };
        w.vault = vault;
        w.events = events;
        if ((await vault.ready()) === "empty") await vault.initialize(password);
        else await vault.unlock(password);
        return vault.state();
      },
      { userId, password: PASSWORD, global: VAULT_GLOBAL },
    );
  expect(await open(page)).toBe("unlocked");
  await page.evaluate(
    (key) =>
      (window as unknown as { vault: { setKey(p: string, k: string): Promise<unknown> } }).vault.setKey("openai", key),
    keys.openai,
  );
  expect(await open(other)).toBe("unlocked");
  expect(
    await other.evaluate(() =>
      (window as unknown as { vault: { getKey(p: string): Promise<string | null> } }).vault.getKey("openai"),
    ),
  ).toBe(keys.openai);

  await page.evaluate(() => (window as unknown as { vault: { lock(): void } }).vault.lock());
  await expect
    .poll(() => other.evaluate(() => (window as unknown as { vault: { state(): string } }).vault.state()))
    .toBe("locked");
  expect(await other.evaluate(() => (window as unknown as { events: unknown[] }).events)).toContainEqual({
    type: "lock",
    reason: "other-tab",
  });
  const lockedRead = await other.evaluate(async () => {
    try {
      await (window as unknown as { vault: { getKey(p: string): Promise<string | null> } }).vault.getKey("openai");
      return "read";
    } catch (err) {
      return (err as { code: string }).code;
    }
  });
  expect(lockedRead).toBe("LOCKED");

  expect(await open(page)).toBe("unlocked");
  expect(await open(other)).toBe("unlocked");
  await page.evaluate((global) => window[global as typeof VAULT_GLOBAL].lockAllVaults(), VAULT_GLOBAL);
  expect(await page.evaluate(() => (window as unknown as { vault: { state(): string } }).vault.state())).toBe("locked");
  await expect
    .poll(() => other.evaluate(() => (window as unknown as { vault: { state(): string } }).vault.state()))
    .toBe("locked");
  expect(await other.evaluate(() => (window as unknown as { events: unknown[] }).events)).toContainEqual({
    type: "lock",
    reason: "sign-out",
  });
  await other.close();
});

test("vault (Chromium): a backup exported in Chromium decrypts in Node with node:crypto only (interop)", async ({
  page,
}) => {
  const userId = newUserId();
  const keys = freshKeys();
  await page.goto("/");
  const backup = await page.evaluate(
    async ({ userId, keys, password, global }) => {
      const { createByokVault } = window[global as typeof VAULT_GLOBAL];
      const vault = createByokVault({ userId });
      await vault.initialize(password);
      for (const [provider, key] of Object.entries(keys)) await vault.setKey(provider as "openai", key);
      return vault.exportBackup();
    },
    { userId, keys, password: PASSWORD, global: VAULT_GLOBAL },
  );
  for (const secret of Object.values(keys)) expect(backup).not.toContain(secret);

  const opened = decryptVaultBackup(backup, PASSWORD);
  expect(opened.userId).toBe(userId);
  expect(opened.iterations).toBe(600_000);
  expect(Object.fromEntries(opened.entries.map((e) => [e.provider, e.key]))).toEqual(keys);
  expect(() => decryptVaultBackup(backup, "a wrong passphrase here")).toThrow();

  const restored = await page.evaluate(
    async ({ backup, password, global, userId }) => {
      const request = indexedDB.deleteDatabase("byok-vault");
      await new Promise((resolve) => (request.onsuccess = resolve));
      const { createByokVault } = window[global as typeof VAULT_GLOBAL];
      const vault = createByokVault({ userId });
      const before = await vault.ready();
      await vault.importBackup(backup, password);
      return { before, keys: await vault.getKeys(["openai", "anthropic", "gemini"]) };
    },
    { backup, password: PASSWORD, global: VAULT_GLOBAL, userId },
  );
  expect(restored).toEqual({ before: "empty", keys });
});
