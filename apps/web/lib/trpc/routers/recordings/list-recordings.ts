import { protectedProcedure } from "../../trpc";
import { toRecordingView } from "./recording-view";

export const listRecordings = protectedProcedure.query(async ({ ctx }) => {
  const list = await ctx.services.recordings.list(ctx.session.userId);
  return list.map(toRecordingView);
});
