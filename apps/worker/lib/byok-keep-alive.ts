import type { WorkerByokCache } from "./byok-cache";

export interface KeepAliveConfig {
  /** The entry's own lifetime (5 minutes): each extension gives it this much more, from now. */
  ttlMs: number;
  /** A recording's keys are kept at most this long after it was created (BYOK_MAX_WAIT_MS). */
  maxWaitMs: number;
}

/**
 * How long a live recording's cache entry should live from `now`: a full TTL, but never past the
 * recording's maximum wait. Zero once the maximum is reached: the entry then runs out on its own.
 */
export function keepAliveMs(createdAt: number, config: KeepAliveConfig, now = Date.now()): number {
  return Math.max(0, Math.min(config.ttlMs, createdAt + config.maxWaitMs - now));
}

/**
 * Waiting must not move a recording onto the platform's keys: while the recording is live (queued,
 * retrying, processing), its entry is extended by the maintenance loop and by each stage start.
 * Returns whether the entry is still there.
 */
export async function keepByokAlive(
  cache: Pick<WorkerByokCache, "extend">,
  recording: { userId: string; byokRef: string; createdAt: number },
  config: KeepAliveConfig,
): Promise<boolean> {
  const ms = keepAliveMs(recording.createdAt, config);
  return ms > 0 && cache.extend(recording.userId, recording.byokRef, ms);
}
