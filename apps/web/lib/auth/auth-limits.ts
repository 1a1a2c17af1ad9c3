import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Env } from "~/env";
import { RateLimitedError, createRedisLimiter, retryAfterSeconds } from "~/lib/server/rate-limit";

/** Every endpoint that guesses, creates, or sends mail: each costs the IP one attempt. */
const LIMITED_PATHS = new Set([
  "/sign-in/email",
  "/sign-up/email",
  "/request-password-reset",
  "/reset-password",
  "/send-verification-email",
  "/passkey/generate-authenticate-options",
  "/passkey/verify-authentication",
]);
const MAIL_PATHS = new Set(["/request-password-reset", "/send-verification-email"]);
/** Backoff past the free failures doubles from 2 s and stops growing here. */
const MAX_BACKOFF_SECONDS = 15 * 60;
const FAILURE_WINDOW_SECONDS = 60 * 60;

export interface AuthLimits {
  isLimited(path: string): boolean;
  /** Before the attempt: throws RateLimitedError when the IP, or the account, must wait. */
  before(path: string, ip: string, email: string | null): Promise<void>;
  /** After a sign-in: a refused password counts against the account, a success clears it. */
  after(path: string, email: string | null, status: number): Promise<void>;
}

export function createAuthLimits(redis: Redis, env: Env): AuthLimits {
  const base = { redis, prefix: env.BYOK_REDIS_PREFIX };
  const perIp = createRedisLimiter({
    ...base,
    name: "auth-ip",
    points: env.AUTH_IP_RATE_LIMIT_POINTS,
    windowSeconds: 10 * 60,
    what: "sign-in attempts",
  });
  const signUpPerIp = createRedisLimiter({
    ...base,
    name: "signup-ip",
    points: env.SIGN_UP_IP_RATE_LIMIT_POINTS,
    windowSeconds: 60 * 60,
    what: "sign-ups",
  });
  // Mail to one address: enough to retry a lost message, too few to flood an inbox.
  const mailPerAccount = createRedisLimiter({
    ...base,
    name: "auth-mail",
    points: 3,
    windowSeconds: 60 * 60,
    what: "e-mails",
  });
  const failures = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${env.BYOK_REDIS_PREFIX}ratelimit:signin-fail`,
    points: 10_000,
    duration: FAILURE_WINDOW_SECONDS,
  });
  const blocked = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${env.BYOK_REDIS_PREFIX}ratelimit:signin-block`,
    points: 1,
    duration: MAX_BACKOFF_SECONDS,
  });
  const freeFailures = env.SIGN_IN_FREE_FAILURES;

  return {
    isLimited: (path) => LIMITED_PATHS.has(path),
    async before(path, ip, email) {
      await perIp.consume(ip);
      if (path === "/sign-up/email") await signUpPerIp.consume(ip);
      if (email && MAIL_PATHS.has(path)) await mailPerAccount.consume(email);
      if (email && path === "/sign-in/email") {
        const block = await blocked.get(email);
        if (block && block.consumedPoints > 0 && block.msBeforeNext > 0)
          throw new RateLimitedError("failed sign-ins for this account", retryAfterSeconds(block));
      }
    },
    async after(path, email, status) {
      if (!email || path !== "/sign-in/email") return;
      if (status === 200) {
        await failures.delete(email);
        return;
      }
      if (status !== 401) return;
      let count: number;
      try {
        count = (await failures.consume(email)).consumedPoints;
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        count = err.consumedPoints;
      }
      if (count >= freeFailures) {
        const seconds = Math.min(MAX_BACKOFF_SECONDS, 2 ** (count - freeFailures + 1));
        await blocked.block(email, seconds);
      }
    },
  };
}
