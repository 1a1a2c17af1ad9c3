import { QUEUES, bullPrefix, runJobIds } from "@byok/pipeline";
import { keyFingerprint } from "@byok/provider-emulator";
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { duplicatePaidCalls, seededRandom } from "./helpers/paid-calls";
import { expectNoMintedKeyLeft } from "./helpers/sweep";
import { spawnWorker, type WorkerProcess } from "./helpers/worker-process";

let h: Harness | undefined;
let procs: WorkerProcess[] = [];

afterEach(async () => {
  for (const p of procs) await p.stop("SIGKILL");
  if (!h) return;
  await expectNoMintedKeyLeft(
    h,
    procs.flatMap((p) => p.lines),
  );
  procs = [];
  await h.close();
  h = undefined;
}, 60_000);

const KILLS = Number(process.env.PAYING_ONCE_KILLS ?? 12);
const SEED = Number(process.env.PAYING_ONCE_SEED ?? 20261127);
const STAGE_OF_ENDPOINT: Record<string, string> = { "audio/transcriptions": "stt", "chat/completions": "analysis" };

/**
 * Every paid call after a stage's first, judged by what the workers (killed ones included) had
 * logged about that stage when it was sent. Each recording has a key of its own, so a stage is a
 * key and an endpoint.
 */
