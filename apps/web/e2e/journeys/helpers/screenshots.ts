import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "~/e2e/journeys/helpers/accessibility";

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../test-results");
const DIR = path.join(RESULTS, "screenshots");
const SCREENS_DIR = path.join(RESULTS, "screens");

/** Saves apps/web/test-results/screenshots/<name>.png, e.g. journey1-api-keys. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true });
}

/** A phone (iPhone 12–15 width) and a laptop. */
export const SCREEN_WIDTHS = [
  { name: "390", width: 390, height: 844 },
  { name: "1280", width: 1280, height: 800 },
] as const;
export const COLOR_SCHEMES = ["light", "dark"] as const;

/**
 * The current screen at each width in each colour scheme: a full-page picture in
 * test-results/screens/<name>-<width>-<scheme>.png, axe's WCAG A/AA rules (contrast included, so
 * both schemes are checked), and no sideways scrolling. Leaves the page at the laptop width, light.
 * A modal dialog is pictured with `fullPage: false`: its backdrop covers the viewport, not the page.
 */
export async function captureScreens(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  for (const size of SCREEN_WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const colorScheme of COLOR_SCHEMES) {
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(
        () => (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth,
      );
      expect(overflow, `${name} at ${size.width} px, ${colorScheme}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: path.join(SCREENS_DIR, `${name}-${size.name}-${colorScheme}.png`),
        fullPage,
        animations: "disabled",
      });
      await expectAccessible(page, `${name} at ${size.width} px, ${colorScheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });
}
