import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, submitSignInForm, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { createVerifiedAccount } from "~/e2e/support/accounts";

const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@auth.test`;

/** Opens the newest mail to `to` on the dev stack's /dev/mail page and follows its link. */
async function followMailedLink(page: Page, to: string, subject: RegExp): Promise<void> {
  await page.goto("/dev/mail");
  const mail = page
    .getByRole("article", { name: new RegExp(`Mail to ${to.replace(/[.+]/g, "\\$&")}: ${subject.source}`) })
    .first();
  await expect(mail).toBeVisible();
  await mail.getByRole("link").first().click();
}

/** The browser reports each refused request (401, 403) as a console error; these tests expect them. */
function forgiveRefusals(problems: string[], statuses: number[]): void {
  const expected = new RegExp(`Failed to load resource: the server responded with a status of (${statuses.join("|")})`);
  const rest = problems.filter((p) => !expected.test(p));
  problems.splice(0, problems.length, ...rest);
}

test("sign-up needs the e-mail confirmed; then sign-in works, and a wrong password is refused", async ({
  page,
  pageProblems,
}) => {
  const email = uniqueEmail("signup");
  const password = "a new account password";
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`We sent a link to ${email}`);

  // Before confirming, the password alone does not sign in.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toContainText("Confirm your e-mail first");

  await followMailedLink(page, email, /Confirm your e-mail/);
  await expect(page).toHaveURL((url) => url.pathname === "/sign-in");
  await expect(page.getByRole("status")).toContainText("Your e-mail address is confirmed");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("Wrong e-mail or password.");

  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/settings");
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.locator(".ui-badge")).toHaveText("free");
  forgiveRefusals(pageProblems, [401, 403]);
});

test("a forgotten password is reset through the mailed link; the old one stops working", async ({
  page,
  stack,
  pageProblems,
}) => {
  const account = await createVerifiedAccount(stack.databaseUrl, uniqueEmail("reset"), "pro");
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("we have sent it a link");

  await followMailedLink(page, account.email, /Reset your/);
  await expect(page).toHaveURL((url) => url.pathname === "/reset-password");
  await page.getByLabel("New password").fill("the replacement password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#sign-in-error")).toHaveText("Wrong e-mail or password.");
  forgiveRefusals(pageProblems, [401]);
  await submitSignInForm(page, account.email, "the replacement password");
});

test("a passkey added in settings signs in, through Chromium's virtual authenticator", async ({
  page,
  context,
  stack,
}) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const account = await createVerifiedAccount(stack.databaseUrl, uniqueEmail("passkey"), "start");
  await submitSignInForm(page, account.email, account.password);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/settings");
  await expect(page.getByText(account.email).first()).toBeVisible();
});

test("a return path off the site is never followed, however it is encoded", async ({ page, stack }) => {
  const offSite: string[] = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(stack.baseUrl)) offSite.push(req.url());
  });
  const account = await createVerifiedAccount(stack.databaseUrl, uniqueEmail("redirect"), "free");
  await submitSignInForm(page, account.email, account.password);
  for (const next of [
    "%2F%09%2Fevil.example%2F",
    "%2F%5Cevil.example",
    "%2F%252F%252Fevil.example",
    "https%3A%2F%2Fevil.example",
  ]) {
    await page.goto(`/sign-in?next=${next}`);
    await expect(page).toHaveURL((url) => url.origin === new URL(stack.baseUrl).origin && url.pathname === "/settings");
  }
  expect(offSite).toEqual([]);
});

test("pages with user data are not cached, and a malformed path gets a 400, not a 500", async ({
  page,
  signedInUser,
  stack,
}) => {
  expect(signedInUser.plan).toBe("pro");
  for (const path of ["/settings", "/settings/api-keys", "/recordings"]) {
    const res = await page.goto(path);
    expect(res?.headers()["cache-control"], path).toContain("no-store");
  }
  for (const path of ["/api/trpc/recordings.get%ZZ", "/settings%ZZ", "/api/recordings%E0%A4%A"]) {
    const res = await page.request.get(`${stack.baseUrl}${path}`);
    expect(res.status(), path).toBe(400);
    expect(await res.text()).not.toMatch(/stack|\bat [\w.]+ \(/);
  }
});

test("API key inputs are not password fields: Chromium offers to save passwords only from those", async ({
  page,
  signedInUser,
}) => {
  expect(signedInUser.email).toContain("@");
  const keys = new ApiKeysPage(page);
  await keys.open();
  await keys.createVault();
  const keyInputs = page.locator('input[name$="-key"]');
  await expect(keyInputs.first()).toBeVisible();
  const count = await keyInputs.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const input = keyInputs.nth(i);
    expect(await input.getAttribute("type")).toBe("text");
    expect(await input.getAttribute("autocomplete")).toBe("off");
    // Masked on screen all the same.
    expect(await input.evaluate((el) => getComputedStyle(el).getPropertyValue("-webkit-text-security"))).toBe("disc");
  }
  expect(await page.locator('input[type="password"][name$="-key"]').count()).toBe(0);
});
