import { z } from "zod";
import { decodeSecret } from "@byok/crypto";

if (typeof window !== "undefined") throw new Error("env.ts is server-only");

/** The same strict check the token cipher applies, so start-up fails before the first request does. */
function isTokenSecret(value: string): boolean {
  try {
    decodeSecret(value, "secret");
    return true;
  } catch {
    return false;
  }
}

const base64Secret32 = z.string().refine(isTokenSecret, {
  message: "must be exactly 32 random bytes, base64-encoded (openssl rand -base64 32)",
});

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional());
const optionalSecret = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  BYOK_REDIS_PREFIX: z.string().min(1).max(64).default("byok:"),
  PLATFORM_TOKEN_SECRET: base64Secret32,
  PLATFORM_TOKEN_SECRET_PREVIOUS: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v ?? []),
    z.array(base64Secret32),
  ),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters"),
  OPENAI_API_KEY: optionalSecret,
  ANTHROPIC_API_KEY: optionalSecret,
  GEMINI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_BASE_URL: optionalUrl,
  GEMINI_BASE_URL: optionalUrl,
  RECORDINGS_DIR: z.string().min(1).default(".data/recordings"),
  // Not in the architecture table: knobs for testByokKey's limit (tests shrink the window).
  TESTKEY_RATE_LIMIT_POINTS: z.coerce.number().int().min(1).max(1000).default(10),
  TESTKEY_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // testByokKey's provider timeout (spec: 10 s); tests shorten it to exercise the timeout reason.
  BYOK_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  readonly variables: string[];
  constructor(variables: { name: string; problem: string }[]) {
    super(`Invalid environment: ${variables.map((v) => `${v.name} ${v.problem}`).join("; ")}`);
    this.name = "EnvError";
    this.variables = variables.map((v) => v.name);
  }
}

/** Pure: names the bad variables and what is wrong, never their values. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? "environment");
    if (problems.has(name)) continue;
    const missing = source[name] === undefined || source[name] === "";
    problems.set(name, missing ? "is missing" : issue.message.replace(/"[^"]*"/g, "…"));
  }
  throw new EnvError([...problems].map(([name, problem]) => ({ name, problem })));
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
