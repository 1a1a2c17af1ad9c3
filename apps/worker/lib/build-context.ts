import { providerSettings } from "@byok/config";
import { createTokenCipher } from "@byok/crypto";
import { createKeyHealthRepository, createRecordingRepository, type Db } from "@byok/db";
import { classifyProviderError } from "@byok/providers";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "../env";
import { createWorkerByokCache } from "./byok-cache";
import { createPlatformBreakers } from "./platform-breakers";
import { createProviderClient } from "./provider-client";
import { createShutdownSignals } from "./shutdown-signals";
import type { Log, WorkerContext } from "./worker-context";

export function buildWorkerContext(env: WorkerEnv, redis: Redis, db: Db, logger: Log): WorkerContext {
  const { serverKeys, baseUrls } = providerSettings(env);
  return {
    recordings: createRecordingRepository(db),
    keyHealth: createKeyHealthRepository(db),
    byokCache: createWorkerByokCache({
      redis,
      cipher: createTokenCipher({
        secret: env.PLATFORM_TOKEN_SECRET,
        previousSecrets: env.PLATFORM_TOKEN_SECRET_PREVIOUS,
      }),
      prefix: env.BYOK_REDIS_PREFIX,
    }),
    serverKeys,
    baseUrls,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    stageLeaseMs: env.WORKER_LOCK_DURATION_MS,
    createClient: createProviderClient,
    classify: classifyProviderError,
    logger,
    retry: {
      budgetMs: env.STAGE_RETRY_BUDGET_MS,
      baseMs: env.PROVIDER_RETRY_BASE_MS,
      maxDelayMs: env.PROVIDER_RETRY_MAX_DELAY_MS,
      retryAfterCapMs: env.RETRY_AFTER_CAP_MS,
    },
    breakers: createPlatformBreakers(
      { threshold: env.BREAKER_THRESHOLD, halfOpenMs: env.BREAKER_HALF_OPEN_MS },
      classifyProviderError,
    ),
    shutdown: createShutdownSignals(),
    byokKeepAlive: { ttlMs: env.BYOK_CACHE_TTL_MS, maxWaitMs: env.BYOK_MAX_WAIT_MS },
  };
}
