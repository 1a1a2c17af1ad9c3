import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../env";

const secret = randomBytes(32).toString("base64");

describe("worker env", () => {
  it("applies defaults and parses the knobs", () => {
    const env = parseEnv({ PLATFORM_TOKEN_SECRET: secret, WORKER_CONCURRENCY: "6", WORKER_QUEUES: "stt", WORKER_STALLED_INTERVAL_MS: "1000" });
    expect(env).toMatchObject({
      REDIS_URL: "redis://127.0.0.1:6379",
      BYOK_REDIS_PREFIX: "byok:",
      RECORDINGS_DIR: ".data/recordings",
      WORKER_CONCURRENCY: 6,
      WORKER_QUEUES: ["stt"],
      WORKER_STALLED_INTERVAL_MS: 1000,
      WORKER_MAX_STALLED_COUNT: 1,
      PLATFORM_TOKEN_SECRET_PREVIOUS: [],
    });
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("names a missing or malformed secret without echoing its value", () => {
    expect(() => parseEnv({})).toThrow(/PLATFORM_TOKEN_SECRET is missing/);
    const bad = "not-a-secret-value-1234";
    try {
      parseEnv({ PLATFORM_TOKEN_SECRET: bad, PLATFORM_TOKEN_SECRET_PREVIOUS: `${secret},${bad}` });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      expect((err as EnvError).variables).toEqual(["PLATFORM_TOKEN_SECRET", "PLATFORM_TOKEN_SECRET_PREVIOUS"]);
      expect((err as Error).message).not.toContain(bad);
    }
  });

  it("refuses nonsense knobs", () => {
    expect(() => parseEnv({ PLATFORM_TOKEN_SECRET: secret, WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => parseEnv({ PLATFORM_TOKEN_SECRET: secret, WORKER_QUEUES: "stt,email" })).toThrow(/WORKER_QUEUES/);
    expect(() => parseEnv({ PLATFORM_TOKEN_SECRET: secret, OPENAI_BASE_URL: "not a url" })).toThrow(/OPENAI_BASE_URL/);
  });
});
