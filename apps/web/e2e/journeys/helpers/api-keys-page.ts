import { expect, type Locator, type Page } from "@playwright/test";
import { PROVIDER_LABELS, type Provider } from "@byok/types";

export const VAULT_PASSWORD = "correct horse battery staple 7";

/** Steps on Settings → API Keys, written the way a person uses the page: by labels and roles. */
export class ApiKeysPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/settings/api-keys");
    await expect(this.page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
  }

  card(provider: Provider): Locator {
    return this.page.getByTestId(`provider-card-${provider}`);
  }

  async createVault(password = VAULT_PASSWORD): Promise<void> {
    const form = this.page.getByTestId("vault-create");
    await form.getByLabel("Vault password", { exact: true }).fill(password);
    await form.getByLabel("Confirm vault password").fill(password);
    await form.getByRole("button", { name: "Create vault" }).click();
    await this.expectUnlocked();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Vault unlocked" })).toBeVisible({ timeout: 15_000 });
  }

  async expectLocked(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Unlock your key vault" })).toBeVisible({ timeout: 15_000 });
  }

  async unlock(password = VAULT_PASSWORD): Promise<void> {
    const form = this.page.getByTestId("vault-unlock");
    await form.getByLabel("Vault password", { exact: true }).fill(password);
    await form.getByRole("button", { name: "Unlock" }).click();
  }

  async lock(): Promise<void> {
    await this.page.getByRole("button", { name: "Lock vault" }).click();
    await this.expectLocked();
  }

  async saveKey(provider: Provider, key: string): Promise<void> {
    const card = this.card(provider);
    const label = PROVIDER_LABELS[provider];
    const replace = card.getByRole("button", { name: "Replace", exact: true });
    if (await replace.isVisible()) {
      await replace.click();
      await card.getByLabel(`New ${label} key`).fill(key);
      await card.getByRole("button", { name: "Replace key" }).click();
    } else {
      await card.getByLabel(`${label} API key`).fill(key);
      await card.getByRole("button", { name: "Save key" }).click();
    }
    await expect(card.getByTestId(`provider-status-${provider}`)).toHaveText("Saved");
    await expect(card.getByRole("button", { name: "Test", exact: true })).toBeFocused();
    await expect(card.getByTestId(`provider-hint-${provider}`)).toHaveText(
      `${key.startsWith("sk-ant-") ? "sk-ant-" : key.startsWith("sk-") ? "sk-" : key.slice(0, 4)}…${key.slice(-4)}`,
    );
  }

  async testKey(provider: Provider): Promise<Locator> {
    const card = this.card(provider);
    await card.getByRole("button", { name: "Test", exact: true }).click();
    const message = card.getByTestId(`provider-test-message-${provider}`);
    await expect(card.getByTestId(`provider-status-${provider}`)).not.toHaveText(/Saved|Testing/, { timeout: 20_000 });
    return message;
  }

  async setPolicy(policy: "fallback" | "byok_only"): Promise<void> {
    const name = policy === "fallback" ? /Fall back to the platform's key/ : /Only my keys/;
    await this.page.getByRole("radio", { name }).check();
    await expect(
      this.page.getByText(
        policy === "fallback" ? "Saved: the platform's key steps in" : "Saved: only your keys are used.",
      ),
    ).toBeVisible();
  }
}
