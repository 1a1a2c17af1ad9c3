import { mintKey } from "@byok/provider-emulator";
import { expect, guardExtraPage, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 6: a second tab opens unlocked; locking the vault in one tab locks it in the other", async ({
  page,
  context,
  pageProblems,
}) => {
  await signInAs(page, uniqueEmail("j6"), "business");
  const first = new ApiKeysPage(page);
  await first.createVault();
  await first.saveKey("openai", mintKey("openai", "valid"));

  // The key keeper hands the open vault to the new tab: no second password prompt.
  const otherPage = await context.newPage();
  await guardExtraPage(otherPage, pageProblems);
  const second = new ApiKeysPage(otherPage);
  await second.open();
  await second.expectUnlocked();
  await expect(second.card("openai").getByTestId("provider-status-openai")).toHaveText("Saved");
  await screenshot(otherPage, "journey6-second-tab-unlocked");

  await first.lock();
  await second.expectLocked();
  await expect(otherPage.getByTestId("vault-lock-cause")).toContainText("locked in another tab");
  await screenshot(page, "journey6-first-tab-locked");
  await screenshot(otherPage, "journey6-second-tab-locked");
});
