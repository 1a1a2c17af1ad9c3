import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { captureScreens } from "~/e2e/journeys/helpers/screenshots";
import { seedRecording } from "~/e2e/journeys/helpers/seed-recordings";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test.setTimeout(300_000);

/**
 * Every screen at 390 px and 1280 px, light and dark: a picture of each in test-results/screens/
 * for people to look at, and axe's WCAG A/AA rules and a no-sideways-scroll check on each.
 */
test("every screen fits a phone and a laptop, and passes axe in light and dark", async ({ page, stack }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await captureScreens(page, "home");

  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your e-mail and password.")).toBeVisible();
  await captureScreens(page, "sign-in-error");

  // A long address: the header has to wrap it, not push "Sign out" off a phone's screen.
  const email = uniqueEmail("screens-with-a-rather-long-mailbox-name");
  const account = await signInAs(page, email, "pro", "/settings");
  await captureScreens(page, "settings");
  await page.setViewportSize({ width: 390, height: 844 });
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toBeInViewport({ ratio: 1 });
  await page.setViewportSize({ width: 1280, height: 720 });

  const keys = new ApiKeysPage(page);
  await keys.open();
  await expect(page.getByTestId("vault-create")).toBeVisible();
  await captureScreens(page, "api-keys-empty");

  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await keys.saveKey("anthropic", mintKey("anthropic", "invalid"));
  await expect(await keys.testKey("openai")).toContainText("works");
  await expect(await keys.testKey("anthropic")).toContainText("rejected");
  await captureScreens(page, "api-keys-unlocked");

  await keys.card("openai").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your OpenAI key?" });
  await expect(dialog).toBeVisible();
  await captureScreens(page, "api-keys-delete-dialog", { fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(dialog).toBeInViewport({ ratio: 1 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await keys.lock();
  await captureScreens(page, "api-keys-locked");
  await keys.unlock();
  await keys.expectUnlocked();

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("team-meeting.wav");
  await recordings.waitForEnd("completed");
  await expect(page).toHaveURL(/\/recordings\/rec_[a-f0-9]{32}$/);
  await captureScreens(page, "recording-completed");

  const seeded = {
    queued: await seedRecording(stack, account.userId, "queued-interview.wav", "queued"),
    processing: await seedRecording(stack, account.userId, "processing-standup.wav", "processing"),
    failed: await seedRecording(stack, account.userId, "failed-call.wav", "failed"),
  };
  await page.goto("/recordings");
  await expect(page.getByTestId("recording-list").getByRole("link")).toHaveCount(4);
  await captureScreens(page, "recordings");

  for (const [state, id] of Object.entries(seeded)) {
    await page.goto(`/recordings/${id}`);
    await expect(recordings.detail()).toHaveAttribute("data-status", state);
    await captureScreens(page, `recording-${state}`);
  }

  await page.goto("/usage");
  await expect(page.getByTestId("usage-screen")).toBeVisible();
  await captureScreens(page, "usage");
});
