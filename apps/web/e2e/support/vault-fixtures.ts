/**
 * Fixtures for the vault specs: the running stack's origin, the vault bundle injected into every
 * page of the context, and a check that the vault code threw nothing uncaught in the page.
 * The app-wide console/CSP watch lives in ../fixtures.ts; these specs judge the vault alone.
 */
import { test as base, expect } from "@playwright/test";
import { readStackInfo } from "~/e2e/stack/stack-file";
import { bundleVault } from "~/e2e/support/vault-bundle";

export const test = base.extend<{ pageErrors: string[] }>({
  // Playwright reads a fixture's dependencies from its destructuring pattern, so `{}` is required.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(readStackInfo().baseUrl),
  context: async ({ context }, use) => {
    await context.addInitScript({ content: await bundleVault() });
    await use(context);
  },
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: import("@playwright/test").Page) => page.on("pageerror", (err) => errors.push(err.message));
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(errors);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
