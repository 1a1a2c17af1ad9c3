import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { FlowProducer, Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueRecording } from "./enqueue";
import { QUEUES, bullPrefix } from "./queues";
import { newRecordingId } from "./recording-id";

let ns: RedisTestNamespace;
let flowProducer: FlowProducer;
beforeAll(async () => {
  ns = await redisTestNamespace("pipeline-enqueue");
  flowProducer = new FlowProducer({ connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
});
afterAll(async () => {
  await flowProducer.close();
  await ns.cleanup();
});

describe("enqueueRecording", () => {
  it("adds llm-analyze waiting on stt, with only ids in the job data, under the project prefix", async () => {
    const recordingId = newRecordingId();
    const byokRef = "b".repeat(43);
    const node = await enqueueRecording({ flowProducer, recordingId, userId: "u_q", byokRef, policy: { backoffMs: 10 } });
    expect(node.job.queueName).toBe(QUEUES.analyze);
    expect(node.children?.[0]?.job.queueName).toBe(QUEUES.stt);

    const stt = new Queue(QUEUES.stt, { connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
    const analyze = new Queue(QUEUES.analyze, { connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
    try {
      const sttJob = await stt.getJob(`${recordingId}-stt`);
      const parent = await analyze.getJob(`${recordingId}-analyze`);
      expect(sttJob?.data).toEqual({ recordingId, userId: "u_q", byokRef });
      expect(parent?.data).toEqual({ recordingId, userId: "u_q", byokRef });
      expect(await parent?.getState()).toBe("waiting-children");
      expect(sttJob?.opts.attempts).toBe(3);
      expect(sttJob?.opts.backoff).toEqual({ type: "exponential", delay: 10 });
      expect(sttJob?.opts.removeOnComplete).toBeTruthy();
      const keys = await ns.keys();
      expect(keys.some((k) => k.startsWith(`${ns.prefix}bull:${QUEUES.stt}:`))).toBe(true);
    } finally {
      await stt.close();
      await analyze.close();
    }
  });

  it("refuses a payload with anything but ids", async () => {
    await expect(
      enqueueRecording({ flowProducer, recordingId: newRecordingId(), userId: "u_q", ...({ apiKey: "nope" } as object) }),
    ).rejects.toThrow();
    await expect(enqueueRecording({ flowProducer, recordingId: "bad", userId: "u_q" })).rejects.toThrow();
  });
});
