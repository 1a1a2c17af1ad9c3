import { EnvError, parseEnvWith, sharedEnvShape } from "@byok/config";
import { z } from "zod";

if (typeof window !== "undefined") throw new Error("env.ts is server-only");

export { EnvError };

const envSchema = z.object({
  ...sharedEnvShape,
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  // testByokKey's per-user limit (tests shrink the window).
  TESTKEY_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1000).default(10),
  TESTKEY_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // testByokKey's provider timeout (spec: 10 s); tests shorten it to exercise the timeout reason.
  BYOK_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // An upload body that stops arriving for this long is cut off (tests shorten it).
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
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
