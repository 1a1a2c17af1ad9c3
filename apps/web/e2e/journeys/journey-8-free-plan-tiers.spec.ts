import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { PROVIDERS, findModel, type Provider } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 8: a free user with their own keys never sees a tier 2+ model", async ({ page, stack }) => {
  const userKeys: Record<Provider, string> = {
    openai: mintKey("openai", "valid"),
    anthropic: mintKey("anthropic", "valid"),
    gemini: mintKey("gemini", "valid"),
    groq: mintKey("groq", "valid"),
  };
  await signInAs(page, uniqueEmail("j8"), "free");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  for (const provider of PROVIDERS) await keys.saveKey(provider, userKeys[provider]);

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  // Wrong type and oversize files are refused inline, before any upload.
  await recordings.drop({ name: "notes.txt", type: "text/plain", bytes: Buffer.from("not audio") });
  await expect(recordings.uploadError()).toHaveText(
    "“notes.txt” is not an audio file we can read. Use WAV, MP3, M4A, WebM, OGG or FLAC.",
  );
  await recordings.drop({ name: "huge.wav", type: "audio/wav", size: 25 * 1024 * 1024 + 1 });
  await expect(recordings.uploadError()).toHaveText("“huge.wav” is 25.1 MB. Recordings can be at most 25 MB.");
  await screenshot(page, "journey8-upload-errors");
  await expectAccessible(page, "upload errors");
  await expect(page.getByTestId("recording-list")).not.toContainText("huge.wav");

  // Whatever people name their files is shown as text, never parsed as HTML.
  const trickyName = "<img src=x onerror=alert(1)>.wav";
  await recordings.drop({ name: trickyName, type: "audio/wav" });
  const detail = await recordings.waitForEnd("completed");
  await expect(detail.getByRole("heading", { level: 2 })).toHaveText(trickyName);
  await expect(page.locator("main img")).toHaveCount(0);
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
