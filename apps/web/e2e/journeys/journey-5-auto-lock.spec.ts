import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 5: the vault locks itself after 30 minutes idle", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, uniqueEmail("j5"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("anthropic", mintKey("anthropic", "valid"));
  await screenshot(page, "journey5-unlocked");

  await page.clock.fastForward("29:00");
  await keys.expectUnlocked();

  await page.clock.fastForward("01:01");
  await keys.expectLocked();
  await expect(page.getByTestId("vault-lock-cause")).toContainText("after 30 minutes without activity");
  await screenshot(page, "journey5-auto-locked");
});
