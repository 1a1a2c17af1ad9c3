import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { byokRefSchema } from "@byok/types";
import { protectedProcedure } from "~/lib/trpc/trpc";

/** A mutation so the reference travels in a POST body, never in a URL (logs, history, referrers). */
export const byokStatus = protectedProcedure
  .input(z.object({ ref: byokRefSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    const entry = await ctx.services.byokCache.peek(ctx.session.userId, input.ref);
    if (!entry) {
      throw new TRPCError({
        code: "NOT_FOUND",
        message: "No cached keys under this reference: they expired or were cleared.",
      });
    }
    return {
      providers: entry.providers,
      ttlSeconds: entry.ttlSeconds,
      expiresAt: Date.now() + entry.ttlSeconds * 1000,
    };
  });
