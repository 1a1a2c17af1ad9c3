import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import type { Plan } from "@byok/types";
import { readStackInfo, type StackInfo } from "~/e2e/stack/stack-file";
import { closeAccountPools, createVerifiedAccount, type TestAccount } from "~/e2e/support/accounts";

export type SignedInUser = TestAccount;

interface TestFixtures {
  /** The plan `signedInUser` signs in with; override with `test.use({ plan: "free" })`. */
  plan: Plan;
  signedInUser: SignedInUser;
  /** Automatic: fails the test on any console error, uncaught page error or CSP violation. */
  pageProblems: string[];
}

interface WorkerFixtures {
  stack: StackInfo;
  /** Closes the accounts' database pool when the worker ends. */
  accountsPool: void;
}

/** Fills in and submits the real sign-in form, and waits for the page it returns to. */
export async function submitSignInForm(page: Page, email: string, password: string, next = "/settings"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === next.split("?")[0]);
}

/**
 * A verified account on `plan`, made as an operator would (no plan picker exists), then signed in
 * through the form.
 */
export async function signInThroughUi(page: Page, email: string, plan: Plan, next = "/settings"): Promise<TestAccount> {
  const account = await createVerifiedAccount(readStackInfo().databaseUrl, email, plan);
  await submitSignInForm(page, email, account.password, next);
  return account;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern: an empty one means none.
  // eslint-disable-next-line no-empty-pattern
  stack: [async ({}, use) => use(readStackInfo()), { scope: "worker" }],
  accountsPool: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      await closeAccountPools();
    },
    { scope: "worker", auto: true },
  ],
  baseURL: async ({ stack }, use) => use(stack.baseUrl),
  plan: ["pro", { option: true }],
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      // A binding, not page script: it works whatever the page's CSP allows.
      await page.exposeBinding("__reportCspViolation", (_source, text: string) => {
        problems.push(`CSP violation: ${text}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation;
          report?.(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await use(problems);
      expect(problems, "console errors, page errors or CSP violations").toEqual([]);
    },
    { auto: true },
  ],
  signedInUser: async ({ page, plan }, use) => {
    const email = `e2e-${randomBytes(4).toString("hex")}@example.com`;
    await use(await signInThroughUi(page, email, plan));
  },
});

export { expect };
