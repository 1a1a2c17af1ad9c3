import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  KEY_HEALTH_REFRESH_MS,
  type KeyHealthObservation,
  createAccountRepository,
  createKeyHealthRepository,
  newsOnly,
} from "../src";
import { pgTestDatabase, type PgTestDatabase } from "../src/testing";

let pg: PgTestDatabase;
beforeAll(async () => {
  pg = await pgTestDatabase("db-key-health");
});
afterAll(async () => {
  await pg?.cleanup();
});

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));

describe("key health repository (real PostgreSQL)", () => {
  it("keeps each provider's latest outcome, with its source, time and the provider's named time", async () => {
    const accounts = createAccountRepository(pg.db);
    const health = createKeyHealthRepository(pg.db);
    await accounts.ensure({ id: "u_kh1", email: "kh1@example.com" });
    expect(await health.list("u_kh1")).toEqual([]);

    await health.record({
      userId: "u_kh1",
      source: "key_test",
      keysFrom: at(0),
      observedAt: at(1),
      outcomes: [{ provider: "openai", outcome: "ok" }],
    });
    await health.record({
      userId: "u_kh1",
      source: "pipeline",
      keysFrom: at(2),
      observedAt: at(3),
      outcomes: [
        { provider: "openai", outcome: "ok" },
        // The same provider twice in one stage: the last outcome counts.
        { provider: "openai", outcome: "quota_exceeded", retryAt: at(60).getTime() },
        { provider: "gemini", outcome: "ok" },
      ],
    });
    const list = await health.list("u_kh1");
    expect(list.sort((a, b) => a.provider.localeCompare(b.provider))).toEqual([
      { provider: "gemini", outcome: "ok", source: "pipeline", observedAt: at(3).getTime(), retryAt: null },
      {
        provider: "openai",
        outcome: "quota_exceeded",
        source: "pipeline",
        observedAt: at(3).getTime(),
        retryAt: at(60).getTime(),
      },
    ]);

    // An observation older than the stored one changes nothing (a slow job finishing late).
    await health.record({
      userId: "u_kh1",
      source: "pipeline",
      keysFrom: at(2),
      observedAt: at(2),
      outcomes: [{ provider: "openai", outcome: "ok" }],
    });
    expect((await health.list("u_kh1")).find((h) => h.provider === "openai")?.outcome).toBe("quota_exceeded");
  });

  it("a reset forgets the old key, and ignores what arrives later about keys from before it", async () => {
    const accounts = createAccountRepository(pg.db);
    const health = createKeyHealthRepository(pg.db);
    await accounts.ensure({ id: "u_kh2", email: "kh2@example.com" });
    await health.record({
      userId: "u_kh2",
      source: "key_test",
      keysFrom: at(0),
      observedAt: at(1),
      outcomes: [{ provider: "groq", outcome: "invalid_key" }],
    });
    await health.reset("u_kh2", ["groq", "anthropic"]);
    expect(await health.list("u_kh2")).toEqual([]);

    const beforeReset = new Date(Date.now() - 60_000);
    await health.record({
      userId: "u_kh2",
      source: "pipeline",
      keysFrom: beforeReset,
      observedAt: new Date(),
      outcomes: [{ provider: "groq", outcome: "quota_exceeded" }],
    });
    expect(await health.list("u_kh2")).toEqual([]);

    const afterReset = new Date(Date.now() + 1_000);
    await health.record({
      userId: "u_kh2",
      source: "key_test",
      keysFrom: afterReset,
      observedAt: afterReset,
      outcomes: [{ provider: "groq", outcome: "ok" }],
    });
    expect(await health.list("u_kh2")).toEqual([
      { provider: "groq", outcome: "ok", source: "key_test", observedAt: afterReset.getTime(), retryAt: null },
    ]);
  });

  it("belongs to its user: another user's health is separate, and goes with the account", async () => {
    const accounts = createAccountRepository(pg.db);
    const health = createKeyHealthRepository(pg.db);
    await accounts.ensure({ id: "u_kh3", email: "kh3@example.com" });
    await accounts.ensure({ id: "u_kh4", email: "kh4@example.com" });
    await health.record({
      userId: "u_kh3",
      source: "key_test",
      keysFrom: at(0),
      observedAt: at(0),
      outcomes: [{ provider: "openai", outcome: "ok" }],
    });
    expect(await health.list("u_kh4")).toEqual([]);
    await pg.pool.query("delete from users where id = 'u_kh3'");
    expect(await health.list("u_kh3")).toEqual([]);
    await expect(
      health.record({
        userId: "u_nobody",
        source: "key_test",
        keysFrom: at(0),
        observedAt: at(0),
        outcomes: [{ provider: "openai", outcome: "ok" }],
      }),
    ).rejects.toThrow();
  });
});

describe("newsOnly: what a stage writes given what it read", () => {
  const observation = (outcome: "ok" | "quota_exceeded", observedAt: Date, keysFrom = at(0)): KeyHealthObservation => ({
    userId: "u",
    source: "pipeline",
    keysFrom,
    observedAt,
    outcomes: [{ provider: "openai", outcome }],
  });
  const stored = (outcome: string | null, observedAt: Date | null, resetAt: Date | null = null) => [
    { provider: "openai", outcome, source: outcome ? ("pipeline" as const) : null, observedAt, resetAt },
  ];

  it("writes what nobody stored, a changed outcome, and an unchanged one once it is old", () => {
    expect(newsOnly([], observation("ok", at(5))).outcomes).toHaveLength(1);
    expect(newsOnly(stored("ok", at(4)), observation("quota_exceeded", at(5))).outcomes).toHaveLength(1);
    const later = new Date(at(4).getTime() + KEY_HEALTH_REFRESH_MS);
    expect(newsOnly(stored("ok", at(4)), observation("ok", later)).outcomes).toHaveLength(1);
  });

  it("skips an unchanged outcome learnt moments ago, and whatever a reset voided", () => {
    expect(newsOnly(stored("ok", at(4)), observation("ok", at(5))).outcomes).toEqual([]);
    // Reset after these keys were cached: the database would ignore it anyway.
    expect(newsOnly(stored(null, null, at(3)), observation("ok", at(5), at(2))).outcomes).toEqual([]);
    // Reset before: the first outcome of the new key is written.
    expect(newsOnly(stored(null, null, at(1)), observation("ok", at(5), at(2))).outcomes).toHaveLength(1);
  });
});
