import { pingDatabase } from "@byok/db";
import type { Redis } from "ioredis";
import type pg from "pg";

export interface HealthReport {
  ok: boolean;
  postgres: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string; maxmemoryPolicy?: string };
  warnings: string[];
}

/**
 * BullMQ and the key cache need Redis to refuse writes when full rather than evict: an evicted job
 * or cache entry disappears without an error anywhere.
 */
export async function redisMaxmemoryPolicy(redis: Redis): Promise<string> {
  try {
    const reply = (await redis.config("GET", "maxmemory-policy")) as unknown;
    return Array.isArray(reply) && typeof reply[1] === "string" ? reply[1] : "unknown";
  } catch {
    // Managed Redis services often disable CONFIG.
    return "unknown";
  }
}

export function maxmemoryWarning(policy: string): string | null {
  return policy === "noeviction"
    ? null
    : `Redis maxmemory-policy is "${policy}", not "noeviction": queued jobs and cached keys may be evicted silently.`;
}

/** PostgreSQL and Redis reachability, and Redis's eviction policy: what web and worker report as health. */
// A client that queues commands while it reconnects (BullMQ's need) would hold the check forever.
const PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { name: "TimeoutError" })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth({ pool, redis }: { pool: pg.Pool; redis: Redis }): Promise<HealthReport> {
  const [postgres, redisPing] = await Promise.all([
    withTimeout(pingDatabase(pool), PING_TIMEOUT_MS).catch(() => ({ ok: false as const, error: "TimeoutError" })),
    withTimeout(redis.ping(), PING_TIMEOUT_MS).then(
      () => ({ ok: true as const }),
      (err: unknown) => ({ ok: false as const, error: err instanceof Error ? err.name : "unknown" }),
    ),
  ]);
  const policy = redisPing.ok
    ? await withTimeout(redisMaxmemoryPolicy(redis), PING_TIMEOUT_MS).catch(() => "unknown")
    : undefined;
  const warning = policy ? maxmemoryWarning(policy) : null;
  return {
    ok: postgres.ok && redisPing.ok,
    postgres,
    redis: { ...redisPing, ...(policy ? { maxmemoryPolicy: policy } : {}) },
    warnings: warning ? [warning] : [],
  };
}
