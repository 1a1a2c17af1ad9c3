import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(what: string, retryAfterSeconds: number) {
    super(`Too many ${what}. Try again in ${retryAfterSeconds} s.`);
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface Limiter {
  /** Counts one use of `key`; throws RateLimitedError past the limit. */
  consume(key: string): Promise<void>;
}

export function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * A fixed-window counter in Redis under `P ratelimit:<name>:<key>` (rate-limiter-flexible appends
 * the key), shared by every web process.
 */
export function createRedisLimiter(opts: {
  redis: Redis;
  prefix: string;
  name: string;
  points: number;
  windowSeconds: number;
  /** Plural noun for the refusal: "key checks", "sign-in attempts". */
  what: string;
}): Limiter & { limiter: RateLimiterRedis } {
  const limiter = new RateLimiterRedis({
    storeClient: opts.redis,
    keyPrefix: `${opts.prefix}ratelimit:${opts.name}`,
    points: opts.points,
    duration: opts.windowSeconds,
  });
  return {
    limiter,
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new RateLimitedError(opts.what, retryAfterSeconds(err));
        throw err;
      }
    },
  };
}

/** Consumes every limiter in turn: the first one past its limit refuses. */
export function allOf(...limits: { limiter: Limiter; key: string }[]): Promise<void> {
  return limits.reduce<Promise<void>>(
    (previous, { limiter, key }) => previous.then(() => limiter.consume(key)),
    Promise.resolve(),
  );
}
