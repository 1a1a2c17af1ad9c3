import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBillingPayload } from "~/lib/billing/webhook-signature";
import { dataOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);
const SECRET = randomBytes(32).toString("base64url");
let stack: ServerStack;

beforeAll(async () => {
  stack = await startServerStack({ env: { BILLING_WEBHOOK_SECRET: SECRET } });
});
afterAll(async () => {
  await stack?.close();
});

async function planOf(cookie: string): Promise<string> {
  return dataOf<{ plan: string }>(await stack.query("user.me", { cookie })).plan;
}

function deliver(event: object, opts: { secret?: string; at?: number; signature?: string | null } = {}) {
  const body = JSON.stringify(event);
  const at = opts.at ?? Math.floor(Date.now() / 1000);
  const signature = opts.signature === undefined ? signBillingPayload(opts.secret ?? SECRET, body, at) : opts.signature;
  return stack.request("/api/billing/webhook", {
    method: "POST",
    headers: signature === null ? {} : { "x-billing-signature": signature },
    body,
  });
}

describe("a user cannot choose their plan", () => {
  it("sign-up ignores a plan, and no request of the user changes it", async () => {
    const email = "wants-business@example.com";
    const signUp = await stack.request("/api/auth/sign-up/email", {
      method: "POST",
      body: JSON.stringify({
        email,
        password: "a long enough password",
        name: "",
        plan: "business",
        byokPolicy: "byok_only",
        emailVerified: true,
      }),
    });
    expect(signUp.status).toBe(200);
    const row = await stack.pg.pool.query<{ plan: string; byok_policy: string; email_verified: boolean }>(
      "select plan, byok_policy, email_verified from users where email = $1",
      [email],
    );
    expect(row.rows).toEqual([{ plan: "free", byok_policy: "fallback", email_verified: false }]);

    const { cookie, userId } = await stack.signIn("free-user@example.com", "free");
    const attempts = [
      stack.request("/api/auth/update-user", {
        method: "POST",
        headers: { cookie },
        body: JSON.stringify({ plan: "business" }),
      }),
      stack.request("/api/auth/update-user", {
        method: "POST",
        headers: { cookie },
        body: JSON.stringify({ name: "x", plan: "business" }),
      }),
      stack.mutation("user.setByokPolicy", { cookie, input: { policy: "fallback", plan: "business" } }),
      stack.mutation("user.setPlan", { cookie, input: { plan: "business" } }),
      stack.mutation("user.me", { cookie, input: { plan: "business" } }),
      stack.mutation("user.ping", { cookie, input: { plan: "business" } }),
      stack.request("/api/auth/admin/set-role", {
        method: "POST",
        headers: { cookie },
        body: JSON.stringify({ userId, role: "admin" }),
      }),
      // A webhook delivery the user forges without the secret.
      deliver(
        { id: "evt_forged_0001", type: "plan.changed", email: "free-user@example.com", plan: "business" },
        { secret: "guessed" },
      ),
      deliver(
        { id: "evt_forged_0002", type: "plan.changed", email: "free-user@example.com", plan: "business" },
        { signature: null },
      ),
    ];
    for (const res of await Promise.all(attempts)) expect(res.text).not.toMatch(/"plan":"business"/);
    expect(await planOf(cookie)).toBe("free");
  });
});

describe("the billing webhook", () => {
  it("applies a signed plan change once: a repeat and a replay change nothing, a stale or altered delivery is refused", async () => {
    const { cookie } = await stack.signIn("billing@example.com", "free");
    const event = { id: "evt_billing_0001", type: "plan.changed", email: "billing@example.com", plan: "pro" };
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ applied: true });
    expect(await planOf(cookie)).toBe("pro");

    // The operator moves the user on; a retried delivery of the old event must not undo it.
    const downgrade = await deliver({ ...event, id: "evt_billing_0002", plan: "start" });
    expect(downgrade.json).toMatchObject({ applied: true });
    const repeat = await deliver(event);
    expect(repeat.status).toBe(200);
    expect(repeat.json).toMatchObject({ applied: false });
    expect(await planOf(cookie)).toBe("start");

    const stale = await deliver({ ...event, id: "evt_billing_0003" }, { at: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const body = JSON.stringify({ ...event, id: "evt_billing_0004" });
    const at = Math.floor(Date.now() / 1000);
    const altered = await stack.request("/api/billing/webhook", {
      method: "POST",
      headers: { "x-billing-signature": signBillingPayload(SECRET, body, at) },
      body: body.replace('"pro"', '"business"'),
    });
    expect(altered.status).toBe(401);
    expect(await planOf(cookie)).toBe("start");

    expect((await deliver({ ...event, id: "evt_billing_0005", email: "nobody@example.com" })).status).toBe(404);
    expect((await deliver({ ...event, id: "evt_billing_0006", plan: "platinum" })).status).toBe(400);
    const events = await stack.pg.pool.query("select id from billing_events order by id");
    expect(events.rows.map((r: { id: string }) => r.id)).toEqual(["evt_billing_0001", "evt_billing_0002"]);
  });
});

describe("pnpm admin", () => {
  it(
    "plan set changes a plan; bad input gets a message and exit code 1, never a stack",
    { timeout: 60_000 },
    async () => {
      const { cookie } = await stack.signIn("operator-target@example.com", "free");
      const env = { ...process.env, DATABASE_URL: stack.pg.url };
      const ok = await run("pnpm", ["-s", "admin", "plan", "set", "Operator-Target@example.com", "business"], {
        cwd: WEB_DIR,
        env,
      });
      expect(ok.stdout).toContain("operator-target@example.com is now on the business plan");
      expect(await planOf(cookie)).toBe("business");

      const bad = await run("pnpm", ["-s", "admin", "plan", "set", "operator-target@example.com", "platinum"], {
        cwd: WEB_DIR,
        env,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(bad).toMatchObject({ code: 1 });
      expect((bad as { stderr: string }).stderr).toContain("The plan must be one of: free, start, pro, business.");
      expect((bad as { stderr: string }).stderr).not.toMatch(/\bat .*\(/);
      const missing = await run("pnpm", ["-s", "admin", "plan", "set", "nobody@example.com", "pro"], {
        cwd: WEB_DIR,
        env,
      }).catch((e: { stderr: string }) => e);
      expect((missing as { stderr: string }).stderr).toContain("No account for this user.");
    },
  );
});
