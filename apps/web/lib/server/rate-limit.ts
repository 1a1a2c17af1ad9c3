import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many key checks. Try again in ${retryAfterSeconds} s.`);
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface UserRateLimiter {
  /** Throws RateLimitedError past the limit. */
  consume(userId: string): Promise<void>;
}

export function createTestKeyLimiter(opts: {
  redis: Redis;
  prefix: string;
  points: number;
  windowSeconds: number;
}): UserRateLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    // rate-limiter-flexible appends ":<userId>", giving P + "ratelimit:testkey:<userId>".
    keyPrefix: `${opts.prefix}ratelimit:testkey`,
    points: opts.points,
    duration: opts.windowSeconds,
  });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
        }
        throw err;
      }
    },
  };
}
