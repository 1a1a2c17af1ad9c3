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
    ).toEqual({ written: true, evicted: 0 });
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

  it("keeps at most maxEntries live entries per user: the oldest go, other users keep theirs", async () => {
    for (const ref of ["r1", "r2", "r3"])
      await writeEntryOnce(ns.redis, { token: ref, providers: ["openai"] }, at("cap", ref, 3));
    await writeEntryOnce(ns.redis, { token: "other", providers: ["openai"] }, at("neighbour", "n1", 3));
    // A deleted entry (cleared, or ended with its recording) no longer takes a place.
    await ns.redis.del(`${ns.prefix}cache:cap:r2`);
    expect(await writeEntryOnce(ns.redis, { token: "r4", providers: ["openai"] }, at("cap", "r4", 3))).toEqual({
      written: true,
      evicted: 0,
    });
    expect(await writeEntryOnce(ns.redis, { token: "r5", providers: ["openai"] }, at("cap", "r5", 3))).toEqual({
      written: true,
      evicted: 1,
    });
    const live = (await ns.keys())
      .filter((k) => k.includes("cache:cap:"))
      .map((k) => k.split(":").pop())
      .sort();
    expect(live).toEqual(["r4", "r5", "r3"].sort());
    expect(await ns.redis.exists(`${ns.prefix}cache:neighbour:n1`)).toBe(1);
    expect(await ns.redis.zcard(`${ns.prefix}cache-index:cap`)).toBe(3);
    expect(await ns.redis.ttl(`${ns.prefix}cache-index:cap`)).toBeLessThanOrEqual(300);
  });
});
