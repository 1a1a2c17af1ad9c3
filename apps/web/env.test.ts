import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/env";

const good = () => ({
  PLATFORM_TOKEN_SECRET: randomBytes(32).toString("base64"),
  SESSION_SECRET: randomBytes(32).toString("base64url"),
});

function failureOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error("expected parseEnv to fail");
}

describe("parseEnv", () => {
  it("accepts a minimal environment and fills the defaults", () => {
    const env = parseEnv(good());
    expect(env.BYOK_REDIS_PREFIX).toBe("byok:");
    expect(env.PLATFORM_TOKEN_SECRET_PREVIOUS).toEqual([]);
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.TESTKEY_RATE_LIMIT_POINTS).toBe(10);
    expect(env.BYOK_CHECK_TIMEOUT_MS).toBe(10_000);
    expect(env.UPLOAD_IDLE_TIMEOUT_MS).toBe(30_000);
    expect(env.DATABASE_URL).toBe("postgres://postgres@127.0.0.1:5432/byok");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.TESTKEY_IP_RATE_LIMIT_POINTS).toBe(20);
    expect(env.BYOK_CACHE_MAX_ENTRIES).toBe(10);
  });

  it("needs a mail transport in production, and reads APP_URL and TRUSTED_ORIGINS as origins", () => {
    const err = failureOf({ ...good(), NODE_ENV: "production" });
    expect(err.variables).toEqual(["SMTP_URL"]);
    expect(err.message).toContain("SMTP_URL is missing");
    expect(parseEnv({ ...good(), NODE_ENV: "production", SMTP_URL: "smtp://mail.internal:587" }).SMTP_URL).toBe(
      "smtp://mail.internal:587",
    );
    const env = parseEnv({
      ...good(),
      APP_URL: "https://app.example/some/path",
      TRUSTED_ORIGINS: "https://other.example/, https://third.example",
    });
    expect(env.APP_URL).toBe("https://app.example");
    expect(env.TRUSTED_ORIGINS).toEqual(["https://other.example", "https://third.example"]);
  });

  it("names a missing secret", () => {
    const err = failureOf({ PLATFORM_TOKEN_SECRET: good().PLATFORM_TOKEN_SECRET });
    expect(err.variables).toEqual(["SESSION_SECRET"]);
    expect(err.message).toContain("SESSION_SECRET is missing");
  });

  it("names a malformed secret and never prints its value", () => {
    const shortSession = "short-session-secret-value";
    const notBase64 = "this-is-not-32-bytes-of-base64!!";
    const previous = randomBytes(16).toString("base64");
    const err = failureOf({
      PLATFORM_TOKEN_SECRET: notBase64,
      SESSION_SECRET: shortSession,
      PLATFORM_TOKEN_SECRET_PREVIOUS: `${good().PLATFORM_TOKEN_SECRET},${previous}`,
    });
    expect(err.variables.sort()).toEqual(["PLATFORM_TOKEN_SECRET", "PLATFORM_TOKEN_SECRET_PREVIOUS", "SESSION_SECRET"]);
    expect(err.message).toContain("PLATFORM_TOKEN_SECRET must be exactly 32 random bytes");
    for (const value of [shortSession, notBase64, previous]) expect(err.message).not.toContain(value);
  });

  it("rejects a malformed base URL by name", () => {
    const err = failureOf({ ...good(), OPENAI_BASE_URL: "not a url" });
    expect(err.variables).toEqual(["OPENAI_BASE_URL"]);
    expect(err.message).not.toContain("not a url");
  });
});
