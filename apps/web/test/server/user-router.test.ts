import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createByokCache } from "@byok/byok-cache";
import { encodeByokHeader } from "@byok/byok-header";
import { createTokenCipher } from "@byok/crypto";
import { REDACTED, SCRUBBED } from "@byok/logger";
import { keyFingerprint } from "@byok/provider-emulator";
import { BYOK_CACHE_TTL_SECONDS, PROVIDERS, type Provider } from "@byok/types";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, errorOf, startServerStack, type CallResult, type ServerStack } from "~/test/server/server-stack";

const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

let stack: ServerStack;
const minted = new MintedKeys();
const responses: string[] = [];

function keep(result: CallResult): CallResult {
  responses.push(result.text, JSON.stringify([...result.headers]));
  return result;
}

beforeAll(async () => {
  stack = await startServerStack();
});

afterAll(async () => {
  await stack?.close();
});

describe("user.me, setByokPolicy and ping", () => {
  it("returns the signed-in user's plan and default policy, and the policy can change", async () => {
    const { userId, cookie } = await stack.signIn("me@example.com", "start");
    const me = keep(await stack.query("user.me", { cookie }));
    expect(me.status).toBe(200);
    expect(dataOf(me)).toEqual({
      id: userId,
      email: "me@example.com",
      plan: "start",
      policy: "fallback",
      providerOrder: ["openai", "anthropic", "gemini", "groq"],
    });
    expect(me.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const set = keep(await stack.mutation("user.setByokPolicy", { cookie, input: { policy: "byok_only" } }));
    expect(dataOf(set)).toEqual({ policy: "byok_only" });
    expect(dataOf<{ policy: string }>(await stack.query("user.me", { cookie })).policy).toBe("byok_only");
  });

  it("rejects an unknown policy with a typed 400", async () => {
    const { cookie } = await stack.signIn("policy@example.com");
    const res = keep(await stack.mutation("user.setByokPolicy", { cookie, input: { policy: "always" } }));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/^Invalid input\. policy:/);
  });

  it("answers 401 without a session, and for a tampered cookie", async () => {
    expect((await stack.query("user.me")).status).toBe(401);
    const { cookie } = await stack.signIn("tamper@example.com");
    const tampered = `${cookie.slice(0, -4)}AAAA`;
    const res = await stack.query("user.me", { cookie: tampered });
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe("UNAUTHORIZED");
  });

  it("logs each call with the request id, taking the proxy's id when it is a UUID", async () => {
    const { userId, cookie } = await stack.signIn("reqid@example.com");
    const fromProxy = crypto.randomUUID();
    const res = await stack.query("user.me", { cookie, extraHeaders: { "x-request-id": fromProxy } });
    expect(res.headers.get("x-request-id")).toBe(fromProxy);
    const line = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === fromProxy);
    expect(line).toMatchObject({ path: "user.me", userId, msg: "trpc call" });
    const forged = await stack.query("user.me", { cookie, extraHeaders: { "x-request-id": "forged-id, not a uuid" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("ping is a protected no-op", async () => {
    const { cookie } = await stack.signIn("ping@example.com");
    expect(dataOf(keep(await stack.mutation("user.ping", { cookie })))).toEqual({ ok: true });
    expect((await stack.mutation("user.ping")).status).toBe(401);
  });
});

describe("user.testByokKey through the official SDKs and the emulator", () => {
  const cases = [
    ["valid", { ok: true }],
    ["invalid", { ok: false, reason: "invalid_key" }],
    ["quota", { ok: false, reason: "quota_exceeded" }],
    ["ratelimit", { ok: false, reason: "rate_limited" }],
    ["error", { ok: false, reason: "provider_unavailable" }],
  ] as const;

  for (const provider of PROVIDERS) {
    it(`classifies every ${provider} key behaviour`, async () => {
      // One user per provider keeps the five checks under the per-user limit.
      const { cookie } = await stack.signIn(`check-${provider}@example.com`);
      for (const [behaviour, expected] of cases) {
        const key = minted.mint(provider, behaviour, `check-${provider}`);
        stack.emulator.clearCalls();
        const res = keep(
          await stack.mutation("user.testByokKey", {
            cookie,
            input: { provider },
            byokHeader: encodeByokHeader({ [provider]: key }),
          }),
        );
        expect(res.status, `${provider}/${behaviour}`).toBe(200);
        const data = dataOf<{ ok: boolean; reason?: string; message?: string }>(res);
        expect(data, `${provider}/${behaviour}`).toMatchObject(expected);
        if (!data.ok) expect(data.message).toEqual(expect.any(String));
        // The emulator saw this very key (by fingerprint): the check really reached the provider API.
        expect(stack.emulator.calls().map((c) => c.keyFingerprint)).toContain(keyFingerprint(key));
      }
    });
  }

  it("needs the header to hold exactly the provider being tested", async () => {
    const { cookie } = await stack.signIn("exact-test@example.com");
    const header = encodeByokHeader({
      openai: minted.mint("openai", "valid", "exact"),
      gemini: minted.mint("gemini", "valid", "exact"),
    });
    const res = keep(
      await stack.mutation("user.testByokKey", { cookie, input: { provider: "openai" }, byokHeader: header }),
    );
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("exactly the keys for: openai");
  });
});

describe("user.cacheByokKeys, byokStatus and clearByokKeys", () => {
  it("caches keys for 300 s under a fresh ref, encrypted, and peeks and clears them", async () => {
    const { userId, cookie } = await stack.signIn("cache@example.com");
    const keys = {
      openai: minted.mint("openai", "valid", "cache"),
      anthropic: minted.mint("anthropic", "valid", "cache"),
      gemini: minted.mint("gemini", "valid", "cache"),
    };
    const before = Date.now();
    const res = keep(
      await stack.mutation("user.cacheByokKeys", {
        cookie,
        input: { providers: ["openai", "anthropic", "gemini"] },
        byokHeader: encodeByokHeader(keys),
      }),
    );
    expect(res.status).toBe(200);
    const entry = dataOf<{ ref: string; expiresAt: number; providers: Provider[] }>(res);
    expect(entry.ref).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...entry.providers].sort()).toEqual(["anthropic", "gemini", "openai"]);
    expect(entry.expiresAt).toBeGreaterThanOrEqual(before + (BYOK_CACHE_TTL_SECONDS - 1) * 1000);
    expect(entry.expiresAt).toBeLessThanOrEqual(Date.now() + BYOK_CACHE_TTL_SECONDS * 1000 + 1000);

    const redisKey = `${stack.ns.prefix}cache:${userId}:${entry.ref}`;
    const ttl = await stack.ns.redis.ttl(redisKey);
    expect(ttl).toBeGreaterThanOrEqual(BYOK_CACHE_TTL_SECONDS - 1);
    expect(ttl).toBeLessThanOrEqual(BYOK_CACHE_TTL_SECONDS);
    const stored = JSON.stringify(await stack.ns.redis.hgetall(redisKey));
    expect(stored.length).toBeGreaterThan(40);
    for (const key of Object.values(keys)) expect(stored).not.toContain(key);

    // The worker's view: the same secret decrypts the entry back to exactly these keys.
    const reader = createByokCache({
      redis: stack.ns.redis,
      cipher: createTokenCipher({ secret: stack.tokenSecret }),
      prefix: stack.ns.prefix,
    });
    expect(await reader.get(userId, entry.ref)).toEqual(keys);

    const status = keep(await stack.mutation("user.byokStatus", { cookie, input: { ref: entry.ref } }));
    const peek = dataOf<{ providers: Provider[]; ttlSeconds: number; expiresAt: number }>(status);
    expect([...peek.providers].sort()).toEqual(["anthropic", "gemini", "openai"]);
    expect(peek.ttlSeconds).toBeGreaterThan(BYOK_CACHE_TTL_SECONDS - 60);

    const cleared = keep(await stack.mutation("user.clearByokKeys", { cookie, input: { ref: entry.ref } }));
    expect(dataOf(cleared)).toEqual({ cleared: true });
    expect(await stack.ns.redis.exists(redisKey)).toBe(0);
    const gone = await stack.mutation("user.byokStatus", { cookie, input: { ref: entry.ref } });
    expect(gone.status).toBe(404);
    expect((await stack.mutation("user.clearByokKeys", { cookie, input: { ref: entry.ref } })).status).toBe(404);
  });

  it("needs the header to hold exactly the requested providers", async () => {
    const { cookie } = await stack.signIn("exact-cache@example.com");
    const header = encodeByokHeader({ openai: minted.mint("openai", "valid", "exact-cache") });
    const tooFew = keep(
      await stack.mutation("user.cacheByokKeys", {
        cookie,
        input: { providers: ["openai", "gemini"] },
        byokHeader: header,
      }),
    );
    expect(tooFew.status).toBe(400);
    expect(errorOf(tooFew).message).toContain("it holds: openai");
    const pastedKey = minted.mint("gemini", "valid", "fieldname");
    const extra = keep(
      await stack.mutation("user.cacheByokKeys", {
        cookie,
        input: { providers: ["openai"], [pastedKey]: true },
        byokHeader: header,
      }),
    );
    expect(extra.status).toBe(400);
    expect(errorOf(extra).message).toContain("unexpected fields");
    const dup = keep(
      await stack.mutation("user.cacheByokKeys", {
        cookie,
        input: { providers: ["openai", "openai"] },
        byokHeader: header,
      }),
    );
    expect(dup.status).toBe(400);
    const unknown = keep(
      await stack.mutation("user.cacheByokKeys", { cookie, input: { providers: ["mistral"] }, byokHeader: header }),
    );
    expect(unknown.status).toBe(400);
    expect(await stack.ns.keys()).not.toContainEqual(expect.stringContaining(":cache:"));
  });

  it("rejects a malformed ref before touching Redis", async () => {
    const { cookie } = await stack.signIn("badref@example.com");
    const res = await stack.mutation("user.byokStatus", { cookie, input: { ref: "../../etc" } });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("ref");
  });
});

describe("a user only ever sees or clears their own refs", () => {
  it("user B can neither peek nor clear nor read user A's ref", async () => {
    const a = await stack.signIn("alice@example.com");
    const b = await stack.signIn("bob@example.com");
    const key = minted.mint("anthropic", "valid", "alice");
    const { ref } = dataOf<{ ref: string }>(
      await stack.mutation("user.cacheByokKeys", {
        cookie: a.cookie,
        input: { providers: ["anthropic"] },
        byokHeader: encodeByokHeader({ anthropic: key }),
      }),
    );
    const peek = keep(await stack.mutation("user.byokStatus", { cookie: b.cookie, input: { ref } }));
    expect(peek.status).toBe(404);
    const clear = keep(await stack.mutation("user.clearByokKeys", { cookie: b.cookie, input: { ref } }));
    expect(clear.status).toBe(404);

    const reader = createByokCache({
      redis: stack.ns.redis,
      cipher: createTokenCipher({ secret: stack.tokenSecret }),
      prefix: stack.ns.prefix,
    });
    expect(await reader.get(b.userId, ref)).toBeNull();
    expect(await reader.get(a.userId, ref)).toEqual({ anthropic: key });
    expect(
      dataOf<{ providers: string[] }>(await stack.mutation("user.byokStatus", { cookie: a.cookie, input: { ref } }))
        .providers,
    ).toEqual(["anthropic"]);
  });
});

describe("bad X-BYOK-Key headers get a clear 4xx that never echoes a key", () => {
  const send = async (byokHeader: string, path = "user.cacheByokKeys", input: unknown = { providers: ["openai"] }) => {
    const { cookie } = await stack.signIn("headers@example.com");
    return keep(await stack.mutation(path, { cookie, input, byokHeader }));
  };

  it("malformed: not base64url, not JSON, not an object, empty", async () => {
    const key = minted.mint("openai", "valid", "malformed");
    for (const [header, pattern] of [
      [`{"openai":"${key}"}`, /base64url/],
      [b64url(`{"openai":"${key}"`), /JSON object/],
      [b64url(`["${key}"]`), /JSON object/],
      [b64url("{}"), /missing or holds no keys/],
    ] as const) {
      const res = await send(header);
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toMatch(pattern);
      expect(res.text).not.toContain(key);
    }
  });

  it("oversize", async () => {
    const key = minted.mint("openai", "valid", "oversize");
    const res = await send(b64url(JSON.stringify({ openai: key, padding: "p".repeat(5000) })));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("larger than 4096 bytes");
    expect(res.text).not.toContain(key);
  });

  it("duplicate provider inside the JSON", async () => {
    const k1 = minted.mint("openai", "valid", "dup1");
    const k2 = minted.mint("openai", "valid", "dup2");
    const res = await send(b64url(`{"openai":"${k1}","openai":"${k2}"}`));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("more than once");
    expect(res.text).not.toContain(k1);
    expect(res.text).not.toContain(k2);
  });

  it("the header sent twice on one request", async () => {
    const { cookie } = await stack.signIn("headers@example.com");
    const k1 = minted.mint("openai", "valid", "twice1");
    const k2 = minted.mint("openai", "valid", "twice2");
    const body = JSON.stringify({ providers: ["openai"] });
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${stack.url}/api/trpc/user.cacheByokKeys`, { method: "POST" }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += String(c)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.setHeader("x-byok-key", [encodeByokHeader({ openai: k1 }), encodeByokHeader({ openai: k2 })]);
      req.setHeader("cookie", cookie);
      req.setHeader("origin", stack.url);
      req.setHeader("content-type", "application/json");
      req.end(body);
    });
    responses.push(text);
    expect(status).toBe(400);
    expect(text).toContain("X-BYOK-Key");
    expect(text).not.toContain(k1);
    expect(text).not.toContain(k2);
  });

  it("unknown provider", async () => {
    const key = minted.mint("openai", "valid", "unknown");
    const res = await send(b64url(JSON.stringify({ mistral: key })));
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("unsupported provider");
    expect(res.text).not.toContain(key);
  });

  it("a key of the wrong shape for its provider", async () => {
    const key = minted.mint("anthropic", "valid", "shape");
    const res = await send(b64url(JSON.stringify({ gemini: key })), "user.cacheByokKeys", { providers: ["gemini"] });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain("Google Gemini key");
    expect(res.text).not.toContain(key);
  });

  it("the header sent to a procedure that does not take keys", async () => {
    const { cookie } = await stack.signIn("headers@example.com");
    const key = minted.mint("openai", "valid", "nonbyok");
    const header = encodeByokHeader({ openai: key });
    for (const res of [
      await stack.mutation("user.ping", { cookie, byokHeader: header }),
      await stack.mutation("user.setByokPolicy", { cookie, input: { policy: "fallback" }, byokHeader: header }),
      await stack.query("user.me", { cookie, byokHeader: header }),
    ]) {
      keep(res);
      expect(res.status).toBe(400);
      expect(errorOf(res).message).toContain("does not accept the X-BYOK-Key header");
      expect(res.text).not.toContain(key);
    }
  });

  it("a BYOK procedure without the header, or without a session", async () => {
    const { cookie } = await stack.signIn("headers@example.com");
    const missing = await stack.mutation("user.cacheByokKeys", { cookie, input: { providers: ["openai"] } });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).message).toContain("needs your keys");
    const key = minted.mint("openai", "valid", "nosession");
    const anonymous = keep(
      await stack.mutation("user.cacheByokKeys", {
        input: { providers: ["openai"] },
        byokHeader: encodeByokHeader({ openai: key }),
      }),
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain(key);
  });

  it("a body that is not JSON gets a fixed message, never a snippet of what was sent", async () => {
    const { cookie } = await stack.signIn("headers@example.com");
    const key = minted.mint("openai", "valid", "body");
    const res = keep(await stack.mutation("user.setByokPolicy", { cookie, body: `${key} is not json` }));
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(key.slice(0, 10));
    expect(errorOf(res).message).toBe("The request body is not valid JSON.");
    const query = await fetch(`${stack.url}/api/trpc/recordings.get?input=${encodeURIComponent(key)}`, {
      headers: { cookie },
    });
    const text = await query.text();
    responses.push(text);
    expect(query.status).toBe(400);
    expect(text).not.toContain(key.slice(0, 10));
  });

  it("error bodies carry no stack, input or headers", async () => {
    const key = minted.mint("openai", "valid", "nostack");
    const res = await send(encodeByokHeader({ openai: key }), "user.cacheByokKeys", {
      providers: ["openai", "gemini"],
    });
    expect(res.status).toBe(400);
    const error = (res.json as { error: Record<string, unknown> }).error;
    expect(Object.keys(error).sort()).toEqual(["code", "data", "message"]);
    expect(Object.keys(error.data as object).sort()).toEqual(["code", "httpStatus", "path", "requestId"]);
    expect(res.text).not.toMatch(/stack|\bat [\w.]+ \(/);
  });
});

describe("CSRF", () => {
  it("rejects cross-origin and origin-less mutations", async () => {
    const { cookie } = await stack.signIn("csrf@example.com");
    const cross = await stack.mutation("user.setByokPolicy", {
      cookie,
      input: { policy: "byok_only" },
      origin: "http://evil.example",
    });
    expect(cross.status).toBe(403);
    expect(errorOf(cross).message).toContain("Cross-origin");
    const none = await stack.mutation("user.setByokPolicy", { cookie, input: { policy: "byok_only" }, origin: null });
    expect(none.status).toBe(403);
    expect(dataOf<{ policy: string }>(await stack.query("user.me", { cookie })).policy).toBe("fallback");
  });

  it("rejects mutations that are not JSON, as a cross-site form would send them", async () => {
    const { cookie } = await stack.signIn("csrf@example.com");
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const res = await stack.mutation("user.setByokPolicy", { cookie, input: { policy: "byok_only" }, contentType });
      // tRPC itself refuses some of these (415) before our check (403); either way nothing runs.
      expect([403, 415], String(contentType)).toContain(res.status);
    }
    const form = new FormData();
    form.set("policy", "byok_only");
    const multipart = await stack.mutation("user.setByokPolicy", { cookie, body: form, contentType: null });
    expect(multipart.status).toBe(403);
    expect(errorOf(multipart).message).toContain("application/json");
    expect(dataOf<{ policy: string }>(await stack.query("user.me", { cookie })).policy).toBe("fallback");
  });

  it("queries need no Origin", async () => {
    const { cookie } = await stack.signIn("csrf@example.com");
    expect((await stack.query("user.me", { cookie })).status).toBe(200);
  });
});

describe("concurrency", () => {
  // Twenty real sign-ins (scrypt, twice each) on a shared two-core machine take a few seconds.
  it(
    "200 parallel cacheByokKeys calls from 20 users each decrypt to their own user's keys",
    { timeout: 60_000 },
    async () => {
      const users = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.signIn(`load-${i}@example.com`)));
      const calls = Array.from({ length: 200 }, (_, n) => {
        const u = n % 20;
        const keys = {
          openai: minted.mint("openai", "valid", `load-u${u}-c${n}`),
          gemini: minted.mint("gemini", "valid", `load-u${u}-c${n}`),
        };
        const user = users[u]!;
        return stack
          .mutation("user.cacheByokKeys", {
            cookie: user.cookie,
            input: { providers: ["openai", "gemini"] },
            byokHeader: encodeByokHeader(keys),
          })
          .then((res) => ({ user, keys, res: keep(res) }));
      });
      const results = await Promise.all(calls);
      const reader = createByokCache({
        redis: stack.ns.redis,
        cipher: createTokenCipher({ secret: stack.tokenSecret }),
        prefix: stack.ns.prefix,
      });
      const refs = new Set<string>();
      for (const { user, keys, res } of results) {
        expect(res.status).toBe(200);
        const { ref } = dataOf<{ ref: string }>(res);
        refs.add(ref);
        expect(await reader.get(user.userId, ref)).toEqual(keys);
        const other = users[(users.indexOf(user) + 1) % 20]!;
        expect(await reader.get(other.userId, ref)).toBeNull();
      }
      expect(refs.size).toBe(200);
    },
  );
});

describe("the tRPC client links", () => {
  it("send keys only on their own unbatched request, and batch everything else", { timeout: 20_000 }, async () => {
    const { createTRPCClient } = await import("@trpc/client");
    const { createLinks } = await import("~/lib/trpc/links");
    type AppRouter = import("~/lib/trpc/root").AppRouter;
    const { cookie } = await stack.signIn("links@example.com");
    const withSession: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie, origin: stack.url } });
    const client = createTRPCClient<AppRouter>({
      links: createLinks({ url: `${stack.url}/api/trpc`, fetch: withSession }),
    });
    const key = minted.mint("openai", "valid", "links");
    const before = stack.served.seen.length;
    const [me, cached, pong] = await Promise.all([
      client.user.me.query(),
      client.user.cacheByokKeys.mutate(
        { providers: ["openai"] },
        { context: { byokHeader: encodeByokHeader({ openai: key }) } },
      ),
      client.user.ping.mutate(),
    ]);
    expect(me.email).toBe("links@example.com");
    expect(cached.providers).toEqual(["openai"]);
    expect(pong).toEqual({ ok: true });
    const seen = stack.served.seen.slice(before);
    const withKey = seen.filter((r) => r.headers.has("x-byok-key"));
    expect(withKey).toHaveLength(1);
    expect(new URL(withKey[0]!.url).pathname).toBe("/api/trpc/user.cacheByokKeys");
    expect(new URL(withKey[0]!.url).searchParams.has("batch")).toBe(false);
    expect(seen.filter((r) => new URL(r.url).searchParams.has("batch")).length).toBeGreaterThan(0);
  });
});

describe("no key leaves the server", () => {
  it("no minted key appears in any response or in any log line written during this file", () => {
    expect(minted.all.size).toBeGreaterThan(300);
    expect(stack.logs.length).toBeGreaterThan(50);
    expect(stack.logs.join("\n")).toContain('"requestId"');
    expect(minted.foundIn(stack.logs.join("\n"))).toEqual([]);
    // Stronger than "scrubbed": the server never even handed the logger a key or a secret header.
    expect(stack.logs.join("\n")).not.toContain(SCRUBBED);
    expect(stack.logs.join("\n")).not.toContain(REDACTED);
    expect(minted.foundIn(responses.join("\n"))).toEqual([]);
  });
});
