import { createServer } from "node:http";
import { createDatabase } from "@byok/db";
import { createLogger } from "@byok/logger";
import {
  QUEUES,
  bullPrefix,
  checkHealth,
  createDispatcher,
  maxmemoryWarning,
  pipelineJobSchema,
  redisMaxmemoryPolicy,
} from "@byok/pipeline";
import { FlowProducer, Queue } from "bullmq";
import { Redis } from "ioredis";
import { EnvError, loadEnv } from "./env";
import { buildWorkerContext } from "./lib/build-context";
import { startMaintenance } from "./lib/maintenance";
import { createReconciler } from "./lib/reconciler";
import { sweepUploads } from "./lib/retention";
import { startWorkers } from "./lib/start-workers";

const DAY_MS = 86_400_000;
/**
 * Time for the last steps of a shutdown after the jobs' grace period: handing interrupted jobs back
 * (HAND_BACK_MS), then closing queues and pools. docker-compose.yml's stop_grace_period covers
 * WORKER_SHUTDOWN_TIMEOUT_MS plus this (docs/billing.md, "Paying once").
 */
const SHUTDOWN_MARGIN_MS = 3_000;

function main() {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    // Names the variable, never its value.
    console.error(err instanceof EnvError ? err.message : "Invalid environment");
    process.exit(1);
  }
  const logger = createLogger({ name: "worker", level: env.LOG_LEVEL }).child({ worker: env.WORKER_NAME });
  // Auto-pipelining batches the commands that concurrent jobs issue in one tick into one socket
  // write: per-command syscalls were the largest cost of the BYOK cache (--cpu-prof).
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  redis.on("error", (err) => logger.warn({ errorName: err.name }, "redis connection error"));
  const database = createDatabase({
    url: env.DATABASE_URL,
    max: Math.max(4, env.WORKER_CONCURRENCY * 2),
    applicationName: env.WORKER_NAME,
    onError: (err) => logger.warn({ errorName: err.name }, "postgres connection error"),
  });
  const ctx = buildWorkerContext(env, redis, database.db, logger);
  const prefix = bullPrefix(env.BYOK_REDIS_PREFIX);
  const flowProducer = new FlowProducer({ connection: redis, prefix });
  const queues = {
    stt: new Queue(QUEUES.stt, { connection: redis, prefix }),
    analyze: new Queue(QUEUES.analyze, { connection: redis, prefix }),
  };
  const reconciler = createReconciler({
    recordings: ctx.recordings,
    dispatcher: createDispatcher({ flowProducer, recordings: ctx.recordings }),
    queues,
    byokCache: ctx.byokCache,
    logger,
    config: {
      dispatchGraceMs: env.DISPATCH_GRACE_MS,
      quietMs: env.RECORDING_QUIET_MS,
      maxDispatchAttempts: env.MAX_DISPATCH_ATTEMPTS,
      byokKeepAlive: ctx.byokKeepAlive,
    },
  });

  const running = startWorkers(ctx, {
    redisUrl: env.REDIS_URL,
    prefix: env.BYOK_REDIS_PREFIX,
    queues: env.WORKER_QUEUES,
    concurrency: env.WORKER_CONCURRENCY,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: env.WORKER_MAX_STALLED_COUNT,
    name: env.WORKER_NAME,
    async onStalledOut(job) {
      const data = pipelineJobSchema.safeParse(job.data);
      if (data.success)
        await reconciler.failStalled({
          id: data.data.recordingId,
          run: data.data.run,
          userId: data.data.userId,
          byokRef: data.data.byokRef,
        });
    },
  });
  const maintenance = startMaintenance({
    pool: database.pool,
    reconciler,
    sweepUploads: () =>
      sweepUploads(
        ctx.recordings,
        {
          dir: env.RECORDINGS_DIR,
          retentionMs: env.RECORDINGS_RETENTION_DAYS * DAY_MS,
          orphanAgeMs: env.ORPHAN_UPLOAD_AGE_MS,
        },
        logger,
      ),
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    retentionIntervalMs: env.RETENTION_INTERVAL_MS,
    logger,
  });

  Promise.all(running.workers.map((w) => w.waitUntilReady())).then(
    async () => {
      const warning = maxmemoryWarning(await redisMaxmemoryPolicy(redis));
      if (warning) logger.warn({ check: "redis-maxmemory-policy" }, warning);
      logger.info(
        {
          queues: env.WORKER_QUEUES,
          concurrency: env.WORKER_CONCURRENCY,
          serverKeys: Object.entries(ctx.serverKeys)
            .filter(([, v]) => Boolean(v))
            .map(([p]) => p),
        },
        "worker ready",
      );
    },
    (err: Error) => logger.error({ errorName: err.name }, "worker could not connect"),
  );

  const report = async () => ({
    ...(await checkHealth({ pool: database.pool, redis })),
    workers: running.workers.map((w) => ({ queue: w.name, running: w.isRunning(), paused: w.isPaused() })),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  });
  const health = setInterval(() => {
    report().then(
      (r) => logger.info(r, "worker health"),
      (err: unknown) =>
        logger.warn({ errorName: err instanceof Error ? err.name : "unknown" }, "worker health not reported"),
    );
  }, env.WORKER_HEALTH_INTERVAL_MS);
  health.unref();
  // For orchestrators' health checks (docker-compose.yml): 200 when PostgreSQL and Redis answer.
  const healthServer =
    env.WORKER_HEALTH_PORT === undefined
      ? null
      : createServer((_req, res) => {
          report().then(
            (r) => {
              res.writeHead(r.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
              res.end(JSON.stringify(r));
            },
            () => res.writeHead(503).end(),
          );
        }).listen(env.WORKER_HEALTH_PORT, "0.0.0.0");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Every step below may wait on Redis or PostgreSQL; a dead one must not keep the process alive
    // past its grace period (an orchestrator would SIGKILL it mid-write instead).
    setTimeout(() => {
      logger.error({ signal }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, env.WORKER_SHUTDOWN_TIMEOUT_MS + SHUTDOWN_MARGIN_MS).unref();
    clearInterval(health);
    healthServer?.close();
    logger.info({ signal }, "shutting down");
    const clean = await running.close(env.WORKER_SHUTDOWN_TIMEOUT_MS);
    await maintenance.stop();
    await Promise.allSettled([flowProducer.close(), queues.stt.close(), queues.analyze.close()]);
    redis.disconnect();
    await database.close();
    logger.info({ clean }, "stopped");
    process.exit(clean ? 0 : 1);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).catch((err: unknown) => {
      logger.error({ errorName: err instanceof Error ? err.name : typeof err }, "shutdown failed");
      process.exit(1);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main();
