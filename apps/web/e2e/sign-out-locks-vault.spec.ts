import { SESSION_COOKIES } from "~/lib/session/cookie-name";
import { expect, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { guardExtraPage } from "~/e2e/journeys/helpers/journey-test";

test("signing out in one tab locks the vault in every tab and ends the session there too", async ({
  page,
  context,
  signedInUser,
  pageProblems,
  stack,
}) => {
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
  const meFromOther = () => other.evaluate(async () => (await fetch("/api/trpc/user.me")).status);
  expect(await meFromOther()).toBe(200);
  const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIES[0]);
  expect(session).toBeDefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  // The other tab was not navigated: only the vault's own cross-tab lock can have locked it.
  await second.expectLocked();
  await expect(other.getByText("The vault locked when you signed out.")).toBeVisible();
  // Its next request is signed out: the session was deleted on the server, not just forgotten here.
  expect(await meFromOther()).toBe(401);
  // That refusal is the browser console's only error, and the one this test wants.
  const refused = pageProblems.filter((p) => /status of 401/.test(p));
  expect(refused.length).toBeLessThanOrEqual(1);
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !/status of 401/.test(p)));
  // And a copy of the old cookie (a stolen one, or a tab that kept it) is refused as well.
  const replayed = await other.request.get(`${stack.baseUrl}/api/trpc/user.me`, {
    headers: { cookie: `${session!.name}=${session!.value}` },
  });
  expect(replayed.status()).toBe(401);
  await other.close();
});
