import { recordingIdSchema } from "@byok/pipeline";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import { pipelineFor } from "~/lib/trpc/routers/recordings/pipeline-services";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

export const getRecordingInput = z.object({ id: recordingIdSchema }).strict();

export const getRecording = protectedProcedure.input(getRecordingInput).query(async ({ ctx, input }) => {
  const record = await pipelineFor(ctx.services).recordings.get(input.id);
  // Someone else's recording is as absent as a missing one.
  if (!record || record.userId !== ctx.session.userId) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
  }
  return toRecordingView(record);
});
