import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import type { Plan } from "@byok/types";

/** A fresh demo user per journey: journeys never share a vault, an account or recordings. */
export function uniqueEmail(journey: string): string {
  return `${journey}-${randomBytes(4).toString("hex")}@journeys.test`;
}

export async function signInAs(page: Page, email: string, plan: Plan, next = "/settings/api-keys"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Plan").selectOption(plan);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/]/g, "\\/")}$`));
}
