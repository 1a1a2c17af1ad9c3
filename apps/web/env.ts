import { EnvError, blankIsUnset, commaSeparated, parseEnvWith, sharedEnvShape } from "@byok/config";
import { z } from "zod";

if (typeof window !== "undefined") throw new Error("env.ts is server-only");

export { EnvError };

const optionalText = z.preprocess(blankIsUnset, z.string().min(1).optional());
const commaList = commaSeparated(z.string());

const envShape = z.object({
  ...sharedEnvShape,
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // Signs the session cookie and the authentication library's tokens.
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  // The app's public origin: e-mail links, the passkey relying party, and the origin return paths
  // must stay on. https:// makes the session cookie Secure (and __Secure- prefixed).
  APP_URL: z
    .string()
    .url()
    .default("http://localhost:3000")
    .transform((v) => new URL(v).origin),
  // More origins the browser may call the API from (another name of the same deployment).
  TRUSTED_ORIGINS: commaList.pipe(
    z.array(
      z
        .string()
        .url()
        .transform((v) => new URL(v).origin),
    ),
  ),
  // Mail: a directory the dev stack and the tests read (and /dev/mail shows), or SMTP.
  MAIL_SINK_DIR: optionalText,
  SMTP_URL: z.preprocess(blankIsUnset, z.string().url().optional()),
  MAIL_FROM: z.string().min(3).default("Audio Insights <no-reply@localhost>"),
  // HMAC secret of the billing webhook; unset, the webhook answers 404.
  BILLING_WEBHOOK_SECRET: z.preprocess(blankIsUnset, z.string().min(32, "must be at least 32 characters").optional()),
  // Abuse limits (docs/security.md, "Abuse limits"); tests lower them to trip them quickly.
  TESTKEY_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1000).default(10),
  TESTKEY_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TESTKEY_IP_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(10_000).default(20),
  TESTKEY_GLOBAL_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(100_000).default(120),
  CACHE_KEYS_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  BYOK_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_IP_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(10_000).default(30),
  SIGN_UP_IP_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(10_000).default(5),
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  // testByokKey's provider timeout (spec: 10 s); tests shorten it to exercise the timeout reason.
  BYOK_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // An upload body that stops arriving for this long is cut off (tests shorten it).
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
});

// Production mail must go somewhere: a deployment without SMTP would silently lose every
// verification and reset link.
const envSchema = envShape.superRefine((env, ctx) => {
  if (env.NODE_ENV === "production" && !env.SMTP_URL && !env.MAIL_SINK_DIR) {
    ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required in production (or MAIL_SINK_DIR)" });
  }
});

export type Env = z.infer<typeof envSchema>;

/** Pure: names the bad variables and what is wrong, never their values. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvWith(envSchema, source);
}

/** Needs no secrets, so the proxy and the build can ask it. */
export const isDevelopment = process.env.NODE_ENV === "development";

/** `next build` evaluates server modules without runtime secrets. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

let cached: Env | undefined;

/** Parsed on first server use, not at import, so `next build` needs no runtime secrets. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
