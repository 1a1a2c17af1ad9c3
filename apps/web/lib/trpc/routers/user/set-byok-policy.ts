import { z } from "zod";
import { byokPolicySchema } from "@byok/types";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const setByokPolicy = protectedProcedure
  .input(z.object({ policy: byokPolicySchema }).strict())
  .mutation(async ({ ctx, input }) => {
    const account = await ctx.services.accounts.setPolicy(ctx.session.userId, input.policy);
    ctx.log.info({ policy: account.policy }, "byok policy changed");
    return { policy: account.policy };
  });
