import { keyFingerprint } from "@byok/crypto";
import { type Analysis, type RecordingRecord, type RunRef, type Stage, isFinal, newsOnly } from "@byok/db";
import { type PipelineJob, pipelineJobSchema } from "@byok/pipeline";
import type { Attribution, Task } from "@byok/types";
import { type Job, UnrecoverableError } from "bullmq";
import { type CallReport, type ProviderCall, type RouteResult, StageFailure, routeCall } from "./llm-router";
import { resolveByok } from "./resolve-byok";
import type { Log, WorkerContext } from "./worker-context";

export interface StageInput {
  recording: RecordingRecord;
  /** Routes one provider call for this job: plan, policy, the user's keys and the platform's, logged. */
  route<T>(task: Task, invoke: (call: ProviderCall) => Promise<T>): Promise<RouteResult<T>>;
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

function failureOf(err: unknown): { reason: string; message: string; retryable: boolean } {
  const failure = err instanceof StageFailure ? err : new StageFailure("internal_error", null, true);
  return { reason: failure.reason, message: failure.message, retryable: failure.retryable };
}

function parseJob(ctx: WorkerContext, job: Job): PipelineJob {
  const parsed = pipelineJobSchema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  // Only where it failed, never the payload: a payload is not ours to print.
  ctx.logger.warn({ jobId: job.id, queue: job.queueName, issues: parsed.error.issues.map((i) => i.path.join(".")) }, "invalid job payload");
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

/**
 * The frame every stage shares: validate ids, load the recording with its owner's plan and policy,
 * read the keys once, track progress and attempts, store the result with who paid, and on the last
 * attempt record the failure and drop the reference.
 */
export async function runStage(ctx: WorkerContext, job: Job, spec: StageSpec): Promise<StageResult> {
  const data = parseJob(ctx, job);
  const log = ctx.logger.child({ jobId: job.id, recordingId: data.recordingId, userId: data.userId, stage: spec.stage, run: data.run });
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
  if (recording.stages[spec.stage].status === "completed") return skip("completed");

  const ref: RunRef = { id: recording.id, run: data.run };
  const attempt = job.attemptsMade + 1;
  const maxAttempts = job.opts.attempts ?? 1;
  if (!(await ctx.recordings.startStage(ref, spec.stage, attempt))) return skip("final");
  log.info({ attempt, plan, policy, byok: byok.kind }, "stage started");

  const calls: CallReport[] = [];
  const onCall = (r: CallReport) => {
    calls.push(r);
    log.info(
      { provider: r.provider, model: r.model, tier: r.tier, keySource: r.keySource, keyFp: keyFingerprint(r.apiKey), outcome: r.outcome },
      "provider call",
    );
  };
  // Every call goes to the ledger; every call with the user's key also to that key's health, unless
  // the stored health already says the same, learnt less than KEY_HEALTH_REFRESH_MS ago. Both are
  // stored before the stage's result, so a screen that sees the result sees the key's state too.
  const saveCalls = async () => {
    const pending = calls.splice(0);
    if (pending.length === 0) return;
    const health = newsOnly(keyHealth, {
      userId: data.userId,
      source: "pipeline",
      // The keys were cached for this recording just before it was created.
      keysFrom: new Date(recording.createdAt),
      observedAt: new Date(),
      // A malformed request is our bug and says nothing about the key.
      outcomes: pending.flatMap((c) =>
        c.keySource === "byok" && c.outcome !== "bad_request" ? [{ provider: c.provider, outcome: c.outcome, retryAt: c.retryAt ?? null }] : [],
      ),
    });
    await Promise.all([
      ctx.recordings.recordProviderCalls(
        pending.map((c) => ({
          userId: data.userId,
          recordingId: data.recordingId,
          stage: spec.stage,
          run: data.run,
          provider: c.provider,
          model: c.model,
          tier: c.tier,
          keySource: c.keySource,
          fallbackReason: c.fallbackReason,
          outcome: c.outcome,
        })),
      ),
      ctx.keyHealth.record(health),
    ]);
  };

  try {
    const route = async <T>(task: Task, invoke: (call: ProviderCall) => Promise<T>) => {
      try {
        return await routeCall({ plan, task, policy, order: providerOrder, byok, serverKeys: ctx.serverKeys, classify: ctx.classify, onCall, invoke });
      } finally {
        await saveCalls();
      }
    };
    if (spec.stage === "stt" && recording.storedPath === null) {
      throw new StageFailure("file_missing", null, false);
    }
    const progress = (value: number) => ctx.recordings.setProgress(ref, spec.stage, value);
    const out = await spec.work({ recording, route, progress });
    const saved = await ctx.recordings.completeStage(ref, spec.stage, { attribution: out.attribution, ...out.result, final: spec.last });
    if (!saved) return skip("final");
    if (spec.last) await endReference(ctx, data, log);
    log.info({ keySource: out.attribution.keySource, fallbackReason: out.attribution.fallbackReason }, "stage completed");
    return { recordingId: data.recordingId, stage: spec.stage, keySource: out.attribution.keySource };
  } catch (err) {
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
    log.warn({ reason: failure.reason, attempt, final, errorName: err instanceof Error ? err.name : "unknown" }, "stage failed");
    const message = `${failure.reason}: ${failure.message}`;
    throw failure.retryable ? new Error(message) : new UnrecoverableError(message);
  }
}
