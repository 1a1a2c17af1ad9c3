import { encodeByokHeader } from "@byok/byok-header";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, errorOf, startServerStack, type CallResult, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
const minted = new MintedKeys();
const responses: string[] = [];

// Small numbers so each limit trips in a few calls; the logic is the same as at the defaults
// (docs/security.md, "Abuse limits"). Requests name their client IP through X-Forwarded-For,
// which the server believes only because 127.0.0.1 is configured as a trusted proxy here.
beforeAll(async () => {
  stack = await startServerStack({
    trustedProxies: ["127.0.0.1"],
    env: {
      TESTKEY_RATE_LIMIT_POINTS: "3",
      TESTKEY_RATE_LIMIT_WINDOW_SECONDS: "10",
      TESTKEY_IP_RATE_LIMIT_POINTS: "5",
      TESTKEY_GLOBAL_RATE_LIMIT_POINTS: "12",
      CACHE_KEYS_RATE_LIMIT_POINTS: "4",
      BYOK_CACHE_MAX_ENTRIES: "3",
      AUTH_IP_RATE_LIMIT_POINTS: "6",
      SIGN_UP_IP_RATE_LIMIT_POINTS: "2",
      SIGN_IN_FREE_FAILURES: "3",
    },
  });
});
afterAll(async () => {
  expect(minted.foundIn(stack.logs.join("\n") + responses.join("\n"))).toEqual([]);
  await stack?.close();
});

const ip = (n: number) => `192.0.2.${n}`;
const keep = (r: CallResult) => (responses.push(r.text), r);

function expectLimited(res: CallResult, what: RegExp): void {
  expect(res.status).toBe(429);
  const error = errorOf(res);
  expect(error.code).toBe("TOO_MANY_REQUESTS");
  expect(error.message).toMatch(what);
  expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get("retry-after"))).toBe(error.retryAfterSeconds);
}

describe("testByokKey: per user, per IP and in total", () => {
  it(
    "trips each limit in turn, calls no provider once refused, and the user's limit resets",
    { timeout: 60_000 },
    async () => {
      const users = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((n) => stack.signIn(`check-${n}@example.com`, "pro", { ip: ip(n) })),
      );
      const [a, b, c, d, e, f] = users.map((u) => u.cookie) as [string, string, string, string, string, string];
      const header = encodeByokHeader({ gemini: minted.mint("gemini", "valid", "limit") });
      const check = async (cookie: string, from: string) =>
        keep(
          await stack.mutation("user.testByokKey", {
            cookie,
            input: { provider: "gemini" },
            byokHeader: header,
            extraHeaders: { "x-forwarded-for": from },
          }),
        );

      for (let i = 0; i < 3; i++) expect(dataOf(await check(a, ip(101)))).toEqual({ ok: true });
      const calls = stack.emulator.calls().length;
      expectLimited(await check(a, ip(101)), /key checks/);
      expect(stack.emulator.calls().length).toBe(calls);
      expect(await stack.ns.redis.exists(`${stack.ns.prefix}ratelimit:testkey:${users[0]!.userId}`)).toBe(1);
      expect(dataOf(await check(b, ip(102)))).toEqual({ ok: true });

      // Per IP: two fresh accounts behind one address share its 5.
      for (let i = 0; i < 3; i++) expect((await check(c, ip(103))).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await check(d, ip(103))).status).toBe(200);
      expectLimited(await check(d, ip(103)), /key checks/);
      expect(await stack.ns.redis.exists(`${stack.ns.prefix}ratelimit:testkey-ip:${ip(103)}`)).toBe(1);

      // In total: 3 + 1 + 5 so far; fresh accounts on fresh addresses still stop at 12.
      for (let i = 0; i < 3; i++) expect((await check(e, ip(104))).status).toBe(200);
      expectLimited(await check(f, ip(105)), /key checks/);

      await vi.waitFor(async () => expect((await check(b, ip(102))).status).toBe(200), {
        timeout: 25_000,
        interval: 1_000,
      });
    },
  );
});

describe("cacheByokKeys", () => {
  it("keeps at most BYOK_CACHE_MAX_ENTRIES live entries per user, refusing the next and keeping the waiting ones, and is limited per minute", async () => {
    const { cookie } = await stack.signIn("cache-limit@example.com", "pro", { ip: ip(20) });
    const cache = async () =>
      keep(
        await stack.mutation("user.cacheByokKeys", {
          cookie,
          input: { providers: ["openai"] },
          byokHeader: encodeByokHeader({ openai: minted.mint("openai", "valid", "cap") }),
        }),
      );
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push(dataOf<{ ref: string }>(await cache()).ref);
    const full = await cache();
    expect(full.status).toBe(429);
    expect(errorOf(full).code).toBe("TOO_MANY_REQUESTS");
    expect(errorOf(full).message).toMatch(/^3 of your recordings are already waiting to run on your keys/);
    // A place frees up when a recording finishes, at no time the server can name.
    expect(errorOf(full).retryAfterSeconds).toBeUndefined();
    expect(full.headers.get("retry-after")).toBeNull();
    const status = async (ref: string) => (await stack.mutation("user.byokStatus", { cookie, input: { ref } })).status;
    for (const ref of refs) expect(await status(ref)).toBe(200);
    // The per-minute limit (4) counts every call, the refused one too.
    expect((await stack.mutation("user.clearByokKeys", { cookie, input: { ref: refs[0]! } })).status).toBe(200);
    expectLimited(await cache(), /key uploads/);
  });
});

