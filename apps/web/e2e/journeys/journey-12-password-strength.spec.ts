import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage, VAULT_PASSWORD } from "~/e2e/journeys/helpers/api-keys-page";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";
import { screenshot } from "~/e2e/journeys/helpers/screenshots";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";

const PROTECTS = "It is all that protects the keys stored in this browser";

test("journey 12: a very weak vault password is refused, a weak one needs a yes; a password change shows it is working", async ({
  page,
}) => {
  await signInAs(page, uniqueEmail("j12"), "pro");
  const keys = new ApiKeysPage(page);
  const form = page.getByTestId("vault-create");
  const password = form.getByLabel("Vault password", { exact: true });
  const confirm = form.getByLabel("Confirm vault password");
  const create = form.getByRole("button", { name: "Create vault" });

  // Ten characters, and one of the most common passwords there is.
  await password.fill("password12");
  await confirm.fill("password12");
  await expect(form.getByTestId("password-strength")).toContainText("Very weak");
  await create.click();
  await expect(form.getByRole("alert")).toContainText(PROTECTS);
  await expect(password).toBeFocused();
  await expect(form).toBeVisible();
  await screenshot(page, "journey12-very-weak-refused");
  await expectAccessible(page, "very weak password refused");

  // Guessable within hours: allowed only after the user says so.
  await password.fill("summer2024!");
  await confirm.fill("summer2024!");
  await expect(form.getByTestId("password-strength")).toContainText("Weak");
  const consent = form.getByRole("checkbox", { name: "I understand, use this weak password anyway" });
  await expect(form.getByTestId("weak-password-warning")).toContainText(PROTECTS);
  await create.click();
  await expect(form.getByRole("alert")).toHaveText("Tick the box to use this weak password, or choose a stronger one.");
  await expect(consent).toBeFocused();
  await screenshot(page, "journey12-weak-warned");
  await expectAccessible(page, "weak password warning");
  await consent.check();
  await create.click();
  await keys.expectUnlocked();

  // Changing the password takes two key derivations: the button says so and takes one submit only.
  await page.getByText("Change vault password").click();
  const change = page.getByRole("form", { name: "Change vault password" });
  await change.getByLabel("Current vault password").fill("summer2024!");
  await change.getByLabel("New vault password", { exact: true }).fill(VAULT_PASSWORD);
  await change.getByLabel("Confirm new vault password").fill(VAULT_PASSWORD);
  await expect(change.getByTestId("password-strength")).toContainText("Strong");
  await change.getByRole("button", { name: "Change password" }).dblclick();
  const busy = change.getByRole("button", { name: "Changing password…" });
  await expect(busy).toBeDisabled();
  await expect(change).toHaveAttribute("aria-busy", "true");
  // A second submit would have re-wrapped again with the then-wrong current password, and said so.
  await expect(change.getByRole("status")).toHaveText("Vault password changed. Your keys are unchanged.");
  await expect(change.getByRole("button", { name: "Change password" })).toBeVisible();
  await keys.lock();
  await keys.unlock(VAULT_PASSWORD);
  await keys.expectUnlocked();
});
