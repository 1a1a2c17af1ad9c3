import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { byokRefSchema } from "@byok/types";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const clearByokKeys = protectedProcedure
  .input(z.object({ ref: byokRefSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    // Entries are keyed by the session's user id: another user's ref simply is not found.
    const cleared = await ctx.services.byokCache.clear(ctx.session.userId, input.ref);
    if (!cleared)
      throw new TRPCError({
        code: "NOT_FOUND",
        message: "No cached keys under this reference: they expired or were cleared.",
      });
    return { cleared };
  });
