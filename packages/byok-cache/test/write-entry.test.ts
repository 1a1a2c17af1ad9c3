import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineWriteEntryOnce, type WriteEntryOnce } from "../src/write-entry";

describe("writeEntryOnce (real Redis)", () => {
  let ns: RedisTestNamespace;
  let writeEntryOnce: WriteEntryOnce;
  beforeAll(async () => {
    ns = await redisTestNamespace("byok-write");
    writeEntryOnce = defineWriteEntryOnce(ns.redis);
  });
  afterAll(async () => {
    await ns.cleanup();
  });

  it("writes the hash and its TTL together", async () => {
    const key = `${ns.prefix}cache:u1:a`;
    expect(await writeEntryOnce(key, { token: "v1.token", providers: ["openai", "gemini"] }, 300)).toBe(true);
    expect(await ns.redis.hgetall(key)).toEqual({ t: "v1.token", p: "openai,gemini" });
    const ttl = await ns.redis.ttl(key);
    expect(ttl).toBeGreaterThanOrEqual(299);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it("never overwrites an existing entry, nor extends its TTL", async () => {
    const key = `${ns.prefix}cache:u1:b`;
    expect(await writeEntryOnce(key, { token: "first", providers: ["openai"] }, 300)).toBe(true);
    await ns.redis.expire(key, 100);
    expect(await writeEntryOnce(key, { token: "second", providers: ["anthropic"] }, 300)).toBe(false);
    expect(await ns.redis.hgetall(key)).toEqual({ t: "first", p: "openai" });
    expect(await ns.redis.ttl(key)).toBeLessThanOrEqual(100);
  });

  it("does not write over a key of another type either", async () => {
    const key = `${ns.prefix}cache:u1:c`;
    await ns.redis.set(key, "something else");
    expect(await writeEntryOnce(key, { token: "t", providers: ["openai"] }, 300)).toBe(false);
    expect(await ns.redis.get(key)).toBe("something else");
  });
});
