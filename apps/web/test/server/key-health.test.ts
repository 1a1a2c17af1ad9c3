import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeByokHeader } from "@byok/byok-header";
import { dumpDatabase } from "@byok/db/testing";
import { keyFingerprint } from "@byok/provider-emulator";
import { maskKey, type Provider } from "@byok/types";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
const minted = new MintedKeys();

beforeAll(async () => {
  stack = await startServerStack();
});
afterAll(async () => {
  await stack?.close();
});

interface Health {
  provider: Provider;
  outcome: string;
  source: string;
  observedAt: number;
  retryAt: number | null;
}

async function test(cookie: string, provider: Provider, key: string) {
  return stack.mutation("user.testByokKey", {
    cookie,
    input: { provider },
    byokHeader: encodeByokHeader({ [provider]: key }),
  });
}

const healthOf = async (cookie: string) => dataOf<Health[]>(await stack.query("user.keyHealth", { cookie }));

describe("key health on the server", () => {
  it("a key test leaves the key's outcome and time in PostgreSQL, and keyHealth returns it", async () => {
    const { cookie } = await stack.signIn("health-test@example.com");
    const before = Date.now();
    expect(await healthOf(cookie)).toEqual([]);
    expect((await test(cookie, "openai", minted.mint("openai", "valid", "h"))).status).toBe(200);
    expect(await healthOf(cookie)).toEqual([
      { provider: "openai", outcome: "ok", source: "key_test", observedAt: expect.any(Number), retryAt: null },
    ]);
    expect((await healthOf(cookie))[0]!.observedAt).toBeGreaterThanOrEqual(before);

    // The latest outcome wins, with its reason.
    await test(cookie, "openai", minted.mint("openai", "quota", "h"));
    expect(await healthOf(cookie)).toMatchObject([
      { provider: "openai", outcome: "quota_exceeded", source: "key_test" },
    ]);
  });

  it("keeps the time the provider named for a usage limit", async () => {
    const { cookie } = await stack.signIn("health-usage@example.com");
    const res = await test(cookie, "anthropic", minted.mint("anthropic", "usagelimit", "h"));
    const data = dataOf<{ ok: boolean; reason: string; action: { kind: string; until?: number } }>(res);
    expect(data).toMatchObject({ ok: false, reason: "quota_exceeded", action: { kind: "wait_until" } });
    expect(await healthOf(cookie)).toMatchObject([
      { provider: "anthropic", outcome: "quota_exceeded", retryAt: data.action.until },
    ]);
  });

  it("resetKeyHealth forgets the providers named, and answers with what is left", async () => {
    const { cookie } = await stack.signIn("health-reset@example.com");
    await test(cookie, "openai", minted.mint("openai", "invalid", "h"));
    await test(cookie, "gemini", minted.mint("gemini", "valid", "h"));
    const left = dataOf<Health[]>(
      await stack.mutation("user.resetKeyHealth", { cookie, input: { providers: ["openai"] } }),
    );
    expect(left).toMatchObject([{ provider: "gemini", outcome: "ok" }]);
    expect(await healthOf(cookie)).toEqual(left);
    // A test of the new key after the reset counts again.
    await test(cookie, "openai", minted.mint("openai", "valid", "h"));
    expect((await healthOf(cookie)).map((h) => `${h.provider}:${h.outcome}`).sort()).toEqual([
      "gemini:ok",
      "openai:ok",
    ]);
  });

  it("refuses bad input with a typed 400, and answers 401 without a session", async () => {
    const { cookie } = await stack.signIn("health-bad@example.com");
    for (const input of [{ providers: [] }, { providers: ["mistral"] }, { providers: ["openai", "openai"] }, {}]) {
      const res = await stack.mutation("user.resetKeyHealth", { cookie, input });
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(errorOf(res).code).toBe("BAD_REQUEST");
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await stack.query("user.keyHealth")).status).toBe(401);
    expect((await stack.mutation("user.resetKeyHealth", { input: { providers: ["openai"] } })).status).toBe(401);
  });

  it("is each user's own", async () => {
    const a = await stack.signIn("health-a@example.com");
    const b = await stack.signIn("health-b@example.com");
    await test(a.cookie, "groq", minted.mint("groq", "valid", "h"));
    expect(await healthOf(b.cookie)).toEqual([]);
    await stack.mutation("user.resetKeyHealth", { cookie: b.cookie, input: { providers: ["groq"] } });
    expect(await healthOf(a.cookie)).toHaveLength(1);
  });

  it("holds nothing of a key: not the key, its fingerprint or its masked hint", async () => {
    const dump = await dumpDatabase(stack.pg.url);
    expect(dump).toContain("COPY public.key_health");
    expect(minted.all.size).toBeGreaterThan(5);
    for (const key of minted.all) {
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(keyFingerprint(key));
      expect(dump).not.toContain(maskKey(key));
    }
  });
});

describe("provider order", () => {
  it("is stored, completed with the default order, and returned by user.me", async () => {
    const { cookie } = await stack.signIn("order@example.com");
    const set = await stack.mutation("user.setProviderOrder", { cookie, input: { order: ["gemini", "groq"] } });
    expect(dataOf(set)).toEqual({ providerOrder: ["gemini", "groq", "openai", "anthropic"] });
    expect(dataOf<{ providerOrder: string[] }>(await stack.query("user.me", { cookie })).providerOrder).toEqual([
      "gemini",
      "groq",
      "openai",
      "anthropic",
    ]);
  });

  it("refuses a repeated or unknown provider with a typed 400", async () => {
    const { cookie } = await stack.signIn("order-bad@example.com");
    for (const order of [["gemini", "gemini"], ["mistral"], "gemini"]) {
      const res = await stack.mutation("user.setProviderOrder", { cookie, input: { order } });
      expect(res.status, JSON.stringify(order)).toBe(400);
      expect(errorOf(res).code).toBe("BAD_REQUEST");
    }
  });
});
