import { protectedProcedure } from "~/lib/trpc/trpc";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";

export const listRecordings = protectedProcedure.query(async ({ ctx }) => {
  const { recordings, usage } = ctx.services;
  const list = await recordings.list(ctx.session.userId);
  // One aggregate for the whole page, not one per row.
  const costs = await usage.recordingCosts(
    ctx.session.userId,
    list.map((r) => r.id),
  );
  return list.map((r) => ({ ...toRecordingView(r), cost: costs.get(r.id) ?? null }));
});
