import { dumpDatabase } from "@byok/db/testing";
import { enqueueRun } from "@byok/pipeline";
import { newRecordingId } from "@byok/uploads";
import { type PrivateRedis, startPrivateRedis } from "@byok/test-utils";
import { RECORDING_FAILURE_MESSAGES } from "@byok/types";
import type { RecordingRecord } from "@byok/db";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { dumpKeyspace, findSecrets } from "./helpers/sweep";
import { spawnWorker, type WorkerProcess } from "./helpers/worker-process";

// The reconciler, fast: the production defaults (15 s rounds, 60 s quiet) only make the test wait.
const FAST_RECONCILER = { RECONCILE_INTERVAL_MS: "1000", RECORDING_QUIET_MS: "4000", DISPATCH_GRACE_MS: "1500" };
// How long after a fault every recording must be final: the production bound is 2 minutes.
const BOUND_MS = 90_000;

let redis: PrivateRedis | undefined;
let h: Harness | undefined;
let procs: WorkerProcess[] = [];

afterEach(async () => {
  for (const p of procs) await p.stop("SIGTERM");
  if (h && redis) {
    const lines = procs.flatMap((p) => p.lines);
    const keyspace = await dumpKeyspace(h.ns.redis, h.ns.prefix);
    const database = await dumpDatabase(h.pg.url);
    expect(findSecrets([...keyspace.map((d) => d.text), database, ...lines, ...h.logs.lines], h.minted)).toEqual([]);
  }
  procs = [];
  await h?.close();
  await redis?.stop();
  h = undefined;
  redis = undefined;
}, 60_000);

const isFinal = (r: RecordingRecord | null) => r?.status === "completed" || r?.status === "failed";

