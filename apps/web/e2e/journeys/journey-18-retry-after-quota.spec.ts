import { mintKey } from "@byok/provider-emulator";
import { PROVIDER_REGISTRY } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

// Two recordings' worth of pipeline, a key change and an axe pass.
test.setTimeout(150_000);

test("journey 18: an out-of-quota key fails the recording, naming OpenAI and its billing page; after a new key, Retry completes it", async ({
  page,
}) => {
  await signInAs(page, uniqueEmail("j18"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "quota"));
  await keys.setPolicy("byok_only");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("budget-review.wav");
  const detail = await recordings.waitForEnd("failed");
  const recordingUrl = page.url();

  // The failure names the provider and whose key, and links the provider's billing page.
  await expect(detail.getByTestId("stage-stt-error")).toHaveText(
    "Your OpenAI key had run out of quota or credit with OpenAI.",
  );
  const billing = detail.getByRole("link", { name: "Add credit at OpenAI" });
  await expect(billing).toHaveAttribute("href", PROVIDER_REGISTRY.openai.links.billing);
  await expect(billing).toHaveAttribute("target", "_blank");
  await expect(detail).not.toContainText(/try again shortly/i);
  // "Only my keys": no platform re-run is offered.
  await expect(detail.getByTestId("retry-own")).toBeVisible();
  await expect(detail.getByTestId("retry-platform")).toHaveCount(0);
  await screenshot(page, "journey18-failed");
  await expectAccessible(page, "failed recording with retry");

  // The user tops up by bringing a working key, then comes back to the recording.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "API Keys →" }).click();
  await keys.expectUnlocked();
  await keys.saveKey("openai", mintKey("openai", "valid"));
  // Locked meanwhile: Retry asks for the vault first, as an upload does.
  await keys.lock();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recordings" }).click();
  await page
    .getByTestId("recording-list")
    .getByRole("link", { name: /budget-review\.wav/ })
    .click();
  await expect(page).toHaveURL(recordingUrl);
  await expect(detail.getByTestId("retry-own")).toHaveCount(0);
  await detail.getByTestId("retry-unlock").click();
  const unlock = detail.getByTestId("vault-unlock");
  await unlock.getByLabel("Vault password", { exact: true }).fill(VAULT_PASSWORD);
  await unlock.getByRole("button", { name: "Unlock" }).click();
  await expect(detail).not.toHaveAttribute("data-status", "failed");
  const done = await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Your OpenAI key");
  await expect(recordings.payer("analysis")).toHaveText("Your OpenAI key");
  await expect(done.getByTestId("stage-stt-error")).toHaveCount(0);
  await expect(done).not.toContainText(/try again shortly/i);
  await expect(done.getByTestId("stage-stt-cost")).toContainText("Paid by: Own key");
  await screenshot(page, "journey18-completed");
});
