import type { Redis } from "ioredis";
import type { Env } from "~/env";
import { allOf, createRedisLimiter, type Limiter } from "~/lib/server/rate-limit";

/** The key every client shares for limits "in total". */
const EVERYONE = "all";

export interface ByokLimits {
  /** testByokKey: per user, per client IP, and for the whole service. */
  keyCheck(userId: string, ip: string): Promise<void>;
  /** cacheByokKeys: per user. */
  cacheKeys(userId: string): Promise<void>;
}

/** The numbers and their reasons: docs/security.md, "Abuse limits". */
export function createByokLimits(redis: Redis, env: Env): ByokLimits {
  const base = { redis, prefix: env.BYOK_REDIS_PREFIX };
  const window = env.TESTKEY_RATE_LIMIT_WINDOW_SECONDS;
  const what = "key checks";
  const perUser: Limiter = createRedisLimiter({
    ...base,
    name: "testkey",
    points: env.TESTKEY_RATE_LIMIT_POINTS,
    windowSeconds: window,
    what,
  });
  const perIp: Limiter = createRedisLimiter({
    ...base,
    name: "testkey-ip",
    points: env.TESTKEY_IP_RATE_LIMIT_POINTS,
    windowSeconds: window,
    what,
  });
  const total: Limiter = createRedisLimiter({
    ...base,
    name: "testkey-all",
    points: env.TESTKEY_GLOBAL_RATE_LIMIT_POINTS,
    windowSeconds: window,
    what,
  });
  const cache: Limiter = createRedisLimiter({
    ...base,
    name: "cachekeys",
    points: env.CACHE_KEYS_RATE_LIMIT_POINTS,
    windowSeconds: 60,
    what: "key uploads",
  });
  return {
    keyCheck: (userId, ip) =>
      allOf({ limiter: perUser, key: userId }, { limiter: perIp, key: ip }, { limiter: total, key: EVERYONE }),
    cacheKeys: (userId) => cache.consume(userId),
  };
}
