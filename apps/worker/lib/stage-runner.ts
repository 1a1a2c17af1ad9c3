import { type RecordingPatch, type RecordingRecord, type Stage, type StageErrorReason, pipelineJobSchema } from "@byok/pipeline";
import type { Attribution, Task } from "@byok/types";
import { type Job, UnrecoverableError } from "bullmq";
import { type CallReport, type ProviderCall, type RouteResult, StageFailure, routeCall } from "./llm-router";
import { keyFingerprint } from "@byok/crypto";
import { resolveByok } from "./resolve-byok";
import type { WorkerContext } from "./worker-context";

export interface StageInput {
  recording: RecordingRecord;
  /** Routes one provider call for this job: plan, policy, the user's keys and the platform's, logged. */
  route<T>(task: Task, invoke: (call: ProviderCall) => Promise<T>): Promise<RouteResult<T>>;
  progress(value: number): Promise<void>;
}

export interface StageOutput {
  attribution: Attribution;
  patch: RecordingPatch;
}

export interface StageResult {
  recordingId: string;
  stage: Stage;
  keySource: Attribution["keySource"] | null;
  skipped?: true;
}

interface StageSpec {
  stage: Stage;
  /** The last stage completes the recording and ends the BYOK reference's use. */
  last: boolean;
  work(input: StageInput): Promise<StageOutput>;
}

function failureOf(err: unknown): { reason: StageErrorReason; message: string; retryable: boolean } {
  const failure = err instanceof StageFailure ? err : new StageFailure("internal_error", null, true);
  return { reason: failure.reason, message: failure.message, retryable: failure.retryable };
}

/**
 * The frame every stage shares: validate ids, load the recording and account, read the keys once,
 * track progress and attempts, and on the last attempt record the failure and drop the reference.
 */
export async function runStage(ctx: WorkerContext, job: Job, spec: StageSpec): Promise<StageResult> {
  const parsed = pipelineJobSchema.safeParse(job.data);
  if (!parsed.success) {
    // Only where it failed, never the payload: a payload is not ours to print.
    ctx.logger.warn({ jobId: job.id, queue: job.queueName, issues: parsed.error.issues.map((i) => i.path.join(".")) }, "invalid job payload");
    throw new UnrecoverableError("invalid job payload");
  }
  const data = parsed.data;
  const log = ctx.logger.child({ jobId: job.id, recordingId: data.recordingId, userId: data.userId, stage: spec.stage });
  // Independent reads in one round trip: each sequential Redis command costs a syscall per job.
  const [recording, account, byok] = await Promise.all([
    ctx.recordings.get(data.recordingId),
    ctx.accounts.get(data.userId),
    resolveByok(ctx.byokCache, data.userId, data.byokRef, log),
  ]);
  if (!recording || recording.userId !== data.userId) {
    log.warn({}, "recording not found");
    throw new UnrecoverableError("recording not found");
  }
  if (recording.stages[spec.stage].status === "completed") {
    return { recordingId: data.recordingId, stage: spec.stage, keySource: null, skipped: true };
  }

  const plan = account?.plan ?? "free";
  const policy = account?.policy ?? "fallback";
  const attempt = job.attemptsMade + 1;
  const maxAttempts = job.opts.attempts ?? 1;

  // Progress lives in the recording, which the UI reads; BullMQ's own job progress would be a
  // second copy (a Lua script and an event per update) that nothing reads.
  const progress = async (value: number) => {
    await ctx.recordings.updateStage(data.recordingId, spec.stage, { progress: value });
  };
  await ctx.recordings.update(data.recordingId, {
    status: "processing",
    stages: { [spec.stage]: { status: "processing", progress: 10, attempts: attempt, error: null } },
  });
  log.info({ attempt, plan, policy, byok: byok.kind }, "stage started");

  const onCall = (r: CallReport) =>
    log.info(
      { provider: r.provider, model: r.model, tier: r.tier, keySource: r.keySource, keyFp: keyFingerprint(r.apiKey), outcome: r.outcome },
      "provider call",
    );

  // The pipeline's end (success, or a failure for good) ends the reference. It is deleted in the same
  // atomic write as the recording's final state: never before that write lands, so a save that fails
  // leaves the keys to the retry, and without a DEL of its own on every recording.
  const referenceKey = data.byokRef ? ctx.byokCache.entryKey(data.userId, data.byokRef) : null;
  const finalSave = async (patch: RecordingPatch) => {
    const saved = await ctx.recordings.update(data.recordingId, patch, { deleteOnWrite: referenceKey ? [referenceKey] : [] });
    // A recording deleted meanwhile was not written, so its reference still has to go.
    if (!saved && data.byokRef) await ctx.byokCache.clear(data.userId, data.byokRef);
  };

  try {
    const route = <T>(task: Task, invoke: (call: ProviderCall) => Promise<T>) =>
      routeCall({ plan, task, policy, byok, serverKeys: ctx.serverKeys, classify: ctx.classify, onCall, invoke });
    const out = await spec.work({ recording, route, progress });
    const { stages, ...rest } = out.patch;
    const patch: RecordingPatch = {
      ...rest,
      ...(spec.last ? { status: "completed" as const } : {}),
      stages: { ...stages, [spec.stage]: { status: "completed", progress: 100, attribution: out.attribution, error: null } },
    };
    if (spec.last) await finalSave(patch);
    else await ctx.recordings.update(data.recordingId, patch);
    log.info({ keySource: out.attribution.keySource, fallbackReason: out.attribution.fallbackReason }, "stage completed");
    return { recordingId: data.recordingId, stage: spec.stage, keySource: out.attribution.keySource };
  } catch (err) {
    const failure = failureOf(err);
    const final = !failure.retryable || attempt >= maxAttempts;
    const error = { reason: failure.reason, message: failure.message };
    if (final) {
      await finalSave({ status: "failed", stages: { [spec.stage]: { status: "failed", error } } });
    } else {
      await ctx.recordings.updateStage(data.recordingId, spec.stage, { error });
    }
    log.warn({ reason: failure.reason, attempt, final, errorName: err instanceof Error ? err.name : "unknown" }, "stage failed");
    const message = `${failure.reason}: ${failure.message}`;
    throw failure.retryable ? new Error(message) : new UnrecoverableError(message);
  }
}
