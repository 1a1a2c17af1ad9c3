import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Plan } from "@byok/types";
import { signInThroughUi } from "~/e2e/journeys/helpers/journey-test";
import type { TestAccount } from "~/e2e/support/accounts";

/** A fresh account per journey: journeys never share a vault, an account or recordings. */
export function uniqueEmail(journey: string): string {
  return `${journey}-${randomBytes(4).toString("hex")}@journeys.test`;
}

/** A verified account on `plan` (made as an operator would), signed in through the form. */
export async function signInAs(
  page: Page,
  email: string,
  plan: Plan,
  next = "/settings/api-keys",
): Promise<TestAccount> {
  return signInThroughUi(page, email, plan, next);
}
