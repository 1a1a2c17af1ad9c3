import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerStack, type CallResult, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
beforeAll(async () => {
  stack = await startServerStack();
});
afterAll(async () => {
  await stack?.close();
});

const json = (body: unknown) => JSON.stringify(body);
const me = (cookie: string | null) => stack.query("user.me", cookie ? { cookie } : {});

/** The link in the newest mail to `to`. */
async function linkMailedTo(to: string, subject: RegExp): Promise<string> {
  const mail = (await stack.mails()).find((m) => m.to === to && subject.test(m.subject));
  if (!mail) throw new Error(`no mail to ${to} matching ${subject}`);
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error("the mail holds no link");
  return link;
}

function cookieOf(res: CallResult): string | null {
  const set = res.headers.getSetCookie().find((c) => /^byok\.session_token=[^;]+/.test(c));
  return set ? set.split(";")[0]! : null;
}

describe("sign-up, verification, sign-in and sign-out (better-auth on PostgreSQL)", () => {
  it("a new account must confirm its e-mail before it can sign in; the link comes through the mail sink", async () => {
    const email = "new-user@example.com";
    const password = "correct horse battery";
    const signUp = await stack.request("/api/auth/sign-up/email", {
      method: "POST",
      body: json({ email, password, name: "" }),
    });
    expect(signUp.status).toBe(200);
    expect(cookieOf(signUp)).toBeNull();

    const early = await stack.signInWithPassword(email, password);
    expect(early.status).toBe(403);
    expect(early.cookie).toBeNull();

    const link = await linkMailedTo(email, /Confirm your e-mail/);
    expect(new URL(link).origin).toBe(stack.url);
    const verify = await fetch(link, { redirect: "manual" });
    expect(verify.status).toBe(302);
    expect(new URL(verify.headers.get("location") ?? "", stack.url).pathname).toBe("/sign-in");

    const signedIn = await stack.signInWithPassword(email, password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).not.toBeNull();
    const account = await me(signedIn.cookie);
    expect(account.status).toBe(200);
    expect((account.json as { result: { data: { email: string; plan: string } } }).result.data).toMatchObject({
      email,
      plan: "free",
    });
  });

  it("a wrong password gets 401 and no cookie; the session cookie is httpOnly, SameSite=Strict, with the session's lifetime", async () => {
    const { password } = await stack.signIn("cookie@example.com");
    const wrong = await stack.signInWithPassword("cookie@example.com", `${password}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.cookie).toBeNull();
    expect(wrong.text).not.toContain(password);

    const right = await stack.signInWithPassword("cookie@example.com", password);
    const set = right.headers.getSetCookie().find((c) => c.startsWith("byok.session_token="))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    // Plain http here; behind https the same cookie is Secure (auth-secure-cookie.test.ts).
    expect(set).not.toMatch(/;\s*Secure/i);
    expect(Number(/Max-Age=(\d+)/i.exec(set)?.[1])).toBe(12 * 60 * 60);
  });

  it("each sign-in rotates the session; sign-out deletes it, so the same cookie gets 401 everywhere", async () => {
    const first = await stack.signIn("rotate@example.com");
    const again = await stack.signInWithPassword("rotate@example.com", first.password);
    expect(again.cookie).not.toBe(first.cookie);
    expect((await me(first.cookie)).status).toBe(200);
    expect((await me(again.cookie)).status).toBe(200);

    const out = await stack.request("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie: first.cookie },
      body: "{}",
    });
    expect(out.status).toBe(200);
    // The browser's copy of the cookie, replayed after sign-out: the row is gone.
    expect((await me(first.cookie)).status).toBe(401);
    const upload = await fetch(`${stack.url}/api/recordings`, {
      method: "POST",
      headers: { cookie: first.cookie, origin: stack.url },
      body: new FormData(),
    });
    expect(upload.status).toBe(401);
    // Another browser's session of the same user is untouched.
    expect((await me(again.cookie)).status).toBe(200);
    const rows = await stack.pg.pool.query("select id from sessions where user_id = $1", [first.userId]);
    expect(rows.rowCount).toBe(1);
  });

  it("a password reset goes by mail, ends every session, and the old password stops working", async () => {
    const email = "reset@example.com";
    const user = await stack.signIn(email);
    const requested = await stack.request("/api/auth/request-password-reset", {
      method: "POST",
      body: json({ email, redirectTo: "/reset-password" }),
    });
    expect(requested.status).toBe(200);
    // Asking for an unknown address answers the same, and sends nothing.
    const unknown = await stack.request("/api/auth/request-password-reset", {
      method: "POST",
      body: json({ email: "nobody@example.com", redirectTo: "/reset-password" }),
    });
    expect(unknown.status).toBe(200);
    expect((await stack.mails()).some((m) => m.to === "nobody@example.com")).toBe(false);

    const link = await linkMailedTo(email, /Reset your/);
    const landing = await fetch(link, { redirect: "manual" });
    const page = new URL(landing.headers.get("location") ?? "", stack.url);
    expect(page.pathname).toBe("/reset-password");
    const token = page.searchParams.get("token");
    expect(token).toBeTruthy();

    const reset = await stack.request("/api/auth/reset-password", {
      method: "POST",
      body: json({ token, newPassword: "a brand new password" }),
    });
    expect(reset.status).toBe(200);
    expect((await me(user.cookie)).status).toBe(401);
    expect((await stack.signInWithPassword(email, user.password)).status).toBe(401);
    expect((await stack.signInWithPassword(email, "a brand new password")).status).toBe(200);
    // The link works once.
    const replay = await stack.request("/api/auth/reset-password", {
      method: "POST",
      body: json({ token, newPassword: "yet another password" }),
    });
    expect(replay.status).toBe(400);
  });

  it("a tampered or foreign cookie is signed out, not an error", async () => {
    const { cookie } = await stack.signIn("tamper-auth@example.com");
    const [name, value] = cookie.split("=");
    expect((await me(`${name}=${value!.slice(0, -3)}abc`)).status).toBe(401);
    expect((await me(`${name}=nonsense`)).status).toBe(401);
  });

  it("sign-up with an address already taken answers as it would for a new one", async () => {
    await stack.signIn("taken@example.com");
    const body = (email: string) => json({ email, password: "some long password", name: "" });
    const taken = await stack.request("/api/auth/sign-up/email", { method: "POST", body: body("taken@example.com") });
    const fresh = await stack.request("/api/auth/sign-up/email", {
      method: "POST",
      body: body("not-taken@example.com"),
    });
    expect(taken.status).toBe(fresh.status);
    const shape = (r: CallResult) => Object.keys((r.json as { user: object }).user).sort();
    expect(shape(taken)).toEqual(shape(fresh));
    expect(cookieOf(taken)).toBeNull();
  });

  it("refuses a body over 64 KB on any auth endpoint, and a POST from another origin", async () => {
    const { cookie } = await stack.signIn("big-body@example.com");
    const big = json({ name: "x".repeat(70 * 1024) });
    expect(
      (await stack.request("/api/auth/update-user", { method: "POST", headers: { cookie }, body: big })).status,
    ).toBe(413);
    expect((await stack.request("/api/auth/sign-in/email", { method: "POST", body: big })).status).toBe(413);
    const foreign = await stack.request("/api/auth/sign-out", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      body: "{}",
    });
    expect(foreign.status).toBe(403);
    expect((await me(cookie)).status).toBe(200);
  });

  it("the auth endpoints' answers are never cached", async () => {
    const res = await stack.request("/api/auth/get-session");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control") ?? "").toContain("no-store");
  });
});
