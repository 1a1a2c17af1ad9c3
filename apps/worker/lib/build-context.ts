import { createAccountStore } from "@byok/accounts";
import { providerSettings } from "@byok/config";
import { createTokenCipher } from "@byok/crypto";
import { createRecordingStore } from "@byok/pipeline";
import { classifyProviderError } from "@byok/providers";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "../env";
import { createWorkerByokCache } from "./byok-cache";
import { createProviderClient } from "./provider-client";
import type { Log, WorkerContext } from "./worker-context";

export function buildWorkerContext(env: WorkerEnv, redis: Redis, logger: Log): WorkerContext {
  const prefix = env.BYOK_REDIS_PREFIX;
  const { serverKeys, baseUrls } = providerSettings(env);
  return {
    recordings: createRecordingStore({ redis, prefix }),
    accounts: createAccountStore({ redis, prefix }),
    byokCache: createWorkerByokCache({
      redis,
      cipher: createTokenCipher({ secret: env.PLATFORM_TOKEN_SECRET, previousSecrets: env.PLATFORM_TOKEN_SECRET_PREVIOUS }),
      prefix,
    }),
    serverKeys,
    baseUrls,
    timeoutMs: env.PROVIDER_TIMEOUT_MS,
    createClient: createProviderClient,
    classify: classifyProviderError,
    logger,
  };
}
