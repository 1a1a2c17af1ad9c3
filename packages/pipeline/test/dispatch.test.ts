import { createAccountRepository, createRecordingRepository } from "@byok/db";
import { pgTestDatabase, type PgTestDatabase } from "@byok/db/testing";
import { redisTestNamespace, type RedisTestNamespace } from "@byok/test-utils";
import { newRecordingId } from "@byok/uploads";
import { FlowProducer, Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUES, bullPrefix, createDispatcher, enqueueRun, runJobIds } from "../src";

let ns: RedisTestNamespace;
let pg: PgTestDatabase;
let flowProducer: FlowProducer;
let stt: Queue;
let analyze: Queue;
beforeAll(async () => {
  ns = await redisTestNamespace("pipeline-dispatch");
  pg = await pgTestDatabase("pipeline-dispatch");
  flowProducer = new FlowProducer({ connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
  stt = new Queue(QUEUES.stt, { connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
  analyze = new Queue(QUEUES.analyze, { connection: ns.redis.duplicate(), prefix: bullPrefix(ns.prefix) });
  await createAccountRepository(pg.db).ensure({ id: "u_q", email: "q@example.com" });
});
afterAll(async () => {
  await Promise.all([flowProducer?.close(), stt?.close(), analyze?.close()]);
  await ns?.cleanup();
  await pg?.cleanup();
});

describe("enqueueRun", () => {
  it("adds llm-analyze waiting on stt, with only ids in the job data, under the project prefix", async () => {
    const recordingId = newRecordingId();
    const byokRef = "b".repeat(43);
    const node = await enqueueRun({
      flowProducer,
      recordingId,
      userId: "u_q",
      run: 1,
      byokRef,
      policy: { backoffMs: 10 },
    });
    expect(node.job.queueName).toBe(QUEUES.analyze);
    expect(node.children?.[0]?.job.queueName).toBe(QUEUES.stt);

    const ids = runJobIds({ recordingId, run: 1 });
    const sttJob = await stt.getJob(ids.stt);
    const parent = await analyze.getJob(ids.analyze);
    expect(sttJob?.data).toEqual({ recordingId, userId: "u_q", run: 1, byokRef });
    expect(parent?.data).toEqual({ recordingId, userId: "u_q", run: 1, byokRef });
    expect(await parent?.getState()).toBe("waiting-children");
    expect(sttJob?.opts.attempts).toBe(3);
    expect(sttJob?.opts.backoff).toEqual({ type: "exponential", delay: 10 });
    expect((await ns.keys()).some((k) => k.startsWith(`${ns.prefix}bull:${QUEUES.stt}:`))).toBe(true);
  });

  it("refuses a payload with anything but ids", async () => {
    await expect(
      enqueueRun({
        flowProducer,
        recordingId: newRecordingId(),
        userId: "u_q",
        run: 1,
        ...({ apiKey: "nope" } as object),
      }),
    ).rejects.toThrow();
    await expect(enqueueRun({ flowProducer, recordingId: "bad", userId: "u_q", run: 1 })).rejects.toThrow();
  });
});

describe("createDispatcher", () => {
  it("queues a run once however often it is relayed, and marks it dispatched", async () => {
    const recordings = createRecordingRepository(pg.db);
    const rec = await recordings.create({
      id: newRecordingId(),
      userId: "u_q",
      fileName: "a.wav",
      audioType: "wav",
      size: 1,
      storedPath: "/x",
    });
    const dispatcher = createDispatcher({ flowProducer, recordings });
    // A relay that crashed after adding the flow runs again: nothing is added twice.
    await dispatcher.dispatch(rec);
    await dispatcher.dispatch(rec);
    const forThis = (await stt.getJobs(["wait", "prioritized"])).filter((j) => j.data.recordingId === rec.id);
    expect(forThis.map((j) => j.id)).toEqual([runJobIds({ recordingId: rec.id, run: 1 }).stt]);
    expect((await recordings.get(rec.id))?.dispatchedAt).not.toBeNull();
  });

  it("counts a hand-off the queue refused, and leaves the run undispatched", async () => {
    const recordings = createRecordingRepository(pg.db);
    const rec = await recordings.create({
      id: newRecordingId(),
      userId: "u_q",
      fileName: "a.wav",
      audioType: "wav",
      size: 1,
      storedPath: "/x",
    });
    const broken = new FlowProducer({
      connection: { host: "127.0.0.1", port: 1, maxRetriesPerRequest: 1, retryStrategy: () => null },
      prefix: bullPrefix(ns.prefix),
    });
    broken.on("error", () => undefined);
    try {
      await expect(createDispatcher({ flowProducer: broken, recordings }).dispatch(rec)).rejects.toThrow();
    } finally {
      await broken.close().catch(() => undefined);
    }
    const row = await pg.pool.query("select dispatched_at, dispatch_attempts from recordings where id = $1", [rec.id]);
    expect(row.rows[0]).toEqual({ dispatched_at: null, dispatch_attempts: 1 });
  });
});
