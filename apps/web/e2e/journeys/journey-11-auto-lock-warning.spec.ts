import { mintKey } from "@byok/provider-emulator";
import { expect, guardExtraPage, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 11: a warning a minute before auto-lock, Stay unlocked in any tab, and the idle time setting", async ({
  page,
  context,
  pageProblems,
}) => {
  // One clock for the whole context: both tabs (and reloads) see the same fast-forwarded time.
  await page.clock.install();
  await signInAs(page, uniqueEmail("j11"), "pro");
  const first = new ApiKeysPage(page);
  await first.createVault();
  await first.saveKey("gemini", mintKey("gemini", "valid"));
  const warning = page.getByTestId("auto-lock-warning");

  await page.clock.fastForward("28:50");
  await first.expectUnlocked();
  await expect(warning).toBeHidden();

  // One minute before the lock: announced, and the focus is on the way out.
  await page.clock.fastForward("00:15");
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("heading")).toHaveText("Your key vault is about to lock");
  const stay = warning.getByRole("button", { name: "Stay unlocked" });
  await expect(stay).toBeFocused();
  await screenshot(page, "journey11-warning");
  await expectAccessible(page, "auto-lock warning");

  // The warning shows in every tab (one shared idle clock); staying in one keeps all open.
  const otherPage = await context.newPage();
  await guardExtraPage(otherPage, pageProblems);
  const second = new ApiKeysPage(otherPage);
  await second.open();
  await second.expectUnlocked();
  await expect(otherPage.getByTestId("auto-lock-warning")).toBeVisible();
  await otherPage.getByRole("button", { name: "Stay unlocked" }).press("Enter");
  await expect(otherPage.getByTestId("auto-lock-stayed")).toHaveText("The vault stays unlocked.");
  await expect(warning).toBeHidden();
  await otherPage.close();

  // A full idle period counts from that moment: warned again at 29:00, locked at 30:00.
  await page.clock.fastForward("28:30");
  await expect(warning).toBeHidden();
  await page.clock.fastForward("00:45");
  await expect(warning).toBeVisible();
  await page.clock.fastForward("01:00");
  await first.expectLocked();
  await expect(page.getByTestId("vault-lock-cause")).toContainText("after 30 minutes without activity");

  // Five minutes instead: stored for this browser, so it survives a reload.
  await first.unlock();
  await first.expectUnlocked();
  await page.getByLabel("Auto-lock after").selectOption("5");
  await expect(page.getByTestId("auto-lock-note")).toContainText("Locks after 5 min idle");
  await page.clock.fastForward("03:00");
  await page.reload();
  await first.expectUnlocked();
  await expect(page.getByLabel("Auto-lock after")).toHaveValue("5");

  // The reload kept the idle clock too (it is not activity): warned 4 minutes after the unlock.
  await page.clock.fastForward("01:10");
  await expect(warning).toBeVisible();
  await page.clock.fastForward("01:01");
  await first.expectLocked();
  await expect(page.getByTestId("vault-lock-cause")).toContainText("after 5 minutes without activity");
  await screenshot(page, "journey11-locked-after-5-minutes");
});
