import type { Redis } from "ioredis";
import { createByokCache, type ByokCache } from "@byok/byok-cache";
import { createTokenCipher } from "@byok/crypto";
import { providerSettings } from "@byok/config";
import {
  createAccountRepository,
  createDatabase,
  createKeyHealthRepository,
  createRecordingRepository,
  createUsageRepository,
  type AccountRepository,
  type Database,
  type KeyHealthRepository,
  type RecordingRepository,
  type UsageRepository,
} from "@byok/db";
import { QUEUES, bullPrefix, createDispatcher, type Dispatcher } from "@byok/pipeline";
import type { ProviderBaseUrls } from "@byok/providers";
import { FlowProducer, Queue } from "bullmq";
import { getEnv, type Env } from "~/env";
import { getRedis } from "~/lib/server/redis";
import { getLogger, type Logger } from "~/lib/server/logger";
import { createByokLimits, type ByokLimits } from "~/lib/server/abuse-limits";
import { createAuth, type Auth } from "~/lib/auth/auth";
import { createAuthLimits, type AuthLimits } from "~/lib/auth/auth-limits";
import { createMailer, type Mailer } from "~/lib/mail/mailer";

export interface Services {
  env: Env;
  redis: Redis;
  database: Database;
  accounts: AccountRepository;
  recordings: RecordingRepository;
  keyHealth: KeyHealthRepository;
  /** Reads of the provider-call ledger: the Usage page, costs on recordings, the CSV export. */
  usage: UsageRepository;
  dispatcher: Dispatcher;
  /** For lookups and removals; jobs are added through the dispatcher only. */
  queues: { stt: Queue; analyze: Queue };
  byokCache: ByokCache;
  byokLimits: ByokLimits;
  auth: Auth;
  authLimits: AuthLimits;
  mailer: Mailer;
  logger: Logger;
  providerBaseUrls: ProviderBaseUrls;
  close(): Promise<void>;
}

let services: Services | undefined;

/** Built on first use, from env.ts only, so importing a route never needs runtime secrets. */
export function getServices(): Services {
  if (services) return services;
  const env = getEnv();
  const redis = getRedis();
  const logger = getLogger();
  const prefix = env.BYOK_REDIS_PREFIX;
  // env.ts has already checked both variables; the worker builds its cipher the same way.
  const cipher = createTokenCipher({
    secret: env.PLATFORM_TOKEN_SECRET,
    previousSecrets: env.PLATFORM_TOKEN_SECRET_PREVIOUS,
  });
  const database = createDatabase({
    url: env.DATABASE_URL,
    applicationName: "byok-web",
    onError: (err) => logger.warn({ errorName: err.name }, "postgres connection error"),
  });
  const recordings = createRecordingRepository(database.db);
  const flowProducer = new FlowProducer({ connection: redis, prefix: bullPrefix(prefix) });
  const queues = {
    stt: new Queue(QUEUES.stt, { connection: redis, prefix: bullPrefix(prefix) }),
    analyze: new Queue(QUEUES.analyze, { connection: redis, prefix: bullPrefix(prefix) }),
  };
  const mailer = createMailer({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL, sinkDir: env.MAIL_SINK_DIR });
  const built: Services = {
    env,
    redis,
    database,
    accounts: createAccountRepository(database.db),
    recordings,
    keyHealth: createKeyHealthRepository(database.db),
    usage: createUsageRepository(database.db),
    dispatcher: createDispatcher({ flowProducer, recordings }),
    queues,
    byokCache: createByokCache({ redis, cipher, prefix, maxEntriesPerUser: env.BYOK_CACHE_MAX_ENTRIES }),
    byokLimits: createByokLimits(redis, env),
    auth: createAuth({
      db: database.db,
      secret: env.SESSION_SECRET,
      appUrl: env.APP_URL,
      trustedOrigins: env.TRUSTED_ORIGINS,
      mailer,
      logger,
    }),
    authLimits: createAuthLimits(redis, env),
    mailer,
    logger,
    providerBaseUrls: providerSettings(env).baseUrls,
    async close() {
      services = undefined;
      await Promise.allSettled([flowProducer.close(), queues.stt.close(), queues.analyze.close()]);
      await database.close();
    },
  };
  services = built;
  return built;
}
