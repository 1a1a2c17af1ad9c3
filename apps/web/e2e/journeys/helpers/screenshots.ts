import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../test-results/screenshots");

/** Saves apps/web/test-results/screenshots/<name>.png, e.g. journey1-api-keys. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true });
}
