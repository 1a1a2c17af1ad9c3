/**
 * `pnpm admin …`: what operators do to accounts. Plans change here or through the billing webhook,
 * never by a user's request.
 *
 *   pnpm admin plan set <email> <plan>
 *   pnpm admin user create <email> <plan>     (password from ADMIN_USER_PASSWORD)
 *   pnpm admin seed-demo                       (the README's demo users; refused in production)
 */
import { parseEnvWith } from "@byok/config";
import { AccountNotFoundError, createAccountRepository, createDatabase } from "@byok/db";
import { z } from "zod";
import { AdminInputError, DEMO_USERS, parsePlan, saveVerifiedUser } from "~/lib/auth/admin-users";

const env = parseEnvWith(
  z.object({
    DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/byok"),
    NODE_ENV: z.string().default("development"),
    ADMIN_USER_PASSWORD: z.string().optional(),
  }),
  process.env,
);

const USAGE = "usage: pnpm admin plan set <email> <plan> | user create <email> <plan> | seed-demo";

async function main(args: string[]): Promise<string> {
  const database = createDatabase({ url: env.DATABASE_URL, max: 1, applicationName: "byok-admin" });
  const accounts = createAccountRepository(database.db);
  try {
    const [command, sub, email, plan] = args;
    if (command === "plan" && sub === "set" && email) {
      const account = await accounts.setPlan(email, parsePlan(plan));
      return `${account.email} is now on the ${account.plan} plan`;
    }
    if (command === "user" && sub === "create" && email) {
      if (!env.ADMIN_USER_PASSWORD)
        throw new AdminInputError(
          "Set ADMIN_USER_PASSWORD to the new user's password (it is never a command-line argument).",
        );
      const account = await saveVerifiedUser(accounts, {
        email,
        password: env.ADMIN_USER_PASSWORD,
        plan: parsePlan(plan),
      });
      return `${account.email}: verified, ${account.plan} plan`;
    }
    if (command === "seed-demo") {
      if (env.NODE_ENV === "production") throw new AdminInputError("Demo users are for development only.");
      for (const demo of DEMO_USERS) await saveVerifiedUser(accounts, demo);
      return `demo users: ${DEMO_USERS.map((d) => `${d.email} / ${d.password}`).join(", ")}`;
    }
    throw new AdminInputError(USAGE);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (line) => process.stdout.write(`${line}\n`),
  (err: unknown) => {
    const known = err instanceof AdminInputError || err instanceof AccountNotFoundError;
    process.stderr.write(
      `${known ? err.message : `admin command failed (${err instanceof Error ? err.name : "unknown error"})`}\n`,
    );
    process.exitCode = 1;
  },
);
