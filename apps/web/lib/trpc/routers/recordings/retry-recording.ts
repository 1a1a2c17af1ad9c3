import type { Redis } from "ioredis";
import { recordingIdSchema } from "@byok/pipeline";
import { byokRefSchema } from "@byok/types";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import { createRedisLimiter, type Limiter } from "~/lib/server/rate-limit";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

/**
 * `own`: the user's keys, cached a moment ago by `user.cacheByokKeys` exactly as for an upload (the
 * keys travel in X-BYOK-Key on that call only; this one carries the reference). `platform`: the
 * platform's keys, only under the "fallback" policy.
 */
export const retryRecordingInput = z.discriminatedUnion("keys", [
  z
    .object({ id: recordingIdSchema, run: z.number().int().min(1), keys: z.literal("own"), byokRef: byokRefSchema })
    .strict(),
  z.object({ id: recordingIdSchema, run: z.number().int().min(1), keys: z.literal("platform") }).strict(),
]);

// A retry starts paid provider calls: bounded per user like the other mutations that do.
const RETRY_POINTS = 20;
const RETRY_WINDOW_SECONDS = 60;
const limiters = new WeakMap<Redis, Limiter>();
function retryLimiter(redis: Redis, prefix: string): Limiter {
  let limiter = limiters.get(redis);
  if (!limiter) {
    limiter = createRedisLimiter({
      redis,
      prefix,
      name: "retry",
      points: RETRY_POINTS,
      windowSeconds: RETRY_WINDOW_SECONDS,
      what: "retries",
    });
    limiters.set(redis, limiter);
  }
  return limiter;
}

/**
 * Starts a new run of the caller's failed recording (docs/billing.md, "Retrying a failed
 * recording"). Completed stages are kept, so a stored transcript is not paid for again. Safe to
 * repeat: a second call for the same run answers with the run the first one started.
 */
export const retryRecording = protectedProcedure.input(retryRecordingInput).mutation(async ({ ctx, input }) => {
  const { recordings, accounts, byokCache, dispatcher, redis, env } = ctx.services;
  const userId = ctx.session.userId;
  const byokRef = input.keys === "own" ? input.byokRef : null;
  // The reference was cached for this retry; whenever this call does not hand it to a run, it goes.
  const dropRef = async () => {
    if (byokRef) await byokCache.clear(userId, byokRef).catch(() => undefined);
  };

  try {
    await retryLimiter(redis, env.BYOK_REDIS_PREFIX).consume(userId);
    const current = await recordings.getOwned(input.id, userId);
    if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
    if (input.keys === "platform") {
      const account = await accounts.get(userId);
      if (account?.policy !== "fallback") {
        throw new TRPCError({
          code: "FORBIDDEN",
          message:
            "Your settings use only your own keys, so this recording cannot run on the platform's keys. Retry it with your keys.",
        });
      }
    }
    if (current.stages.stt.status !== "completed" && current.storedPath === null) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "The uploaded file is no longer stored, so this recording cannot be processed again. Upload it again.",
      });
    }
    // A reference that is not this user's, expired or cleared looks the same as on upload.
    if (byokRef && !(await byokCache.peek(userId, byokRef))) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: "Your cached keys were not found or have expired. Cache your keys again and retry.",
      });
    }

    const result = await recordings.retryFailed({ id: input.id, run: input.run }, userId, byokRef);
    if (!result.ok) {
      if (result.problem === "not_found") throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
      if (result.problem === "already_retried" && result.record) {
        if (result.record.byokRef !== byokRef) await dropRef();
        return toRecordingView(result.record);
      }
      throw new TRPCError({
        code: "CONFLICT",
        message:
          result.problem === "stale_run"
            ? "This recording has changed since you loaded it. Reload the page."
            : "Only a failed recording can be retried.",
      });
    }
    // The previous run's keys are of no further use.
    if (result.previousByokRef && result.previousByokRef !== byokRef) {
      await byokCache.clear(userId, result.previousByokRef).catch(() => undefined);
    }
    try {
      await dispatcher.dispatch(result.record);
    } catch (err) {
      // Stored is enough: the reconciler relays it once the queue answers again.
      ctx.log.warn(
        { recordingId: result.record.id, errorName: err instanceof Error ? err.name : "unknown" },
        "retry stored but not yet queued",
      );
    }
    ctx.log.info({ recordingId: result.record.id, run: result.record.run, keys: input.keys }, "recording retried");
    return toRecordingView(result.record);
  } catch (err) {
    await dropRef();
    throw err;
  }
});
