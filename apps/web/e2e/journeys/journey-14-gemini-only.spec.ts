import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { PROVIDERS, allowedModels } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { watchForKeys } from "~/e2e/journeys/helpers/key-leak-watch";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 14: a user with only a Gemini key runs both stages on it, and the upload screen says so first", async ({
  page,
  stack,
}) => {
  const geminiKey = mintKey("gemini", "valid");
  const watch = watchForKeys(page, [geminiKey]);

  await signInAs(page, uniqueEmail("j14"), "start");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("gemini", geminiKey);
  await keys.setPolicy("byok_only");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  // Before the upload: which key each stage will run on, and no warning.
  await expect(page.getByTestId("coverage-stt")).toHaveText("Transcription: Your Google Gemini key");
  await expect(page.getByTestId("coverage-analysis")).toHaveText("Analysis: Your Google Gemini key");
  await expect(page.getByTestId("byok-only-warning")).toHaveCount(0);

  // Journeys run one at a time: from here on, the emulator's log is this recording's.
  await fetch(`${stack.emulatorUrl}/__emulator/calls`, { method: "DELETE" });
  await recordings.upload("gemini-only.wav");
  const detail = await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Your Google Gemini key");
  await expect(recordings.payer("analysis")).toHaveText("Your Google Gemini key");
  await expect(detail.getByTestId("recording-transcript")).toContainText("Transcript of ");
  await screenshot(page, "journey14-recordings");

  // The emulator saw the Gemini key on both stages' models, and no platform key at all.
  const response = await fetch(`${stack.emulatorUrl}/__emulator/calls`);
  const { calls } = (await response.json()) as {
    calls: { provider: string; model: string | null; keyFingerprint: string | null }[];
  };
  const mine = calls.filter((c) => c.keyFingerprint === keyFingerprint(geminiKey));
  expect(mine.map((c) => c.model).sort()).toEqual(
    [allowedModels("start", "analysis", "gemini")[0]?.id, allowedModels("start", "stt", "gemini")[0]?.id].sort(),
  );
  expect(calls).toHaveLength(mine.length);
  const platform = new Set(PROVIDERS.map((p) => keyFingerprint(mintKey(p, "valid", "server"))));
  expect(calls.filter((c) => platform.has(c.keyFingerprint ?? ""))).toEqual([]);

  // The key's health came from the recording: the chip is green, the card says it worked.
  await expect(page.getByTestId("key-chip-gemini")).toHaveClass(/ui-badge-ok/);
  await keys.open();
  await expect(keys.card("gemini").getByTestId("provider-status-gemini")).toHaveText("Worked in a recording");
  await watch.expectNoLeaks();
});
