import { mintKey } from "@byok/provider-emulator";
import type { Page } from "@playwright/test";
import { expect, test } from "~/e2e/journeys/helpers/journey-test";
import { ApiKeysPage } from "~/e2e/journeys/helpers/api-keys-page";
import { RecordingsPage } from "~/e2e/journeys/helpers/recordings-page";
import { captureScreens } from "~/e2e/journeys/helpers/screenshots";
import { seedRecording } from "~/e2e/journeys/helpers/seed-recordings";
import { signInAs, uniqueEmail } from "~/e2e/journeys/helpers/sign-in";
import { NOT_FOUND_ROUTE, appScreenRoutes, routeMatches } from "~/e2e/support/app-routes";

// Each screen is four pictures and four axe runs; the signed-in walkthrough also uploads a recording.
test.setTimeout(900_000);

/**
 * Every screen at 390 px and 1280 px, light and dark: a picture of each in
 * test-results/screens/<screen>-<width>-<scheme>.png for people to look at, axe's WCAG 2.1 A/AA
 * rules and a no-sideways-scroll check on each (captureScreens). A screen is a route of
 * apps/web/app in one state; the last test fails when a route has no screen here, so a new page
 * (say /usage) gets its entry in SIGNED_IN_SCREENS or the walkthrough before it ships.
 */
interface Screen {
  /** The picture's name: test-results/screens/<name>-<width>-<scheme>.png. */
  name: string;
  /** Its route in apps/web/app, e.g. "/recordings/[id]". */
  route: string;
  /**
   * Gets the page into the state pictured, and waits until it is there. `problems` is the test's
   * list of console errors, for a screen that causes one on purpose (the 404 page) to take it out.
   */
  open: (page: Page, problems: string[]) => Promise<void>;
}

const heading = (page: Page, name: string | RegExp) =>
  expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

/** Opens `path` and waits for its main heading. */
const visit =
  (path: string, title: string) =>
  async (page: Page): Promise<void> => {
    await page.goto(path);
    await heading(page, title);
  };

/** Pictures the current page as `name`, after checking it is the route the screen says it is. */
async function shoot(page: Page, name: string, route: string, options?: { fullPage?: boolean }): Promise<void> {
  if (route !== NOT_FOUND_ROUTE) {
    const { pathname } = new URL(page.url());
    expect(routeMatches(route, pathname), `${name}: ${pathname} is not ${route}`).toBe(true);
  }
  await captureScreens(page, name, options);
}

const SIGNED_OUT_SCREENS: Screen[] = [
  {
    name: "home",
    route: "/",
    open: async (page) => {
      await page.goto("/");
      await expect(page.getByRole("link", { name: "Sign in to start" })).toBeVisible();
    },
  },
  { name: "sign-in", route: "/sign-in", open: visit("/sign-in", "Sign in") },
  {
    name: "sign-in-error",
    route: "/sign-in",
    open: async (page) => {
      await page.goto("/sign-in");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByText("Enter your e-mail and password.")).toBeVisible();
    },
  },
  { name: "sign-up", route: "/sign-up", open: visit("/sign-up", "Create an account") },
  {
    name: "sign-up-password-strength",
    route: "/sign-up",
    open: async (page) => {
      await page.goto("/sign-up");
      await page.getByLabel("Email").fill("someone@example.com");
      await page.getByLabel("Password", { exact: true }).fill("summer2024!");
      await expect(page.getByTestId("password-strength")).toContainText("Weak");
    },
  },
  {
    name: "forgot-password",
    route: "/forgot-password",
    open: visit("/forgot-password", "Forgot your password"),
  },
  {
    name: "reset-password",
    route: "/reset-password",
    open: async (page) => {
      // A token of the right shape shows the form; the server judges the token on submit.
      await page.goto("/reset-password?token=screens-token-0123456789");
      await expect(page.getByLabel("New password")).toBeVisible();
    },
  },
  {
    name: "reset-password-expired",
    route: "/reset-password",
    open: async (page) => {
      await page.goto("/reset-password");
      await expect(page.getByRole("alert").filter({ hasText: "This link is no longer valid." })).toBeVisible();
    },
  },
  {
    name: "not-found",
    route: NOT_FOUND_ROUTE,
    open: async (page, problems) => {
      const response = await page.goto("/no-such-page");
      expect(response?.status()).toBe(404);
      await heading(page, "Page not found");
      // Chromium reports the 404 itself as a console error; that one is the point of this screen.
      const reported = problems.findIndex((p) => p.includes("status of 404"));
      expect(reported, "the 404 was reported").toBeGreaterThanOrEqual(0);
      problems.splice(reported, 1);
    },
  },
  { name: "dev-mail", route: "/dev/mail", open: visit("/dev/mail", "Mail sink") },
];

