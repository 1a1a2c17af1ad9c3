import { passkey } from "@better-auth/passkey";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { schema, type Db } from "@byok/db";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";
import { resetPasswordMail, verificationMail } from "~/lib/auth/auth-mails";
import type { Mailer } from "~/lib/mail/mailer";
import { CLIENT_IP_HEADER } from "~/lib/server/client-address";
import type { Logger } from "~/lib/server/logger";

export const AUTH_BASE_PATH = "/api/auth";
/** A working day; the vault's own 30-minute auto-lock guards keys within it. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
const COOKIE_PREFIX = "byok";

/**
 * The confirmed user lands on sign-in, whichever request sent the link (sign-up or a sign-in
 * before confirming): the session starts there, on our own page, never from the mail's click.
 */
function landOnSignIn(url: string): string {
  const link = new URL(url);
  link.searchParams.set("callbackURL", "/sign-in?verified=1");
  return link.toString();
}

export interface AuthOptions {
  db: Db;
  secret: string;
  appUrl: string;
  trustedOrigins: readonly string[];
  mailer: Mailer;
  logger: Logger;
}

/**
 * better-auth over our PostgreSQL (docs/architecture.md, "Authentication"). Sessions live in the
 * `sessions` table and are looked up on every request (no cookie cache), so deleting a row ends
 * that session at once; the plan and the BYOK policy are fields no request may set.
 */
export function createAuth({ db, secret, appUrl, trustedOrigins, mailer, logger }: AuthOptions) {
  const secure = appUrl.startsWith("https://");
  const send = async (kind: string, mail: { to: string; subject: string; text: string }) => {
    try {
      await mailer.send(mail);
      logger.info({ mail: kind }, "mail sent");
    } catch (err) {
      // The address and the link stay out of the log: the link is a credential.
      logger.error({ mail: kind, errorName: err instanceof Error ? err.name : "unknown" }, "mail not sent");
      throw err;
    }
  };
  return betterAuth({
    appName: "Audio Insights",
    baseURL: appUrl,
    basePath: AUTH_BASE_PATH,
    secret,
    trustedOrigins: [appUrl, ...trustedOrigins],
    telemetry: { enabled: false },
    // Its console output would bypass our redaction: its messages go to our logger, and the
    // arguments (which can hold users, e-mails or tokens) are dropped.
    logger: {
      level: "warn",
      log: (level, message) => logger[level]({ component: "better-auth" }, message),
    },
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        users: schema.users,
        sessions: schema.sessions,
        authAccounts: schema.authAccounts,
        verifications: schema.verifications,
        passkeys: schema.passkeys,
      },
    }),
    user: {
      modelName: "users",
      additionalFields: {
        // Ours; `input: false`: sign-up and update-user refuse them, only the server sets them.
        plan: { type: "string", required: false, input: false, defaultValue: "free" },
        byokPolicy: { type: "string", required: false, input: false, defaultValue: "fallback" },
      },
    },
    session: {
      modelName: "sessions",
      expiresIn: SESSION_TTL_SECONDS,
      // A fixed lifetime: a stolen cookie is not kept alive by use.
      disableSessionRefresh: true,
      cookieCache: { enabled: false },
    },
    account: { modelName: "authAccounts" },
    verification: { modelName: "verifications" },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      autoSignIn: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: ({ user, url }) => send("reset-password", resetPasswordMail(user.email, url)),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: ({ user, url }) => send("verify-email", verificationMail(user.email, landOnSignIn(url))),
    },
    // Our own limits (rate-limiter-flexible in Redis) run before this handler: lib/auth/auth-limits.ts.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "strict", secure },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      passkey({
        rpID: new URL(appUrl).hostname,
        rpName: "Audio Insights",
        origin: appUrl,
        // Discoverable credentials: a passkey signs in without typing the e-mail first.
        authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
        schema: { passkey: { modelName: "passkeys" } },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
