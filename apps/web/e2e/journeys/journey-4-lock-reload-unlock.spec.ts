import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 4: lock, reload, unlock: keys survive; wrong passwords get their messages", async ({ page }) => {
  await signInAs(page, uniqueEmail("j4"), "start");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  const openaiKey = mintKey("openai", "valid");
  const geminiKey = mintKey("gemini", "valid");
  await keys.saveKey("openai", openaiKey);
  await keys.saveKey("gemini", geminiKey);

  await keys.lock();
  await page.reload();
  await keys.expectLocked();
  await screenshot(page, "journey4-locked");

  await keys.unlock("not the right password");
  const unlockForm = page.getByTestId("vault-unlock");
  await expect(unlockForm.getByRole("alert")).toHaveText("That password is not correct.");
  await expect(unlockForm.getByLabel("Vault password", { exact: true })).toBeFocused();
  await screenshot(page, "journey4-wrong-password");
  await expectAccessible(page, "unlock with an error");

  await keys.unlock(VAULT_PASSWORD);
  await keys.expectUnlocked();
  await expect(keys.card("openai").getByTestId("provider-hint-openai")).toHaveText(`sk-…${openaiKey.slice(-4)}`);
  await expect(keys.card("gemini").getByTestId("provider-hint-gemini")).toHaveText(`AIza…${geminiKey.slice(-4)}`);
  await expect(keys.card("anthropic").getByTestId("provider-status-anthropic")).toHaveText("Not set");
  await screenshot(page, "journey4-unlocked");

  // Five wrong passwords in a row are answered plainly; after that the vault makes attempts wait,
  // doubling the wait each time, so repeated guesses soon meet the throttle message.
  await keys.lock();
  const alert = unlockForm.getByRole("alert");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await keys.unlock(`wrong password ${attempt}`);
    await expect(alert).toHaveText("That password is not correct.");
  }
  let throttled = false;
  for (let attempt = 6; attempt <= 14 && !throttled; attempt++) {
    await keys.unlock(`wrong password ${attempt}`);
    await expect(alert).toHaveText(/That password is not correct\.|Too many wrong passwords/);
    throttled = (await alert.innerText()).startsWith("Too many");
  }
  expect(throttled).toBe(true);
  await expect(alert).toHaveText(/^Too many wrong passwords\. Try again in \d+ s\.$/);
  await screenshot(page, "journey4-too-many-attempts");
});
