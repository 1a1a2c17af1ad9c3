import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { PROVIDERS, describeFailure } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { watchForKeys } from "~/e2e/journeys/helpers/key-leak-watch";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

const QUOTA = describeFailure("quota_exceeded", "openai");

test("journey 15: an OpenAI key out of quota moves to the user's Gemini key; its failure stays on the key card and the upload screen across reload and lock", async ({
  page,
  stack,
}) => {
  const openaiKey = mintKey("openai", "quota");
  const geminiKey = mintKey("gemini", "valid");
  const watch = watchForKeys(page, [openaiKey, geminiKey]);

  await signInAs(page, uniqueEmail("j15"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", openaiKey);
  await keys.saveKey("gemini", geminiKey);

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  // Nothing is known about the keys yet: OpenAI goes first (the default order).
  await expect(page.getByTestId("coverage-analysis")).toHaveText("Analysis: Your OpenAI key");
  await expect(page.getByTestId("key-chip-openai")).toHaveText("OpenAI");

  await fetch(`${stack.emulatorUrl}/__emulator/calls`, { method: "DELETE" });
  await recordings.upload("quota.wav");
  const detail = await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Your Google Gemini key");
  await expect(recordings.payer("analysis")).toHaveText("Your Google Gemini key");
  await expect(detail.getByTestId("analysis-summary")).not.toBeEmpty();

  // The platform never paid: the OpenAI key was refused once per stage, then the Gemini key worked.
  const { calls } = (await (await fetch(`${stack.emulatorUrl}/__emulator/calls`)).json()) as {
    calls: { keyFingerprint: string | null; status: number }[];
  };
  expect(calls.filter((c) => c.keyFingerprint === keyFingerprint(openaiKey)).map((c) => c.status)).toEqual([429, 429]);
  expect(calls.filter((c) => c.keyFingerprint === keyFingerprint(geminiKey)).map((c) => c.status)).toEqual([200, 200]);
  const platform = new Set(PROVIDERS.map((p) => keyFingerprint(mintKey(p, "valid", "server"))));
  expect(calls.filter((c) => platform.has(c.keyFingerprint ?? ""))).toEqual([]);

  // The failure reached the upload screen: a red chip with the reason and where to add credit, and
  // the next recording is expected to run on the Gemini key.
  const chip = page.getByTestId("key-chip-openai");
  await expect(chip).toHaveText("OpenAI — out of credit");
  await expect(chip).toHaveClass(/ui-badge-danger/);
  await expect(page.getByTestId("key-chip-gemini")).toHaveClass(/ui-badge-ok/);
  const problem = page.getByTestId("key-problem-openai");
  await expect(problem).toContainText(QUOTA.message);
  await expect(problem.getByRole("link")).toHaveAttribute(
    "href",
    QUOTA.action.kind === "add_credit" ? QUOTA.action.url : "",
  );
  await expect(page.getByTestId("coverage-analysis")).toHaveText("Analysis: Your Google Gemini key");
  await screenshot(page, "journey15-recordings");
  await expectAccessible(page, "upload screen with a failing key");

  // And the key card, after a reload and after a lock: it comes from the server, not the vault.
  await keys.open();
  const status = keys.card("openai").getByTestId("provider-status-openai");
  const message = keys.card("openai").getByTestId("provider-test-message-openai");
  await expect(status).toHaveText("Failed in a recording");
  await expect(message).toContainText(QUOTA.message);
  await expect(keys.card("openai")).toContainText("Last used in a recording");
  await page.reload();
  await keys.expectUnlocked();
  await expect(status).toHaveText("Failed in a recording");
  await keys.lock();
  await keys.unlock();
  await keys.expectUnlocked();
  await expect(status).toHaveText("Failed in a recording");
  await expect(message).toContainText(QUOTA.message);
  await screenshot(page, "journey15-api-keys");

  // Replacing the key starts its health afresh; a test then records the new key's state.
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await expect(keys.card("openai")).not.toContainText("Last used in a recording");
  await keys.testKey("openai");
  await expect(status).toHaveText("Tested OK");
  await page.reload();
  await keys.expectUnlocked();
  await expect(status).toHaveText("Tested OK");

  // The user's order: Google Gemini first.
  await page.getByRole("button", { name: "Move Google Gemini up" }).click();
  await expect(page.getByText("Saved: OpenAI, Google Gemini, Anthropic, Groq.")).toBeVisible();
  await page.getByRole("button", { name: "Move Google Gemini up" }).click();
  await expect(page.getByTestId("provider-order-gemini")).toContainText("1. Google Gemini");
  await expect(page.getByText("Saved: Google Gemini, OpenAI, Anthropic, Groq.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("provider-order-gemini")).toContainText("1. Google Gemini");
  await recordings.open();
  await expect(page.getByTestId("coverage-stt")).toHaveText("Transcription: Your Google Gemini key");
  await watch.expectNoLeaks();
});
