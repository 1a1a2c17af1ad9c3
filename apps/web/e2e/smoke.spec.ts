import { SESSION_COOKIES } from "~/lib/session/cookie-name";
import { expect, test } from "~/e2e/fixtures";
import { createVerifiedAccount } from "~/e2e/support/accounts";

test("smoke: sign in, open Settings, follow the API Keys link", async ({ page, signedInUser }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByText(signedInUser.email).first()).toBeVisible();
  await page.getByRole("link", { name: /API Keys/ }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a signed-out visitor of a protected page signs in and comes back; sign-out ends the session", async ({
  page,
  stack,
}) => {
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fapi-keys$/);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toContainText("Enter your e-mail and password.");

  const account = await createVerifiedAccount(stack.databaseUrl, "returning@example.com", "free");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/settings/api-keys");
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIES[0]);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false });
  expect(cookie?.value).not.toContain("returning");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  expect((await page.context().cookies()).find((c) => c.name === SESSION_COOKIES[0])).toBeUndefined();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("pages carry the security headers and a per-request nonce on every script", async ({ page, stack }) => {
  const first = await page.goto("/");
  const csp = first?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  // React's dev tooling needs eval; the production build must not allow it.
  if (stack.server === "production") expect(csp).not.toContain("unsafe-eval");
  expect(first?.headers()["x-frame-options"]).toBe("DENY");
  expect(first?.headers()["x-content-type-options"]).toBe("nosniff");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  // Every script the server rendered carries this response's nonce; scripts those load later are
  // trusted through 'strict-dynamic'.
  const tags = (await first?.text())?.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  const second = await page.goto("/");
  expect(second?.headers()["content-security-policy"]).not.toBe(csp);

  const api = await page.request.get("/api/trpc/user.me");
  expect(api.status()).toBe(401);
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(await api.text()).not.toMatch(/stack|\bat [\w.]+ \(/);
});
