import { randomBytes } from "node:crypto";
import { createTokenCipher } from "@byok/crypto";
import { mintKey } from "@byok/provider-emulator";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { BYOK_CACHE_TTL_SECONDS, byokRefSchema } from "@byok/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByokCacheError, createByokCache, type ByokCache, type ByokKeys } from "../src/index";

const newSecret = () => randomBytes(32).toString("base64");
const threeKeys = (): ByokKeys => ({
  gemini: mintKey("gemini", "valid"),
  openai: mintKey("openai", "valid"),
  anthropic: mintKey("anthropic", "valid"),
});

async function errorOf(promise: Promise<unknown>): Promise<ByokCacheError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ByokCacheError);
    return err as ByokCacheError;
  }
  throw new Error("expected a ByokCacheError");
}

describe("byok-cache (real Redis)", () => {
  let ns: RedisTestNamespace;
  let cache: ByokCache;
  const secret = newSecret();
  const entryKey = (userId: string, ref: string) => `${ns.prefix}cache:${userId}:${ref}`;

  beforeAll(async () => {
    ns = await redisTestNamespace("byok-cache");
    cache = createByokCache({ redis: ns.redis, cipher: createTokenCipher({ secret }), prefix: ns.prefix });
  });
  afterAll(async () => {
    await ns.cleanup();
  });

  /** Every key and every stored value under this test's prefix, as one string. */
  async function dumpRedis(): Promise<string> {
    const parts: string[] = [];
    for (const key of await ns.keys()) {
      const type = await ns.redis.type(key);
      const value =
        type === "hash"
          ? JSON.stringify(await ns.redis.hgetall(key))
          : type === "zset"
            ? JSON.stringify(await ns.redis.zrange(key, "0", "-1", "WITHSCORES"))
            : String(await ns.redis.get(key));
      parts.push(key, value);
    }
    return parts.join("\n");
  }

  it("puts an entry under a fresh reference and reads it back", async () => {
    const keys = threeKeys();
    const before = Date.now();
    const put = await cache.put("u_alice", keys);
    const after = Date.now();
    expect(byokRefSchema.safeParse(put.ref).success).toBe(true);
    expect(put.providers).toEqual(["openai", "anthropic", "gemini"]);
    expect(put.expiresAt).toBeGreaterThanOrEqual(before + BYOK_CACHE_TTL_SECONDS * 1000);
    expect(put.expiresAt).toBeLessThanOrEqual(after + BYOK_CACHE_TTL_SECONDS * 1000);
    expect(await cache.get("u_alice", put.ref)).toEqual(keys);
  });

  it("stores a hash of token and provider list with a 300 s TTL and no plaintext", async () => {
    const keys = threeKeys();
    const { ref } = await cache.put("u_alice", keys);
    const key = entryKey("u_alice", ref);
    expect(await ns.redis.type(key)).toBe("hash");
    const stored = await ns.redis.hgetall(key);
    expect(Object.keys(stored).sort()).toEqual(["p", "t"]);
    expect(stored.p).toBe("openai,anthropic,gemini");
    expect(stored.t).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    const ttl = await ns.redis.ttl(key);
    expect(Math.abs(ttl - 300)).toBeLessThanOrEqual(1);
    const everything = await dumpRedis();
    for (const value of Object.values(keys)) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(value.slice(-10));
    }
  });

  it("peeks providers and time left without decrypting", async () => {
    const { ref } = await cache.put("u_alice", { anthropic: mintKey("anthropic", "quota") });
    const peek = await cache.peek("u_alice", ref);
    expect(peek?.providers).toEqual(["anthropic"]);
    expect(peek?.ttlSeconds).toBeGreaterThanOrEqual(299);
    expect(peek?.ttlSeconds).toBeLessThanOrEqual(300);
    // Peek must not depend on the token: it works with a cache that holds none of the secrets.
    const blind = createByokCache({
      redis: ns.redis,
      cipher: createTokenCipher({ secret: newSecret() }),
      prefix: ns.prefix,
    });
    expect((await blind.peek("u_alice", ref))?.providers).toEqual(["anthropic"]);
    expect(await ns.redis.exists(entryKey("u_alice", ref))).toBe(1);
  });

  it("extends a live entry and its index score, never shortens it, and cannot bring a cleared one back", async () => {
    const { ref } = await cache.put("u_ext", threeKeys());
    const key = entryKey("u_ext", ref);
    expect(await cache.extend("u_ext", ref, 900_000)).toBe(true);
    expect(await ns.redis.pttl(key)).toBeGreaterThan(BYOK_CACHE_TTL_SECONDS * 1000);
    const score = Number(await ns.redis.zscore(`${ns.prefix}cache-index:u_ext`, ref));
    expect(score).toBeGreaterThan(Date.now() + BYOK_CACHE_TTL_SECONDS * 1000);
    // A shorter extension leaves the longer lifetime alone.
    expect(await cache.extend("u_ext", ref, 1_000)).toBe(true);
    expect(await ns.redis.pttl(key)).toBeGreaterThan(BYOK_CACHE_TTL_SECONDS * 1000);
    expect(await cache.get("u_ext", ref)).not.toBeNull();
    await cache.clear("u_ext", ref);
    expect(await cache.extend("u_ext", ref, 900_000)).toBe(false);
    expect(await ns.redis.exists(key)).toBe(0);
    // Another user's lookup names nothing.
    expect(await cache.extend("u_other", ref, 900_000)).toBe(false);
  });

  it("clears an entry once", async () => {
    const { ref } = await cache.put("u_alice", threeKeys());
    expect(await cache.clear("u_alice", ref)).toBe(true);
    expect(await cache.clear("u_alice", ref)).toBe(false);
    expect(await cache.get("u_alice", ref)).toBeNull();
    expect(await cache.peek("u_alice", ref)).toBeNull();
  });

  it("refuses a user's entry past the cap with a typed error, and takes one again once a place is free", async () => {
    const capped = createByokCache({
      redis: ns.redis,
      cipher: createTokenCipher({ secret }),
      prefix: ns.prefix,
      maxEntriesPerUser: 2,
    });
    const keys = { openai: mintKey("openai", "valid") };
    const first = await capped.put("u_capped", keys);
    await capped.put("u_capped", keys);
    const refused = await errorOf(capped.put("u_capped", keys));
    expect(refused.code).toBe("TOO_MANY_ENTRIES");
    expect(refused.message).toMatch(/^2 of your recordings are already waiting/);
    expect(refused.message).not.toContain(keys.openai);
    // The waiting entries keep their keys.
    expect(await capped.get("u_capped", first.ref)).toEqual(keys);
    await capped.clear("u_capped", first.ref);
    await expect(capped.put("u_capped", keys)).resolves.toMatchObject({ providers: ["openai"] });
  });

  it("names an entry's Redis key, and no key for a lookup that could name no entry", async () => {
    const { ref } = await cache.put("u_alice", threeKeys());
    expect(cache.entryKey("u_alice", ref)).toBe(entryKey("u_alice", ref));
    expect(await ns.redis.exists(cache.entryKey("u_alice", ref)!)).toBe(1);
    expect(cache.entryKey("u:alice", ref)).toBeNull();
    expect(cache.entryKey("u_alice", "*")).toBeNull();
    expect(cache.entryKey("u_alice", `${ref.slice(0, 42)}*`)).toBeNull();
  });

  it("gives another user nothing: get, peek and clear all fail and leave the entry alone", async () => {
    const keys = threeKeys();
    const { ref } = await cache.put("u_alice", keys);
    expect(await cache.get("u_bob", ref)).toBeNull();
    expect(await cache.peek("u_bob", ref)).toBeNull();
    expect(await cache.clear("u_bob", ref)).toBe(false);
    expect(await cache.get("u_alice", ref)).toEqual(keys);
  });

  it("refuses an entry moved to another user or reference, and deletes it", async () => {
    const { ref } = await cache.put("u_alice", threeKeys());
    const stored = await ns.redis.hgetall(entryKey("u_alice", ref));
    const otherRef = randomBytes(32).toString("base64url");
    for (const [userId, target] of [
      ["u_bob", ref],
      ["u_alice", otherRef],
    ] as const) {
      await ns.redis.hset(entryKey(userId, target), stored);
      await ns.redis.expire(entryKey(userId, target), 300);
      expect((await cache.peek(userId, target))?.providers).toHaveLength(3);
      expect(await cache.get(userId, target)).toBeNull();
      expect(await ns.redis.exists(entryKey(userId, target))).toBe(0);
    }
    expect(await cache.get("u_alice", ref)).not.toBeNull();
  });

  it("reads a tampered or garbage token as missing and deletes it", async () => {
    for (const tamper of [
      (t: string) => t.slice(0, -2) + (t.endsWith("AA") ? "BA" : "AA"),
      () => "not a token",
      (t: string) => t.slice(0, 40),
    ]) {
      const { ref } = await cache.put("u_alice", threeKeys());
      const key = entryKey("u_alice", ref);
      await ns.redis.hset(key, "t", tamper((await ns.redis.hget(key, "t")) ?? ""));
      expect(await cache.get("u_alice", ref)).toBeNull();
      expect(await ns.redis.exists(key)).toBe(0);
    }
  });

  it("reads an entry under a secret it does not hold as missing and deletes it", async () => {
    const stranger = createByokCache({
      redis: ns.redis,
      cipher: createTokenCipher({ secret: newSecret() }),
      prefix: ns.prefix,
    });
    const { ref } = await stranger.put("u_alice", threeKeys());
    expect(await cache.get("u_alice", ref)).toBeNull();
    expect(await ns.redis.exists(entryKey("u_alice", ref))).toBe(0);
  });

  it("keeps entries readable across a secret rotation", async () => {
    const keys = threeKeys();
    const oldCipher = createTokenCipher({ secret });
    const { ref } = await cache.put("u_carol", keys);
    const rotatedCipher = createTokenCipher({ secret: newSecret(), previousSecrets: [secret] });
    const rotated = createByokCache({ redis: ns.redis, cipher: rotatedCipher, prefix: ns.prefix });
    expect(await rotated.get("u_carol", ref)).toEqual(keys);
    const fresh = await rotated.put("u_carol", keys);
    const token = await ns.redis.hget(entryKey("u_carol", fresh.ref), "t");
    expect(token?.split(".")[1]).toBe(rotatedCipher.kid);
    expect(rotatedCipher.kid).not.toBe(oldCipher.kid);
    expect(await rotated.get("u_carol", fresh.ref)).toEqual(keys);
  });

  it("forgets an entry when Redis expires it", async () => {
    const { ref } = await cache.put("u_alice", threeKeys());
    const key = entryKey("u_alice", ref);
    expect(await ns.redis.pexpire(key, 20)).toBe(1);
    while ((await ns.redis.exists(key)) === 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await cache.get("u_alice", ref)).toBeNull();
    expect(await cache.peek("u_alice", ref)).toBeNull();
    expect(await cache.clear("u_alice", ref)).toBe(false);
  });

  it("keeps 200 parallel puts from 20 users apart", async () => {
    const users = Array.from({ length: 20 }, (_, i) => `u_parallel_${i}`);
    const jobs = users.flatMap((userId) =>
      Array.from({ length: 10 }, (_, j) => {
        const keys: ByokKeys = j % 2 ? threeKeys() : { openai: mintKey("openai", "valid") };
        return { userId, keys };
      }),
    );
    const puts = await Promise.all(jobs.map(({ userId, keys }) => cache.put(userId, keys)));
    expect(new Set(puts.map((p) => p.ref)).size).toBe(200);
    const reads = await Promise.all(puts.map((p, i) => cache.get(jobs[i]!.userId, p.ref)));
    reads.forEach((keys, i) => expect(keys).toEqual(jobs[i]!.keys));
    const crossed = await Promise.all(puts.map((p, i) => cache.get(users[(Math.floor(i / 10) + 1) % 20]!, p.ref)));
    expect(crossed.every((k) => k === null)).toBe(true);
    const stillThere = await Promise.all(puts.map((p, i) => cache.peek(jobs[i]!.userId, p.ref)));
    expect(stillThere.every((p) => p !== null)).toBe(true);
  });

  it("refuses bad input with typed errors that never echo a key", async () => {
    const key = mintKey("openai", "valid");
    for (const userId of ["", "u:1", "u 1", "x".repeat(129)]) {
      expect((await errorOf(cache.put(userId, { openai: key }))).code).toBe("BAD_USER_ID");
    }
    const cases: unknown[] = [
      {},
      null,
      [key],
      { openai: undefined },
      { mistral: key },
      { gemini: key },
      { openai: 42 },
    ];
    for (const keys of cases) {
      const error = await errorOf(cache.put("u_alice", keys as ByokKeys));
      expect(error.code).toBe("BAD_KEYS");
      expect(error.message).not.toContain(key);
    }
    expect((await errorOf(cache.put("u_alice", { gemini: key }))).message).toBe(
      "The Google Gemini key does not have the expected shape. Google Gemini keys start with “AIza”.",
    );
  });

  it("treats malformed references as missing without touching Redis keys", async () => {
    const before = (await ns.keys()).length;
    for (const ref of ["", "short", "*", `${"A".repeat(42)}*`, "A".repeat(44)]) {
      expect(await cache.get("u_alice", ref)).toBeNull();
      expect(await cache.peek("u_alice", ref)).toBeNull();
      expect(await cache.clear("u_alice", ref)).toBe(false);
    }
    expect(await cache.get("u:alice", "A".repeat(43))).toBeNull();
    expect((await ns.keys()).length).toBe(before);
  });

  it("peek reads an entry without its token as missing", async () => {
    const { ref } = await cache.put("u_alice", threeKeys());
    await ns.redis.hdel(entryKey("u_alice", ref), "t");
    expect(await cache.peek("u_alice", ref)).toBeNull();
    expect(await cache.get("u_alice", ref)).toBeNull();
  });
});
