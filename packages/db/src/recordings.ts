import type { AudioType } from "@byok/audio";
import { type Attribution, type ByokPolicy, type Plan, type Provider, completeProviderOrder } from "@byok/types";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "./client";
import {
  type Analysis,
  type Failure,
  type RecordingRecord,
  type Stage,
  type StageState,
  STAGES,
  pendingStage,
} from "./recording";
import type { StoredKeyHealth } from "./key-health";
import { providerCalls, recordingStages, recordings } from "./schema";

export interface NewRecording {
  id: string;
  userId: string;
  fileName: string;
  audioType: AudioType;
  size: number;
  storedPath: string;
  byokRef?: string | undefined;
}

/** What a stage needs before it runs: the recording, and the owner's plan, policy, provider order and key health. */
export interface StageContext {
  recording: RecordingRecord;
  plan: Plan;
  policy: ByokPolicy;
  providerOrder: Provider[];
  /** What is stored about the owner's keys, so the stage writes only what is news. */
  keyHealth: StoredKeyHealth[];
}

/** One provider call, as the ledger keeps it. */
export interface ProviderCallRecord {
  userId: string;
  recordingId: string;
  stage: Stage;
  run: number;
  provider: string;
  model: string;
  tier: number;
  keySource: Attribution["keySource"];
  fallbackReason: string | null;
  outcome: string;
  /** Units from the provider's usage fields; absent where it reported none. */
  audioSeconds?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  /** From the registry's dated price table; absent where the units are unknown. */
  estimatedCostUsd?: number | null;
  pricesTakenOn?: string | null;
  providerRequestId?: string | null;
}

export interface StageResultPatch {
  attribution: Attribution;
  transcript?: string;
  analysis?: Analysis;
  /** The last stage completes the recording. */
  final: boolean;
  /**
   * The stage's provider calls not yet in the ledger, stored in the same transaction as the result:
   * an answer that was paid for is never stored without its ledger rows, nor they without it.
   */
  calls?: readonly ProviderCallRecord[];
}

/**
 * A job run's claim on a stage's provider calls. While it lasts, another run of the same stage (a
 * job whose lock the first worker lost, handed to a second) waits instead of paying for a second
 * answer. The holder renews it while the stage runs, and it runs out `ms` after the last renewal.
 */
export interface StageLease {
  /** The job run's BullMQ lock token: unique to each time a worker takes the job. */
  owner: string;
  ms: number;
}

/** How a stage's start went: it is this run's to call, it has nothing left to do, or another run holds it. */
export type StageStart = { kind: "started" } | { kind: "gone" } | { kind: "leased"; until: number };

/** A run's identity: writes from an older run (a stale job) must not land on a newer one. */
export interface RunRef {
  id: string;
  run: number;
}

export interface DispatchCandidate {
  id: string;
  userId: string;
  run: number;
  byokRef: string | null;
  dispatchAttempts: number;
}

export interface LiveRecording extends DispatchCandidate {
  status: RecordingRecord["status"];
  updatedAt: number;
  dispatchedAt: number | null;
}

export interface DeletedRecording {
  id: string;
  userId: string;
  run: number;
  storedPath: string | null;
  byokRef: string | null;
}

type RecordingRow = typeof recordings.$inferSelect;
type StageRow = typeof recordingStages.$inferSelect;

const LIVE = ["queued", "processing"] as const;
const FINAL = ["completed", "failed"] as const;

function toStage(row: StageRow | undefined): StageState {
  if (!row) return pendingStage();
  const attribution: Attribution | null =
    row.provider && row.model && row.tier !== null && row.keySource
      ? {
          provider: row.provider as Attribution["provider"],
          model: row.model,
          tier: row.tier,
          keySource: row.keySource,
          fallbackReason: row.fallbackReason as Attribution["fallbackReason"],
        }
      : null;
  return {
    status: row.status,
    progress: row.progress,
    attempts: row.attempts,
    attribution,
    error: row.errorReason ? { reason: row.errorReason, message: row.errorMessage ?? "" } : null,
  };
}

