import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountNotFoundError, createAccountRepository } from "../src";
import { pgTestDatabase, type PgTestDatabase } from "../src/testing";

let pg: PgTestDatabase;
beforeAll(async () => {
  pg = await pgTestDatabase("db-accounts");
});
afterAll(async () => {
  await pg?.cleanup();
});

describe("account repository (real PostgreSQL)", () => {
  it("creates an account once, with the fallback policy, and a later sign-in changes nothing", async () => {
    const accounts = createAccountRepository(pg.db);
    const created = await accounts.ensure({ id: "u_ada", email: "Ada@Example.com ", plan: "pro" });
    expect(created).toMatchObject({ id: "u_ada", email: "ada@example.com", plan: "pro", policy: "fallback" });
    await accounts.setPolicy("u_ada", "byok_only");
    const again = await accounts.ensure({ id: "u_ada", email: "ada@example.com", plan: "free" });
    expect(again).toMatchObject({ plan: "pro", policy: "byok_only" });
    expect(await accounts.getByEmail("ADA@example.com")).toEqual(again);
  });

  it("keeps the provider order the user chose, completed with the default order", async () => {
    const accounts = createAccountRepository(pg.db);
    const created = await accounts.ensure({ id: "u_ord", email: "ord@example.com" });
    expect(created.providerOrder).toEqual(["openai", "anthropic", "gemini", "groq"]);
    expect((await accounts.setProviderOrder("u_ord", ["groq", "gemini"])).providerOrder).toEqual([
      "groq",
      "gemini",
      "openai",
      "anthropic",
    ]);
    expect((await accounts.get("u_ord"))?.providerOrder).toEqual(["groq", "gemini", "openai", "anthropic"]);
    await expect(accounts.setProviderOrder("u_nobody", ["groq"])).rejects.toBeInstanceOf(AccountNotFoundError);
  });

  it("changes a plan by e-mail and refuses unknown accounts", async () => {
    const accounts = createAccountRepository(pg.db);
    await accounts.ensure({ id: "u_bob", email: "bob@example.com" });
    expect((await accounts.setPlan("bob@example.com", "business")).plan).toBe("business");
    await expect(accounts.setPlan("nobody@example.com", "pro")).rejects.toBeInstanceOf(AccountNotFoundError);
    await expect(accounts.setPolicy("u_nobody", "byok_only")).rejects.toBeInstanceOf(AccountNotFoundError);
    expect(await accounts.get("u_nobody")).toBeNull();
  });

  it("rejects a plan or policy the database does not know", async () => {
    const accounts = createAccountRepository(pg.db);
    await accounts.ensure({ id: "u_eve", email: "eve@example.com" });
    await expect(accounts.setPolicy("u_eve", "always" as never)).rejects.toThrow();
    await expect(accounts.setPlan("eve@example.com", "gold" as never)).rejects.toThrow();
  });

  it("saves a verified user with a credential (created, then updated in place), and applies a billing event once", async () => {
    const accounts = createAccountRepository(pg.db);
    const created = await accounts.saveWithPassword({
      id: "u_pw",
      email: "Pat@Example.com",
      passwordHash: "hash-1",
      plan: "start",
    });
    expect(created).toMatchObject({ id: "u_pw", email: "pat@example.com", plan: "start" });
    const again = await accounts.saveWithPassword({
      id: "u_other",
      email: "pat@example.com",
      passwordHash: "hash-2",
      plan: "pro",
    });
    expect(again).toMatchObject({ id: "u_pw", plan: "pro" });
    const credentials = await pg.pool.query(
      "select user_id, provider_id, password from auth_accounts where user_id = 'u_pw'",
    );
    expect(credentials.rows).toEqual([{ user_id: "u_pw", provider_id: "credential", password: "hash-2" }]);
    const verified = await pg.pool.query("select email_verified from users where id = 'u_pw'");
    expect(verified.rows[0]).toEqual({ email_verified: true });

    expect(
      await accounts.applyBillingEvent({ eventId: "evt_1", email: "PAT@example.com", plan: "business" }),
    ).toMatchObject({ applied: true, account: { plan: "business" } });
    await accounts.setPlan("pat@example.com", "free");
    expect(
      await accounts.applyBillingEvent({ eventId: "evt_1", email: "pat@example.com", plan: "business" }),
    ).toMatchObject({ applied: false, account: { plan: "free" } });
    await expect(
      accounts.applyBillingEvent({ eventId: "evt_2", email: "nobody@example.com", plan: "pro" }),
    ).rejects.toBeInstanceOf(AccountNotFoundError);
    const events = await pg.pool.query("select id from billing_events");
    expect(events.rows).toEqual([{ id: "evt_1" }]);
  });
});
