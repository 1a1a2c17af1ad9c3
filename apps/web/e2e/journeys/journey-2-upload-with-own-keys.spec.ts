import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "./helpers/journey-test";
import { ApiKeysPage } from "./helpers/api-keys-page";
import { RecordingsPage } from "./helpers/recordings-page";
import { screenshot } from "./helpers/screenshots";
import { signInAs, uniqueEmail } from "./helpers/sign-in";

test("journey 2: a recording runs on the user's keys and says so on both stages", async ({ page }) => {
  await signInAs(page, uniqueEmail("j2"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await keys.saveKey("anthropic", mintKey("anthropic", "valid"));
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
});
