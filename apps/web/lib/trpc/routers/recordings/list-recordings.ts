import { protectedProcedure } from "../../trpc";
import { pipelineFor } from "./pipeline-services";
import { toRecordingView } from "./recording-view";

export const listRecordings = protectedProcedure.query(async ({ ctx }) => {
  const list = await pipelineFor(ctx.services).recordings.list(ctx.session.userId);
  return list.map(toRecordingView);
});
