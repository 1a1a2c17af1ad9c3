import { providerSettings } from "@byok/config";
import { createTokenCipher } from "@byok/crypto";
import { createKeyHealthRepository, createRecordingRepository, type Db } from "@byok/db";
import { classifyProviderError } from "@byok/providers";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "../env";
import { createWorkerByokCache } from "./byok-cache";
import { createProviderClient } from "./provider-client";
import type { Log, WorkerContext } from "./worker-context";

export function buildWorkerContext(env: WorkerEnv, redis: Redis, db: Db, logger: Log): WorkerContext {
  const { serverKeys, baseUrls } = providerSettings(env);
  return {
    recordings: createRecordingRepository(db),
    keyHealth: createKeyHealthRepository(db),
    byokCache: createWorkerByokCache({
      redis,
      cipher: createTokenCipher({ secret: env.PLATFORM_TOKEN_SECRET, previousSecrets: env.PLATFORM_TOKEN_SECRET_PREVIOUS }),
      prefix: env.BYOK_REDIS_PREFIX,
    }),
    serverKeys,
    baseUrls,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    createClient: createProviderClient,
    classify: classifyProviderError,
    logger,
  };
}