/** Signed-in screens that need no more than their address; the walkthrough below does the rest. */
const SIGNED_IN_SCREENS: Screen[] = [
  {
    name: "home-signed-in",
    route: "/",
    open: async (page) => {
      await page.goto("/");
      await expect(page.getByRole("link", { name: "Open settings" })).toBeVisible();
    },
  },
  { name: "settings", route: "/settings", open: visit("/settings", "Settings") },
  {
    name: "recordings-empty",
    route: "/recordings",
    open: visit("/recordings", "Recordings"),
  },
];

/** The routes the signed-in walkthrough pictures, in their states (checked by shoot). */
const WALKTHROUGH_ROUTES = ["/settings/api-keys", "/recordings", "/recordings/[id]", "/usage"];

test("signed-out screens fit a phone and a laptop, and pass axe in light and dark", async ({ page, pageProblems }) => {
  for (const screen of SIGNED_OUT_SCREENS) {
    await screen.open(page, pageProblems);
    await shoot(page, screen.name, screen.route);
  }
});

test("signed-in screens fit a phone and a laptop, and pass axe in light and dark", async ({
  page,
  stack,
  pageProblems,
}) => {
  // A long address: the header has to wrap it, not push "Sign out" off a phone's screen.
  const email = uniqueEmail("screens-with-a-rather-long-mailbox-name");
  const account = await signInAs(page, email, "pro", "/settings");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
  await page.setViewportSize({ width: 1280, height: 720 });

  for (const screen of SIGNED_IN_SCREENS) {
    await screen.open(page, pageProblems);
    await shoot(page, screen.name, screen.route);
  }

  const keys = new ApiKeysPage(page);
  await keys.open();
  await expect(page.getByTestId("vault-create")).toBeVisible();
  await shoot(page, "api-keys-empty", "/settings/api-keys");

  await keys.createVault();
  // One card per kind of answer: works, rejected (key page link), out of credit (billing page
  // link), provider down (Retry now).
  await keys.saveKey("openai", mintKey("openai", "valid"));
  await keys.saveKey("anthropic", mintKey("anthropic", "invalid"));
  await keys.saveKey("gemini", mintKey("gemini", "quota"));
  await keys.saveKey("groq", mintKey("groq", "error"));
  await expect(await keys.testKey("openai")).toContainText("works");
  await expect(
    (await keys.testKey("anthropic")).getByRole("link", { name: "the Anthropic API keys page" }),
  ).toBeVisible();
  await expect(
    (await keys.testKey("gemini")).getByRole("link", { name: "the Google Gemini billing page" }),
  ).toBeVisible();
  await expect((await keys.testKey("groq")).getByRole("button", { name: "Retry now" })).toBeVisible();
  await shoot(page, "api-keys-unlocked", "/settings/api-keys");

  await keys.card("openai").getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your OpenAI key?" });
  await expect(dialog).toBeVisible();
  await shoot(page, "api-keys-delete-dialog", "/settings/api-keys", { fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(dialog).toBeInViewport({ ratio: 1 });
  await page.setViewportSize({ width: 1280, height: 720 });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await keys.lock();
  await shoot(page, "api-keys-locked", "/settings/api-keys");
  await keys.unlock();
  await keys.expectUnlocked();

  const recordings = new RecordingsPage(page);
  await recordings.openFromApiKeys();
  await recordings.upload("team-meeting.wav");
  await recordings.waitForEnd("completed");
  await expect(page).toHaveURL(/\/recordings\/rec_[a-f0-9]{32}$/);
  await shoot(page, "recording-completed", "/recordings/[id]");

  const seeded = {
    queued: await seedRecording(stack, account.userId, "queued-interview.wav", "queued"),
    processing: await seedRecording(stack, account.userId, "processing-standup.wav", "processing"),
    failed: await seedRecording(stack, account.userId, "failed-call.wav", "failed"),
  };
  await page.goto("/recordings");
  await expect(page.getByTestId("recording-list").getByRole("link")).toHaveCount(4);
  await shoot(page, "recordings", "/recordings");

  for (const [state, id] of Object.entries(seeded)) {
    await page.goto(`/recordings/${id}`);
    await expect(recordings.detail()).toHaveAttribute("data-status", state);
    await shoot(page, `recording-${state}`, "/recordings/[id]");
  }

  await page.goto("/usage");
  await expect(page.getByTestId("usage-screen")).toBeVisible();
  await shoot(page, "usage", "/usage");
});

test("every route of apps/web/app has a screen above", () => {
  const pictured = new Set(
    [...SIGNED_OUT_SCREENS, ...SIGNED_IN_SCREENS].map((s) => s.route).concat(WALKTHROUGH_ROUTES),
  );
  expect(appScreenRoutes().filter((route) => !pictured.has(route))).toEqual([]);
});
