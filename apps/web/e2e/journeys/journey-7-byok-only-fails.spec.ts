import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 7: with the byok_only policy a failing key fails the recording, with the reason", async ({ page }) => {
  await signInAs(page, uniqueEmail("j7"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "invalid"));
  await keys.setPolicy("byok_only");
  await screenshot(page, "journey7-api-keys");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("interview.wav");
  const detail = await recordings.waitForEnd("failed");
  await expect(detail.getByTestId("stage-stt-error")).toHaveText("OpenAI rejected your OpenAI key.");
  await expect(detail.getByTestId("recording-status")).toHaveText("Failed");
  await expect(detail.getByTestId("stage-analysis")).not.toHaveAttribute("data-stage-status", "completed");
  await expect(detail.getByTestId("stage-analysis")).toContainText("Not run");
  await expect(detail.getByRole("link", { name: "Replace your OpenAI key in Settings → API Keys" })).toHaveAttribute(
    "href",
    "/settings/api-keys",
  );
  await screenshot(page, "journey7-recordings");
  await expectAccessible(page, "failed recording");
});
