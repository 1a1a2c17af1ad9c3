import { endedStageReason } from "~/components/recordings/attribution-label";
import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 3: a quota-exhausted key falls back to the platform key, and the badge says why", async ({ page }) => {
  await signInAs(page, uniqueEmail("j3"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "valid"));

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("first.wav");
  await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Your OpenAI key");

  await page.getByRole("link", { name: "Manage your API keys" }).click();
  await keys.expectUnlocked();
  await keys.saveKey("openai", mintKey("openai", "quota"));
  await screenshot(page, "journey3-api-keys");

  // Locked (a fresh page load no longer locks it: the key keeper carries it over), unlocking from the
  // upload prompt goes on with the user's keys.
  await keys.lock();
  await recordings.open();
  await recordings.upload("second.wav");
  const gate = page.getByTestId("vault-locked-gate");
  await gate.getByLabel("Vault password", { exact: true }).fill(VAULT_PASSWORD);
  await gate.getByRole("button", { name: "Unlock" }).click();
  const detail = await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Platform key — your key hit its quota");
  await expect(detail.getByTestId("stage-stt")).toContainText(endedStageReason("quota_exceeded"));
  await screenshot(page, "journey3-recordings");
});
