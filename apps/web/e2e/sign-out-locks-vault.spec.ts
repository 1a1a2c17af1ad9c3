import { expect, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { guardExtraPage } from "~/e2e/journeys/helpers/journey-test";

test("signing out in one tab locks the vault in every tab", async ({ page, context, signedInUser, pageProblems }) => {
  expect(signedInUser.email).toContain("@");
  const first = new ApiKeysPage(page);
  await first.open();
  await first.createVault();

  // The second tab gets the open vault from the key keeper.
  const other = await context.newPage();
  await guardExtraPage(other, pageProblems);
  const second = new ApiKeysPage(other);
  await second.open();
  await second.expectUnlocked();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  // The other tab was not navigated: only the vault's own cross-tab lock can have locked it.
  await second.expectLocked();
  await expect(other.getByText("The vault locked when you signed out.")).toBeVisible();
  await other.close();
});
