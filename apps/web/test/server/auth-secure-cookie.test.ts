import { afterAll, beforeAll, expect, it } from "vitest";
import { startServerStack, type ServerStack } from "~/test/server/server-stack";

const APP_URL = "https://app.example";
let stack: ServerStack;
beforeAll(async () => {
  // The deployment's origin is https (behind the TLS edge); the test talks to the app directly.
  stack = await startServerStack({ env: { APP_URL } });
});
afterAll(async () => {
  await stack?.close();
});

it("behind https the session cookie is Secure and __Secure- prefixed, whatever X-Forwarded-Proto a client sends", async () => {
  const { saveVerifiedUser } = await import("~/lib/auth/admin-users");
  const { getServices } = await import("~/lib/server/services");
  await saveVerifiedUser(getServices().accounts, {
    email: "secure@example.com",
    password: "a long password",
    plan: "free",
  });
  const res = await stack.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { origin: APP_URL, "x-forwarded-proto": "http" },
    body: JSON.stringify({ email: "secure@example.com", password: "a long password" }),
  });
  expect(res.status).toBe(200);
  const set = res.headers.getSetCookie().find((c) => c.startsWith("__Secure-byok.session_token="));
  expect(set).toBeDefined();
  expect(set).toMatch(/;\s*Secure/i);
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/SameSite=Strict/i);
  const me = await stack.query("user.me", { cookie: set!.split(";")[0]! });
  expect(me.status).toBe(200);
  // A page on another origin cannot sign in with the session's cookie set for ours.
  const foreign = await stack.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { origin: "https://evil.example" },
    body: JSON.stringify({ email: "secure@example.com", password: "a long password" }),
  });
  expect(foreign.status).toBe(403);
  expect(foreign.headers.getSetCookie()).toEqual([]);
});