function toRecord(row: RecordingRow, stages: StageRow[]): RecordingRecord {
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  return {
    id: row.id,
    userId: row.userId,
    fileName: row.fileName,
    audioType: row.audioType,
    size: row.sizeBytes,
    storedPath: row.storedPath,
    byokRef: row.byokRef,
    run: row.run,
    status: row.status,
    stages: { stt: toStage(byStage.get("stt")), analysis: toStage(byStage.get("analysis")) },
    transcript: row.transcript,
    analysis: row.analysis,
    failure: row.failureReason ? { reason: row.failureReason, message: row.failureMessage ?? "" } : null,
    dispatchedAt: row.dispatchedAt?.getTime() ?? null,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

const stageKey = (ref: RunRef, stage: Stage) =>
  and(eq(recordingStages.recordingId, ref.id), eq(recordingStages.stage, stage));
const liveRun = (ref: RunRef) =>
  and(eq(recordings.id, ref.id), eq(recordings.run, ref.run), inArray(recordings.status, [...LIVE]));

const leaseUntil = (lease: StageLease) => sql`now() + make_interval(secs => ${lease.ms / 1000})`;
/** Nobody else's live lease: none, run out (by the database's clock, the one every worker shares), or ours. */
const leaseFreeFor = (owner: string) =>
  or(
    isNull(recordingStages.leaseUntil),
    lt(recordingStages.leaseUntil, sql`now()`),
    eq(recordingStages.leaseOwner, owner),
  );
const NO_LEASE = { leaseOwner: null, leaseUntil: null } as const;

export function createRecordingRepository(db: Db) {
  /**
   * Updates the recording (only while `ref` is its live run) and one of its stages in a single
   * statement: a data-modifying CTE is atomic on its own, so the hot path of a stage pays one round
   * trip instead of a BEGIN, two updates and a COMMIT. False when the run changed or ended meanwhile.
   */
  async function updateLiveStage(
    ref: RunRef,
    stage: Stage,
    recordingSet: PgUpdateSetSource<typeof recordings>,
    stageSet: PgUpdateSetSource<typeof recordingStages>,
    { unlessCompleted = false, leaseFor }: { unlessCompleted?: boolean; leaseFor?: string } = {},
  ): Promise<boolean> {
    const live = db
      .$with("live")
      .as(db.update(recordings).set(recordingSet).where(liveRun(ref)).returning({ id: recordings.id }));
    const rows = await db
      .with(live)
      .update(recordingStages)
      .set(stageSet)
      .where(
        and(
          stageKey(ref, stage),
          // Re-checked on the newest row version when another worker's answer committed meanwhile
          // (the recording row's lock orders the two), so a stored answer is never started again.
          unlessCompleted ? ne(recordingStages.status, "completed") : undefined,
          leaseFor === undefined ? undefined : leaseFreeFor(leaseFor),
          inArray(recordingStages.recordingId, db.select({ id: live.id }).from(live)),
        ),
      )
      .returning({ id: recordingStages.recordingId });
    return rows.length === 1;
  }

  // The two reads every stage makes are prepared once per connection: PostgreSQL then skips parsing
  // and planning their lateral joins, which cost more than running them.
  const recordingById = db.query.recordings
    .findFirst({ where: eq(recordings.id, sql.placeholder("id")), with: { stages: true } })
    .prepare("recording_by_id");
  const recordingForStage = db.query.recordings
    .findFirst({
      where: eq(recordings.id, sql.placeholder("id")),
      with: {
        stages: true,
        user: {
          columns: { plan: true, byokPolicy: true, providerOrder: true },
          with: {
            keyHealth: { columns: { provider: true, outcome: true, source: true, observedAt: true, resetAt: true } },
          },
        },
      },
    })
    .prepare("recording_for_stage");

  async function get(id: string): Promise<RecordingRecord | null> {
    const row = await recordingById.execute({ id });
    return row ? toRecord(row, row.stages) : null;
  }

  async function storeStage(ref: RunRef, stage: Stage, patch: StageResultPatch): Promise<boolean> {
    return db.transaction(async (tx) => {
      const now = new Date();
      // Paid calls are ledger rows whether or not this run is still the recording's.
      if (patch.calls && patch.calls.length > 0) await tx.insert(providerCalls).values([...patch.calls]);
      const live = await tx
        .update(recordings)
        .set({
          updatedAt: now,
          ...(patch.transcript !== undefined ? { transcript: patch.transcript } : {}),
          ...(patch.analysis !== undefined ? { analysis: patch.analysis } : {}),
          ...(patch.final ? { status: "completed" as const } : {}),
        })
        .where(liveRun(ref))
        .returning({ id: recordings.id });
      if (live.length === 0) return false;
      const a = patch.attribution;
      await tx
        .update(recordingStages)
        .set({
          status: "completed",
          progress: 100,
          errorReason: null,
          errorMessage: null,
          provider: a.provider,
          model: a.model,
          tier: a.tier,
          keySource: a.keySource,
          fallbackReason: a.fallbackReason,
          ...NO_LEASE,
          updatedAt: now,
        })
        .where(stageKey(ref, stage));
      return true;
    });
  }

  return {
    get,

    /** The recording only if it belongs to `userId`: another user's recording is as absent as a missing one. */
    async getOwned(id: string, userId: string): Promise<RecordingRecord | null> {
      const row = await db.query.recordings.findFirst({
        where: and(eq(recordings.id, id), eq(recordings.userId, userId)),
        with: { stages: true },
      });
      return row ? toRecord(row, row.stages) : null;
    },

    async list(userId: string, limit = 50): Promise<RecordingRecord[]> {
      const rows = await db.query.recordings.findMany({
        where: eq(recordings.userId, userId),
        orderBy: [desc(recordings.createdAt), desc(recordings.id)],
        limit,
        with: { stages: true },
      });
      return rows.map((r) => toRecord(r, r.stages));
    },

    /** The row and its stages in one transaction: the outbox is the row's `dispatched_at`, still null. */
    async create(input: NewRecording): Promise<RecordingRecord> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(recordings)
          .values({
            id: input.id,
            userId: input.userId,
            fileName: input.fileName,
            audioType: input.audioType,
            sizeBytes: input.size,
            storedPath: input.storedPath,
            byokRef: input.byokRef ?? null,
          })
          .returning();
        const stages = await tx
          .insert(recordingStages)
          .values(STAGES.map((stage) => ({ recordingId: input.id, stage })))
          .returning();
        if (!row) throw new Error("recording insert returned no row");
        return toRecord(row, stages);
      });
    },

    async forStage(id: string): Promise<StageContext | null> {
      const row = await recordingForStage.execute({ id });
      if (!row) return null;
      return {
        recording: toRecord(row, row.stages),
        plan: row.user.plan,
        policy: row.user.byokPolicy,
        providerOrder: completeProviderOrder(row.user.providerOrder),
        keyHealth: row.user.keyHealth,
      };
    },

    /** Marks the run as handed to the queue. False when the run changed or the recording went meanwhile. */
    async markDispatched(ref: RunRef): Promise<boolean> {
      const rows = await db
        .update(recordings)
        .set({ dispatchedAt: new Date(), dispatchAttempts: sql`${recordings.dispatchAttempts} + 1` })
        .where(liveRun(ref))
        .returning({ id: recordings.id });
      return rows.length === 1;
    },

    /** A hand-off to the queue failed: counted, so retries are bounded. */
    async noteDispatchFailure(ref: RunRef): Promise<void> {
      await db
        .update(recordings)
        .set({ dispatchAttempts: sql`${recordings.dispatchAttempts} + 1`, updatedAt: new Date() })
        .where(liveRun(ref));
    },

    /**
     * Starts a new run of a live recording whose jobs are gone or failed on our side: new job ids
     * (the old ones may still exist as failed jobs), stages that completed stay completed.
     */
    async rerun(ref: RunRef): Promise<RunRef | null> {
      return db.transaction(async (tx) => {
        const now = new Date();
        const [row] = await tx
          .update(recordings)
          .set({ run: sql`${recordings.run} + 1`, status: "queued", dispatchedAt: null, updatedAt: now })
          .where(liveRun(ref))
          .returning({ id: recordings.id, run: recordings.run });
        if (!row) return null;
        await tx
          .update(recordingStages)
          // A new run stores nothing of the old one's calls, so it does not wait for their leases.
          .set({ status: "pending", progress: 0, ...NO_LEASE, updatedAt: now })
          .where(and(eq(recordingStages.recordingId, ref.id), notInArray(recordingStages.status, ["completed"])));
        return row;
      });
    },

    /**
     * Starts a new run of the owner's failed recording (the user asked to retry): stages that
     * completed stay completed, so a stored transcript is not paid for again; the others go back to
     * pending, with their error and who-paid cleared. `byokRef` is the new run's cached keys, null
     * for a run on the platform's keys. Only from run `fromRun`: a second click for the same run
     * finds the recording already moved on and changes nothing (`already_retried`).
     */
    async retryFailed(
      ref: RunRef,
      userId: string,
      byokRef: string | null,
    ): Promise<
      | { ok: true; record: RecordingRecord; previousByokRef: string | null }
      | {
          ok: false;
          problem: "not_found" | "not_failed" | "already_retried" | "stale_run";
          record: RecordingRecord | null;
        }
    > {
      const started = await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ byokRef: recordings.byokRef })
          .from(recordings)
          .where(
            and(
              eq(recordings.id, ref.id),
              eq(recordings.userId, userId),
              eq(recordings.run, ref.run),
              eq(recordings.status, "failed"),
            ),
          )
          .for("update");
        if (!before) return null;
        const now = new Date();
        await tx
          .update(recordings)
          .set({
            run: sql`${recordings.run} + 1`,
            status: "queued",
            byokRef,
            failureReason: null,
            failureMessage: null,
            dispatchedAt: null,
            dispatchAttempts: 0,
            updatedAt: now,
          })
          .where(eq(recordings.id, ref.id));
        await tx
          .update(recordingStages)
          .set({
            status: "pending",
            progress: 0,
            attempts: 0,
            errorReason: null,
            errorMessage: null,
            provider: null,
            model: null,
            tier: null,
            keySource: null,
            fallbackReason: null,
            ...NO_LEASE,
            updatedAt: now,
          })
          .where(and(eq(recordingStages.recordingId, ref.id), notInArray(recordingStages.status, ["completed"])));
        return before;
      });
      const record = await get(ref.id);
      if (started && record) return { ok: true, record, previousByokRef: started.byokRef };
      if (!record || record.userId !== userId) return { ok: false, problem: "not_found", record: null };
      if (record.run === ref.run + 1) return { ok: false, problem: "already_retried", record };
      if (record.run !== ref.run) return { ok: false, problem: "stale_run", record };
      return { ok: false, problem: "not_failed", record };
    },

    /** Live runs whose jobs were never queued (the web app died, or Redis refused) for longer than `olderThanMs`. */
    async undispatched(olderThanMs: number, limit = 100): Promise<DispatchCandidate[]> {
      return db
        .select({
          id: recordings.id,
          userId: recordings.userId,
          run: recordings.run,
          byokRef: recordings.byokRef,
          dispatchAttempts: recordings.dispatchAttempts,
        })
        .from(recordings)
        .where(
          and(
            inArray(recordings.status, [...LIVE]),
            isNull(recordings.dispatchedAt),
            lt(recordings.updatedAt, new Date(Date.now() - olderThanMs)),
          ),
        )
        .orderBy(asc(recordings.updatedAt))
        .limit(limit);
    },

    /** Live runs that were queued but have not moved for longer than `quietForMs`. */
    async quiet(quietForMs: number, limit = 100): Promise<LiveRecording[]> {
      const rows = await db
        .select()
        .from(recordings)
        .where(
          and(
            inArray(recordings.status, [...LIVE]),
            isNotNull(recordings.dispatchedAt),
            lt(recordings.updatedAt, new Date(Date.now() - quietForMs)),
          ),
        )
        .orderBy(asc(recordings.updatedAt))
        .limit(limit);
      return rows.map((r) => ({
        id: r.id,
        userId: r.userId,
        run: r.run,
        byokRef: r.byokRef,
        dispatchAttempts: r.dispatchAttempts,
        status: r.status,
        updatedAt: r.updatedAt.getTime(),
        dispatchedAt: r.dispatchedAt?.getTime() ?? null,
      }));
    },

    /**
     * Starts the stage for this run. "gone" when the run is no longer live, or when the stage's
     * answer is stored already: read under the recording's row lock, which completeStage takes too,
     * so a worker that lost the race to another one's answer sees it here and does not pay for the
     * stage again. With a lease, "leased" when another job run holds a live one on the stage (it may
     * be waiting on the provider now); otherwise the lease is this run's.
     */
    async startStage(ref: RunRef, stage: Stage, attempt: number, lease?: StageLease): Promise<StageStart> {
      const now = new Date();
      // A run whose stage starts was dispatched, whoever queued it: the outbox has nothing left to relay.
      const started = await updateLiveStage(
        ref,
        stage,
        { status: "processing", updatedAt: now, dispatchedAt: sql`coalesce(${recordings.dispatchedAt}, now())` },
        {
          status: "processing",
          progress: 10,
          attempts: attempt,
          errorReason: null,
          errorMessage: null,
          ...(lease ? { leaseOwner: lease.owner, leaseUntil: leaseUntil(lease) } : {}),
          updatedAt: now,
        },
        { unlessCompleted: true, ...(lease ? { leaseFor: lease.owner } : {}) },
      );
      if (started) return { kind: "started" };
      if (!lease) return { kind: "gone" };
      const [held] = await db
        .select({ until: recordingStages.leaseUntil, status: recordingStages.status })
        .from(recordingStages)
        .innerJoin(recordings, eq(recordings.id, recordingStages.recordingId))
        .where(and(stageKey(ref, stage), liveRun(ref)));
      if (!held || held.status === "completed") return { kind: "gone" };
      // Released or run out since the update looked: the stage is free again, so try again at once.
      return { kind: "leased", until: held.until?.getTime() ?? Date.now() };
    },

    /**
     * Renews this run's lease for `lease.ms` more. False when the run is no longer live, the stage's
     * answer is stored, or another run holds the stage now: the caller must not call any more.
     */
    async holdStage(ref: RunRef, stage: Stage, lease: StageLease): Promise<boolean> {
      // The recording's updatedAt moves too: a run renewing its lease is not a quiet one.
      return updateLiveStage(
        ref,
        stage,
        { updatedAt: new Date() },
        { leaseOwner: lease.owner, leaseUntil: leaseUntil(lease) },
        { unlessCompleted: true, leaseFor: lease.owner },
      );
    },

    /** Gives up this run's lease (its calls are over, or were aborted), so another run need not wait for it to run out. */
    async releaseStage(ref: RunRef, stage: Stage, owner: string): Promise<void> {
      await db
        .update(recordingStages)
        .set(NO_LEASE)
        .where(and(stageKey(ref, stage), eq(recordingStages.leaseOwner, owner)));
    },

    /**
     * False when the run is no longer live or the stage's answer is stored (by another worker that
     * ran it at the same time): the caller then has nothing left to pay for.
     */
    async setProgress(ref: RunRef, stage: Stage, progress: number): Promise<boolean> {
      const now = new Date();
      return updateLiveStage(ref, stage, { updatedAt: now }, { progress, updatedAt: now }, { unlessCompleted: true });
    },

    /** Stores a stage's result and who paid for it, and returns the recording as it now is. */
    async completeStage(ref: RunRef, stage: Stage, patch: StageResultPatch): Promise<RecordingRecord | null> {
      return (await storeStage(ref, stage, patch)) ? get(ref.id) : null;
    },

    /**
     * Stores a stage's result with its ledger rows; the last stage completes the recording. False when
     * the run is no longer live. The worker's hot path: no read of the recording afterwards.
     */
    storeStage,

    /** A failure that will be retried: the stage shows why while it waits. */
    async noteStageError(ref: RunRef, stage: Stage, error: Failure): Promise<void> {
      const now = new Date();
      await updateLiveStage(
        ref,
        stage,
        { updatedAt: now },
        // The call is over: the job's retry (a new run of it) need not wait for this one's lease.
        { errorReason: error.reason, errorMessage: error.message, ...NO_LEASE, updatedAt: now },
      );
    },

    /** The stage failed for good, and with it the recording. */
    async failStage(ref: RunRef, stage: Stage, error: Failure): Promise<boolean> {
      const now = new Date();
      return updateLiveStage(
        ref,
        stage,
        { status: "failed", updatedAt: now },
        { status: "failed", errorReason: error.reason, errorMessage: error.message, ...NO_LEASE, updatedAt: now },
      );
    },

    /**
     * Fails a live run for a reason no stage owns (stalled jobs, a queue that lost them). Stages that
     * were not done are marked failed too, so no part of the screen still says "processing".
     */
    async failRecording(ref: RunRef, failure: Failure): Promise<boolean> {
      return db.transaction(async (tx) => {
        const now = new Date();
        const live = await tx
          .update(recordings)
          .set({ status: "failed", failureReason: failure.reason, failureMessage: failure.message, updatedAt: now })
          .where(liveRun(ref))
          .returning({ id: recordings.id });
        if (live.length === 0) return false;
        await tx
          .update(recordingStages)
          .set({ status: "failed", updatedAt: now })
          .where(
            and(eq(recordingStages.recordingId, ref.id), notInArray(recordingStages.status, ["completed", "failed"])),
          );
        return true;
      });
    },

    /** Final recordings whose key reference still has to be deleted from the cache. */
    async finalWithByokRef(limit = 100): Promise<{ id: string; userId: string; byokRef: string }[]> {
      const rows = await db
        .select({ id: recordings.id, userId: recordings.userId, byokRef: recordings.byokRef })
        .from(recordings)
        .where(and(inArray(recordings.status, [...FINAL]), isNotNull(recordings.byokRef)))
        .limit(limit);
      return rows.filter((r): r is { id: string; userId: string; byokRef: string } => r.byokRef !== null);
    },

    /** Live recordings that hold a key reference: their cache entries are kept alive while they wait. */
    async liveWithByokRef(
      limit = 1_000,
    ): Promise<{ id: string; userId: string; byokRef: string; createdAt: number }[]> {
      const rows = await db
        .select({
          id: recordings.id,
          userId: recordings.userId,
          byokRef: recordings.byokRef,
          createdAt: recordings.createdAt,
        })
        .from(recordings)
        .where(and(inArray(recordings.status, [...LIVE]), isNotNull(recordings.byokRef)))
        .orderBy(asc(recordings.createdAt))
        .limit(limit);
      return rows.flatMap((r) =>
        r.byokRef === null
          ? []
          : [{ id: r.id, userId: r.userId, byokRef: r.byokRef, createdAt: r.createdAt.getTime() }],
      );
    },

    /** After the cache entry is gone: the row no longer points at it. */
    async forgetByokRef(id: string, byokRef: string): Promise<void> {
      await db
        .update(recordings)
        .set({ byokRef: null })
        .where(and(eq(recordings.id, id), eq(recordings.byokRef, byokRef)));
    },

    async recordProviderCall(call: ProviderCallRecord): Promise<void> {
      await db.insert(providerCalls).values(call);
    },

    /** Several calls in one statement (a stage that moved from key to key made one call per key). */
    async recordProviderCalls(calls: readonly ProviderCallRecord[]): Promise<void> {
      if (calls.length > 0) await db.insert(providerCalls).values([...calls]);
    },

    async providerCalls(recordingId: string) {
      return db
        .select()
        .from(providerCalls)
        .where(eq(providerCalls.recordingId, recordingId))
        .orderBy(asc(providerCalls.id));
    },

    /** Deletes the owner's recording; returns what the caller must clean up outside the database. */
    async deleteOwned(id: string, userId: string): Promise<DeletedRecording | null> {
      const [row] = await db
        .delete(recordings)
        .where(and(eq(recordings.id, id), eq(recordings.userId, userId)))
        .returning({
          id: recordings.id,
          userId: recordings.userId,
          run: recordings.run,
          storedPath: recordings.storedPath,
          byokRef: recordings.byokRef,
        });
      return row ?? null;
    },

    /** Recordings created before `before` that still have a file, oldest first. */
    async filesCreatedBefore(before: Date, limit = 500): Promise<{ id: string; storedPath: string }[]> {
      const rows = await db
        .select({ id: recordings.id, storedPath: recordings.storedPath })
        .from(recordings)
        .where(and(isNotNull(recordings.storedPath), lt(recordings.createdAt, before)))
        .orderBy(asc(recordings.createdAt))
        .limit(limit);
      return rows.filter((r): r is { id: string; storedPath: string } => r.storedPath !== null);
    },

    async forgetFile(id: string): Promise<void> {
      await db.update(recordings).set({ storedPath: null, fileDeletedAt: new Date() }).where(eq(recordings.id, id));
    },

    /** Which of these ids still have a recording (the orphan-file sweep asks). */
    async existingIds(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: recordings.id })
        .from(recordings)
        .where(inArray(recordings.id, [...ids]));
      return new Set(rows.map((r) => r.id));
    },
  };
}

export type RecordingRepository = ReturnType<typeof createRecordingRepository>;
