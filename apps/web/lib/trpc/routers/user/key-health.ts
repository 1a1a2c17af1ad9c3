import { protectedProcedure } from "~/lib/trpc/trpc";

/**
 * The last outcome of each of the user's keys, from key tests and pipeline calls: kept on the
 * server, so it survives a reload and a locked vault.
 */
export const keyHealth = protectedProcedure.query(({ ctx }) => ctx.services.keyHealth.list(ctx.session.userId));
