import { expect, signInThroughUi, submitSignInForm, test } from "~/e2e/fixtures";
import { createVerifiedAccount } from "~/e2e/support/accounts";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { completeSeededRecording, seedRecording } from "~/e2e/journeys/helpers/seed-recordings";
import { uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

/** The browser reports each request the test cut off; those, and only those, are expected. */
function takeExpectedProblems(problems: string[], pattern: RegExp): void {
  problems.splice(0, problems.length, ...problems.filter((p) => !pattern.test(p)));
}

test("a recording has its own address: it survives a reload and a sign-in on the way", async ({
  page,
  stack,
  pageProblems,
}) => {
  const email = uniqueEmail("address");
  const account = await createVerifiedAccount(stack.databaseUrl, email, "pro");
  const id = await seedRecording(stack, account.userId, "provider-down.wav", "failed", {
    error: { reason: "provider_unavailable", message: "The provider is unavailable." },
  });

  await page.goto(`/recordings/${id}`);
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(`/recordings/${id}`)}`);
  await submitSignInForm(page, email, account.password, `/recordings/${id}`);
  const recordings = new RecordingsPage(page);
  await expect(recordings.detail()).toHaveAttribute("data-status", "failed");
  await expect(recordings.detail().getByRole("heading", { name: "provider-down.wav" })).toBeVisible();
  // A finished recording reports what happened; advice that only holds for a while does not belong there.
  await expect(recordings.detail()).toContainText("The provider was having trouble at the time.");
  await expect(recordings.detail()).not.toContainText(/try again|shortly/i);

  const link = page.getByTestId("recording-list").getByRole("link", { name: /provider-down\.wav/ });
  await expect(link).toHaveAttribute("aria-current", "page");
  await page.reload();
  await expect(recordings.detail()).toHaveAttribute("data-status", "failed");

  const missing = await page.goto("/recordings/not-a-recording");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  takeExpectedProblems(pageProblems, /status of 404/);
});

test("polling outlives an outage: a quiet note while the server is unreachable, then it catches up by itself", async ({
  page,
  stack,
  pageProblems,
}) => {
  const email = uniqueEmail("outage");
  const account = await signInThroughUi(page, email, "pro", "/recordings");
  const id = await seedRecording(stack, account.userId, "long-call.wav", "processing");
  await page.goto(`/recordings/${id}`);
  const recordings = new RecordingsPage(page);
  await expect(recordings.detail()).toHaveAttribute("data-status", "processing");

  await page.route("**/api/trpc/**", (route) => route.abort("connectionrefused"));
  const note = page.getByTestId("recording-reconnecting");
  await expect(note).toContainText("Reconnecting");
  // The last known state stays on screen, and nothing turns into an error.
  await expect(recordings.detail()).toHaveAttribute("data-status", "processing");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveCount(0);

  await completeSeededRecording(stack, id, { summary: "Done.", keyPoints: [] });
  await page.unroute("**/api/trpc/**");
  await expect(recordings.detail()).toHaveAttribute("data-status", "completed", { timeout: 40_000 });
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId("recordings-reconnecting")).toHaveCount(0, { timeout: 40_000 });

  takeExpectedProblems(pageProblems, /ERR_CONNECTION_REFUSED/);
});
