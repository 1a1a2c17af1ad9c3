import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { findModel, type Provider } from "@byok/types";
import { expect, test } from "./helpers/journey-test";
import { ApiKeysPage } from "./helpers/api-keys-page";
import { RecordingsPage } from "./helpers/recordings-page";
import { screenshot } from "./helpers/screenshots";
import { signInAs, uniqueEmail } from "./helpers/sign-in";

test("journey 8: a free user with their own keys never sees a tier 2+ model", async ({ page, stack }) => {
  const userKeys: Record<Provider, string> = {
    openai: mintKey("openai", "valid"),
    anthropic: mintKey("anthropic", "valid"),
    gemini: mintKey("gemini", "valid"),
  };
  await signInAs(page, uniqueEmail("j8"), "free");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  for (const provider of ["openai", "anthropic", "gemini"] as const) await keys.saveKey(provider, userKeys[provider]);

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("free-plan.wav");
  await recordings.waitForEnd("completed");
  for (const stage of ["stt", "analysis"] as const) {
    await expect(page.getByTestId(`stage-${stage}-model`)).toHaveText(/ · tier [01]$/);
    await expect(recordings.payer(stage)).toHaveText(/^Your .+ key$/);
  }
  await screenshot(page, "journey8-recordings");

  // The provider side agrees: every model called with this user's keys is tier 0-1.
  const response = await fetch(`${stack.emulatorUrl}/__emulator/calls`);
  const { calls } = (await response.json()) as { calls: { model: string | null; keyFingerprint: string | null }[] };
  const mine = new Set(Object.values(userKeys).map(keyFingerprint));
  const models = calls.filter((c) => c.keyFingerprint && mine.has(c.keyFingerprint) && c.model).map((c) => c.model!);
  expect(models.length).toBeGreaterThanOrEqual(2);
  for (const model of models) expect(findModel(model)?.tier, model).toBeLessThanOrEqual(1);
});
