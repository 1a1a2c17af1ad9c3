import { randomBytes } from "node:crypto";
import { createAccountRepository, createDatabase, type Database } from "@byok/db";
import type { Plan } from "@byok/types";
import { saveVerifiedUser } from "~/lib/auth/admin-users";

export interface TestAccount {
  userId: string;
  email: string;
  password: string;
  plan: Plan;
}

const pools = new Map<string, Database>();

function databaseFor(url: string): Database {
  let database = pools.get(url);
  if (!database) {
    database = createDatabase({ url, max: 2, applicationName: "byok-e2e-accounts" });
    pools.set(url, database);
  }
  return database;
}

/**
 * A verified account with a password and the plan a test needs, made the way an operator makes
 * one (lib/auth/admin-users.ts): tests then sign in through the real form or endpoint.
 */
export async function createVerifiedAccount(databaseUrl: string, email: string, plan: Plan): Promise<TestAccount> {
  const password = `e2e-${randomBytes(9).toString("base64url")}`;
  const account = await saveVerifiedUser(createAccountRepository(databaseFor(databaseUrl).db), {
    email,
    password,
    plan,
  });
  return { userId: account.id, email: account.email, password, plan };
}

/** Signs in through the real endpoint (as a browser's form would); returns the session cookie. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl.replace("localhost", "127.0.0.1")}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { origin: baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => /^(__Secure-)?byok\.session_token=/.test(c));
  if (res.status !== 200 || !cookie) throw new Error(`sign-in answered ${res.status}`);
  return cookie.split(";")[0]!;
}

export async function closeAccountPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((d) => d.close()));
}
