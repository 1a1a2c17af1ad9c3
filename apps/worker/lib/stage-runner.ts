import { randomUUID } from "node:crypto";
import { keyFingerprint } from "@byok/crypto";
import {
  type Analysis,
  type ProviderCallRecord,
  type RecordingRecord,
  type RunRef,
  type Stage,
  type StageLease,
  isFinal,
  newsOnly,
} from "@byok/db";
import { type PipelineJob, pipelineJobSchema } from "@byok/pipeline";
import { type Attribution, type Task, estimateCost } from "@byok/types";
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import { isInfrastructureError } from "./infrastructure-error";
import {
  type CallMeta,
  type CallReport,
  type ProviderCall,
  type RouteResult,
  StageFailure,
  routeCall,
} from "./llm-router";
import { resolveByok } from "./resolve-byok";
import { RetryBudget } from "./retry-budget";
import { HandBack } from "./shutdown-signals";
import type { Log, WorkerContext } from "./worker-context";

export interface StageInput {
  recording: RecordingRecord;
  /** Routes one provider call for this job: plan, policy, the user's keys and the platform's, logged. */
  route<T extends CallMeta>(task: Task, invoke: (call: ProviderCall) => Promise<T>): Promise<RouteResult<T>>;
  progress(value: number): Promise<void>;
}

export interface StageOutput {
  attribution: Attribution;
  result: { transcript: string } | { analysis: Analysis };
}

export interface StageResult {
  recordingId: string;
  stage: Stage;
  keySource: Attribution["keySource"] | null;
  skipped?: "stale_run" | "completed" | "final";
}

interface StageSpec {
  stage: Stage;
  /** The last stage completes the recording and ends the BYOK reference's use. */
  last: boolean;
  work(input: StageInput): Promise<StageOutput>;
}

/**
 * Runs of a job that did not count as attempts (hand-backs at shutdown, our own services failing)
 * before such a failure counts after all: a fault that never clears must still end in a failure.
 */
const MAX_UNCOUNTED_RUNS = 30;
/** How long a job waits after PostgreSQL or Redis failed it before it runs again. */
const INFRASTRUCTURE_RETRY_MS = 2_000;
/** Storing a received answer is retried this often before the stage gives up on it. */
const STORE_ATTEMPTS = 5;

/** How often a run waiting for another run's lease looks again: the holder may store its answer long before the lease runs out. */
const LEASE_RECHECK_MS = 2_000;

/** Another run of this job (the lock was lost and the job handed on) holds the stage's lease and may be calling now. */
class LeasedElsewhere extends Error {
  constructor(readonly until: number) {
    super("stage leased by another run");
    this.name = "LeasedElsewhere";
  }
}

/** The stage was stored by another run, taken over by one (its lease), or the run ended, while this one prepared a call. */
class StoredElsewhere extends Error {
  constructor() {
    super("stage stored by another run");
    this.name = "StoredElsewhere";
  }
}

function failureOf(err: unknown): { reason: string; message: string; retryable: boolean } {
  const failure = err instanceof StageFailure ? err : new StageFailure("internal_error", null, true);
  return { reason: failure.reason, message: failure.message, retryable: failure.retryable };
}

function parseJob(ctx: WorkerContext, job: Job): PipelineJob {
  const parsed = pipelineJobSchema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  // Only where it failed, never the payload: a payload is not ours to print.
  ctx.logger.warn(
    { jobId: job.id, queue: job.queueName, issues: parsed.error.issues.map((i) => i.path.join(".")) },
    "invalid job payload",
  );
  throw new UnrecoverableError("invalid job payload");
}

/**
 * The cache entry's use ends with the recording's final state: deleted once that state is stored
 * (never before, so a save that fails leaves the keys to the retry), then forgotten by the row. A
 * failure here is left to the reconciler's sweep, and the entry's TTL caps it anyway.
 */
async function endReference(ctx: WorkerContext, data: PipelineJob, log: Log): Promise<void> {
  if (!data.byokRef) return;
  try {
    await ctx.byokCache.clear(data.userId, data.byokRef);
    await ctx.recordings.forgetByokRef(data.recordingId, data.byokRef);
  } catch (err) {
    log.warn({ errorName: err instanceof Error ? err.name : "unknown" }, "BYOK reference not cleared; the sweep will");
  }
}

