import { decodeSecret } from "@byok/crypto";
import { PROVIDERS, PROVIDER_REGISTRY, type Provider } from "@byok/types";
import { z } from "zod";

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
/** An empty variable (`FOO=` in a .env file) means unset, not the empty string. */
export const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const optionalUrl = z.preprocess(blankIsUnset, z.string().url().optional());
const optionalSecret = z.preprocess(blankIsUnset, z.string().min(1).optional());

/** A comma-separated variable as a list of its non-empty, trimmed items; unset is the empty list. */
export function commaSeparated<T extends z.ZodType>(item: T) {
  const split = (v: unknown) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []);
  return z.preprocess(split, z.array(item));
}

type ProviderEnv = (typeof PROVIDER_REGISTRY)[Provider]["env"];
type ProviderEnvShape = Record<ProviderEnv["apiKey"], typeof optionalSecret> &
  Record<ProviderEnv["baseUrl"], typeof optionalUrl>;

/** Each registry entry's platform key and base URL, both optional. */
function providerEnvShape(): ProviderEnvShape {
  return Object.fromEntries(
    PROVIDERS.flatMap((p) => [
      [PROVIDER_REGISTRY[p].env.apiKey, optionalSecret],
      [PROVIDER_REGISTRY[p].env.baseUrl, optionalUrl],
    ]),
  ) as ProviderEnvShape;
}

/** The platform's key and base URL for each provider, read from a parsed environment. */
export function providerSettings(env: Record<string, unknown>): {
  serverKeys: Partial<Record<Provider, string>>;
  baseUrls: Record<Provider, string | undefined>;
} {
  const pick = (name: string) => (typeof env[name] === "string" ? (env[name] as string) : undefined);
  return {
    serverKeys: Object.fromEntries(
      PROVIDERS.flatMap((p) =>
        pick(PROVIDER_REGISTRY[p].env.apiKey) ? [[p, pick(PROVIDER_REGISTRY[p].env.apiKey)]] : [],
      ),
    ),
    baseUrls: Object.fromEntries(PROVIDERS.map((p) => [p, pick(PROVIDER_REGISTRY[p].env.baseUrl)])) as Record<
      Provider,
      string | undefined
    >,
  };
}

/** Variables both the web app and the worker read (docs/architecture.md, Environment). */
export const sharedEnvShape = {
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/byok"),
  BYOK_REDIS_PREFIX: z.string().min(1).max(64).default("byok:"),
  PLATFORM_TOKEN_SECRET: base64Secret32,
  PLATFORM_TOKEN_SECRET_PREVIOUS: commaSeparated(base64Secret32),
  ...providerEnvShape(),
  RECORDINGS_DIR: z.string().min(1).default(".data/recordings"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
};

export class EnvError extends Error {
  readonly variables: string[];
  constructor(variables: { name: string; problem: string }[]) {
    super(`Invalid environment: ${variables.map((v) => `${v.name} ${v.problem}`).join("; ")}`);
    this.name = "EnvError";
    this.variables = variables.map((v) => v.name);
  }
}

/** Parses `source` with `schema`; on failure names the bad variables and the problem, never their values. */
export function parseEnvWith<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(source);
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