async function waitAllFinal(harness: Harness, ids: string[], boundMs = BOUND_MS): Promise<RecordingRecord[]> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const all = await Promise.all(ids.map((id) => harness.recordings.get(id)));
    if (all.every(isFinal)) return all as RecordingRecord[];
    if (Date.now() > deadline) {
      const stuck = all.filter((r) => !isFinal(r)).map((r) => `${r?.id}:${r?.status}`);
      throw new Error(`${stuck.length} recordings not final within ${boundMs} ms: ${stuck.slice(0, 5).join(", ")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** Why a failed recording failed, wherever the reason sits: the recording or one of its stages. */
const reasonOf = (r: RecordingRecord) =>
  r.failure?.reason ?? r.stages.stt.error?.reason ?? r.stages.analysis.error?.reason;

describe("faults: the record is durable and nothing stays stuck", { timeout: 300_000 }, () => {
  it("Redis restarts empty with 60 recordings in flight: nothing durable is lost, every recording ends, policies hold", async () => {
    redis = await startPrivateRedis();
    h = await createHarness("faults-restart", { redisUrl: redis.url, slowMs: 400 });
    const slowServer = {
      openai: h.mint("openai", "slow", "srv"),
      anthropic: h.mint("anthropic", "slow", "srv"),
      gemini: h.mint("gemini", "slow", "srv"),
    };
    procs = [spawnWorker(h, "fA", FAST_RECONCILER, slowServer), spawnWorker(h, "fB", FAST_RECONCILER, slowServer)];
    await Promise.all(procs.map((p) => p.ready));

    const fallbackUser = await h.user("pro");
    const onlyUser = await h.user("business", "byok_only");
    const platformUser = await h.user("free");
    const submitted: { id: string; owner: string }[] = [];
    for (let i = 0; i < 20; i++) {
      for (const [owner, keys] of [
        [fallbackUser, { openai: h.mint("openai", "slow") }],
        [onlyUser, { openai: h.mint("openai", "slow") }],
        [platformUser, undefined],
      ] as const) {
        submitted.push({ id: (await h.submit({ userId: owner, ...(keys ? { keys } : {}) })).recordingId, owner });
      }
    }
    // Some are done, most are queued or mid-call when Redis goes away with every job and cached key.
    await expect
      .poll(
        async () =>
          (await h!.pg.pool.query("select count(*)::int as n from recordings where status = 'processing'")).rows[0].n,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    // Redis comes back empty. Checked on a key only this test writes: the workers and their queues
    // reconnect at once and write their own bookkeeping again, so the key count is not 0 for long.
    const marker = `restart-marker:${Date.now()}`;
    await redis.client.set(marker, "1");
    await redis.restart();
    expect(await redis.client.exists(marker)).toBe(0);

    const done = await waitAllFinal(
      h,
      submitted.map((s) => s.id),
    );
    expect(done).toHaveLength(60);
    const outcome = (owner: string) =>
      done.filter((r) => submitted.find((s) => s.id === r.id)?.owner === owner).map((r) => r.status);
    console.info(
      `restart: byok_only ${JSON.stringify(countBy(outcome(onlyUser)))}, fallback ${JSON.stringify(countBy(outcome(fallbackUser)))}, platform ${JSON.stringify(countBy(outcome(platformUser)))}`,
    );
    const accounts = await h.pg.pool.query("select id, plan, byok_policy from users order by id");
    expect(accounts.rows).toHaveLength(3);
    expect(accounts.rows.find((r: { id: string }) => r.id === onlyUser)).toMatchObject({
      plan: "business",
      byok_policy: "byok_only",
    });

    for (const r of done) {
      const owner = submitted.find((s) => s.id === r.id)!.owner;
      if (owner === onlyUser) {
        // The platform never pays for a byok_only user: keys lost with Redis fail the stage visibly.
        for (const stage of [r.stages.stt, r.stages.analysis])
          expect(stage.attribution?.keySource ?? "byok").toBe("byok");
        if (r.status === "failed") expect(reasonOf(r)).toBe("byok_expired");
      } else {
        expect(r.status).toBe("completed");
      }
    }
    const serverCalls = await h.pg.pool.query(
      "select count(*)::int as n from provider_calls where user_id = $1 and key_source = 'server'",
      [onlyUser],
    );
    expect(serverCalls.rows[0].n).toBe(0);

    // After the restart the same user uploads again: her plan and policy held, so a tier-3 model on her own key.
    const again = await h.submit({ userId: onlyUser, keys: { openai: h.mint("openai", "valid") } });
    const [rec] = await waitAllFinal(h, [again.recordingId]);
    expect(rec?.status).toBe("completed");
    expect(rec?.stages.analysis.attribution).toMatchObject({ keySource: "byok", tier: 3 });
  });

  it("Redis refuses writes (OOM) for 20 s with 200 recordings in flight: every recording ends, completed or failed with a reason", async () => {
    redis = await startPrivateRedis();
    h = await createHarness("faults-oom", { redisUrl: redis.url, slowMs: 400 });
    const slowServer = {
      openai: h.mint("openai", "slow", "srv"),
      anthropic: h.mint("anthropic", "slow", "srv"),
      gemini: h.mint("gemini", "slow", "srv"),
    };
    const users = [await h.user("pro"), await h.user("start"), await h.user("business")];
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await h.submit({ userId: users[i % 3]! })).recordingId);
    // Workers start once all 200 are queued, so the fault lands in the middle of the work.
    procs = [spawnWorker(h, "oA", FAST_RECONCILER, slowServer), spawnWorker(h, "oB", FAST_RECONCILER, slowServer)];
    await Promise.all(procs.map((p) => p.ready));
    await expect
      .poll(
        async () =>
          (await h!.pg.pool.query("select count(*)::int as n from recordings where status = 'completed'")).rows[0].n,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    const finalAtStart = (
      await h.pg.pool.query("select count(*)::int as n from recordings where status in ('completed', 'failed')")
    ).rows[0].n;
    await redis.client.config("SET", "maxmemory", "1");
    await new Promise((r) => setTimeout(r, 20_000));
    await redis.client.config("SET", "maxmemory", "0");

    const done = await waitAllFinal(h, ids);
    const failed = done.filter((r) => r.status === "failed");
    const reasons = countBy(failed.map((r) => reasonOf(r) ?? "none"));
    console.info(
      `OOM: ${finalAtStart} final when it began; ${done.length - failed.length} completed, ${failed.length} failed: ${JSON.stringify(reasons)}`,
    );
    expect(finalAtStart).toBeLessThan(100);
    for (const r of failed) expect(reasonOf(r), `${r.id} failed without a reason`).toBeTruthy();
    expect(done.filter((r) => r.status === "completed").length + failed.length).toBe(200);
  });

  it("a job that stalls past its limit (its worker killed twice) fails its recording with that reason", async () => {
    redis = await startPrivateRedis();
    h = await createHarness("faults-stall", { redisUrl: redis.url, slowMs: 60_000 });
    const slowServer = {
      openai: h.mint("openai", "slow", "srv"),
      anthropic: h.mint("anthropic", "slow", "srv"),
      gemini: h.mint("gemini", "slow", "srv"),
    };
    const userId = await h.user("pro");
    const { recordingId } = await h.submit({ userId });
    for (const name of ["sA", "sB"]) {
      const victim = spawnWorker(h, name, FAST_RECONCILER, slowServer);
      procs.push(victim);
      await expect.poll(() => victim.lines.some((l) => l.includes('"stage started"')), { timeout: 30_000 }).toBe(true);
      await victim.stop("SIGKILL");
    }
    procs.push(spawnWorker(h, "sC", FAST_RECONCILER, slowServer));
    const [rec] = await waitAllFinal(h, [recordingId]);
    expect(rec).toMatchObject({
      status: "failed",
      failure: { reason: "stalled", message: RECORDING_FAILURE_MESSAGES.stalled },
    });
    expect(rec?.stages.stt.status).toBe("failed");
    expect(rec?.stages.analysis.status).toBe("failed");
  });

  it("a crash between storing the recording and queueing it: the reconciler dispatches it exactly once", async () => {
    redis = await startPrivateRedis();
    h = await createHarness("faults-outbox", { redisUrl: redis.url, slowMs: 0 });
    const userId = await h.user("pro");
    const [aId, bId] = [newRecordingId(), newRecordingId()];
    // Stored, never queued: the web app died after its commit.
    const neverQueued = await h.recordings.create({
      id: aId,
      userId,
      fileName: "a.wav",
      audioType: "wav",
      size: 44,
      storedPath: await h.storeWav(aId),
    });
    // Queued, never marked: the web app died between the queue and its mark.
    const unmarked = await h.recordings.create({
      id: bId,
      userId,
      fileName: "b.wav",
      audioType: "wav",
      size: 44,
      storedPath: await h.storeWav(bId),
    });
    await enqueueRun({ flowProducer: h.flowProducer, recordingId: unmarked.id, userId, run: 1 });

    procs = [spawnWorker(h, "rA", FAST_RECONCILER), spawnWorker(h, "rB", FAST_RECONCILER)];
    const done = await waitAllFinal(h, [neverQueued.id, unmarked.id]);
    expect(done.map((r) => r.status)).toEqual(["completed", "completed"]);
    // One transcription and one analysis each: relayed twice at most, run once.
    expect(h.emu.calls().filter((c) => c.endpoint === "audio/transcriptions")).toHaveLength(2);
    expect(h.emu.calls()).toHaveLength(4);
    const rows = await h.pg.pool.query(
      "select id, run, dispatched_at is not null as dispatched from recordings order by id",
    );
    for (const row of rows.rows) expect(row).toMatchObject({ run: 1, dispatched: true });
  });
});
