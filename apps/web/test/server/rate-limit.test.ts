import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { encodeByokHeader } from "@byok/byok-header";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, errorOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
const minted = new MintedKeys();

beforeAll(async () => {
  // A short window so the reset is observable; the limit logic is the same as at 10/min.
  stack = await startServerStack({ env: { TESTKEY_RATE_LIMIT_POINTS: "3", TESTKEY_RATE_LIMIT_WINDOW_SECONDS: "2" } });
});
afterAll(async () => {
  await stack?.close();
});

it("testByokKey trips at the per-user limit with a retry time, leaves other users alone, and resets", async () => {
  const a = await stack.signIn("limited@example.com");
  const b = await stack.signIn("unlimited@example.com");
  const header = encodeByokHeader({ gemini: minted.mint("gemini", "valid", "limit") });
  const check = (cookie: string) => stack.mutation("user.testByokKey", { cookie, input: { provider: "gemini" }, byokHeader: header });

  for (let i = 0; i < 3; i++) expect(dataOf(await check(a.cookie))).toEqual({ ok: true });
  const calls = stack.emulator.calls().length;
  const limited = await check(a.cookie);
  expect(limited.status).toBe(429);
  const error = errorOf(limited);
  expect(error.code).toBe("TOO_MANY_REQUESTS");
  expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(error.retryAfterSeconds).toBeLessThanOrEqual(2);
  expect(Number(limited.headers.get("retry-after"))).toBe(error.retryAfterSeconds);
  expect(stack.emulator.calls().length).toBe(calls);
  expect(await stack.ns.redis.exists(`${stack.ns.prefix}ratelimit:testkey:${a.userId}`)).toBe(1);

  expect(dataOf(await check(b.cookie))).toEqual({ ok: true });

  await vi.waitFor(
    async () => {
      expect((await check(a.cookie)).status).toBe(200);
    },
    { timeout: 15_000, interval: 500 },
  );
  expect(minted.foundIn(stack.logs.join("\n") + limited.text)).toEqual([]);
});
