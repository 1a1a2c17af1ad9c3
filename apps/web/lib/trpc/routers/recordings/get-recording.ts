import { recordingIdSchema } from "@byok/pipeline";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "~/lib/trpc/trpc";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";
import { failedCallsOf } from "~/lib/trpc/routers/recordings/stage-failures";

export const getRecordingInput = z.object({ id: recordingIdSchema }).strict();

export const getRecording = protectedProcedure.input(getRecordingInput).query(async ({ ctx, input }) => {
  const { recordings, usage } = ctx.services;
  // Someone else's recording is as absent as a missing one.
  const record = await recordings.getOwned(input.id, ctx.session.userId);
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: "No such recording." });
  const failed = record.stages.stt.error !== null || record.stages.analysis.error !== null;
  const [costs, calls] = await Promise.all([
    usage.stageCosts(ctx.session.userId, record.id),
    // Only a stage with an error needs to know which call gave it.
    failed ? recordings.providerCalls(record.id) : Promise.resolve([]),
  ]);
  return { ...toRecordingView(record), costs, failedCalls: failedCallsOf(record, calls) };
});
