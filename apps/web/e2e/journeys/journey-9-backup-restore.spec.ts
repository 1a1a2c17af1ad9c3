import { readFile } from "node:fs/promises";
import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

test("journey 9: export a backup, reset the vault, import the backup: the keys come back", async ({
  page,
}, testInfo) => {
  await signInAs(page, uniqueEmail("j9"), "pro");
  const keys = new ApiKeysPage(page);
  await keys.createVault();
  const openaiKey = mintKey("openai", "valid");
  const anthropicKey = mintKey("anthropic", "valid");
  await keys.saveKey("openai", openaiKey);
  await keys.saveKey("anthropic", anthropicKey);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export encrypted backup" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^byok-vault-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = testInfo.outputPath("backup.json");
  await download.saveAs(backupPath);
  const backup = await readFile(backupPath, "utf8");
  expect(backup).not.toContain(openaiKey);
  expect(backup).not.toContain(anthropicKey);
  await screenshot(page, "journey9-exported");

  // The reset dialog, by keyboard: Escape backs out, the typed confirmation gates the button.
  const resetButton = page.getByRole("button", { name: "Reset vault…" });
  await resetButton.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Reset the key vault?" });
  const confirmation = dialog.getByLabel(/Type .* to confirm/);
  await expect(confirmation).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(resetButton).toBeFocused();
  await keys.expectUnlocked();

  await page.keyboard.press("Enter");
  await expect(confirmation).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Reset vault" })).toBeDisabled();
  await page.keyboard.type("reset my");
  await expect(dialog.getByRole("button", { name: "Reset vault" })).toBeDisabled();
  await page.keyboard.type(" vault");
  await screenshot(page, "journey9-reset-confirm");
  await expectAccessible(page, "reset dialog");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("vault-create")).toBeVisible();

  const restore = page.getByRole("form", { name: "Import encrypted backup" });
  await restore.getByLabel("Backup file").setInputFiles(backupPath);
  await restore.getByLabel("Vault password of the backup").fill(VAULT_PASSWORD);
  await restore.getByRole("button", { name: "Import backup" }).click();
  await keys.expectUnlocked();
  await expect(keys.card("openai").getByTestId("provider-hint-openai")).toHaveText(`sk-…${openaiKey.slice(-4)}`);
  await expect(keys.card("anthropic").getByTestId("provider-hint-anthropic")).toHaveText(
    `sk-ant-…${anthropicKey.slice(-4)}`,
  );
  await screenshot(page, "journey9-restored");

  // A password change re-wraps the vault key only: the keys stay, the new password opens the vault.
  const newPassword = "a different long passphrase 42";
  await page.getByText("Change vault password").click();
  const change = page.getByRole("form", { name: "Change vault password" });
  await change.getByLabel("Current vault password").fill(VAULT_PASSWORD);
  await change.getByLabel("New vault password", { exact: true }).fill(newPassword);
  await change.getByLabel("Confirm new vault password").fill(newPassword);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByRole("status")).toHaveText("Vault password changed. Your keys are unchanged.");
  await keys.lock();
  await keys.unlock(VAULT_PASSWORD);
  await expect(page.getByTestId("vault-unlock").getByRole("alert")).toHaveText("That password is not correct.");
  await keys.unlock(newPassword);
  await keys.expectUnlocked();
  await expect(keys.card("openai").getByTestId("provider-hint-openai")).toHaveText(`sk-…${openaiKey.slice(-4)}`);
  await screenshot(page, "journey9-password-changed");
});
