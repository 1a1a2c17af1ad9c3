import { setTimeout as sleep } from "node:timers/promises";
import type { Page } from "@playwright/test";
import { mintKey } from "@byok/provider-emulator";
import { RELOAD_GRACE_MS } from "~/lib/crypto/vault-keeper";
import { IDLE_MINUTES_STORAGE_KEY } from "~/lib/crypto/vault-idle-setting";
import { SESSION_COOKIES } from "~/lib/session/cookie-name";
import { expect, guardExtraPage, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

/** Everything this origin keeps on disk that page script can read, for a sweep. */
function persistedState(page: Page) {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name ?? "");
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open("byok-vault");
      open.onerror = () => reject(new Error("open failed"));
      open.onsuccess = () => {
        const tx = open.result.transaction(["vaults", "entries"], "readonly");
        const vaults = tx.objectStore("vaults").getAll();
        const entries = tx.objectStore("entries").getAll();
        tx.oncomplete = () => {
          resolve([...vaults.result, ...entries.result]);
          open.result.close();
        };
      };
    });
    const holdsKey = (value: unknown): boolean =>
      value instanceof CryptoKey ||
      (typeof value === "object" && value !== null && Object.values(value).some(holdsKey));
    const local = Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    return {
      databases,
      cryptoKeyInIndexedDb: records.some(holdsKey),
      text: JSON.stringify({ records, local, session: { ...sessionStorage }, caches: await caches.keys() }),
      localKeys: Object.keys(local),
      sessionLength: sessionStorage.length,
    };
  });
}

test("journey 10: the vault stays unlocked across reloads and tabs, and locks everywhere at once", async ({
  page,
  context,
  pageProblems,
}) => {
  const email = uniqueEmail("j10");
  const openaiKey = mintKey("openai", "valid");
  await signInAs(page, email, "pro");
  const first = new ApiKeysPage(page);
  await first.createVault();
  await first.saveKey("openai", openaiKey);

  // A reload keeps the vault open: the key keeper hands the DEK back, no password asked.
  await page.reload();
  await first.expectUnlocked();
  await expect(first.card("openai").getByTestId("provider-hint-openai")).toHaveText(`sk-…${openaiKey.slice(-4)}`);
  await screenshot(page, "journey10-reloaded-unlocked");

  // The open vault came from the keeper's memory, not from anything stored: no CryptoKey in
  // IndexedDB, nothing in session storage, only the (not secret) idle time in local storage, and
  // no cookie but the session's.
  const stored = await persistedState(page);
  expect(stored.databases).toEqual(["byok-vault"]);
  expect(stored.cryptoKeyInIndexedDb).toBe(false);
  expect(stored.sessionLength).toBe(0);
  expect(stored.localKeys.filter((key) => key !== IDLE_MINUTES_STORAGE_KEY)).toEqual([]);
  expect(stored.text).not.toContain(openaiKey);
  expect(stored.text).not.toContain(openaiKey.slice(-8));
  expect((await context.cookies()).map((c) => c.name)).toEqual([SESSION_COOKIES[0]]);

  // So does a new tab of the same user.
  const otherPage = await context.newPage();
  await guardExtraPage(otherPage, pageProblems);
  const second = new ApiKeysPage(otherPage);
  await second.open();
  await second.expectUnlocked();
  await expect(second.card("openai").getByTestId("provider-status-openai")).toHaveText("Saved");

  // Locking in one tab locks every tab and the keeper: a reload now asks for the password.
  await second.lock();
  await first.expectLocked();
  await expect(page.getByTestId("vault-lock-cause")).toContainText("locked in another tab");
  await page.reload();
  await first.expectLocked();

  // Unlocking in one tab opens the other too.
  await first.unlock();
  await first.expectUnlocked();
  await second.expectUnlocked();

  // Signing out in one tab locks the other (not navigated) and empties the keeper.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await second.expectLocked();
  await expect(otherPage.getByText("The vault locked when you signed out.")).toBeVisible();
  await signInAs(page, email, "pro");
  await first.expectLocked();
  await screenshot(page, "journey10-signed-in-again-locked");

  // With every tab closed, the keeper lets the DEK go: the next visit asks for the password.
  await first.unlock();
  await first.expectUnlocked();
  await otherPage.close();
  await page.close();
  await sleep(RELOAD_GRACE_MS + 2_000);
  const later = await context.newPage();
  await guardExtraPage(later, pageProblems);
  const third = new ApiKeysPage(later);
  await third.open();
  await third.expectLocked();
  await screenshot(later, "journey10-next-visit-locked");
});
