import { QUEUES, type QueueName, bullPrefix } from "@byok/pipeline";
import { type Job, Worker } from "bullmq";
import { Redis } from "ioredis";
import { createAnalyzeProcessor } from "../workers/llm-analyze";
import { createSttProcessor } from "../workers/stt";
import { isStallFailure } from "./reconciler";
import type { WorkerContext } from "./worker-context";

export interface WorkerRuntimeConfig {
  redisUrl: string;
  prefix: string;
  queues: readonly QueueName[];
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  name: string;
  /** Called when BullMQ fails a job because it stalled past its limit: the stage runner never saw it. */
  onStalledOut?(job: Job): Promise<unknown>;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Lets running jobs finish, up to timeoutMs; returns false when it had to give up waiting. */
  close(timeoutMs: number): Promise<boolean>;
}

export function startWorkers(ctx: WorkerContext, config: WorkerRuntimeConfig): RunningWorkers {
  const processors = { [QUEUES.stt]: createSttProcessor(ctx), [QUEUES.analyze]: createAnalyzeProcessor(ctx) };
  const connections: Redis[] = [];
  const workers = config.queues.map((queue) => {
    const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    const worker = new Worker(queue, processors[queue], {
      connection,
      prefix: bullPrefix(config.prefix),
      name: config.name,
      concurrency: config.concurrency,
      lockDuration: config.lockDurationMs,
      stalledInterval: config.stalledIntervalMs,
      maxStalledCount: config.maxStalledCount,
    });
    // ctx.logger already carries the worker's name.
    const log = ctx.logger.child({ queue });
    worker.on("error", (err) => log.error({ errorName: err.name }, "worker error"));
    // The failure message is ours (reason + fixed text); the stage runner already logged the details.
    worker.on("failed", (job, err) => {
      log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, message: err.message }, "job failed");
      if (job && isStallFailure(err.message) && config.onStalledOut) {
        config.onStalledOut(job).catch((e: unknown) => log.warn({ jobId: job.id, errorName: e instanceof Error ? e.name : "unknown" }, "stall not recorded; the reconciler will"));
      }
    });
    worker.on("stalled", (jobId) => log.warn({ jobId }, "job stalled; BullMQ moves it back to wait"));
    return worker;
  });

  return {
    workers,
    async close(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const closed = Promise.all(workers.map((w) => w.close())).then(() => true as const);
      const result = await Promise.race([closed, timedOut]);
      clearTimeout(timer);
      if (!result) await Promise.all(workers.map((w) => w.close(true)));
      // BullMQ does not own connections it was handed.
      for (const c of connections) c.disconnect();
      return result;
    },
  };
}
