import { describeFailure } from "@byok/types";
import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 1: create the vault, add OpenAI and Anthropic keys, test them", async ({ page }) => {
  const openaiKey = mintKey("openai", "valid");
  const anthropicKey = mintKey("anthropic", "invalid");

  await signInAs(page, uniqueEmail("j1"), "pro", "/settings");
  await screenshot(page, "journey1-settings");
  await page.getByRole("link", { name: /API Keys/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
  const keys = new ApiKeysPage(page);

  await expect(page.getByText("we cannot recover it")).toBeVisible();
  await screenshot(page, "journey1-create-vault");
  await expectAccessible(page, "create vault");
  await keys.createVault();
  await expect(page.getByTestId("auto-lock-note")).toContainText("30 min idle");

  await keys.saveKey("openai", openaiKey);

  // Keys copied from a dashboard often come with spaces or a newline: pasting trims them.
  const anthropicInput = keys.card("anthropic").getByLabel("Anthropic API key");
  await anthropicInput.focus();
  await anthropicInput.evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, `  ${anthropicKey}\n`);
  await expect(anthropicInput).toHaveValue(anthropicKey);
  // Masked, but not a password field: browsers would offer to save the key (docs/security.md).
  await expect(anthropicInput).toHaveAttribute("type", "text");
  await expect(anthropicInput).toHaveClass(/ui-input-masked/);
  await keys.card("anthropic").getByRole("button", { name: /^Show/ }).click();
  await expect(anthropicInput).not.toHaveClass(/ui-input-masked/);
  await keys.saveKey("anthropic", anthropicKey);
  await expect(keys.card("gemini").getByTestId("provider-status-gemini")).toHaveText("Not set");

  const ok = await keys.testKey("openai");
  await expect(ok).toContainText("OK — your OpenAI key works.");
  await expect(keys.card("openai").getByTestId("provider-status-openai")).toHaveText("Tested OK");
  await expect(keys.card("openai")).toContainText("Last tested");

  const bad = await keys.testKey("anthropic");
  await expect(bad).toContainText(describeFailure("invalid_key", "anthropic").message);
  await expect(keys.card("anthropic").getByTestId("provider-status-anthropic")).toHaveText("Failed test");
  // One status per card: the "saved" notice went when the test started, so no green box sits under the red one.
  await expect(keys.card("anthropic")).not.toContainText("Anthropic key saved.");
  await expect(keys.card("anthropic").locator(".ui-alert-success")).toHaveCount(0);

  // A saved key is never shown in full again, not even in an input's value.
  const body = await page.locator("body").innerText();
  expect(body).not.toContain(openaiKey);
  expect(body).not.toContain(anthropicKey);
  for (const input of await page.locator("input").all()) {
    expect([openaiKey, anthropicKey]).not.toContain(await input.inputValue());
  }
  await screenshot(page, "journey1-api-keys");
  await expectAccessible(page, "API keys, unlocked");

  // Delete asks first; afterwards the card is empty and ready for a new key.
  await keys.card("anthropic").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your Anthropic key?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "journey1-delete-confirm");
  await expectAccessible(page, "delete confirmation");
  await dialog.getByRole("button", { name: "Delete key" }).click();
  await expect(dialog).toBeHidden();
  await expect(keys.card("anthropic").getByTestId("provider-status-anthropic")).toHaveText("Not set");
  await expect(keys.card("anthropic").getByLabel("Anthropic API key")).toBeFocused();
  await expect(keys.card("anthropic")).toContainText("Anthropic key deleted.");

  // A key of the wrong shape is refused before it is stored, in words with the right article.
  await keys.card("openai").getByRole("button", { name: "Replace", exact: true }).click();
  await keys.card("openai").getByLabel("New OpenAI key").fill("not-a-key");
  await keys.card("openai").getByRole("button", { name: "Replace key" }).click();
  await expect(keys.card("openai").getByRole("alert")).toContainText("That does not look like an OpenAI key.");
});
