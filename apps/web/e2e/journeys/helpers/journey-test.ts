import type { Page } from "@playwright/test";

export { expect, signInThroughUi, test } from "~/e2e/fixtures";

/**
 * The shared fixture guards `page`; a journey that opens another tab puts that tab under the same
 * guard, reporting into the same `pageProblems` list the fixture asserts empty at the end.
 */
export async function guardExtraPage(page: Page, problems: string[]): Promise<void> {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error (extra tab): ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error (extra tab): ${err.message}`));
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => {
    problems.push(`CSP violation (extra tab): ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}
