import { mintKey } from "@byok/provider-emulator";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { wavUpload } from "~/e2e/journeys/helpers/wav";
import { uniqueEmail } from "~/e2e/journeys/helpers/sign-in";
import { createVerifiedAccount } from "~/e2e/support/accounts";

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it takes more than `limit` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, limit = 40 } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reached by ${backwards ? "Shift+Tab" : "Tab"} within ${limit} presses`).toBeFocused();
}

test.setTimeout(120_000);

test("journey 17: from sign-in to a result and back out, with the keyboard only", async ({ page, stack }) => {
  const openaiKey = mintKey("openai", "valid");
  // Accounts are made by an operator or through sign-up; this journey starts at the sign-in form.
  const account = await createVerifiedAccount(stack.databaseUrl, uniqueEmail("j17"), "pro");

  // Sign in. The first Tab of a page reaches the skip link, which moves focus into the main content.
  await page.goto("/sign-in?next=%2Fsettings%2Fapi-keys");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(account.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/api-keys$/);

  // Create the vault: the password field has focus on arrival; afterwards focus is on the new section.
  const password = page.getByLabel("Vault password", { exact: true });
  await expect(password).toBeFocused();
  await page.keyboard.type(VAULT_PASSWORD);
  await tabTo(page, page.getByLabel("Confirm vault password"));
  await page.keyboard.type(VAULT_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Vault unlocked" })).toBeFocused({ timeout: 15_000 });

  // Add a key: after saving, focus is on that card's Test button.
  const card = page.getByTestId("provider-card-openai");
  await tabTo(page, card.getByLabel("OpenAI API key"));
  await page.keyboard.type(openaiKey);
  await page.keyboard.press("Enter");
  const testButton = card.getByRole("button", { name: "Test", exact: true });
  await expect(testButton).toBeFocused();

  // Test it: focus stays on Test while it runs and after, and the result is in the card's live region.
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("provider-test-message-openai").getByRole("status")).toHaveText(
    "OK — your OpenAI key works.",
    {
      timeout: 20_000,
    },
  );
  await expect(testButton).toBeFocused();

  // Change the policy with the arrow keys: focus stays on the radio that was chosen.
  const fallback = page.getByRole("radio", { name: /Fall back to the platform's key/ });
  const byokOnly = page.getByRole("radio", { name: /Only my keys/ });
  await tabTo(page, fallback);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText("Saved: only your keys are used.")).toBeVisible();
  await expect(byokOnly).toBeFocused();
  await expect(byokOnly).toBeChecked();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByText("Saved: the platform's key steps in when yours fails.")).toBeVisible();
  await expect(fallback).toBeFocused();

  // Upload: Enter on "Choose audio file" opens the system's file chooser.
  await tabTo(page, page.getByRole("link", { name: "Go to recordings" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  const choose = page.getByRole("button", { name: "Choose audio file" });
  await expect(choose).toBeEnabled();
  await tabTo(page, choose);
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Enter");
  await (await chooser).setFiles(wavUpload("keyboard.wav"));

  // The new recording has its own page, and its heading takes focus when it appears.
  await expect(page).toHaveURL(/\/recordings\/rec_[a-f0-9]{32}$/);
  const title = page.getByRole("heading", { level: 2, name: "keyboard.wav" });
  await expect(title).toBeFocused({ timeout: 15_000 });
  await expect(page.getByTestId("recording-detail")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });

  // Read the result: the transcript is reachable (and scrollable) from the keyboard.
  const transcript = page.getByTestId("recording-transcript");
  await tabTo(page, transcript);
  await expect(transcript).toContainText("Transcript of");

  // Sign out: back up to the header's button.
  await tabTo(page, page.getByRole("button", { name: "Sign out" }), { backwards: true, limit: 60 });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/");
  // Sign-out loads the home page afresh (nothing of the session stays in memory): as on any new
  // page, the first Tab reaches the skip link, and the main content's first action follows.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "Sign in to start" }), { limit: 5 });
});
