import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "./helpers/journey-test";
import { ApiKeysPage } from "./helpers/api-keys-page";
import { RecordingsPage } from "./helpers/recordings-page";
import { screenshot } from "./helpers/screenshots";
import { signInAs, uniqueEmail } from "./helpers/sign-in";

test("journey 8: a free user with their own keys never sees a tier 2+ model", async ({ page }) => {
  await signInAs(page, uniqueEmail("j8"), "free");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await keys.saveKey("anthropic", mintKey("anthropic", "valid"));
  await keys.saveKey("gemini", mintKey("gemini", "valid"));

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("free-plan.wav");
  await recordings.waitForEnd("completed");
  for (const stage of ["stt", "analysis"] as const) {
    const model = page.getByTestId(`stage-${stage}-model`);
    await expect(model).toHaveText(/ · tier [01]$/);
    await expect(recordings.payer(stage)).toHaveText(/^Your .+ key$/);
  }
  await screenshot(page, "journey8-recordings");
});
