/**
 * What the production build sends to the browser: the header (on every page) must not pull the
 * vault in, zxcvbn's dictionaries load only on the forms that choose a vault password, and zod
 * loads on no page at all (docs/ui.md, "Page weight"). That the sign-out module itself imports no
 * zod is also checked on its module graph in lib/auth/sign-out.test.ts.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "~/e2e/fixtures";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { seedRecording } from "~/e2e/journeys/helpers/seed-recordings";

/** Strings only these parts contain, as they survive minification. */
const MARKERS = {
  vault: ["byok-vault:v1:", "PBKDF2"],
  idb: ["objectStoreNames"],
  zxcvbn: ["commonly used password"],
  // zod 4's English messages, which come with any schema.
  zod: ["Too big: expected"],
} as const;
type Part = keyof typeof MARKERS;

/** Every script the page loads from now on, by URL. */
function collectScripts(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      scripts.set(
        response.url(),
        response.text().catch(() => ""),
      );
  });
  return scripts;
}

async function partsIn(scripts: Map<string, Promise<string>>): Promise<Part[]> {
  const bodies = await Promise.all(scripts.values());
  return (Object.keys(MARKERS) as Part[]).filter((part) =>
    bodies.some((body) => MARKERS[part].some((m) => body.includes(m))),
  );
}

test("pages with only the header's sign-out load neither the vault, idb nor zxcvbn; only the password forms load zxcvbn; no page loads zod", async ({
  page,
  signedInUser,
  stack,
}) => {
  expect(signedInUser.plan).toBe("pro");

  for (const path of ["/", "/settings", "/usage"]) {
    const scripts = collectScripts(page);
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(scripts.size, `scripts of ${path}`).toBeGreaterThan(0);
    expect(await partsIn(scripts), `parts loaded by ${path}`).toEqual([]);
  }

  // The recordings page needs the vault, never the password checker.
  const recordingScripts = collectScripts(page);
  await page.goto("/recordings");
  // Enabled once the vault has loaded; the list polls, so the network never goes idle here.
  await expect(page.getByRole("button", { name: "Choose audio file" })).toBeEnabled();
  await page.waitForLoadState("load");
  expect(await partsIn(recordingScripts)).toEqual(["vault", "idb"]);

  // The create form fetches it at the first keystroke, as its own chunk, not with the page.
  const keys = new ApiKeysPage(page);
  const createScripts = collectScripts(page);
  await keys.open();
  await expect(page.getByTestId("vault-create")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await partsIn(createScripts)).toEqual(["vault", "idb"]);
  await page.getByLabel("Vault password", { exact: true }).pressSequentially("c");
  await expect.poll(() => partsIn(createScripts)).toContain("zxcvbn");
  await keys.createVault();

  // With the vault open, the change-password form fetches it only once the user starts on it.
  const unlockedScripts = collectScripts(page);
  await page.reload();
  await keys.expectUnlocked();
  await page.waitForLoadState("networkidle");
  expect(await partsIn(unlockedScripts)).toEqual(["vault", "idb"]);
  await page.getByText("Change vault password").click();
  await page.getByLabel("New vault password", { exact: true }).focus();
  await expect.poll(() => partsIn(unlockedScripts)).toContain("zxcvbn");

  // A failed recording: its stage explains the failure and offers Retry, without zod's schemas.
  const id = await seedRecording(stack, signedInUser.userId, "quota.wav", "failed", {
    error: { reason: "quota_exceeded", message: "The key ran out of quota." },
  });
  const detailScripts = collectScripts(page);
  await page.goto(`/recordings/${id}`);
  await expect(page.getByTestId("recording-detail")).toHaveAttribute("data-status", "failed");
  // The retry panel is loaded on demand: it is here, and so is everything it fetched.
  await expect(page.locator('[data-testid^="retry-"]').first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await partsIn(detailScripts)).toEqual(["vault", "idb"]);
});
