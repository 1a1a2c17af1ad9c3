import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { PLANS, type Plan } from "@byok/types";
import type { Account, AccountRepository } from "@byok/db";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";

export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdminInputError";
  }
}

export function parsePlan(value: string | undefined): Plan {
  const plan = PLANS.find((p) => p === value);
  if (!plan) throw new AdminInputError(`The plan must be one of: ${PLANS.join(", ")}.`);
  return plan;
}

/**
 * What an operator (or a payment provider's onboarding) does, never a user: a verified account
 * with this password and plan. The password is hashed exactly as sign-up hashes it, so the
 * account signs in through the ordinary form.
 */
export async function saveVerifiedUser(
  accounts: AccountRepository,
  { email, password, plan, name = "" }: { email: string; password: string; plan: Plan; name?: string },
): Promise<Account> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new AdminInputError(`Passwords are ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
  }
  return accounts.saveWithPassword({
    id: randomBytes(16).toString("hex"),
    email,
    name,
    passwordHash: await hashPassword(password),
    plan,
  });
}

/** The demo accounts scripts/dev.sh seeds (their passwords are in the README: local use only). */
export const DEMO_USERS: readonly { email: string; password: string; plan: Plan }[] = PLANS.map((plan) => ({
  email: `${plan}@demo.test`,
  password: `try-the-${plan}-plan`,
  plan,
}));
