import type { Redis } from "ioredis";
import { createAccountStore, type AccountStore } from "@byok/accounts";
import { createByokCache, type ByokCache } from "@byok/byok-cache";
import { createTokenCipher } from "@byok/crypto";
import type { ProviderBaseUrls } from "@byok/providers";
import { getEnv, type Env } from "~/env";
import { getRedis } from "~/lib/server/redis";
import { getLogger, type Logger } from "~/lib/server/logger";
import { createTestKeyLimiter, type UserRateLimiter } from "~/lib/server/rate-limit";

export interface Services {
  env: Env;
  redis: Redis;
  accounts: AccountStore;
  byokCache: ByokCache;
  testKeyLimiter: UserRateLimiter;
  logger: Logger;
  providerBaseUrls: ProviderBaseUrls;
}

let services: Services | undefined;

/** Built on first use, from env.ts only, so importing a route never needs runtime secrets. */
export function getServices(): Services {
  if (services) return services;
  const env = getEnv();
  const redis = getRedis();
  const prefix = env.BYOK_REDIS_PREFIX;
  // env.ts has already checked both variables; the worker builds its cipher the same way.
  const cipher = createTokenCipher({ secret: env.PLATFORM_TOKEN_SECRET, previousSecrets: env.PLATFORM_TOKEN_SECRET_PREVIOUS });
  services = {
    env,
    redis,
    accounts: createAccountStore({ redis, prefix }),
    byokCache: createByokCache({ redis, cipher, prefix }),
    testKeyLimiter: createTestKeyLimiter({
      redis,
      prefix,
      points: env.TESTKEY_RATE_LIMIT_POINTS,
      windowSeconds: env.TESTKEY_RATE_LIMIT_WINDOW_SECONDS,
    }),
    logger: getLogger(),
    providerBaseUrls: { openai: env.OPENAI_BASE_URL, anthropic: env.ANTHROPIC_BASE_URL, gemini: env.GEMINI_BASE_URL },
  };
  return services;
}
