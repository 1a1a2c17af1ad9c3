import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { FAILURE_MESSAGES, PROVIDERS } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 16: under only-my-keys, a stage none of the user's keys can do is announced before the upload and fails with no platform call", async ({
  page,
  stack,
}) => {
  await signInAs(page, uniqueEmail("j16"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("anthropic", mintKey("anthropic", "valid"));
  await keys.setPolicy("byok_only");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await expect(page.getByTestId("coverage-stt")).toHaveText(
    "Transcription: Cannot run — none of your keys can do it (add a key for OpenAI, Google Gemini or Groq)",
  );
  await expect(page.getByTestId("coverage-analysis")).toHaveText("Analysis: Your Anthropic key");
  const warning = page.getByTestId("byok-only-warning");
  await expect(warning).toContainText(
    "Your settings use only your own keys, so a recording would stop at transcription",
  );
  await expect(warning.getByRole("link", { name: "Add a key or change the setting" })).toHaveAttribute(
    "href",
    "/settings/api-keys",
  );
  await screenshot(page, "journey16-warning");
  await expectAccessible(page, "only-my-keys warning");

  await fetch(`${stack.emulatorUrl}/__emulator/calls`, { method: "DELETE" });
  await recordings.upload("no-transcriber.wav");
  const detail = await recordings.waitForEnd("failed");
  await expect(detail.getByTestId("stage-stt-error")).toHaveText(FAILURE_MESSAGES.no_user_key);
  await expect(detail.getByTestId("stage-analysis")).toContainText("Not run");
  // no_user_key came before any call: the emulator saw nothing, the platform's keys least of all.
  const { calls } = (await (await fetch(`${stack.emulatorUrl}/__emulator/calls`)).json()) as {
    calls: { keyFingerprint: string | null }[];
  };
  const platform = new Set(PROVIDERS.map((p) => keyFingerprint(mintKey(p, "valid", "server"))));
  expect(calls.filter((c) => platform.has(c.keyFingerprint ?? ""))).toEqual([]);
  expect(calls).toEqual([]);
  await screenshot(page, "journey16-failed");

  // A locked vault under only-my-keys offers no platform keys, only the unlock.
  await keys.open();
  await keys.lock();
  await recordings.open();
  await expect(page.getByTestId("key-source-note")).toContainText("Your settings use only your own keys");
  await recordings.upload("locked.wav");
  const gate = page.getByTestId("vault-locked-gate");
  await expect(gate).toContainText("your settings use only your own keys");
  await expect(gate.getByRole("button", { name: "Continue on platform keys" })).toHaveCount(0);
  await gate.getByLabel("Vault password", { exact: true }).fill(VAULT_PASSWORD);
  await gate.getByRole("button", { name: "Unlock" }).click();
  await recordings.waitForEnd("failed");
});
