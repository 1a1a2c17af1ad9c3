import { z } from "zod";
import { providerOrderSchema } from "@byok/types";
import { protectedProcedure } from "~/lib/trpc/trpc";

export const setProviderOrder = protectedProcedure
  .input(z.object({ order: providerOrderSchema }).strict())
  .mutation(async ({ ctx, input }) => {
    const account = await ctx.services.accounts.setProviderOrder(ctx.session.userId, input.order);
    ctx.log.info({ providerOrder: account.providerOrder }, "provider order changed");
    return { providerOrder: account.providerOrder };
  });
