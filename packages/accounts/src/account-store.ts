import type { Redis } from "ioredis";
import { z } from "zod";
import { byokPolicySchema, planSchema, type ByokPolicy } from "@byok/types";

// Only an existing account gets a policy; HSET alone would create a half account.
const SET_POLICY_LUA = "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'policy', ARGV[1]) return 1 end return 0";

interface AccountRedis extends Redis {
  byokSetAccountPolicy(key: string, policy: ByokPolicy): Promise<number>;
}

const accountSchema = z.object({
  id: z.string().regex(/^u_[0-9a-f]{20}$/, "not a user id"),
  email: z.string().trim().toLowerCase().email().max(254),
  plan: planSchema,
  policy: byokPolicySchema,
  createdAt: z.number().int().nonnegative(),
});
export type Account = z.infer<typeof accountSchema>;

const upsertSchema = accountSchema.pick({ id: true, email: true, plan: true });
export type AccountUpsert = z.input<typeof upsertSchema>;

export class AccountNotFoundError extends Error {
  readonly code = "ACCOUNT_NOT_FOUND";
  constructor() {
    super("No account for this user.");
    this.name = "AccountNotFoundError";
  }
}

export interface AccountStore {
  upsert(input: AccountUpsert): Promise<Account>;
  get(id: string): Promise<Account | null>;
  setPolicy(id: string, policy: ByokPolicy): Promise<Account>;
}

export interface AccountStoreOptions {
  redis: Redis;
  /** The deployment's BYOK_REDIS_PREFIX, e.g. `byok:`. */
  prefix: string;
}

export function createAccountStore({ redis, prefix }: AccountStoreOptions): AccountStore {
  // ioredis runs a defined command by SHA1 and loads the script only on NOSCRIPT.
  redis.defineCommand("byokSetAccountPolicy", { numberOfKeys: 1, lua: SET_POLICY_LUA });
  const keyFor = (id: string) => `${prefix}account:${id}`;

  const read = async (id: string): Promise<Account | null> => {
    const hash = await redis.hgetall(keyFor(id));
    if (!hash.email) return null;
    const parsed = accountSchema.safeParse({
      id,
      email: hash.email,
      plan: hash.plan,
      policy: hash.policy ?? "fallback",
      createdAt: Number(hash.createdAt),
    });
    return parsed.success ? parsed.data : null;
  };

  return {
    async upsert(input) {
      const { id, email, plan } = upsertSchema.parse(input);
      const key = keyFor(id);
      // Sign-in may change the demo plan; createdAt and policy survive it.
      await redis
        .multi()
        .hset(key, { email, plan })
        .hsetnx(key, "policy", "fallback" satisfies ByokPolicy)
        .hsetnx(key, "createdAt", String(Date.now()))
        .exec();
      const account = await read(id);
      if (!account) throw new AccountNotFoundError();
      return account;
    },
    get(id) {
      return read(id);
    },
    async setPolicy(id, policy) {
      const parsedPolicy = byokPolicySchema.parse(policy);
      const key = keyFor(id);
      const updated = await (redis as AccountRedis).byokSetAccountPolicy(key, parsedPolicy);
      if (updated !== 1) throw new AccountNotFoundError();
      const account = await read(id);
      if (!account) throw new AccountNotFoundError();
      return account;
    },
  };
}

