import { keyFingerprint, mintKey } from "@byok/provider-emulator";
import { PROVIDER_REGISTRY, allowedModels, describeFailure, findModel } from "@byok/types";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { watchForKeys } from "~/e2e/journeys/helpers/key-leak-watch";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 13: a restricted Groq organisation is named; a Groq key alone passes the key test and pays for transcription and analysis", async ({
  page,
  stack,
}) => {
  const groqKey = mintKey("groq", "valid");
  const watch = watchForKeys(page, [groqKey]);

  await signInAs(page, uniqueEmail("j10"), "start");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await expect(keys.card("groq")).toContainText(PROVIDER_REGISTRY.groq.key.hint);

  // A key of a restricted Groq organisation: the test names the state and where to get another key.
  await keys.saveKey("groq", mintKey("groq", "disabled"));
  const refused = await keys.testKey("groq");
  await expect(refused).toContainText(describeFailure("account_disabled", "groq").message);
  await expect(refused.getByRole("link", { name: "the Groq API keys page" })).toHaveAttribute(
    "href",
    PROVIDER_REGISTRY.groq.links.createKey,
  );

  await keys.saveKey("groq", groqKey);
  await expect(keys.card("groq").getByTestId("provider-hint-groq")).toHaveText(`gsk_…${groqKey.slice(-4)}`);
  const tested = await keys.testKey("groq");
  await expect(tested).toContainText("OK — your Groq key works.");
  await screenshot(page, "journey13-api-keys");

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("groq-standup.wav");
  const detail = await recordings.waitForEnd("completed");
  await expect(recordings.payer("stt")).toHaveText("Your Groq key");
  await expect(recordings.payer("analysis")).toHaveText("Your Groq key");
  await expect(detail.getByTestId("recording-transcript")).toContainText("Transcript of ");
  await expect(detail.getByTestId("analysis-summary")).not.toBeEmpty();
  await screenshot(page, "journey13-recordings");

  // The emulator saw the Groq key on models (the key test), transcription and chat, within Start's tiers.
  const response = await fetch(`${stack.emulatorUrl}/__emulator/calls?provider=groq`);
  const { calls } = (await response.json()) as {
    calls: { endpoint: string; model: string | null; keyFingerprint: string | null; status: number }[];
  };
  const mine = calls.filter((c) => c.keyFingerprint === keyFingerprint(groqKey));
  expect(mine.map((c) => c.endpoint).sort()).toEqual(["audio/transcriptions", "chat/completions", "models"]);
  expect(mine.every((c) => c.status === 200)).toBe(true);
  const expectedStt = allowedModels("start", "stt", "groq")[0]?.id;
  const expectedAnalysis = allowedModels("start", "analysis", "groq")[0]?.id;
  expect(mine.find((c) => c.endpoint === "audio/transcriptions")?.model).toBe(expectedStt);
  expect(mine.find((c) => c.endpoint === "chat/completions")?.model).toBe(expectedAnalysis);
  for (const c of mine.filter((call) => call.model)) expect(findModel(c.model!)?.tier, c.model!).toBeLessThanOrEqual(1);

  expect(watch.headerCarriers).toEqual([
    "/api/trpc/user.testByokKey",
    "/api/trpc/user.testByokKey",
    "/api/trpc/user.cacheByokKeys",
  ]);
  await watch.expectNoLeaks();
});