function paidTwice(submitted: readonly { openai: string; recordingId: string }[]) {
  const recordingOfKey = new Map(submitted.map((s) => [keyFingerprint(s.openai), s.recordingId]));
  const records = procs.flatMap((p) => p.records());
  const times = (msg: string, stage: string, extra: (r: Record<string, unknown>) => boolean = () => true) =>
    records
      .filter((r) => r.msg === msg && `${String(r.recordingId)}/${String(r.stage)}` === stage && extra(r))
      .map((r) => Number(r.time));
  return duplicatePaidCalls(
    h!.emu.calls(),
    (c) => {
      const recordingId = recordingOfKey.get(String(c.keyFingerprint));
      const stage = STAGE_OF_ENDPOINT[c.endpoint];
      return recordingId && stage ? `${recordingId}/${stage}` : null;
    },
    (stage) => ({
      received: times("provider call", stage, (r) => r.outcome === "ok"),
      stored: times("stage completed", stage),
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Many kills: a job may stall more than once before it completes, which is not what is tested here.
// The lock is long enough that a live worker starved of CPU by parallel suites keeps its jobs.
const KILL_ENV = {
  WORKER_MAX_STALLED_COUNT: "10",
  WORKER_LOCK_DURATION_MS: "6000",
  WORKER_STALLED_INTERVAL_MS: "1000",
};

describe("paying once: a provider's answer is never paid for twice", { timeout: 400_000 }, () => {
  it(`SIGKILL at ${KILLS} seeded random points during stages: no answer that arrived is paid for again`, async () => {
    h = await createHarness("worker-kills");
    const harness = h;
    // The provider computes for 300 ms: kills land before, during and after calls.
    harness.emu.setLatency(300);
    const random = seededRandom(SEED);
    let spawned = 0;
    const spawn = () => {
      const p = spawnWorker(harness, `wK${spawned++}`, KILL_ENV);
      procs.push(p);
      return p;
    };
    await Promise.all([spawn(), spawn(), spawn()].map((p) => p.ready));

    const submitted = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const userId = await harness.user("pro");
        // A key per recording: the emulator's log then tells each recording's calls apart.
        const openai = harness.mint("openai", "valid");
        return { openai, ...(await harness.submit({ userId, keys: { openai } })) };
      }),
    );
    const kills: number[] = [];
    const allDone = Promise.all(submitted.map((s) => harness.waitFor(s.recordingId)));
    let finished = false;
    allDone.then(
      () => (finished = true),
      () => (finished = true),
    );
    let round = 0;
    while (kills.length < KILLS) {
      await sleep(50 + random() * 500);
      const ready = procs.filter(
        (p) =>
          p.child.exitCode === null && p.child.signalCode === null && p.records().some((r) => r.msg === "worker ready"),
      );
      if (ready.length < 2) continue;
      const victim = ready[Math.floor(random() * ready.length)] as WorkerProcess;
      victim.child.kill("SIGKILL");
      kills.push(Date.now());
      spawn();
      // When this batch is done, give the next kills something to interrupt.
      if (finished && kills.length < KILLS) {
        round++;
        const more = await Promise.all(
          Array.from({ length: 16 }, async () => {
            const userId = await harness.user("pro");
            const openai = harness.mint("openai", "valid");
            return { openai, ...(await harness.submit({ userId, keys: { openai } })) };
          }),
        );
        submitted.push(...more);
        finished = false;
        Promise.all(more.map((s) => harness.waitFor(s.recordingId))).then(
          () => (finished = true),
          () => (finished = true),
        );
      }
    }
    const done = await Promise.all(submitted.map((s) => harness.waitFor(s.recordingId)));
    for (const rec of done) {
      expect(rec.status).toBe("completed");
      expect(rec.stages.stt.attribution).toMatchObject({ keySource: "byok" });
      expect(rec.stages.analysis.attribution).toMatchObject({ keySource: "byok" });
    }
    const report = paidTwice(submitted);
    const per100 = (n: number) => ((100 * n) / kills.length).toFixed(1);
    console.log(
      `paying once: ${kills.length} SIGKILLs (seed ${SEED}), ${submitted.length} recordings in ${round + 1} batches, ${report.paidCalls} paid calls; ` +
        `duplicate paid calls per 100 kills: ${per100(report.duplicates)} (mid-call ${per100(report.byKind.mid_call)}, ` +
        `answer received but not yet stored ${per100(report.byKind.answer_unstored)}, after the answer was stored ${per100(report.byKind.avoidable)})`,
    );
    expect(report.byKind.avoidable).toBe(0);
  });

  it("a live worker loses its job's lock mid-call: the run BullMQ hands the job to waits for the first run's lease, and pays nothing", async () => {
    h = await createHarness("worker-lost-lock");
    // Long enough for the lost lock to be noticed and the job handed on while the provider computes.
    h.emu.setLatency(5_000);
    const env = { WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "500", WORKER_MAX_STALLED_COUNT: "5" };
    procs = [spawnWorker(h, "wLa", env), spawnWorker(h, "wLb", env)];
    await Promise.all(procs.map((p) => p.ready));
    const userId = await h.user("pro");
    const openai = h.mint("openai", "valid");
    const { recordingId } = await h.submit({ userId, keys: { openai } });
    await expect.poll(() => h!.emu.calls({ key: openai }).length, { timeout: 30_000 }).toBe(1);
    // What a worker cut off from Redis (or paused past its lock) leaves behind: a job whose lock is
    // gone and cannot be renewed. BullMQ's stall check hands it to another run of the job.
    const lock = `${bullPrefix(h.ns.prefix)}:${QUEUES.stt}:${runJobIds({ recordingId, run: 1 }).stt}:lock`;
    expect(await h.ns.redis.del(lock)).toBe(1);
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "byok" });
    expect(h.emu.calls({ key: openai, endpoint: "audio/transcriptions" })).toHaveLength(1);
    expect(h.emu.calls({ key: openai, endpoint: "chat/completions" })).toHaveLength(1);
    // The job did run twice; the second run waited instead of calling.
    const records = procs.flatMap((p) => p.records());
    expect(records.some((r) => r.msg === "another run of this job holds the stage; waiting for it")).toBe(true);
  });

  it("SIGTERM with a grace period longer than the provider timeout: calls in flight finish, nothing is paid twice", async () => {
    h = await createHarness("worker-term-grace");
    h.emu.setLatency(1_500);
    const env = { PROVIDER_TIMEOUT_MS: "5000", WORKER_SHUTDOWN_TIMEOUT_MS: "6000" };
    const a = spawnWorker(h, "wTa", env);
    procs = [a];
    await a.ready;
    const submitted = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const userId = await h!.user("pro");
        const openai = h!.mint("openai", "valid");
        return { openai, ...(await h!.submit({ userId, keys: { openai } })) };
      }),
    );
    // Mid-call: every recording's transcription has been sent and none answered yet.
    await expect
      .poll(() => h!.emu.calls({ endpoint: "audio/transcriptions" }).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(6);
    const at = Date.now();
    expect(await a.stop("SIGTERM")).toBe(0);
    const tookMs = Date.now() - at;
    // It waited for the answers, not for its whole grace period.
    expect(tookMs).toBeLessThan(6_000);
    const b = spawnWorker(h, "wTb", env);
    procs.push(b);
    const done = await Promise.all(submitted.map((s) => h!.waitFor(s.recordingId)));
    for (const rec of done) expect(rec.status).toBe("completed");
    void at;
    const report = paidTwice(submitted);
    expect(report.paidCalls).toBe(12);
    expect(report.duplicates).toBe(0);
    // The answers in flight at the SIGTERM were stored by the worker that asked for them.
    expect(a.records().filter((r) => r.msg === "stage completed" && r.stage === "stt").length).toBe(6);
  });

  it("SIGTERM with a grace period shorter than a call: the call is aborted at the deadline and the job handed back at once", async () => {
    h = await createHarness("worker-term-deadline");
    h.emu.setLatency(8_000);
    const env = { PROVIDER_TIMEOUT_MS: "20000", WORKER_SHUTDOWN_TIMEOUT_MS: "1500" };
    const a = spawnWorker(h, "wDa", env);
    procs = [a];
    await a.ready;
    const userId = await h.user("pro");
    const openai = h.mint("openai", "valid");
    const { recordingId } = await h.submit({ userId, keys: { openai } });
    await expect.poll(() => h!.emu.calls({ key: openai }).length, { timeout: 30_000 }).toBe(1);
    const at = Date.now();
    const code = await a.stop("SIGTERM");
    const tookMs = Date.now() - at;
    // The deadline (1.5 s) plus the hand-back, not the call's 8 s, and not the hard-exit timer.
    expect(tookMs).toBeLessThan(1_500 + 3_000);
    expect(code).toBe(1);
    expect(
      a
        .records()
        .some((r) => r.msg === "job handed back: the worker is shutting down" && r.recordingId === recordingId),
    ).toBe(true);
    // Handed back, not left holding its lock until it expires: the job waits for the next worker now.
    const stt = new Queue(QUEUES.stt, { connection: h.ns.redis, prefix: bullPrefix(h.ns.prefix) });
    try {
      expect(["delayed", "waiting", "wait", "prioritized"]).toContain(
        await (await stt.getJob(runJobIds({ recordingId, run: 1 }).stt))?.getState(),
      );
    } finally {
      await stt.close();
    }
    h.emu.setLatency(300);
    const b = spawnWorker(h, "wDb", env);
    procs.push(b);
    const rec = await h.waitFor(recordingId);
    expect(rec.status).toBe("completed");
    expect(rec.stages.stt.attribution).toMatchObject({ keySource: "byok" });
    expect(b.records().some((r) => r.msg === "job stalled; BullMQ moves it back to wait")).toBe(false);
    // The aborted call never got its answer: the one paid call that cannot be avoided with a short grace.
    expect(h.emu.calls({ key: openai, endpoint: "audio/transcriptions" }).map((c) => c.answered)).toEqual([
      false,
      true,
    ]);
  });
});
