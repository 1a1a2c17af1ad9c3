import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("our own limit on key tests pauses Test with a countdown and leaves the key's status alone", async ({
  page,
  pageProblems,
}) => {
  await page.clock.install();
  await signInAs(page, uniqueEmail("limit"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await keys.saveKey("anthropic", mintKey("anthropic", "valid"));

  const card = keys.card("openai");
  const test = card.getByRole("button", { name: "Test", exact: true });
  const message = card.getByTestId("provider-test-message-openai");
  // The stack runs with the default limit: 10 tests per user per 60 s.
  for (let i = 0; i < 10; i++) {
    const answered = page.waitForResponse((r) => r.url().includes("user.testByokKey"));
    await test.focus();
    await page.keyboard.press("Enter");
    expect((await answered).status()).toBe(200);
    await expect(message).toHaveText("OK — your OpenAI key works.");
    await expect(test).not.toHaveAttribute("aria-disabled", "true");
  }
  await expect(card.getByTestId("provider-status-openai")).toHaveText("Tested OK");

  const refused = page.waitForResponse((r) => r.url().includes("user.testByokKey"));
  await page.keyboard.press("Enter");
  expect((await refused).status()).toBe(429);
  // The visible countdown ticks; screen readers get the sentence once (a copy that does not tick).
  const countdown = message.locator('[aria-hidden="true"]');
  await expect(countdown).toHaveText(/^You have tested keys too often; try again in \d+ s\.$/);
  await expect(message.locator(".ui-sr-only")).toHaveText(/^You have tested keys too often; try again in \d+ s\.$/);
  const secondsLeft = async () => Number(/in (\d+) s/.exec((await countdown.textContent()) ?? "")?.[1]);
  const first = await secondsLeft();
  expect(first).toBeGreaterThan(2);
  // Neutral: the key's own status is what the last real test said, and nothing reads as an error.
  await expect(card.getByTestId("provider-status-openai")).toHaveText("Tested OK");
  await expect(message.getByRole("status")).toHaveClass(/ui-alert-info/);
  // Every card's Test waits, the one in use keeps focus, and the others point at the reason.
  await expect(test).toBeFocused();
  await expect(test).toHaveAttribute("aria-disabled", "true");
  const otherTest = keys.card("anthropic").getByRole("button", { name: "Test", exact: true });
  await expect(otherTest).toHaveAttribute("aria-disabled", "true");
  await expect(otherTest).toHaveAccessibleDescription(/tested keys too often/);
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("provider-status-openai")).toHaveText("Tested OK");

  // The countdown moves, and when it ends the card shows its last result again and Test is back.
  await page.clock.fastForward(2_000);
  await expect.poll(secondsLeft).toBeLessThanOrEqual(first - 2);
  await page.clock.fastForward(first * 1000);
  await expect(message).toHaveText("OK — your OpenAI key works.");
  await expect(test).not.toHaveAttribute("aria-disabled");
  await expect(otherTest).not.toHaveAttribute("aria-disabled");

  // The browser logs the refused request; that one line is expected.
  const refusals = pageProblems.filter((p) => p.includes("429"));
  expect(refusals.length).toBeLessThanOrEqual(1);
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !p.includes("429")));
});
