import { protectedProcedure } from "~/lib/trpc/trpc";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

export const listRecordings = protectedProcedure.query(async ({ ctx }) => {
  const list = await ctx.services.recordings.list(ctx.session.userId);
  return list.map(toRecordingView);
});
