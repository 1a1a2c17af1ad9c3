import type { JobsOptions } from "bullmq";

export const QUEUES = { stt: "stt", analyze: "llm-analyze" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** BullMQ keys live under the project prefix so tests and parallel runs never share queues. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}bull`;
}

export interface StageJobPolicy {
  /** Attempts per stage; server-key failures get exponential backoff between them. */
  attempts?: number;
  /** First backoff delay in ms; it doubles on each retry. */
  backoffMs?: number;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 2_000;

export function stageJobOptions(policy: StageJobPolicy = {}): JobsOptions {
  return {
    attempts: policy.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: "exponential", delay: policy.backoffMs ?? DEFAULT_BACKOFF_MS },
    // Results live in the recording store; BullMQ keeps only a bounded, short history for operators.
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
  };
}
