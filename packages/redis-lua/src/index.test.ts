import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { luaScript } from "./index";

let ns: RedisTestNamespace;
beforeAll(async () => {
  ns = await redisTestNamespace("lua");
});
afterAll(() => ns.cleanup());

describe("luaScript", () => {
  it("loads an unknown script once, then runs it by SHA1", async () => {
    // A body unique to this run, so Redis cannot already know it.
    const script = luaScript(`-- ${ns.prefix}\nredis.call('SET', KEYS[1], ARGV[1]) return ARGV[2]`);
    expect(await script.run(ns.redis, [`${ns.prefix}a`], ["one", "first"])).toBe("first");
    expect(await script.run(ns.redis, [`${ns.prefix}a`], ["two", "second"])).toBe("second");
    expect(await ns.redis.get(`${ns.prefix}a`)).toBe("two");
  });

  it("passes script errors through instead of retrying them", async () => {
    const script = luaScript(`-- ${ns.prefix} failing\nreturn redis.call('NOPE')`);
    await expect(script.run(ns.redis, [], [])).rejects.toThrow();
  });
});
