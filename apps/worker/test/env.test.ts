import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../env";

const secret = randomBytes(32).toString("base64");

describe("worker env", () => {
  it("applies defaults and parses the knobs", () => {
    const env = parseEnv({
      PLATFORM_TOKEN_SECRET: secret,
      WORKER_CONCURRENCY: "6",
      WORKER_QUEUES: "stt",
      WORKER_STALLED_INTERVAL_MS: "1000",
    });
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

  it("defaults that pay once, wait out outages and keep a waiting recording's keys", () => {
    const env = parseEnv({ PLATFORM_TOKEN_SECRET: secret });
    // A call in flight always finishes within the shutdown's grace.
    expect(env.WORKER_SHUTDOWN_TIMEOUT_MS).toBeGreaterThan(env.PROVIDER_TIMEOUT_MS);
    // At least two minutes of retries per stage, with backoff that reaches it.
    expect(env.STAGE_RETRY_BUDGET_MS).toBeGreaterThanOrEqual(120_000);
    expect(env.PROVIDER_RETRY_BASE_MS).toBeGreaterThanOrEqual(500);
    expect(env.RETRY_AFTER_CAP_MS).toBe(60_000);
    // At least an hour of waiting on the user's keys; the 5-minute TTL stays.
    expect(env.BYOK_MAX_WAIT_MS).toBeGreaterThanOrEqual(3_600_000);
    expect(env.BYOK_CACHE_TTL_MS).toBe(300_000);
  });

  it("docker-compose.yml gives the worker a stop grace longer than its shutdown timeout and margin", () => {
    const compose = readFileSync(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docker-compose.yml"),
      "utf8",
    );
    const worker = compose.slice(compose.indexOf("\n  worker:"), compose.indexOf("\n  web:"));
    const grace = Number(/stop_grace_period: (\d+)s/.exec(worker)?.[1]) * 1000;
    const timeout = Number(/WORKER_SHUTDOWN_TIMEOUT_MS: "(\d+)"/.exec(worker)?.[1]);
    const provider = Number(/PROVIDER_TIMEOUT_MS: "(\d+)"/.exec(worker)?.[1]);
    expect(provider).toBeLessThan(timeout);
    // 3 s: the shutdown margin in index.ts (hand jobs back, close queues and pools).
    expect(timeout + 3_000).toBeLessThan(grace);
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
