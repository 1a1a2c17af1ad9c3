import { type ByokPolicy, type Plan, type Provider, completeProviderOrder } from "@byok/types";
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { authAccounts, billingEvents, users } from "./schema";

export interface Account {
  id: string;
  email: string;
  plan: Plan;
  policy: ByokPolicy;
  /** Every provider, in the order the user's keys are tried (the default order unless the user chose one). */
  providerOrder: Provider[];
  createdAt: number;
}

export class AccountNotFoundError extends Error {
  readonly code = "ACCOUNT_NOT_FOUND";
  constructor() {
    super("No account for this user.");
    this.name = "AccountNotFoundError";
  }
}

export interface AccountRepository {
  get(id: string): Promise<Account | null>;
  getByEmail(email: string): Promise<Account | null>;
  /** Creates the account on first sign-in; a later sign-in changes nothing but the e-mail's case. */
  ensure(input: { id: string; email: string; plan?: Plan }): Promise<Account>;
  setPolicy(id: string, policy: ByokPolicy): Promise<Account>;
  /** Stores the providers the user put first; the rest follow in the default order. */
  setProviderOrder(id: string, order: readonly Provider[]): Promise<Account>;
  /** For operators and the billing interface only: users never choose their own plan. */
  setPlan(email: string, plan: Plan): Promise<Account>;
  /**
   * For operators, seeds and tests: a verified user who signs in with this password (already
   * hashed by the authentication library), on this plan. An existing user of that e-mail keeps
   * their id, recordings and passkeys and gets the new password and plan.
   */
  saveWithPassword(input: {
    id: string;
    email: string;
    name?: string;
    passwordHash: string;
    plan: Plan;
  }): Promise<Account>;
  /**
   * Applies a payment provider's plan change once per event id: a repeated delivery of the same
   * event changes nothing and says so.
   */
  applyBillingEvent(input: {
    eventId: string;
    email: string;
    plan: Plan;
  }): Promise<{ applied: boolean; account: Account }>;
}

/** The authentication library's provider id for e-mail and password. */
export const CREDENTIAL_PROVIDER = "credential";

type UserRow = typeof users.$inferSelect;

function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    email: row.email,
    plan: row.plan,
    policy: row.byokPolicy,
    providerOrder: completeProviderOrder(row.providerOrder),
    createdAt: row.createdAt.getTime(),
  };
}

const normalEmail = (email: string) => email.trim().toLowerCase();

export function createAccountRepository(db: Db): AccountRepository {
  const one = async (rows: Promise<UserRow[]>) => {
    const [row] = await rows;
    if (!row) throw new AccountNotFoundError();
    return toAccount(row);
  };
  return {
    async get(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return row ? toAccount(row) : null;
    },
    async getByEmail(email) {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normalEmail(email)))
        .limit(1);
      return row ? toAccount(row) : null;
    },
    async ensure({ id, email, plan }) {
      const [inserted] = await db
        .insert(users)
        .values({ id, email: normalEmail(email), ...(plan ? { plan } : {}) })
        .onConflictDoNothing({ target: users.id })
        .returning();
      if (inserted) return toAccount(inserted);
      const existing = await this.get(id);
      if (!existing) throw new AccountNotFoundError();
      return existing;
    },
    setPolicy(id, policy) {
      return one(
        db.update(users).set({ byokPolicy: policy, updatedAt: new Date() }).where(eq(users.id, id)).returning(),
      );
    },
    setProviderOrder(id, order) {
      const stored = completeProviderOrder(order);
      return one(
        db.update(users).set({ providerOrder: stored, updatedAt: new Date() }).where(eq(users.id, id)).returning(),
      );
    },
    setPlan(email, plan) {
      return one(
        db
          .update(users)
          .set({ plan, updatedAt: new Date() })
          .where(eq(users.email, normalEmail(email)))
          .returning(),
      );
    },
    async saveWithPassword({ id, email, name = "", passwordHash, plan }) {
      return db.transaction(async (tx) => {
        const now = new Date();
        const [row] = await tx
          .insert(users)
          .values({ id, email: normalEmail(email), name, emailVerified: true, plan })
          .onConflictDoUpdate({ target: users.email, set: { emailVerified: true, plan, updatedAt: now } })
          .returning();
        if (!row) throw new AccountNotFoundError();
        await tx
          .delete(authAccounts)
          .where(and(eq(authAccounts.userId, row.id), eq(authAccounts.providerId, CREDENTIAL_PROVIDER)));
        await tx.insert(authAccounts).values({
          id: `${row.id}_credential`,
          accountId: row.id,
          providerId: CREDENTIAL_PROVIDER,
          userId: row.id,
          password: passwordHash,
        });
        return toAccount(row);
      });
    },
    async applyBillingEvent({ eventId, email, plan }) {
      return db.transaction(async (tx) => {
        const [user] = await tx
          .select()
          .from(users)
          .where(eq(users.email, normalEmail(email)))
          .limit(1)
          .for("update");
        if (!user) throw new AccountNotFoundError();
        const [fresh] = await tx
          .insert(billingEvents)
          .values({ id: eventId, userId: user.id, plan })
          .onConflictDoNothing()
          .returning();
        if (!fresh) return { applied: false, account: toAccount(user) };
        const [updated] = await tx
          .update(users)
          .set({ plan, updatedAt: new Date() })
          .where(eq(users.id, user.id))
          .returning();
        return { applied: true, account: toAccount(updated ?? user) };
      });
    },
  };
}
