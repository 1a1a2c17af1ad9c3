import { EnvError, parseEnvWith, sharedEnvShape } from "@byok/config";
import { z } from "zod";

export { EnvError };

const ms = (fallback: number, min = 100) => z.coerce.number().int().min(min).max(3_600_000).default(fallback);

const envSchema = z.object({
  ...sharedEnvShape,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // Which queues this process serves, and BullMQ's stall tuning.
  WORKER_QUEUES: z
    .string()
    .default("stt,llm-analyze")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(["stt", "llm-analyze"])).min(1)),
  WORKER_NAME: z.string().min(1).max(64).default(`worker-${process.pid}`),
  // A dead worker's lock runs out after lockDuration; the stalled check then hands its job on.
  WORKER_LOCK_DURATION_MS: ms(30_000, 500),
  WORKER_STALLED_INTERVAL_MS: ms(30_000),
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(10).default(1),
  // The grace period a shutdown gives running jobs. Longer than PROVIDER_TIMEOUT_MS, so a call in
  // flight always gets its answer (or its timeout) before the deadline aborts it (docs/billing.md).
  WORKER_SHUTDOWN_TIMEOUT_MS: ms(70_000),
  WORKER_HEALTH_INTERVAL_MS: ms(60_000, 1_000),
  PROVIDER_TIMEOUT_MS: ms(60_000),
  // Retries of transient provider failures (docs/billing.md, "Retries and the breaker"): a stage
  // waits up to STAGE_RETRY_BUDGET_MS in all, with jittered backoff from PROVIDER_RETRY_BASE_MS
  // doubling to PROVIDER_RETRY_MAX_DELAY_MS, and honours a provider's retry-after up to RETRY_AFTER_CAP_MS.
  STAGE_RETRY_BUDGET_MS: ms(150_000, 0),
  PROVIDER_RETRY_BASE_MS: ms(1_000, 1),
  PROVIDER_RETRY_MAX_DELAY_MS: ms(30_000, 1),
  RETRY_AFTER_CAP_MS: ms(60_000, 0),
  // A platform key's breaker opens after this many transient failures in a row, and lets a trial
  // call through after BREAKER_HALF_OPEN_MS.
  BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(5),
  BREAKER_HALF_OPEN_MS: ms(10_000),
  // The BYOK cache entry's lifetime (the web app writes it with 5 minutes); a live recording's entry
  // is extended by this much at a time, never past BYOK_MAX_WAIT_MS after the recording was created.
  BYOK_CACHE_TTL_MS: ms(300_000, 1_000),
  BYOK_MAX_WAIT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  // The reconciler: how often it looks, how long a live recording may sit without any change before
  // its jobs are checked, and how many hand-offs to the queue a recording gets before it fails.
  RECONCILE_INTERVAL_MS: ms(15_000),
  RECORDING_QUIET_MS: ms(60_000),
  DISPATCH_GRACE_MS: ms(10_000),
  MAX_DISPATCH_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  // Files of recordings older than this are deleted; the recording and its results stay.
  RECORDINGS_RETENTION_DAYS: z.coerce.number().min(0.0001).max(3650).default(30),
  // An upload file with no recording is removed once it is this old.
  ORPHAN_UPLOAD_AGE_MS: ms(3_600_000, 1_000),
  RETENTION_INTERVAL_MS: ms(600_000, 1_000),
  // The health report's port for orchestrators (unset: no HTTP server, the log line only).
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type WorkerEnv = z.infer<typeof envSchema>;

/** Names the bad variables and what is wrong with them, never their values. */
export function parseEnv(source: Record<string, string | undefined>): WorkerEnv {
  return parseEnvWith(envSchema, source);
}

export function loadEnv(): WorkerEnv {
  return parseEnv(process.env);
}
