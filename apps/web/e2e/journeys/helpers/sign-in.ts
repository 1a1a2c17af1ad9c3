import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Plan } from "@byok/types";
import { signInThroughUi } from "~/e2e/journeys/helpers/journey-test";

/** A fresh demo user per journey: journeys never share a vault, an account or recordings. */
export function uniqueEmail(journey: string): string {
  return `${journey}-${randomBytes(4).toString("hex")}@journeys.test`;
}

export function signInAs(page: Page, email: string, plan: Plan, next = "/settings/api-keys"): Promise<void> {
  return signInThroughUi(page, email, plan, next);
}
