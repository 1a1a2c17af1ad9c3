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
  /**
   * Stops taking jobs and lets running ones finish, up to timeoutMs: a job waiting to retry is handed
   * back at once, a provider call in flight gets until the deadline. At the deadline the calls still
   * in flight are aborted and their jobs handed back. Returns false when it had to abort.
   */
  close(timeoutMs: number): Promise<boolean>;
}

/** After the deadline's abort: time for the interrupted jobs to be handed back to the queue. */
export const HAND_BACK_MS = 1_500;

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
        config
          .onStalledOut(job)
          .catch((e: unknown) =>
            log.warn(
              { jobId: job.id, errorName: e instanceof Error ? e.name : "unknown" },
              "stall not recorded; the reconciler will",
            ),
          );
      }
    });
    worker.on("stalled", (jobId) => log.warn({ jobId }, "job stalled; BullMQ moves it back to wait"));
    return worker;
  });

  return {
    workers,
    async close(timeoutMs) {
      const after = (ms: number) => {
        let timer: NodeJS.Timeout | undefined;
        const promise = new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), ms);
        });
        return { promise, cancel: () => clearTimeout(timer) };
      };
      ctx.shutdown.stop();
      const closed = Promise.all(workers.map((w) => w.close())).then(() => true as const);
      const deadline = after(timeoutMs);
      const result = await Promise.race([closed, deadline.promise]);
      deadline.cancel();
      if (!result) {
        // BullMQ's close(true) after close() returns the first close's promise: it cannot cut jobs
        // short. Aborting their provider calls does, and each job hands itself back.
        ctx.shutdown.expire();
        const handedBack = after(HAND_BACK_MS);
        await Promise.race([closed, handedBack.promise]);
        handedBack.cancel();
      }
      // BullMQ does not own connections it was handed.
      for (const c of connections) c.disconnect();
      return result;
    },
  };
}
