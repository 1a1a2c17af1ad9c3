import { recordingIdSchema } from "@byok/pipeline";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

export const getRecordingInput = z.object({ id: recordingIdSchema }).strict();

export const getRecording = protectedProcedure.input(getRecordingInput).query(async ({ ctx, input }) => {
  // Someone else's recording is as absent as a missing one.
  const record = await ctx.services.recordings.getOwned(input.id, ctx.session.userId);
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
  return toRecordingView(record);
});
