import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { watchForKeys } from "~/e2e/journeys/helpers/key-leak-watch";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 2: a recording runs on the user's keys and says so on both stages", async ({ page }) => {
  const openaiKey = mintKey("openai", "valid");
  const anthropicKey = mintKey("anthropic", "valid");
  const watch = watchForKeys(page, [openaiKey, anthropicKey]);

  await signInAs(page, uniqueEmail("j2"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", openaiKey);
  await keys.saveKey("anthropic", anthropicKey);
  await screenshot(page, "journey2-api-keys");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await expect(page.getByTestId("key-source-note")).toContainText("Uses your keys");
  await recordings.upload("standup.wav");
  const detail = await recordings.waitForEnd("completed");

  await expect(recordings.payer("stt")).toHaveText("Your OpenAI key");
  await expect(recordings.payer("analysis")).toHaveText(/^Your (OpenAI|Anthropic) key$/);
  await expect(detail.getByTestId("recording-transcript")).not.toBeEmpty();
  await expect(detail.getByTestId("analysis-summary")).not.toBeEmpty();
  await expect(page.getByTestId("recording-list")).toContainText("standup.wav");
  await screenshot(page, "journey2-recordings");
  await expectAccessible(page, "recordings with a result");

  // The keys left the browser once, in the header of the one cacheByokKeys call; the upload carried a reference.
  expect(watch.headerCarriers).toEqual(["/api/trpc/user.cacheByokKeys"]);

  // A reload keeps the vault open (the key keeper); once it is locked, the page offers to unlock or
  // to go on with platform keys.
  await page.reload();
  await expect(page.getByTestId("key-source-note")).toContainText("Uses your keys");
  await keys.open();
  await keys.expectUnlocked();
  await keys.lock();
  await recordings.open();
  await expect(page.getByTestId("key-source-note")).toContainText("vault is locked");
  await recordings.upload("on-platform.wav");
  const gate = page.getByTestId("vault-locked-gate");
  await expect(gate).toContainText("Your key vault is locked");
  await screenshot(page, "journey2-vault-locked-gate");
  await expectAccessible(page, "locked-vault prompt");
  await gate.getByRole("button", { name: "Continue on platform keys" }).click();
  await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Platform key");
  await expect(recordings.payer("analysis")).toHaveText("Platform key");
  await screenshot(page, "journey2-recordings-platform");

  expect(watch.headerCarriers).toEqual(["/api/trpc/user.cacheByokKeys"]);
  await watch.expectNoLeaks();
});
