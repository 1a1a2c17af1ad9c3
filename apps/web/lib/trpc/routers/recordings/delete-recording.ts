import { recordingIdSchema, runJobIds } from "@byok/pipeline";
import { removeUpload } from "@byok/uploads";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const deleteRecordingInput = z.object({ id: recordingIdSchema }).strict();

/**
 * Deletes the row (its stages go with it; provider calls stay, without the link), then the jobs,
 * the cached keys and the file. A job already running finds its recording gone and stops; the
 * retention sweep removes a file whose delete failed here.
 */
export const deleteRecording = protectedProcedure.input(deleteRecordingInput).mutation(async ({ ctx, input }) => {
  const { recordings, queues, byokCache } = ctx.services;
  const deleted = await recordings.deleteOwned(input.id, ctx.session.userId);
  if (!deleted) throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
  const ids = runJobIds({ recordingId: deleted.id, run: deleted.run });
  // BullMQ removes a flow's children with the parent, and refuses to remove an active job (that one
  // finds its recording gone and stops by itself).
  const cleanups: Promise<unknown>[] = [
    queues.analyze.remove(ids.analyze, { removeChildren: true }),
    queues.stt.remove(ids.stt),
  ];
  if (deleted.byokRef) cleanups.push(byokCache.clear(deleted.userId, deleted.byokRef));
  if (deleted.storedPath) cleanups.push(removeUpload(deleted.storedPath));
  const results = await Promise.allSettled(cleanups);
  const leftovers = results.filter((r) => r.status === "rejected").length;
  ctx.log.info({ recordingId: deleted.id, leftovers }, "recording deleted");
  return { id: deleted.id };
});
