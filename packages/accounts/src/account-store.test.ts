import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { AccountNotFoundError, createAccountStore, userIdForEmail } from "./index";

let ns: RedisTestNamespace;
beforeAll(async () => {
  ns = await redisTestNamespace("accounts");
});
afterAll(async () => {
  await ns.cleanup();
});

describe("userIdForEmail", () => {
  it("is stable per email, ignoring case and surrounding space", () => {
    const id = userIdForEmail("Ada@Example.com ");
    expect(id).toBe(userIdForEmail("ada@example.com"));
    expect(id).toMatch(/^u_[0-9a-f]{20}$/);
    expect(userIdForEmail("bob@example.com")).not.toBe(id);
  });
});

describe("createAccountStore", () => {
  it("creates an account with the fallback policy and keeps createdAt and policy across sign-ins", async () => {
    const store = createAccountStore({ redis: ns.redis, prefix: ns.prefix });
    const id = userIdForEmail("ada@example.com");
    const created = await store.upsert({ id, email: "ada@example.com", plan: "free" });
    expect(created).toMatchObject({ id, email: "ada@example.com", plan: "free", policy: "fallback" });

    await store.setPolicy(id, "byok_only");
    const again = await store.upsert({ id, email: "ada@example.com", plan: "pro" });
    expect(again).toEqual({ ...created, plan: "pro", policy: "byok_only" });
    expect(await store.get(id)).toEqual(again);
    expect(await ns.redis.type(`${ns.prefix}account:${id}`)).toBe("hash");
  });

  it("returns null for an unknown user and refuses a policy for one", async () => {
    const store = createAccountStore({ redis: ns.redis, prefix: ns.prefix });
    const id = userIdForEmail("nobody@example.com");
    expect(await store.get(id)).toBeNull();
    await expect(store.setPolicy(id, "byok_only")).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(await ns.redis.exists(`${ns.prefix}account:${id}`)).toBe(0);
  });

  it("rejects a bad plan, email or policy", async () => {
    const store = createAccountStore({ redis: ns.redis, prefix: ns.prefix });
    const id = userIdForEmail("eve@example.com");
    await expect(store.upsert({ id, email: "eve@example.com", plan: "gold" as never })).rejects.toThrow();
    await expect(store.upsert({ id, email: "not-an-email", plan: "free" })).rejects.toThrow();
    await store.upsert({ id, email: "eve@example.com", plan: "start" });
    await expect(store.setPolicy(id, "always" as never)).rejects.toThrow();
  });
});
