import { createLogger } from "@byok/logger";
import { Redis } from "ioredis";
import { EnvError, loadEnv } from "./env";
import { buildWorkerContext } from "./lib/build-context";
import { startWorkers } from "./lib/start-workers";

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
  // write: per-command syscalls were the largest cost of the stores and the BYOK cache (--cpu-prof).
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  const ctx = buildWorkerContext(env, redis, logger);
  const running = startWorkers(ctx, {
    redisUrl: env.REDIS_URL,
    prefix: env.BYOK_REDIS_PREFIX,
    queues: env.WORKER_QUEUES,
    concurrency: env.WORKER_CONCURRENCY,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: env.WORKER_MAX_STALLED_COUNT,
    name: env.WORKER_NAME,
  });
  Promise.all(running.workers.map((w) => w.waitUntilReady())).then(
    () =>
      logger.info(
        {
          queues: env.WORKER_QUEUES,
          concurrency: env.WORKER_CONCURRENCY,
          serverKeys: Object.entries(ctx.serverKeys)
            .filter(([, v]) => Boolean(v))
            .map(([p]) => p),
        },
        "worker ready",
      ),
    (err: Error) => logger.error({ errorName: err.name }, "worker could not connect"),
  );

  const health = setInterval(() => {
    logger.info(
      { running: running.workers.map((w) => ({ queue: w.name, running: w.isRunning(), paused: w.isPaused() })), rssMb: Math.round(process.memoryUsage().rss / 1048576) },
      "worker health",
    );
  }, env.WORKER_HEALTH_INTERVAL_MS);
  health.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(health);
    logger.info({ signal }, "shutting down");
    const clean = await running.close(env.WORKER_SHUTDOWN_TIMEOUT_MS);
    redis.disconnect();
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
