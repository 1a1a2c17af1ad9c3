import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountRepository, createRecordingRepository } from "../src";
import { BYOK_OPENAI_ATTRIBUTION as attribution, pgTestDatabase, type PgTestDatabase } from "../src/testing";

let pg: PgTestDatabase;
let recordings: ReturnType<typeof createRecordingRepository>;
let n = 0;

beforeAll(async () => {
  pg = await pgTestDatabase("db-recordings");
  recordings = createRecordingRepository(pg.db);
});
afterAll(async () => {
  await pg?.cleanup();
});

async function user(label: string) {
  const id = `u_${label}_${++n}`;
  await createAccountRepository(pg.db).ensure({ id, email: `${id}@example.com` });
  return id;
}

const input = (userId: string, id = `rec_${(++n).toString(16).padStart(32, "0")}`) => ({
  id,
  userId,
  fileName: "a.wav",
  audioType: "wav" as const,
  size: 10,
  storedPath: `/tmp/${id}.wav`,
});

describe("recording repository (real PostgreSQL)", () => {
  it("creates a queued, undispatched recording with two pending stages", async () => {
    const rec = await recordings.create(input(await user("create")));
    expect(rec).toMatchObject({ status: "queued", run: 1, dispatchedAt: null, transcript: null, failure: null });
    expect(rec.stages.stt).toEqual({ status: "pending", progress: 0, attribution: null, error: null, attempts: 0 });
    expect(await recordings.get(rec.id)).toEqual(rec);
  });

  it("lists only the owner's recordings, newest first, and hides them from others", async () => {
    const owner = await user("list");
    const other = await user("other");
    const a = await recordings.create(input(owner));
    const b = await recordings.create(input(owner));
    await recordings.create(input(other));
    expect((await recordings.list(owner)).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(await recordings.getOwned(a.id, other)).toBeNull();
    expect((await recordings.getOwned(a.id, owner))?.id).toBe(a.id);
  });

  it("walks a run through its stages, storing results and who paid", async () => {
    const rec = await recordings.create(input(await user("walk")));
    const ref = { id: rec.id, run: rec.run };
    expect(await recordings.markDispatched(ref)).toBe(true);
    expect(await recordings.startStage(ref, "stt", 1)).toEqual({ kind: "started" });
    await recordings.setProgress(ref, "stt", 30);
    expect((await recordings.get(rec.id))?.stages.stt).toMatchObject({
      status: "processing",
      progress: 30,
      attempts: 1,
    });
    await recordings.completeStage(ref, "stt", { attribution, transcript: "hello", final: false });
    await recordings.startStage(ref, "analysis", 1);
    const done = await recordings.completeStage(ref, "analysis", {
      attribution: { ...attribution, model: "gpt-4o-mini", keySource: "server", fallbackReason: "quota_exceeded" },
      analysis: { summary: "s", keyPoints: ["k"] },
      final: true,
    });
    expect(done).toMatchObject({
      status: "completed",
      transcript: "hello",
      analysis: { summary: "s", keyPoints: ["k"] },
    });
    expect(done?.stages.analysis.attribution).toMatchObject({ keySource: "server", fallbackReason: "quota_exceeded" });
    expect(done?.dispatchedAt).not.toBeNull();
  });

  it("leases a stage to one job run at a time: another waits until it is released, stored or run out", async () => {
    const rec = await recordings.create(input(await user("lease")));
    const ref = { id: rec.id, run: rec.run };
    const first = { owner: "token-a", ms: 60_000 };
    const second = { owner: "token-b", ms: 60_000 };
    const before = Date.now();
    expect(await recordings.startStage(ref, "stt", 1, first)).toEqual({ kind: "started" });
    // A second run of the same job (the first worker lost its lock) finds the first one's lease.
    const waiting = await recordings.startStage(ref, "stt", 1, second);
    expect(waiting).toMatchObject({ kind: "leased" });
    expect(waiting.kind === "leased" && waiting.until).toBeGreaterThanOrEqual(before + 55_000);
    expect(await recordings.holdStage(ref, "stt", second)).toBe(false);
    // The holder renews it, and may start again (a retry of the same run).
    expect(await recordings.holdStage(ref, "stt", first)).toBe(true);
    expect(await recordings.startStage(ref, "stt", 2, first)).toEqual({ kind: "started" });

    // Released (its call ended without an answer): the other run may go.
    await recordings.releaseStage(ref, "stt", "token-b");
    expect((await recordings.startStage(ref, "stt", 1, second)).kind).toBe("leased");
    await recordings.releaseStage(ref, "stt", "token-a");
    expect(await recordings.startStage(ref, "stt", 1, second)).toEqual({ kind: "started" });
    // Now the first one has lost it, and must not call.
    expect(await recordings.holdStage(ref, "stt", first)).toBe(false);

    // Run out: a lease past its time is nobody's.
    expect(await recordings.startStage(ref, "analysis", 1, { owner: "token-c", ms: 1 })).toEqual({ kind: "started" });
    await new Promise((r) => setTimeout(r, 20));
    expect(await recordings.startStage(ref, "analysis", 1, second)).toEqual({ kind: "started" });

    // Stored: nothing is left to wait for, and the stored stage holds no lease.
    await recordings.completeStage(ref, "stt", { attribution, transcript: "t", final: false });
    expect(await recordings.startStage(ref, "stt", 1, first)).toEqual({ kind: "gone" });
    expect(await recordings.holdStage(ref, "stt", second)).toBe(false);
    // A failure note (the job retries later) gives the lease up too.
    await recordings.noteStageError(ref, "analysis", { reason: "provider_unavailable", message: "m" });
    expect(await recordings.startStage(ref, "analysis", 2, first)).toEqual({ kind: "started" });
    // A new run stores nothing of the old run's calls, so it does not wait for the old run's lease.
    const next = await recordings.rerun(ref);
    expect(next).toEqual({ id: rec.id, run: rec.run + 1 });
    expect(await recordings.startStage(next!, "analysis", 1, second)).toEqual({ kind: "started" });
  });

  it("ignores writes from a stale run and writes to a final recording", async () => {
    const rec = await recordings.create(input(await user("stale")));
    const stale = { id: rec.id, run: rec.run + 1 };
    expect(await recordings.startStage(stale, "stt", 1)).toEqual({ kind: "gone" });
    expect(await recordings.completeStage(stale, "stt", { attribution, transcript: "x", final: true })).toBeNull();
    const ref = { id: rec.id, run: rec.run };
    expect(await recordings.failStage(ref, "stt", { reason: "invalid_key", message: "m" })).toBe(true);
    expect(await recordings.completeStage(ref, "stt", { attribution, transcript: "late", final: true })).toBeNull();
    const got = await recordings.get(rec.id);
    expect(got).toMatchObject({ status: "failed", transcript: null });
    expect(got?.stages.stt.error).toEqual({ reason: "invalid_key", message: "m" });
  });

  it("fails a whole recording with a reason and marks its unfinished stages failed", async () => {
    const rec = await recordings.create(input(await user("failrec")));
    const ref = { id: rec.id, run: rec.run };
    await recordings.completeStage(ref, "stt", { attribution, transcript: "t", final: false });
    expect(await recordings.failRecording(ref, { reason: "stalled", message: "stopped twice" })).toBe(true);
    const got = await recordings.get(rec.id);
    expect(got).toMatchObject({ status: "failed", failure: { reason: "stalled", message: "stopped twice" } });
    expect(got?.stages.stt.status).toBe("completed");
    expect(got?.stages.analysis.status).toBe("failed");
  });

  it("finds undispatched and quiet live runs, counts failed hand-offs, and starts new runs", async () => {
    const owner = await user("outbox");
    const waiting = await recordings.create(input(owner));
    const sent = await recordings.create(input(owner));
    await recordings.markDispatched({ id: sent.id, run: sent.run });
    await new Promise((r) => setTimeout(r, 20));
    expect((await recordings.undispatched(10)).map((r) => r.id)).toContain(waiting.id);
    expect((await recordings.undispatched(10)).map((r) => r.id)).not.toContain(sent.id);
    expect((await recordings.quiet(10)).map((r) => r.id)).toContain(sent.id);
    await recordings.noteDispatchFailure({ id: waiting.id, run: waiting.run });
    expect((await recordings.get(waiting.id))?.dispatchedAt).toBeNull();
    expect((await recordings.undispatched(10_000)).map((r) => r.id)).not.toContain(waiting.id);

    await recordings.completeStage({ id: sent.id, run: 1 }, "stt", { attribution, transcript: "t", final: false });
    await recordings.startStage({ id: sent.id, run: 1 }, "analysis", 2);
    expect(await recordings.rerun({ id: sent.id, run: 1 })).toEqual({ id: sent.id, run: 2 });
    const rerun = await recordings.get(sent.id);
    expect(rerun).toMatchObject({ run: 2, status: "queued", dispatchedAt: null });
    expect(rerun?.stages.stt.status).toBe("completed");
    expect(rerun?.stages.analysis).toMatchObject({ status: "pending", progress: 0 });
    // The old run can no longer write.
    expect(await recordings.startStage({ id: sent.id, run: 1 }, "analysis", 1)).toEqual({ kind: "gone" });
  });

  it("keeps provider calls when their recording is deleted, and returns what to clean up", async () => {
    const owner = await user("delete");
    const rec = await recordings.create({ ...input(owner), byokRef: "r".repeat(43) });
    await recordings.recordProviderCall({
      userId: owner,
      recordingId: rec.id,
      stage: "stt",
      run: 1,
      provider: "openai",
      model: "whisper-1",
      tier: 0,
      keySource: "byok",
      fallbackReason: null,
      outcome: "ok",
    });
    expect(await recordings.deleteOwned(rec.id, "u_someone_else")).toBeNull();
    const deleted = await recordings.deleteOwned(rec.id, owner);
    expect(deleted).toEqual({ id: rec.id, userId: owner, run: 1, storedPath: rec.storedPath, byokRef: "r".repeat(43) });
    expect(await recordings.get(rec.id)).toBeNull();
    const left = await pg.pool.query("select recording_id, outcome from provider_calls where user_id = $1", [owner]);
    expect(left.rows).toEqual([{ recording_id: null, outcome: "ok" }]);
  });
});