describe("batches", () => {
  it("refuses BYOK procedures and the key header in a batch, and batches over 10 calls", async () => {
    const { cookie, userId } = await stack.signIn("batch@example.com", "pro", { ip: ip(30) });
    const header = encodeByokHeader({ openai: minted.mint("openai", "valid", "batch") });
    const batch = (paths: string[], extra: Record<string, string> = {}) =>
      stack.request(`/api/trpc/${paths.join(",")}?batch=1`, {
        method: "POST",
        headers: { cookie, ...extra },
        body: JSON.stringify(
          Object.fromEntries(
            paths.map((p, i) => [String(i), p === "user.cacheByokKeys" ? { providers: ["openai"] } : undefined]),
          ),
        ),
      });
    const byok = keep(await batch(["user.ping", "user.cacheByokKeys"], { "x-byok-key": header }));
    expect(byok.status).toBe(400);
    expect(byok.text).toContain("must be sent on their own");
    expect((await batch(["user.cacheByokKeys"])).status).toBe(400);
    expect((await batch(["user.ping", "user.ping"], { "x-byok-key": header })).status).toBe(400);
    expect(await stack.ns.keys()).not.toContainEqual(expect.stringContaining(`:cache:${userId}:`));

    expect((await batch(Array.from({ length: 11 }, () => "user.ping"))).status).toBe(400);
    expect((await batch(Array.from({ length: 10 }, () => "user.ping"))).status).toBe(200);
  });

  it("an unknown procedure or a malformed escape gets a 400/404 that does not repeat the path", async () => {
    const { cookie } = await stack.signIn("paths@example.com", "pro", { ip: ip(31) });
    const escape = await stack.request("/api/trpc/recordings.get%ZZ", { headers: { cookie } });
    expect(escape.status).toBe(400);
    const unknown = await stack.request("/api/trpc/user.sk-emu-valid-pathecho", { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain("pathecho");
  });
});

describe("sign-up and sign-in", () => {
  it("sign-ups are limited per IP", async () => {
    const signUp = (n: number) =>
      stack.request("/api/auth/sign-up/email", {
        method: "POST",
        headers: { "x-forwarded-for": ip(50) },
        body: JSON.stringify({ email: `signup-${n}@example.com`, password: "a long enough password", name: "" }),
      });
    expect((await signUp(1)).status).toBe(200);
    expect((await signUp(2)).status).toBe(200);
    const third = await signUp(3);
    expect(third.status).toBe(429);
    expect(third.json).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address may still sign up.
    expect(
      (
        await stack.request("/api/auth/sign-up/email", {
          method: "POST",
          headers: { "x-forwarded-for": ip(51) },
          body: JSON.stringify({ email: "signup-4@example.com", password: "a long enough password", name: "" }),
        })
      ).status,
    ).toBe(200);
  });

  it("sign-in attempts are limited per IP, even with the right password", async () => {
    const { password } = await stack.signIn("ip-limited@example.com", "free", { ip: ip(61) });
    for (let i = 0; i < 6; i++)
      expect((await stack.signInWithPassword(`guess-${i}@example.com`, "wrong password!", { ip: ip(60) })).status).toBe(
        401,
      );
    const blocked = await stack.signInWithPassword("ip-limited@example.com", password, { ip: ip(60) });
    expect(blocked.status).toBe(429);
    expect(blocked.cookie).toBeNull();
    expect((await stack.signInWithPassword("ip-limited@example.com", password, { ip: ip(62) })).status).toBe(200);
  });

  it(
    "failed sign-ins to one account back off, doubling, from any address; a success clears them",
    { timeout: 60_000 },
    async () => {
      const email = "backoff@example.com";
      const { password } = await stack.signIn(email, "free", { ip: ip(70) });
      const attempt = (pw: string, n: number) => stack.signInWithPassword(email, pw, { ip: ip(71 + n) });
      for (let n = 0; n < 3; n++) expect((await attempt("wrong password!", n)).status).toBe(401);
      const first = await attempt(password, 3);
      expect(first.status).toBe(429);
      expect(first.cookie).toBeNull();
      expect(Number(first.headers.get("retry-after"))).toBeLessThanOrEqual(2);
      await new Promise((r) => setTimeout(r, Number(first.headers.get("retry-after")) * 1000 + 100));
      expect((await attempt("wrong password!", 4)).status).toBe(401);
      const second = await attempt(password, 5);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(2);
      expect(Number(second.headers.get("retry-after"))).toBeLessThanOrEqual(4);
      await new Promise((r) => setTimeout(r, Number(second.headers.get("retry-after")) * 1000 + 100));
      expect((await attempt(password, 6)).status).toBe(200);
      // Cleared: one wrong password now costs nothing.
      expect((await attempt("wrong password!", 7)).status).toBe(401);
      expect((await attempt(password, 8)).status).toBe(200);
    },
  );
});
