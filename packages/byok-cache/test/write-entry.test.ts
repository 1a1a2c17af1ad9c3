import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEntryOnce } from "../src/write-entry";

describe("writeEntryOnce (real Redis)", () => {
  let ns: RedisTestNamespace;
  beforeAll(async () => {
    ns = await redisTestNamespace("byok-write");
  });
  afterAll(async () => {
    await ns.cleanup();
  });
  const at = (user: string, ref: string, maxEntries = 10) => ({
    entryPrefix: `${ns.prefix}cache:${user}:`,
    ref,
    indexKey: `${ns.prefix}cache-index:${user}`,
    ttlSeconds: 300,
    maxEntries,
  });

  it("writes the hash and its TTL together", async () => {
    const key = `${ns.prefix}cache:u1:a`;
    expect(
      await writeEntryOnce(ns.redis, { token: "v1.token", providers: ["openai", "gemini"] }, at("u1", "a")),
    ).toEqual({ written: true, full: false });
    expect(await ns.redis.hgetall(key)).toEqual({ t: "v1.token", p: "openai,gemini" });
    const ttl = await ns.redis.ttl(key);
    expect(ttl).toBeGreaterThanOrEqual(299);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it("never overwrites an existing entry, nor extends its TTL", async () => {
    const key = `${ns.prefix}cache:u1:b`;
    expect((await writeEntryOnce(ns.redis, { token: "first", providers: ["openai"] }, at("u1", "b"))).written).toBe(
      true,
    );
    await ns.redis.expire(key, 100);
    expect((await writeEntryOnce(ns.redis, { token: "second", providers: ["anthropic"] }, at("u1", "b"))).written).toBe(
      false,
    );
    expect(await ns.redis.hgetall(key)).toEqual({ t: "first", p: "openai" });
    expect(await ns.redis.ttl(key)).toBeLessThanOrEqual(100);
  });

  it("does not write over a key of another type either", async () => {
    const key = `${ns.prefix}cache:u1:c`;
    await ns.redis.set(key, "something else");
    expect((await writeEntryOnce(ns.redis, { token: "t", providers: ["openai"] }, at("u1", "c"))).written).toBe(false);
    expect(await ns.redis.get(key)).toBe("something else");
  });

  it("refuses a user's entry past maxEntries, keeping the waiting ones; deleted entries and other users do not count", async () => {
    for (const ref of ["r1", "r2", "r3"])
      await writeEntryOnce(ns.redis, { token: ref, providers: ["openai"] }, at("cap", ref, 3));
    await writeEntryOnce(ns.redis, { token: "other", providers: ["openai"] }, at("neighbour", "n1", 3));
    // A deleted entry (cleared, or ended with its recording) no longer takes a place.
    await ns.redis.del(`${ns.prefix}cache:cap:r2`);
    expect(await writeEntryOnce(ns.redis, { token: "r4", providers: ["openai"] }, at("cap", "r4", 3))).toEqual({
      written: true,
      full: false,
    });
    expect(await writeEntryOnce(ns.redis, { token: "r5", providers: ["openai"] }, at("cap", "r5", 3))).toEqual({
      written: false,
      full: true,
    });
    const live = (await ns.keys())
      .filter((k) => k.includes("cache:cap:"))
      .map((k) => k.split(":").pop())
      .sort();
    // The oldest, r1, still holds the keys its recording will run on.
    expect(live).toEqual(["r1", "r3", "r4"]);
    expect(await ns.redis.exists(`${ns.prefix}cache:neighbour:n1`)).toBe(1);
    expect(await ns.redis.zcard(`${ns.prefix}cache-index:cap`)).toBe(3);
  });

  it("never shortens the index's lifetime below an older entry that was extended", async () => {
    const index = `${ns.prefix}cache-index:long`;
    await writeEntryOnce(ns.redis, { token: "a", providers: ["openai"] }, at("long", "a"));
    // What ByokCache.extend does for a recording waiting in the queue: an hour for the entry and the index.
    await ns.redis.pexpire(`${ns.prefix}cache:long:a`, 3_600_000);
    await ns.redis.pexpire(index, 3_600_000);
    await writeEntryOnce(ns.redis, { token: "b", providers: ["openai"] }, at("long", "b"));
    expect(await ns.redis.ttl(index)).toBeGreaterThan(3_500);
  });
});
