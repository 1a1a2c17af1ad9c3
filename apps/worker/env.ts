import { decodeSecret } from "@byok/crypto";
import { z } from "zod";

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
const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const optionalUrl = z.preprocess(blankIsUnset, z.string().url().optional());
const optionalSecret = z.preprocess(blankIsUnset, z.string().min(1).optional());
const ms = (fallback: number, min = 100) => z.coerce.number().int().min(min).max(3_600_000).default(fallback);

const envSchema = z.object({
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  BYOK_REDIS_PREFIX: z.string().min(1).max(64).default("byok:"),
  PLATFORM_TOKEN_SECRET: base64Secret32,
  PLATFORM_TOKEN_SECRET_PREVIOUS: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : (v ?? [])),
    z.array(base64Secret32),
  ),
  OPENAI_API_KEY: optionalSecret,
  ANTHROPIC_API_KEY: optionalSecret,
  GEMINI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_BASE_URL: optionalUrl,
  GEMINI_BASE_URL: optionalUrl,
  RECORDINGS_DIR: z.string().min(1).default(".data/recordings"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // Not in the architecture table: which queues this process serves, and BullMQ's stall tuning.
  WORKER_QUEUES: z
    .string()
    .default("stt,llm-analyze")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(["stt", "llm-analyze"])).min(1)),
  WORKER_NAME: z.string().min(1).max(64).default(`worker-${process.pid}`),
  // A dead worker's lock runs out after lockDuration; the stalled check then hands its job on.
  WORKER_LOCK_DURATION_MS: ms(30_000, 500),
  WORKER_STALLED_INTERVAL_MS: ms(30_000),
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(10).default(1),
  WORKER_SHUTDOWN_TIMEOUT_MS: ms(10_000),
  WORKER_HEALTH_INTERVAL_MS: ms(60_000, 1_000),
  PROVIDER_TIMEOUT_MS: ms(60_000),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type WorkerEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {
  readonly variables: string[];
  constructor(variables: { name: string; problem: string }[]) {
    super(`Invalid environment: ${variables.map((v) => `${v.name} ${v.problem}`).join("; ")}`);
    this.name = "EnvError";
    this.variables = variables.map((v) => v.name);
  }
}

/** Names the bad variables and what is wrong with them, never their values. */
export function parseEnv(source: Record<string, string | undefined>): WorkerEnv {
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

export function loadEnv(): WorkerEnv {
  return parseEnv(process.env);
}