/** A call as the usage ledger keeps it: units from the provider's answer, the estimate from the dated price table. */
function ledgerRow(data: PipelineJob, stage: Stage, c: CallReport): ProviderCallRecord {
  // The ledger keeps seconds to the millisecond; the estimate is made from what it keeps.
  const usage =
    c.usage && c.usage.audioSeconds !== undefined
      ? { ...c.usage, audioSeconds: Math.round(c.usage.audioSeconds * 1000) / 1000 }
      : c.usage;
  const estimate = usage ? estimateCost(c.provider, c.model, usage) : null;
  return {
    userId: data.userId,
    recordingId: data.recordingId,
    stage,
    run: data.run,
    provider: c.provider,
    model: c.model,
    tier: c.tier,
    keySource: c.keySource,
    fallbackReason: c.fallbackReason,
    outcome: c.outcome,
    audioSeconds: usage?.audioSeconds ?? null,
    inputTokens: usage?.inputTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    estimatedCostUsd: estimate?.usd ?? null,
    pricesTakenOn: estimate?.pricesTakenOn ?? null,
    providerRequestId: c.requestId ?? null,
  };
}

async function withStoreRetries<T>(store: () => Promise<T>, log: Log): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store();
    } catch (err) {
      if (attempt >= STORE_ATTEMPTS || !isInfrastructureError(err)) throw err;
      log.warn(
        { attempt, errorName: err instanceof Error ? err.name : "unknown" },
        "answer not stored yet; retrying the store",
      );
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

/**
 * The frame every stage shares, around one run of it: a run interrupted by the shutdown is handed
 * back to the queue at once (or at the retry time it was waiting for), and a run that PostgreSQL or
 * Redis failed runs again shortly; neither uses up one of the stage's attempts.
 */
export async function runStage(
  ctx: WorkerContext,
  job: Job,
  token: string | undefined,
  spec: StageSpec,
): Promise<StageResult> {
  const data = parseJob(ctx, job);
  const log = ctx.logger.child({
    jobId: job.id,
    recordingId: data.recordingId,
    userId: data.userId,
    stage: spec.stage,
    run: data.run,
  });
  // The lock token names this run of the job: a second worker handed the same job gets another.
  const lease: StageLease = { owner: token ?? randomUUID(), ms: ctx.stageLeaseMs };
  const ref: RunRef = { id: data.recordingId, run: data.run };
  try {
    return await runStageOnce(ctx, job, data, log, spec, ref, lease);
  } catch (err) {
    const uncounted = (job.attemptsStarted ?? 0) - job.attemptsMade;
    if (err instanceof LeasedElsewhere) {
      // Its call may be answered and stored meanwhile (this run then finds the stage completed), or its
      // worker died and the lease runs out (this run then calls). It looks again every few seconds
      // until one of them, and a wait is not an attempt.
      await job.moveToDelayed(Math.min(Math.max(err.until, Date.now()) + 250, Date.now() + LEASE_RECHECK_MS), token);
      log.info({ until: new Date(err.until).toISOString() }, "another run of this job holds the stage; waiting for it");
      throw new DelayedError("waiting for another run's lease");
    }
    if (err instanceof HandBack || isInfrastructureError(err)) {
      // Nothing of this run is in flight any more: the next run need not wait for its lease to run
      // out. Best effort (PostgreSQL may be what failed); the lease runs out on its own.
      await ctx.recordings.releaseStage(ref, spec.stage, lease.owner).catch(() => undefined);
    }
    if (err instanceof HandBack) {
      await job.moveToDelayed(err.at, token);
      log.info({ at: new Date(err.at).toISOString() }, "job handed back: the worker is shutting down");
      throw new DelayedError("handed back at shutdown");
    }
    if (isInfrastructureError(err) && uncounted <= MAX_UNCOUNTED_RUNS) {
      log.warn(
        { errorName: err instanceof Error ? err.name : "unknown", uncounted },
        "our services failed the stage; it runs again without using an attempt",
      );
      await job.moveToDelayed(Date.now() + INFRASTRUCTURE_RETRY_MS, token);
      throw new DelayedError("delayed after an infrastructure error");
    }
    throw err;
  }
}

/**
 * One run of a stage: validate ids, load the recording with its owner's plan and policy, read the
 * keys once, route the provider calls, and store the answer before anything else.
 */
async function runStageOnce(
  ctx: WorkerContext,
  job: Job,
  data: PipelineJob,
  log: Log,
  spec: StageSpec,
  ref: RunRef,
  lease: StageLease,
): Promise<StageResult> {
  const skip = (skipped: NonNullable<StageResult["skipped"]>): StageResult => {
    log.info({ skipped }, "stage skipped");
    return { recordingId: data.recordingId, stage: spec.stage, keySource: null, skipped };
  };

  // Independent reads in one round trip each: the recording with its owner, and the cached keys.
  const [found, byok] = await Promise.all([
    ctx.recordings.forStage(data.recordingId),
    resolveByok(ctx.byokCache, data.userId, data.byokRef, log),
  ]);
  if (!found || found.recording.userId !== data.userId) {
    // Deleted meanwhile: nothing will use the keys any more.
    await endReference(ctx, data, log);
    log.warn({}, "recording not found");
    throw new UnrecoverableError("recording not found");
  }
  const { recording, plan, policy, providerOrder, keyHealth } = found;
  if (recording.run !== data.run) return skip("stale_run");
  if (isFinal(recording.status)) return skip("final");
  // A stored answer is never paid for again: a re-run of a stage whose result is stored ends here.
  if (recording.stages[spec.stage].status === "completed") return skip("completed");

  const attempt = job.attemptsMade + 1;
  const maxAttempts = job.opts.attempts ?? 1;
  // Checked again under the recording's lock: another worker may have stored this stage meanwhile,
  // or may be calling the provider for it now (its lease), when BullMQ handed on a job whose lock it lost.
  const leaseAskedAt = performance.now();
  const start = await ctx.recordings.startStage(ref, spec.stage, attempt, lease);
  if (start.kind === "gone") return skip("final");
  if (start.kind === "leased") throw new LeasedElsewhere(start.until);
  log.info({ attempt, plan, policy, byok: byok.kind }, "stage started");

  const calls: CallReport[] = [];
  const onCall = (r: CallReport) => {
    calls.push(r);
    log.info(
      {
        provider: r.provider,
        model: r.model,
        tier: r.tier,
        keySource: r.keySource,
        keyFp: keyFingerprint(r.apiKey),
        outcome: r.outcome,
      },
      "provider call",
    );
  };
  // Every call with the user's key also goes to that key's health, unless the stored health already
  // says the same, learnt less than KEY_HEALTH_REFRESH_MS ago.
  const healthOf = (reports: readonly CallReport[]) =>
    newsOnly(keyHealth, {
      userId: data.userId,
      source: "pipeline",
      // The keys were cached for this recording just before it was created.
      keysFrom: new Date(recording.createdAt),
      observedAt: new Date(),
      // A malformed request is our bug and says nothing about the key.
      outcomes: reports.flatMap((c) =>
        c.keySource === "byok" && c.outcome !== "bad_request"
          ? [{ provider: c.provider, outcome: c.outcome, retryAt: c.retryAt ?? null }]
          : [],
      ),
    });

  // The lease is renewed while the stage runs, as BullMQ renews the job's lock, but in PostgreSQL: a
  // worker that lost its lock (Redis unreachable from it alone, or a long pause) keeps its lease, so
  // the run BullMQ hands the job to waits instead of paying for the same answer. A worker that died
  // stops renewing, and its lease runs out about when BullMQ notices the job stalled.
  let leaseLost = false;
  // When the last renewal that succeeded was sent (this process's clock): the lease is ours until at
  // least `lease.ms` after it, since the database counts from when it ran the renewal.
  let leaseSentAt = leaseAskedAt;
  const renew = async () => {
    const sentAt = performance.now();
    const held = await ctx.recordings.holdStage(ref, spec.stage, lease);
    if (held) leaseSentAt = Math.max(leaseSentAt, sentAt);
    else leaseLost = true;
    return held;
  };
  const heartbeat = setInterval(
    () => {
      renew().catch(() => undefined);
    },
    Math.max(100, Math.floor(lease.ms / 3)),
  );
  heartbeat.unref();

  const retry = new RetryBudget(ctx.retry);
  try {
    const route = async <T extends CallMeta>(task: Task, invoke: (call: ProviderCall) => Promise<T>) =>
      routeCall({
        plan,
        task,
        policy,
        order: providerOrder,
        byok,
        serverKeys: ctx.serverKeys,
        classify: ctx.classify,
        onCall,
        invoke,
        retry,
        breakers: ctx.breakers,
        shutdown: ctx.shutdown.signals,
        // Before each call: a run that lost the stage to another calls no more, and one whose lease
        // may be close to running out (the heartbeat failing, say) renews it first. A recent lease
        // needs no round trip: nobody else can have taken it.
        beforeCall: async () => {
          if (leaseLost) throw new StoredElsewhere();
          if (performance.now() - leaseSentAt > lease.ms / 2 && !(await renew())) throw new StoredElsewhere();
        },
        onWait: (w) => log.info(w, "provider call retry scheduled"),
      });
    if (spec.stage === "stt" && recording.storedPath === null) {
      throw new StageFailure("file_missing", null, false);
    }
    // Progress is written just before the stage's provider call: the last look at whether another
    // worker stored this stage meanwhile (a job whose lock was lost runs twice at once).
    const progress = async (value: number) => {
      if (!(await ctx.recordings.setProgress(ref, spec.stage, value))) throw new StoredElsewhere();
    };
    const out = await spec.work({ recording, route, progress });
    // The answer is paid for: it is stored first, with its ledger rows, in one transaction.
    const rows = calls.map((c) => ledgerRow(data, spec.stage, c));
    const saved = await withStoreRetries(
      () =>
        ctx.recordings.storeStage(ref, spec.stage, {
          attribution: out.attribution,
          ...out.result,
          final: spec.last,
          calls: rows,
        }),
      log,
    );
    const paid = calls.splice(0);
    // Key health is news about keys, not money: it may fail without the stage failing.
    await ctx.keyHealth.record(healthOf(paid)).catch((err: unknown) => {
      log.warn({ errorName: err instanceof Error ? err.name : "unknown" }, "key health not recorded");
    });
    if (!saved) return skip("final");
    if (spec.last) await endReference(ctx, data, log);
    log.info(
      { keySource: out.attribution.keySource, fallbackReason: out.attribution.fallbackReason },
      "stage completed",
    );
    return { recordingId: data.recordingId, stage: spec.stage, keySource: out.attribution.keySource };
  } catch (err) {
    // The calls made so far are in the ledger whatever happens next (a retry's earlier calls too,
    // when the stage was stored or taken over by another run before the next one).
    const pending = calls.splice(0);
    if (pending.length > 0)
      await ctx.recordings.recordProviderCalls(pending.map((c) => ledgerRow(data, spec.stage, c)));
    await ctx.keyHealth.record(healthOf(pending)).catch((e: unknown) => {
      log.warn({ errorName: e instanceof Error ? e.name : "unknown" }, "key health not recorded");
    });
    if (err instanceof StoredElsewhere) return skip("completed");
    if (err instanceof HandBack || (!(err instanceof StageFailure) && isInfrastructureError(err))) throw err;
    const failure = failureOf(err);
    const final = !failure.retryable || attempt >= maxAttempts;
    const error = { reason: failure.reason, message: failure.message };
    if (final) {
      // Only when this run's failure is what the recording now shows: a stale run's keys are the
      // current run's too, and must outlive this job.
      if (await ctx.recordings.failStage(ref, spec.stage, error)) await endReference(ctx, data, log);
    } else {
      await ctx.recordings.noteStageError(ref, spec.stage, error);
    }
    log.warn(
      { reason: failure.reason, attempt, final, errorName: err instanceof Error ? err.name : "unknown" },
      "stage failed",
    );
    const message = `${failure.reason}: ${failure.message}`;
    throw failure.retryable ? new Error(message) : new UnrecoverableError(message);
  } finally {
    clearInterval(heartbeat);
  }
}
