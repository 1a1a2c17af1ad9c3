import { readFile } from "node:fs/promises";
import { mintKey } from "@byok/provider-emulator";
import { expect, test } from "./helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "./helpers/api-keys-page";
import { screenshot } from "./helpers/screenshots";
import { signInAs, uniqueEmail } from "./helpers/sign-in";

test("journey 9: export a backup, reset the vault, import the backup: the keys come back", async ({ page }, testInfo) => {
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

  await page.getByRole("button", { name: "Reset vault…" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset the key vault?" });
  await expect(dialog.getByRole("button", { name: "Reset vault" })).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill("reset my vault");
  await screenshot(page, "journey9-reset-confirm");
  await dialog.getByRole("button", { name: "Reset vault" }).click();
  await expect(page.getByTestId("vault-create")).toBeVisible();

  const restore = page.getByRole("form", { name: "Import encrypted backup" });
  await restore.getByLabel("Backup file").setInputFiles(backupPath);
  await restore.getByLabel("Vault password of the backup").fill(VAULT_PASSWORD);
  await restore.getByRole("button", { name: "Import backup" }).click();
  await keys.expectUnlocked();
  await expect(keys.card("openai").getByTestId("provider-hint-openai")).toHaveText(`sk-…${openaiKey.slice(-4)}`);
  await expect(keys.card("anthropic").getByTestId("provider-hint-anthropic")).toHaveText(`sk-ant-…${anthropicKey.slice(-4)}`);
  await screenshot(page, "journey9-restored");
});
