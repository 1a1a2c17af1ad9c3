import type { LiveRecording, RecordingRepository, RunRef } from "@byok/db";
import { type Dispatcher, runJobIds } from "@byok/pipeline";
import { type RecordingFailureReason, recordingFailure } from "@byok/types";
import type { Job, Queue } from "bullmq";
import type { WorkerByokCache } from "./byok-cache";
import { type KeepAliveConfig, keepByokAlive } from "./byok-keep-alive";
import type { Log } from "./worker-context";

export interface ReconcilerConfig {
  /** An undispatched run younger than this is still the web app's to relay. */
  dispatchGraceMs: number;
  /** A live run that has not changed for this long gets its jobs checked. */
  quietMs: number;
  /** Hand-offs to the queue a recording gets (all runs together) before it fails with a reason. */
  maxDispatchAttempts: number;
  /** Live recordings' key entries are extended each tick, up to the maximum wait. */
  byokKeepAlive?: KeepAliveConfig;
}

export interface ReconcilerDeps {
  recordings: RecordingRepository;
  dispatcher: Dispatcher;
  queues: { stt: Queue; analyze: Queue };
  byokCache: Pick<WorkerByokCache, "clear" | "extend">;
  logger: Log;
  config: ReconcilerConfig;
}

export interface ReconcileReport {
  dispatched: number;
  rerun: number;
  failed: number;
  referencesCleared: number;
  /** Live recordings whose key entry was extended. */
  referencesKept: number;
}

const ALIVE = new Set(["waiting", "waiting-children", "active", "delayed", "prioritized", "paused"]);
const STALLED = /stalled more than allowable limit/i;

/** BullMQ's own reason for a job it failed because it stalled more than maxStalledCount times. */
export function isStallFailure(message: string | undefined): boolean {
  return STALLED.test(message ?? "");
}

/** What is behind a live run in the queue: jobs still alive, nothing, or jobs that failed (and how). */
type RunJobs = "alive" | "missing" | "stalled" | "failed" | "completed";

function failedBecauseStalled(job: Job | undefined): boolean {
  return Boolean(job && isStallFailure(job.failedReason));
}

export function createReconciler({ recordings, dispatcher, queues, byokCache, logger, config }: ReconcilerDeps) {
  const log = logger.child({ component: "reconciler" });

  async function runJobs(r: LiveRecording): Promise<RunJobs> {
    const ids = runJobIds({ recordingId: r.id, run: r.run });
    const analyze = await queues.analyze.getJob(ids.analyze);
    if (!analyze) return "missing";
    const state = await analyze.getState();
    if (ALIVE.has(state)) return "alive";
    if (state === "completed") return "completed";
    if (state !== "failed") return "missing";
    // A parent failed by its child carries the child's id in its reason; the stall is the child's.
    const stt = await queues.stt.getJob(ids.stt);
    return failedBecauseStalled(analyze) || failedBecauseStalled(stt) ? "stalled" : "failed";
  }

  async function fail(ref: RunRef & { userId: string; byokRef: string | null }, reason: RecordingFailureReason) {
    if (!(await recordings.failRecording(ref, recordingFailure(reason)))) return false;
    if (ref.byokRef) await clearReference(ref.id, ref.userId, ref.byokRef);
    log.warn({ recordingId: ref.id, run: ref.run, reason }, "recording failed by the reconciler");
    return true;
  }

  async function clearReference(id: string, userId: string, byokRef: string) {
    await byokCache.clear(userId, byokRef);
    await recordings.forgetByokRef(id, byokRef);
  }

  return {
    /** The stall fast path: a job that stalled past its limit fails its recording with that reason now. */
    async failStalled(ref: RunRef & { userId: string; byokRef?: string | undefined }): Promise<boolean> {
      return fail({ ...ref, byokRef: ref.byokRef ?? null }, "stalled");
    },

    async tick(): Promise<ReconcileReport> {
      const report: ReconcileReport = { dispatched: 0, rerun: 0, failed: 0, referencesCleared: 0, referencesKept: 0 };

      // 0. Waiting never bills the platform: every live recording's keys stay while it waits.
      if (config.byokKeepAlive) {
        for (const r of await recordings.liveWithByokRef()) {
          if (await keepByokAlive(byokCache, r, config.byokKeepAlive)) report.referencesKept++;
        }
      }

      // 1. The outbox: runs the web app stored but never got into the queue (it died, or Redis refused).
      for (const c of await recordings.undispatched(config.dispatchGraceMs)) {
        if (c.dispatchAttempts >= config.maxDispatchAttempts) {
          if (await fail(c, "queue_unavailable")) report.failed++;
          continue;
        }
        try {
          await dispatcher.dispatch(c);
          report.dispatched++;
        } catch (err) {
          log.warn(
            { recordingId: c.id, errorName: err instanceof Error ? err.name : "unknown" },
            "dispatch failed; will retry",
          );
        }
      }

      // 2. Live runs that went quiet: resume those whose jobs are gone or failed on our side.
      for (const r of await recordings.quiet(config.quietMs)) {
        const jobs = await runJobs(r);
        if (jobs === "alive") continue;
        if (jobs === "stalled") {
          if (await fail(r, "stalled")) report.failed++;
          continue;
        }
        if (r.dispatchAttempts >= config.maxDispatchAttempts) {
          if (await fail(r, "interrupted")) report.failed++;
          continue;
        }
        const next = await recordings.rerun(r);
        if (!next) continue;
        log.warn({ recordingId: r.id, run: next.run, jobs }, "recording resumed in a new run");
        report.rerun++;
        try {
          await dispatcher.dispatch({ ...r, run: next.run });
          report.dispatched++;
        } catch {
          // Left undispatched: the outbox step picks it up on a later tick.
        }
      }

      // 3. Key references whose recording ended but whose cache entry could not be deleted then.
      for (const r of await recordings.finalWithByokRef()) {
        await clearReference(r.id, r.userId, r.byokRef);
        report.referencesCleared++;
      }
      return report;
    },
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
